"""answer-audit: audit patient-facing cancer answers against clinician-written gold answers.

The public API, in data-flow order: load a Battery, make a Generator, run_battery() into a
RunStore, and rebuild exports and reports from the store.

Names are imported on first use (PEP 562), so ``import harness`` (and the command line's
``--help``) stays fast: nothing heavy is loaded until a name that needs it is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE: dict[str, str] = {
    "Battery": "harness.battery", "Claim": "harness.battery", "GoldAnswer": "harness.battery",
    "PatientContext": "harness.battery", "Question": "harness.battery", "Source": "harness.battery",
    "load_battery": "harness.battery",
    "Answer": "harness.core.records", "ClaimVerdict": "harness.core.records", "Score": "harness.core.records",
    "Span": "harness.core.records",
    "BatteryError": "harness.errors", "ConfigError": "harness.errors", "HarnessError": "harness.errors",
    "StoreError": "harness.errors", "UnknownNameError": "harness.errors",
    "Generator": "harness.generate", "GeneratorOptions": "harness.generate", "make_generator": "harness.generate",
    "RunSummary": "harness.run", "run_battery": "harness.run", "score_answer": "harness.run",
    "SCORERS": "harness.score", "Scorer": "harness.score", "ScoringContext": "harness.score",
    "build_scorers": "harness.score", "register_scorer": "harness.score",
    "RunRecord": "harness.store", "RunStore": "harness.store",
}
"""Public name -> the module that defines it."""

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


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access and cache the name here."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'harness' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from harness.battery import Battery, Claim, GoldAnswer, PatientContext, Question, Source, load_battery
    from harness.core.records import Answer, ClaimVerdict, Score, Span
    from harness.errors import BatteryError, ConfigError, HarnessError, StoreError, UnknownNameError
    from harness.generate import Generator, GeneratorOptions, make_generator
    from harness.run import RunSummary, run_battery, score_answer
    from harness.score import SCORERS, Scorer, ScoringContext, build_scorers, register_scorer
    from harness.store import RunRecord, RunStore
