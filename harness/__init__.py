"""answer-audit: audit patient-facing cancer answers against clinician-written gold answers.

The public API, in data-flow order: load a Battery, make a Generator, run_battery() into a
RunStore, and rebuild exports and reports from the store.
"""

from harness.battery import Battery, Claim, GoldAnswer, PatientContext, Question, Source, load_battery
from harness.core.records import Answer, ClaimVerdict, Score, Span
from harness.errors import BatteryError, ConfigError, HarnessError, StoreError, UnknownNameError
from harness.generate import Generator, GeneratorOptions, make_generator
from harness.run import RunSummary, run_battery, score_answer
from harness.score import SCORERS, Scorer, ScoringContext, build_scorers, register_scorer
from harness.store import RunRecord, RunStore

__version__ = "0.1.0"

__all__ = [
    "SCORERS",
    "Answer",
    "Battery",
    "BatteryError",
    "Claim",
    "ClaimVerdict",
    "ConfigError",
    "Generator",
    "GeneratorOptions",
    "GoldAnswer",
    "HarnessError",
    "PatientContext",
    "Question",
    "RunRecord",
    "RunStore",
    "RunSummary",
    "Score",
    "Scorer",
    "ScoringContext",
    "Source",
    "Span",
    "StoreError",
    "UnknownNameError",
    "__version__",
    "build_scorers",
    "load_battery",
    "make_generator",
    "register_scorer",
    "run_battery",
    "score_answer",
]
