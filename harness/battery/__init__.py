"""Batteries: the questions, their gold answers and the citation registry, loaded and validated.

A battery lives in three kinds of human-written YAML files (see README "Battery format"):

- ``evals/<name>.yaml``: the battery card and its questions;
- ``gold_answers/<name>/<question_id>.yaml``: one gold answer per question;
- ``gold_answers/sources.yaml``: the citation registry shared by all batteries.

``load_battery()`` reads them all and reports *every* problem at once (file:line, field, what was
expected, what was found) as one ``BatteryError``. The records are frozen pydantic models: the
validation happens at the file boundary and the rest of the harness sees only valid records.

Modules: ``models`` (the records), ``loading`` (files -> a Battery, fingerprint), ``problems``
(field errors located in the YAML, cross-record checks), ``importers`` (other formats -> a battery).
"""

from harness.battery.loading import (
    battery_names,
    fingerprint,
    load_battery,
    load_sources,
    raw_ids_ordered,
    resolve_battery_path,
)
from harness.battery.models import (
    DEFAULT_READING_GRADE,
    DEFAULT_SYSTEM_PROMPT,
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    Battery,
    BatteryCard,
    BatteryDefaults,
    Claim,
    ClaimKind,
    GoldAnswer,
    PatientContext,
    Question,
    Requirements,
    Severity,
    Source,
)

__all__ = [
    "DEFAULT_READING_GRADE", "DEFAULT_SYSTEM_PROMPT", "NEGATIVE_KINDS", "POSITIVE_KINDS", "Battery", "BatteryCard",
    "BatteryDefaults", "Claim", "ClaimKind", "GoldAnswer", "PatientContext", "Question", "Requirements", "Severity",
    "Source", "battery_names", "fingerprint", "load_battery", "load_sources", "raw_ids_ordered",
    "resolve_battery_path",
]
