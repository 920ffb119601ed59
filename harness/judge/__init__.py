"""Claim judging: does an answer support, miss or contradict each gold claim?

``judge_answer()`` is the one entry point the claim scorers use. (First honest version: a
rapidfuzz match of each claim against the best answer sentence; the claims issue replaces it
with the calibrated combiner.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rapidfuzz import fuzz

from harness.battery import Claim
from harness.records import ClaimVerdict, Span
from harness.text import normalize, split_sentences

SUPPORT_THRESHOLD = 70.0


def judge_answer(text: str, claims: Sequence[Claim], *, as_of: dt.date,
                 profile: str = "default") -> list[ClaimVerdict]:
    """One verdict per claim, in claim order, each with evidence spans and a reason."""
    sentences = split_sentences(text)
    verdicts = []
    for claim in claims:
        best, best_score = None, 0.0
        target = normalize(claim.text)
        for s in sentences:
            score = fuzz.token_set_ratio(target, normalize(s.text))
            if score > best_score:
                best, best_score = s, score
        hit = best is not None and best_score >= SUPPORT_THRESHOLD
        positive = claim.kind in ("essential", "supporting")
        verdict = ("supported" if hit else "missing") if positive else ("stated" if hit else "absent")
        evidence = (Span(best.start, best.end, text[best.start:best.end]),) if hit and best else ()
        verdicts.append(ClaimVerdict(
            claim_id=claim.id, claim_kind=claim.kind, severity=claim.severity, verdict=verdict,
            confidence=round(best_score / 100, 3), evidence=evidence,
            reason=f"best sentence similarity {best_score:.0f} (threshold {SUPPORT_THRESHOLD:.0f})",
            applies=claim.applies_on(as_of) if claim.kind != "outdated" else True,
        ))
    return verdicts
