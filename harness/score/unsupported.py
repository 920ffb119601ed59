"""``unsupported_statements``: specific statements of the answer that nothing it is checked against backs.

Lower is better. ``value`` is the number of the answer's *specific* statements (numbers,
percentages, time frames, survival or response figures, dated approvals and guideline facts,
"X is standard / recommended / approved for Y", named drugs for named situations) that no gold
claim, no part of the gold answer and no key fact of a cited registry source carries; ``passed``
when that number is at most ``max_unsupported`` (default 0). General advice, questions, headings,
reference lists and disclaimers are not checked. The engine is ``harness.score.engines.statements``.

Evidence: ``statements`` (each with id, text, span, kind, status ``backed``/``unsupported``, what
backs it or why nothing does), ``cited_sources`` (registry ids the answer cites whose key facts
were used); the unsupported statements are ``Score.spans`` and ``Score.flags`` (kind
``unsupported_statement``, severity medium), so the report highlights them.

Reviewers can override each statement's status (review target ``statement``, id ``s<start>-<end>``);
``aggregate(statements, overrides)`` recomputes the value the same way for automatic and reviewed
results. Shared work: the sentences, the citation mentions and the claim judgements come from the
per-answer analysis; the gold's passages are built once per question (``per_question``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import Field

from harness.core.records import Answer, Flag, Score, Span
from harness.errors import HarnessError
from harness.score.base import Outcome, ScoringContext, register_scorer, scored, unscorable_reason, unscored
from harness.score.engines.statements import (
    DEFAULT_MIN_OVERLAP,
    Passage,
    check_statements,
    fact_passages,
    find_statements,
    gold_passages,
)
from harness.score.engines.statements.numbers import Quantity, quantities

GOLD_KEY = "statements:gold-passages"
"""Analysis key of the question's gold passages (built once per question by ``per_question``)."""
STATUSES: tuple[str, ...] = ("backed", "unsupported", "not_specific")
"""A statement's status; ``not_specific`` exists only as a reviewer's override (not counted).
The review app offers these values for statement overrides."""


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class UnsupportedStatements:
    """Number of specific statements nothing backs (lower is better); passes at ``max_unsupported`` or fewer."""

    name: ClassVar[str] = "unsupported_statements"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "1"
    reviewed_items: ClassVar[str] = "statements"
    """Evidence key of the items reviewers decide on one by one (review target ``statement``, by id)."""
    description: ClassVar[str] = ("Specific statements (figures, time frames, dated approvals, \"X is standard "
                                  "for Y\", named drugs) that neither the gold answer nor a cited registry source "
                                  "backs: what the answer invents.")
    max_unsupported: Annotated[int, Field(ge=0)] = 0
    """Most unsupported statements an answer may make and still pass."""
    min_overlap: Annotated[float, Field(ge=0, le=1)] = DEFAULT_MIN_OVERLAP
    """Share of a statement's content words a backing text must contain (its numbers must all match)."""
    claim_judge: Annotated[str, Field(min_length=1)] | None = "default"
    """Judge profile whose supported claims may back statements they overlap; None: words and numbers only."""

    def per_question(self, ctx: ScoringContext) -> dict[str, Any]:
        """The gold's passages, built once per question and shared by all its answers."""
        return {GOLD_KEY: _gold(ctx)}

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:  # the runner checks too; this is for direct calls
            return unscored(self.name, answer, why)
        analysis = ctx.analysis_for(answer)
        text = analysis.text
        mentions, cited = _citations(ctx, analysis)
        statements = find_statements(text, analysis.sentences, [(m.start, m.end) for m in mentions],
                                     given=_given(ctx))
        passages = analysis.get(GOLD_KEY, lambda: _gold(ctx))
        facts = {sid: ctx.sources[sid].key_facts for sid in cited if getattr(ctx.sources[sid], "key_facts", ())}
        judged, note = self._judged(analysis) if statements else ({}, "")
        checked = check_statements(statements, (*passages, *fact_passages(facts)), min_overlap=self.min_overlap,
                                   judged=judged, sources_cited=sorted(facts))
        items = [c.to_json() for c in checked]
        out = self.aggregate(items)
        evidence = {**out.evidence, "cited_sources": sorted(facts)}
        if note:
            evidence["judge_note"] = note
        unsupported = [i for i in items if i["status"] == "unsupported"]
        spans = [Span(i["span"]["start"], i["span"]["end"], i["text"]) for i in unsupported]
        flags = [Flag(kind="unsupported_statement", severity="medium", span=sp, why=f"{i['kind']}: {i['why']}")
                 for sp, i in zip(spans, unsupported, strict=True)]
        return scored(self.name, answer, value=out.value, passed=out.passed, reason=out.reason, evidence=evidence,
                      spans=spans, flags=flags)

    def aggregate(self, statements: Sequence[Mapping[str, Any]],
                  overrides: Mapping[str, str] | None = None) -> Outcome:
        """Count the unsupported statements; ``overrides`` maps statement ids to a reviewer's status."""
        final = [dict(s, status=(overrides or {}).get(str(s["id"]), s["status"])) for s in statements]
        bad = [s for s in final if s["status"] == "unsupported"]
        checked = sum(s["status"] != "not_specific" for s in final)
        if not final:
            reason = "no specific statement to check"
        elif not bad:
            reason = f"all {checked} specific statement(s) backed by the gold or a cited source"
        else:
            shown = "; ".join(f"{_short(s['text'])!r} ({s['kind']}: {s['why']})" for s in bad[:3])
            more = f"; and {len(bad) - 3} more" if len(bad) > 3 else ""
            reason = f"{len(bad)} of {checked} specific statement(s) unsupported: {shown}{more}"
        return Outcome(float(len(bad)), len(bad) <= self.max_unsupported, reason,
                       {"statements": final, "checked": checked, "unsupported": len(bad)})

    def _judged(self, analysis: Any) -> tuple[dict[str, list[tuple[int, int]]], str]:
        """Claim id -> evidence spans of the claims the judge found supported (empty when it cannot judge)."""
        if self.claim_judge is None:
            return {}, ""
        try:
            judgements = analysis.judgements(self.claim_judge)
        except HarnessError as exc:  # an LLM judge that could not judge: words and numbers still decide
            return {}, f"claim judge {self.claim_judge} could not judge ({exc}); backing by text only"
        return ({v.claim_id: [(e.start, e.end) for e in v.evidence] for v in judgements
                 if v.verdict == "supported" and v.applies and v.evidence}, "")


