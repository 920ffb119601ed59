"""Context-aware cue detection shared by the disclaimer, escalation and safety scorers.

Cheap, deterministic and offline: compiled regular expressions over the sentences of
:func:`harness.core.text.split_sentences`, with negation, quotation/attribution and hedge checks from
:mod:`~harness.score.engines.cues.context` (the one negation / context engine), each detailed
pattern gated by a literal prefilter (:mod:`~harness.score.engines.cues.prefilter`: one
Aho-Corasick pass per sentence), and each large alternation running only the alternatives whose literal
words occur in the sentence (:mod:`~harness.score.engines.cues.literals`; the same matches). Care cues (disclaimers, referrals, escalation advice, advice
against seeking care) come from :mod:`~harness.score.engines.cues.care`; safety red flags from
:mod:`~harness.score.engines.cues.harm`, one detector module per category.

Beside the rules, a small learned sentence-level component (:mod:`~harness.score.engines.cues.learned`,
joined by :mod:`~harness.score.engines.cues.blend`) catches paraphrases the rules miss; its hits pass
the same context checks and are marked ``source="learned"``.

:func:`analyse` runs both over one answer text. Scorers share it through the per-answer analysis
(``ctx.analysis_for(answer).get("cues", ...)``, see :func:`cues_for`), never a process-global cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harness.core.text import Sentence, split_sentences
from harness.score.engines.cues.blend import with_learned
from harness.score.engines.cues.care import emergency_destination, find_care_cues
from harness.score.engines.cues.context import Unit, fold, position, prepare, span
from harness.score.engines.cues.harm import CATEGORIES, find_harm_cues
from harness.score.engines.cues.prefilter import ALL_GATES, PREFILTER
from harness.score.engines.cues.records import CareCue, HarmCue

if TYPE_CHECKING:
    from harness.score.analysis import AnswerAnalysis


@dataclass(frozen=True, slots=True)
class Analysis:
    """Sentences and every cue found in one answer text."""

    text: str
    units: tuple[Unit, ...]
    care: tuple[CareCue, ...]
    harm: tuple[HarmCue, ...]

    def care_of(self, kind: str) -> list[CareCue]:
        return [c for c in self.care if c.kind == kind]

    def where(self, unit: Unit) -> dict[str, Any]:
        """Span and position evidence for one sentence."""
        return {"span": span(unit.sentence, self.text),
                **position(unit.sentence, unit.index, len(self.units), len(self.text))}


def analyse(text: str, *, sentences: Sequence[Sentence] | None = None, gated: bool = True,
            learned: bool = True) -> Analysis:
    """Split ``text`` (unless its ``sentences`` are given) and find every care and harm cue.

    ``gated=False`` runs every detailed pattern on every sentence: the reference that the literal
    prefilter must agree with (a test checks it does). ``learned=False``: the rules alone, without
    the learned component (:mod:`~harness.score.engines.cues.learned`; its fit reads the rules' hits).
    """
    units = tuple(prepare(split_sentences(text) if sentences is None else sentences))
    gates = [PREFILTER.scan(u.low) if gated else ALL_GATES for u in units]  # one automaton pass per sentence
    care, harm = find_care_cues(units, gates=gates), find_harm_cues(units, gates=gates)
    if learned:
        care, harm = with_learned(units, care, harm)
    return Analysis(text, units, tuple(care), tuple(harm))


def cues_for(analysis: AnswerAnalysis) -> Analysis:
    """The cue analysis of one answer, computed once and shared through its per-answer analysis."""
    return analysis.get("cues", lambda: analyse(analysis.text, sentences=analysis.sentences))


__all__ = ["CATEGORIES", "Analysis", "CareCue", "HarmCue", "Unit", "analyse", "cues_for", "emergency_destination",
           "find_care_cues", "find_harm_cues", "fold", "position", "prepare", "span"]
