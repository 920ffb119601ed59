"""Disclaimer scorer (first honest version: phrase patterns; the scorers issue makes it meaning-based)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from harness.records import Answer, Score
from harness.scorers.base import ScoringContext, register_scorer, unscorable_reason, unscored
from harness.text import split_sentences

_DISCLAIMER = re.compile(
    r"not (?:a substitute for |)medical advice|general information|consult (?:your|a) (?:doctor|oncologist|"
    r"care team|healthcare)|talk (?:with|to) your (?:doctor|care team|oncologist)", re.I)


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class Disclaimer:
    """1 when the answer carries a disclaimer / care-team referral, else 0 (higher is better)."""

    name: ClassVar[str] = "disclaimer"
    higher_is_better: ClassVar[bool] = True
    version: ClassVar[str] = "0"

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        hits = [s for s in split_sentences(answer.text) if _DISCLAIMER.search(s.text)]
        found = bool(hits)
        passed = found or not ctx.disclaimer_required
        reason = f"disclaimer found: {hits[0].text!r}" if found else "no disclaimer found"
        return Score(scorer=self.name, question_id=answer.question_id, sample=answer.sample,
                     value=float(found), passed=passed, reason=reason,
                     evidence={"sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in hits]})
