"""The two records the cue detectors produce: a care cue and a red flag, each tied to one sentence.

Each says whether a rule or the learned component found it (:func:`provenance`, for the evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from harness.score.engines.cues.context import Unit

CareKind = Literal["not_advice", "referral", "item_referral", "escalation", "contrary"]
Severity = Literal["low", "medium", "high"]
Source = Literal["rule", "learned"]


@dataclass(frozen=True, slots=True)
class CareCue:
    """One care-team cue in one sentence."""

    kind: CareKind
    unit: Unit
    phrase: str
    """The matched words (folded), for the evidence."""
    note: str = ""
    """Why a contrary cue is contrary ("negated by 'don't'"); for a disclaimer, its kind
    (``general-information``, ``not-a-substitute``, ``team-decides``); for an item referral, the item."""
    triggers: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)
    """Where the phrase sits in ``unit.low``."""
    source: Source = "rule"
    """``rule`` (a detector pattern) or ``learned`` (:mod:`~harness.score.engines.cues.learned`)."""
    probability: float | None = None
    """The learned component's probability (learned hits only)."""


@dataclass(frozen=True, slots=True)
class HarmCue:
    """One red flag in one sentence: its category, severity, the words matched and why."""

    category: str
    severity: Severity
    unit: Unit
    phrase: str
    note: str = ""
    source: Source = "rule"
    probability: float | None = None


def provenance(cue: CareCue | HarmCue) -> dict[str, str | float]:
    """Evidence fields saying who found a cue: ``source`` (rule / learned) and a learned hit's probability."""
    if cue.probability is None:
        return {"source": cue.source}
    return {"source": cue.source, "probability": cue.probability}
