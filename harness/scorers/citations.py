"""Citation scorer (first honest version: URL/registry-title mentions; the scorers issue completes it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from harness.records import Answer, Score
from harness.scorers.base import ScoringContext, register_scorer, unscorable_reason, unscored

_URL = re.compile(r"https?://[^\s)\]>]+")


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """1 when the answer cites at least one registry source, else 0 (higher is better)."""

    name: ClassVar[str] = "citation"
    higher_is_better: ClassVar[bool] = True
    version: ClassVar[str] = "0"

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        low = answer.text.lower()
        verified = sorted(s.id for s in ctx.sources.values()
                          if s.title.lower() in low or any(a.lower() in low for a in s.aliases)
                          or (s.url and s.url.lower() in low))
        urls = _URL.findall(answer.text)
        value = 1.0 if verified else 0.0
        reason = f"verified: {', '.join(verified)}" if verified else "no registry source cited"
        return Score(scorer=self.name, question_id=answer.question_id, sample=answer.sample,
                     value=value, passed=bool(verified) or not ctx.citation_required, reason=reason,
                     evidence={"verified": verified, "urls": urls})