def _gold(ctx: ScoringContext) -> tuple[Passage, ...]:
    claims = [(c.id, c.text) for c in ctx.gold.claims
              if c.kind in ("essential", "supporting") and c.applies_on(ctx.as_of)]
    return gold_passages(ctx.gold.answer, claims)


def _given(ctx: ScoringContext) -> list[Quantity]:
    """The quantities the patient stated (question and context): restating them is not a claim."""
    q = ctx.question
    return quantities(q.question + "\n" + (q.context.describe() if q.context else ""))


def _citations(ctx: ScoringContext, analysis: Any) -> tuple[list[Any], list[str]]:
    """The answer's citation mentions (shared with the citation scorer) and the registry ids they verify."""
    from harness.score.citations import MENTIONS_KEY, resolver_for
    from harness.score.engines.citations import extract_citations

    # the citation scorer's resolver memo and default settings: the same mentions, extracted once
    resolver = resolver_for(ctx, 90.0, False)
    mentions = analysis.get(MENTIONS_KEY, lambda: extract_citations(analysis.text, resolver.extractor))
    results = resolver.resolve_mentions(mentions, ctx.gold.sources)
    cited = sorted({r.source_id for r in results
                    if r.status == "verified" and r.source_id is not None and r.source_id in ctx.sources})
    return list(mentions), cited


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
