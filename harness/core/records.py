"""The records that flow through a run: Answer (from a generator), Judgement (from a claim judge) and
Score (from a scorer), with the typed evidence they carry (Span, Flag).

All are frozen and JSON-friendly, because the run store keeps them verbatim and every report is
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

    @classmethod
    def maybe(cls, data: Any) -> Span | None:
        """A Span from a Span or a ``{start, end, text}`` mapping; None for anything else."""
        if isinstance(data, Span):
            return data
        if isinstance(data, Mapping) and isinstance(data.get("start"), int) and isinstance(data.get("end"), int):
            return cls(data["start"], data["end"], str(data.get("text", "")))
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    """One thing a scorer flags in an answer (a red flag, an unsupported statement, a cue hit).

    ``kind`` is the scorer's own category (e.g. ``guaranteed_cure``); ``severity`` is low, medium or
    high (the gate's zero-tolerance rule reads it); ``span`` is where the answer says it (None for
    something missing, e.g. absent escalation advice); ``why`` says in words why it was flagged.
    """

    kind: str
    severity: str = "medium"
    span: Span | None = None
    why: str = ""
    phrase: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "span": None if self.span is None else self.span.to_json(),
                "why": self.why, "phrase": self.phrase}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Flag:
        """Read a flag; ``category`` is accepted for ``kind`` (the safety scorer's older word)."""
        span = data.get("span")
        return cls(kind=str(data.get("kind") or data.get("category") or "flag"),
                   severity=str(data.get("severity") or "medium").lower(),
                   span=Span.maybe(span if isinstance(span, Mapping) else data),
                   why=str(data.get("why") or ""), phrase=str(data.get("phrase") or ""))


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    """One judge's verdict on one gold claim for one answer, with its evidence and reason.

    Stored once per (answer, claim, judge profile) as a run step; the claim scorers aggregate it.

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
    def from_json(cls, data: Mapping[str, Any]) -> Judgement:
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
    formulas, counts); ``spans`` and ``flags`` are the typed evidence every reader (report, gate,
    review) uses directly; ``claim_verdicts`` are the judgements a claim scorer aggregated, and
    ``judge`` names the judge profile they came from (None for scorers that use no judge).
    """

    scorer: str
    question_id: str
    value: float | None
    passed: bool | None
    reason: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    claim_verdicts: tuple[Judgement, ...] = ()
    sample: int = 0
    spans: tuple[Span, ...] = ()
    flags: tuple[Flag, ...] = ()
    judge: str | None = None

    def __post_init__(self) -> None:
        # The one place plain evidence becomes typed: ``spans``/``flags`` lists left in ``evidence``
        # (by a scorer, a test or an older store) move onto the typed fields.
        if isinstance(self.evidence, Mapping) and ("spans" in self.evidence or "flags" in self.evidence):
            details = dict(self.evidence)
            spans, flags = lift_typed_evidence(details)
            object.__setattr__(self, "evidence", details)
            object.__setattr__(self, "spans", tuple(self.spans) + spans)
            object.__setattr__(self, "flags", tuple(self.flags) + flags)

    @property
    def scored(self) -> bool:
        return self.value is not None


def lift_typed_evidence(details: dict[str, Any]) -> tuple[tuple[Span, ...], tuple[Flag, ...]]:
    """Pop ``spans`` and ``flags`` lists out of an evidence mapping and return them typed.

    The one conversion from a scorer's (or an older store's) plain evidence to typed evidence.
    """
    spans = tuple(s for s in (Span.maybe(x) for x in details.pop("spans", None) or ()) if s is not None)
    flags = tuple(Flag.from_json(f) for f in details.pop("flags", None) or () if isinstance(f, Mapping))
    return spans, flags


ClaimVerdict = Judgement
"""The earlier name of Judgement, kept so existing imports keep working."""
