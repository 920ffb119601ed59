"""The records that flow through a run: Answer (from a generator) and Score (from a scorer).

Both are frozen and JSON-friendly, because the run store keeps them verbatim and every report is
rebuilt from the store alone. A generation failure is an Answer with ``error`` set, never fake
text; a score that cannot be computed has ``value=None`` and a ``reason``, never a silent 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["supported", "missing", "contradicted", "stated", "absent"]
POSITIVE_VERDICTS: tuple[str, ...] = ("supported", "missing", "contradicted")
NEGATIVE_VERDICTS: tuple[str, ...] = ("stated", "absent")


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """What a generator produced for one question (one sample of it)."""

    question_id: str
    generator: str
    """The generator spec string, e.g. ``recorded:evals/samples/careful.jsonl``."""
    text: str | None
    """The answer text; None when generation failed."""
    sample: int = 0
    prompt: str | None = None
    """Exactly what was sent (or piped) to the model, for traceability."""
    error: str | None = None
    """Why generation failed (status, message, stderr tail); None when fine."""
    latency_s: float | None = None
    attempts: int = 1
    usage: Mapping[str, Any] = field(default_factory=dict)
    """Token counts and similar, as the generator reports them."""
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there is text to score."""
        return self.error is None and self.text is not None


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` of the answer text, with the text it covers."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimVerdict:
    """The judge's verdict on one gold claim for one answer, with its evidence and reason.

    ``verdict`` is supported | missing | contradicted for essential/supporting claims and
    stated | absent for harmful/outdated claims.
    """

    claim_id: str
    claim_kind: str
    severity: str
    verdict: Verdict
    confidence: float | None = None
    evidence: tuple[Span, ...] = ()
    reason: str = ""
    applies: bool = True
    """False when the claim's validity window does not cover the audit date (not counted)."""
    needs_review: bool = False
    """True when the judge's confidence is below its calibrated review threshold: a reviewer should look first."""

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id, "claim_kind": self.claim_kind, "severity": self.severity,
            "verdict": self.verdict, "confidence": self.confidence,
            "evidence": [s.to_json() for s in self.evidence], "reason": self.reason,
            "applies": self.applies, "needs_review": self.needs_review,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClaimVerdict:
        return cls(
            claim_id=data["claim_id"], claim_kind=data["claim_kind"], severity=data["severity"],
            verdict=data["verdict"], confidence=data.get("confidence"),
            evidence=tuple(Span(**s) for s in data.get("evidence", ())), reason=data.get("reason", ""),
            applies=data.get("applies", True), needs_review=data.get("needs_review", False),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """One scorer's result for one answer.

    ``value`` is None when the answer could not be scored (generation failed, empty text, gold has
    nothing to check); ``reason`` then says why. ``evidence`` holds JSON-able details (sentences,
    spans, formulas); ``claim_verdicts`` the per-claim judgements for claim scorers.
    """

    scorer: str
    question_id: str
    value: float | None
    passed: bool | None
    reason: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    claim_verdicts: tuple[ClaimVerdict, ...] = ()
    sample: int = 0

    @property
    def scored(self) -> bool:
        return self.value is not None
