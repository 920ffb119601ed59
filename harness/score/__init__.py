"""Built-in scorers, one module per family; importing this package registers them all."""

from harness.score import citations, claims, disclaimers, escalation, readability, safety, unsupported  # noqa: F401
from harness.score.base import (
    DEFAULT_SCORERS,
    SCORERS,
    Scorer,
    ScoringContext,
    build_scorer,
    build_scorers,
    register_scorer,
    scorer_spec,
)

__all__ = [
    "DEFAULT_SCORERS",
    "SCORERS",
    "Scorer",
    "ScoringContext",
    "build_scorer",
    "build_scorers",
    "register_scorer",
    "scorer_spec",
]
