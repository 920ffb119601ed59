"""Context-aware cue detection shared by the disclaimer, escalation and safety scorers.

Cheap, deterministic and offline: compiled regular expressions over the sentences of
:func:`harness.core.text.split_sentences`, with negation, quotation/attribution and hedge checks from
:mod:`harness.score.engines.cues.context`. :mod:`harness.score.engines.cues.care` finds disclaimers, referrals, escalation
advice and advice against seeking care; :mod:`harness.score.engines.cues.harm` finds the safety red flags.
:func:`analyse` runs both once per answer text (cached), so the three scorers share the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from harness.core.text import split_sentences
from harness.score.engines.cues.care import CareCue, emergency_destination, find_care_cues
from harness.score.engines.cues.context import Unit, fold, position, prepare, span
from harness.score.engines.cues.harm import CATEGORIES, HarmCue, find_harm_cues


@dataclass(frozen=True, slots=True)
class Analysis:
    """Sentences and every cue found in one answer text."""

    text: str
    units: tuple[Unit, ...]
    care: tuple[CareCue, ...]
    harm: tuple[HarmCue, ...]

    def care_of(self, kind: str) -> list[CareCue]:
        return [c for c in self.care if c.kind == kind]

    def where(self, unit: Unit) -> dict[str, object]:
        """Span and position evidence for one sentence."""
        return {"span": span(unit.sentence, self.text),
                **position(unit.sentence, unit.index, len(self.units), len(self.text))}


@lru_cache(maxsize=32)
def analyse(text: str) -> Analysis:
    """Split ``text`` and find every care and harm cue (cached: the three scorers share one pass)."""
    units = tuple(prepare(split_sentences(text)))
    return Analysis(text, units, tuple(find_care_cues(units)), tuple(find_harm_cues(units)))


__all__ = ["CATEGORIES", "Analysis", "CareCue", "HarmCue", "Unit", "analyse", "emergency_destination",
           "find_care_cues", "find_harm_cues", "fold", "position", "prepare", "span"]
