"""Citation scorer: are the answer's citations real, current sources the registry knows?

Extraction and resolution live in ``harness.score.engines.citations``; this module turns the per-citation
statuses into one Score:

- ``passed``: at least one citation is *verified* and none is *implausible*.
- ``value``: the share of the answer's citations that are verified (0.0-1.0). When the gold
  requires a citation and the answer has none, value 0.0, passed False, status ``missing``.
  When the answer cites nothing and none is required, the score is unscored (value None,
  passed None, reason "no citation given and none required"): there is nothing to rate, and a
  0 would read as a failure that did not happen.
- unscored on a generation error or empty text.

Evidence: ``citations`` (each with span, kind, status, matched source id, reason, and whether the
source is among the gold's acceptable sources), ``counts`` per status, ``required``,
``verified_sources`` and ``acceptable_sources_cited``.

Shared work: the answer's citation mentions are extracted once per answer on the per-answer
analysis (key :data:`MENTIONS_KEY`); the ``Resolver`` (the registry's name index, the costly part
to build) is kept per registry content and settings in a small bounded memo -- it depends on the
battery, never on an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from harness.core.records import Answer, Score
from harness.score.base import ScoringContext, register_scorer, scored, unscorable_reason, unscored
from harness.score.engines.citations.extract import extract_citations
from harness.score.engines.citations.resolve import Resolver

MENTIONS_KEY = "citations"
"""Analysis key of the answer's mentions (``extract_citations(text, resolver.extractor)``)."""


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """Share of citations verified against the registry; passes with >= 1 verified and 0 implausible."""

    name: ClassVar[str] = "citation"
    higher_is_better: ClassVar[bool] = True
    version: ClassVar[str] = "1"

    min_title_score: float = 90.0
    """rapidfuzz similarity (0-100) a written title must reach to match a registry title or alias."""
    publisher_only_verifies: bool = False
    """Count "according to the American Cancer Society" (a publisher, no document) as verified."""

    def score(self, answer: Answer, ctx: ScoringContext) -> Score:
        if (why := unscorable_reason(answer)) is not None:
            return unscored(self.name, answer, why)
        assert answer.text is not None
        resolver = resolver_for(ctx, self.min_title_score, self.publisher_only_verifies)
        analysis = ctx.analysis_for(answer)
        mentions = analysis.get(MENTIONS_KEY, lambda: extract_citations(analysis.text, resolver.extractor))
        results = resolver.resolve_mentions(mentions, ctx.gold.sources)
        counts = {s: sum(r.status == s for r in results) for s in ("verified", "unverifiable", "implausible")}
        verified = sorted({r.source_id for r in results if r.status == "verified" and r.source_id})
        acceptable = sorted({r.source_id for r in results if r.status == "verified" and r.acceptable and r.source_id})
        evidence = {
            "citations": [r.to_json() for r in results], "counts": counts, "required": ctx.citation_required,
            "verified_sources": verified, "acceptable_sources_cited": acceptable,
            "gold_sources": list(ctx.gold.sources), "as_of": ctx.as_of.isoformat(),
        }
        if not results:
            if ctx.citation_required:
                return scored(self.name, answer, value=0.0,
                             passed=False, reason="missing: the gold requires a citation and the answer gives none",
                             evidence={**evidence, "status": "missing"})
            return unscored(self.name, answer, "no citation given and none required", **evidence)
        passed = counts["verified"] > 0 and counts["implausible"] == 0
        value = counts["verified"] / len(results)
        return scored(self.name, answer, value=value,
                     passed=passed, reason=_reason(results, counts, acceptable), evidence=evidence)


def _reason(results: list, counts: dict[str, int], acceptable: list[str]) -> str:
    parts = [f"{counts['verified']} of {len(results)} citation(s) verified"]
    if counts["implausible"]:
        first = next(r for r in results if r.status == "implausible")
        parts.append(f"{counts['implausible']} implausible (first: {first.mention.text!r}: {first.reason})")
    if counts["unverifiable"]:
        parts.append(f"{counts['unverifiable']} not verifiable against the registry")
    if counts["verified"] and not counts["implausible"]:
        parts.append("acceptable per gold: " + (", ".join(acceptable) if acceptable else "none of the gold's sources"))
    if not counts["verified"]:
        parts.append("no verified source cited")
    return "; ".join(parts)


_RESOLVERS: dict[tuple[object, ...], Resolver] = {}
_MAX_RESOLVERS = 32


def resolver_for(ctx: ScoringContext, min_title_score: float, publisher_only: bool) -> Resolver:
    """One Resolver per registry content and settings (building the name index is the costly part).

    Keyed by the registry, never by an answer; at most ``_MAX_RESOLVERS`` are kept.
    """
    key = (tuple(ctx.sources.values()), ctx.as_of, min_title_score, publisher_only)
    cached = _RESOLVERS.get(key)
    if cached is None:
        if len(_RESOLVERS) > _MAX_RESOLVERS:
            _RESOLVERS.clear()
        cached = Resolver(ctx.sources, ctx.as_of, min_title_score=min_title_score,
                          publisher_only_verifies=publisher_only)
        _RESOLVERS[key] = cached
    return cached
