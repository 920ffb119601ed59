"""Claim scorers: how much of the gold checklist an answer covers, and what it gets wrong.

Both scorers use the claim judge (``harness.score.engines.judge``). ``claim_recall`` is the share of the gold
answer's essential claims (in force on the audit date) that the answer supports.
``claim_problems`` counts contradicted essential/supporting claims plus stated harmful/outdated
claims; it is never netted against good content (harm is its own measure).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from harness.core.records import Answer, Score
from harness.errors import HarnessError
from harness.score.base import ScoringContext, register_scorer, scored, unscorable_reason, unscored
from harness.score.engines.judge import PLUGIN_MODULES, get_judge, judge_answer


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRecall:
    """Share of essential gold claims the answer supports (0-1, higher is better).

    Unscored when generation failed, the answer is empty, or no essential claim applies on the
    audit date. Passes at ``min_recall`` or above.
    """

    name: ClassVar[str] = "claim_recall"
    higher_is_better: ClassVar[bool] = True
    version: ClassVar[str] = "2"  # 2: the calibrated claim judge (harness.score.engines.judge)
    min_recall: float = 0.6
    judge: str = "default"
    """Judge profile: default, a calibrated profile name or path, or a plug-in such as openai:MODEL."""

    def __post_init__(self) -> None:
        _check_judge(self.judge)

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        claims = ctx.gold.claims_of("essential", "supporting")
        try:
            verdicts = judge_answer(answer.text, claims, as_of=ctx.as_of, profile=self.judge)
        except HarnessError as exc:  # e.g. an LLM judge whose output stayed unparseable: unscored, not 0
            return unscored(self.name, answer, f"judge could not judge the claims: {exc}")
        counted = [v for v in verdicts if v.claim_kind == "essential" and v.applies]
        if not counted:
            return scored(self.name, answer,
                         value=None, passed=None, reason="gold has no essential claim in force",
                         claim_verdicts=tuple(verdicts))
        supported = sum(v.verdict == "supported" for v in counted)
        value = supported / len(counted)
        missing = [v.claim_id for v in counted if v.verdict == "missing"]
        contradicted = [v.claim_id for v in counted if v.verdict == "contradicted"]
        reason = f"{supported} of {len(counted)} essential claims supported"
        if missing:
            reason += f"; missing: {', '.join(missing)}"
        if contradicted:
            reason += f"; contradicted: {', '.join(contradicted)}"
        return scored(self.name, answer,
                     value=round(value, 6), passed=value >= self.min_recall, reason=reason,
                     evidence={"supported": supported, "essential": len(counted), "missing": len(missing),
                               "contradicted": len(contradicted)},
                     claim_verdicts=tuple(verdicts))


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimProblems:
    """Number of contradicted gold claims plus stated harmful/outdated claims (lower is better).

    Passes only at zero. Unscored when generation failed or the answer is empty.
    """

    name: ClassVar[str] = "claim_problems"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "2"  # 2: the calibrated claim judge (harness.score.engines.judge)
    judge: str = "default"
    """Judge profile, as for claim_recall."""

    def __post_init__(self) -> None:
        _check_judge(self.judge)

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        try:
            verdicts = judge_answer(answer.text, ctx.gold.claims, as_of=ctx.as_of, profile=self.judge)
        except HarnessError as exc:
            return unscored(self.name, answer, f"judge could not judge the claims: {exc}")
        problems = [v for v in verdicts if v.applies and v.verdict in ("contradicted", "stated")]
        by_kind: dict[str, int] = {}
        for v in problems:
            by_kind[v.claim_kind] = by_kind.get(v.claim_kind, 0) + 1
        if problems:
            reason = "; ".join(f"{v.claim_id} {v.verdict} ({v.claim_kind}, {v.severity})" for v in problems)
        else:
            reason = "no contradicted claims and no harmful or outdated claim stated"
        return scored(self.name, answer,
                     value=float(len(problems)), passed=not problems, reason=reason,
                     evidence={"by_kind": by_kind,
                               "high_severity": sum(v.severity == "high" for v in problems)},
                     claim_verdicts=tuple(verdicts))


def _check_judge(profile: str) -> None:
    """Fail when the scorer is built (before any answer is generated) on an unknown offline profile.

    Plug-in profiles (``openai:MODEL``) are resolved when first used: building them may need
    credentials that only the run has.
    """
    if profile.split(":", 1)[0] not in PLUGIN_MODULES:
        get_judge(profile)
