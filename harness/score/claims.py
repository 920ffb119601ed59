"""Claim scorers: how much of the gold checklist an answer covers, and what it gets wrong.

Both scorers aggregate the answer's judgements by their judge profile, which the per-answer
analysis computes once per (answer, judge) and the runner stores once in the judgements table.
``claim_recall`` is the share of the gold answer's essential claims (in force on the audit date)
that the answer supports.
``claim_problems`` counts contradicted essential/supporting claims plus stated harmful/outdated
claims; it is never netted against good content (harm is its own measure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, ClassVar

from pydantic import Field

from harness.core.records import Answer, Judgement, Score
from harness.errors import HarnessError
from harness.score.base import Outcome, ScoringContext, register_scorer, scored, unscored
from harness.score.engines.judge import PLUGIN_MODULES, get_judge


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRecall:
    """Share of essential gold claims the answer supports (0-1, higher is better).

    Unscored when no essential claim applies on the audit date or the judge cannot judge. Passes
    at ``min_recall`` or above.
    """

    name: ClassVar[str] = "claim_recall"
    higher_is_better: ClassVar[bool] = True
    version: ClassVar[str] = "2"  # 2: the calibrated claim judge (harness.score.engines.judge)
    description: ClassVar[str] = ("Share of the gold answer's essential facts (in force on the audit date) "
                                  "that the answer states.")
    min_recall: Annotated[float, Field(ge=0, le=1)] = 0.6
    judge: Annotated[str, Field(min_length=1)] = "default"
    """Judge profile: default, a calibrated profile name or path, or a plug-in such as openai:MODEL."""

    def __post_init__(self) -> None:
        _check_judge(self.judge)

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        return _score(self, answer, ctx)

    def aggregate(self, judgements: Sequence[Judgement], verdicts: Mapping[str, str] | None = None) -> Outcome:
        """Recall over the essential claims in force; ``verdicts`` overrides claim ids' verdicts (reviews)."""
        final = {v.claim_id: (verdicts or {}).get(v.claim_id, v.verdict) for v in judgements}
        counted = [v for v in judgements if v.claim_kind == "essential" and v.applies]
        if not counted:
            return Outcome(None, None, "gold has no essential claim in force")
        supported = sum(final[v.claim_id] == "supported" for v in counted)
        value = supported / len(counted)
        missing = [v.claim_id for v in counted if final[v.claim_id] == "missing"]
        contradicted = [v.claim_id for v in counted if final[v.claim_id] == "contradicted"]
        reason = f"{supported} of {len(counted)} essential claims supported"
        if missing:
            reason += f"; missing: {', '.join(missing)}"
        if contradicted:
            reason += f"; contradicted: {', '.join(contradicted)}"
        return Outcome(round(value, 6), value >= self.min_recall, reason,
                       {"supported": supported, "essential": len(counted), "missing": len(missing),
                        "contradicted": len(contradicted)})

    def judged(self, judgements: Sequence[Judgement]) -> tuple[Judgement, ...]:
        """The judgements this scorer reads: the essential and supporting claims'."""
        return tuple(v for v in judgements if v.claim_kind in ("essential", "supporting"))


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimProblems:
    """Number of contradicted gold claims plus stated harmful/outdated claims (lower is better).

    Passes only at zero. Unscored when the judge cannot judge.
    """

    name: ClassVar[str] = "claim_problems"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "2"  # 2: the calibrated claim judge (harness.score.engines.judge)
    description: ClassVar[str] = ("Gold facts the answer contradicts plus harmful or outdated statements it "
                                  "makes; never netted against good content.")
    judge: Annotated[str, Field(min_length=1)] = "default"
    """Judge profile, as for claim_recall."""

    def __post_init__(self) -> None:
        _check_judge(self.judge)

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        return _score(self, answer, ctx)

    def aggregate(self, judgements: Sequence[Judgement], verdicts: Mapping[str, str] | None = None) -> Outcome:
        """Contradicted plus stated claims in force; ``verdicts`` overrides claim ids' verdicts (reviews)."""
        final = {v.claim_id: (verdicts or {}).get(v.claim_id, v.verdict) for v in judgements}
        problems = [v for v in judgements if v.applies and final[v.claim_id] in ("contradicted", "stated")]
        by_kind: dict[str, int] = {}
        for v in problems:
            by_kind[v.claim_kind] = by_kind.get(v.claim_kind, 0) + 1
        if problems:
            reason = "; ".join(f"{v.claim_id} {final[v.claim_id]} ({v.claim_kind}, {v.severity})" for v in problems)
        else:
            reason = "no contradicted claims and no harmful or outdated claim stated"
        return Outcome(float(len(problems)), not problems, reason,
                       {"by_kind": by_kind, "high_severity": sum(v.severity == "high" for v in problems)})

    def judged(self, judgements: Sequence[Judgement]) -> tuple[Judgement, ...]:
        """The judgements this scorer reads: every claim's."""
        return tuple(judgements)


def _score(scorer: ClaimRecall | ClaimProblems, answer: Answer, ctx: ScoringContext) -> Score:
    """Aggregate the answer's judgements by the scorer's judge (judged once per answer and judge)."""
    try:
        judgements = ctx.analysis_for(answer).judgements(scorer.judge)
    except HarnessError as exc:  # e.g. an LLM judge whose output stayed unparseable: unscored, not 0
        return unscored(scorer.name, answer, f"judge could not judge the claims: {exc}")
    mine = scorer.judged(judgements)
    out = scorer.aggregate(mine)
    return scored(scorer.name, answer, value=out.value, passed=out.passed, reason=out.reason,
                  evidence=out.evidence, claim_verdicts=mine, judge=scorer.judge)


def _check_judge(profile: str) -> None:
    """Fail when the scorer is built (before any answer is generated) on an unknown offline profile.

    Plug-in profiles (``openai:MODEL``) are resolved when first used: building them may need
    credentials that only the run has.
    """
    if profile.split(":", 1)[0] not in PLUGIN_MODULES:
        get_judge(profile)
