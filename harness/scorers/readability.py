"""Reading-grade scorer (first honest version: Flesch-Kincaid grade on markdown-aware sentences)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from harness.records import Answer, Score
from harness.scorers.base import ScoringContext, register_scorer, unscorable_reason, unscored
from harness.text import split_sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    n = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(1, n)


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ReadingGrade:
    """Flesch-Kincaid grade level of the answer (lower is better); passes at or below the target."""

    name: ClassVar[str] = "reading_grade"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "0"

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        sentences = split_sentences(answer.text)
        words = [w for s in sentences for w in _WORD.findall(s.text)]
        if not words:
            return unscored(self.name, answer, "no English words to measure")
        syl = sum(_syllables(w) for w in words)
        grade = 0.39 * len(words) / len(sentences) + 11.8 * syl / len(words) - 15.59
        target = ctx.reading_grade_target
        return Score(scorer=self.name, question_id=answer.question_id, sample=answer.sample,
                     value=round(grade, 2), passed=grade <= target,
                     reason=f"FKGL {grade:.1f} vs target {target:g}",
                     evidence={"fkgl": round(grade, 2), "sentences": len(sentences), "words": len(words)})
