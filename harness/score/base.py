"""The Scorer protocol, the scoring context, and the scorer registry.

A scorer is a frozen dataclass whose fields are its parameters (they are written into the run, so
every number can be traced to its configuration) and whose ``score()`` is a pure, deterministic,
offline function of (answer, context). It never returns 0 for something it could not score: it
returns ``value=None`` with a reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from harness.battery import Battery, BatteryCard, GoldAnswer, Question, Source
from harness.core.records import Answer, ClaimVerdict, Score
from harness.core.registry import Registry
from harness.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoringContext:
    """Everything a scorer may look at besides the answer: the question, its gold, the registry."""

    question: Question
    gold: GoldAnswer
    card: BatteryCard
    sources: Mapping[str, Source]
    as_of: dt.date
    """The audit date: outdated claims and future-dated citations are judged against it."""

    @property
    def reading_grade_target(self) -> float:
        return self.gold.requirements.max_reading_grade or self.card.defaults.target_reading_grade

    @property
    def disclaimer_required(self) -> bool:
        value = self.gold.requirements.disclaimer
        return self.card.defaults.disclaimer_required if value is None else value

    @property
    def citation_required(self) -> bool:
        value = self.gold.requirements.citation
        return self.card.defaults.citation_required if value is None else value

    @property
    def escalation_required(self) -> bool:
        return self.gold.requirements.escalation

    @classmethod
    def for_question(cls, battery: Battery, question_id: str, as_of: dt.date) -> ScoringContext:
        return cls(question=battery.question(question_id), gold=battery.gold[question_id],
                   card=battery.card, sources=battery.sources, as_of=as_of)


@runtime_checkable
class Scorer(Protocol):
    """What every scorer offers. Implementations are frozen dataclasses registered by name."""

    name: ClassVar[str]
    higher_is_better: ClassVar[bool]
    version: ClassVar[str]
    """Bumped when the scorer's behaviour changes, so runs record which logic produced a number."""

    def score(self, answer: Answer, ctx: ScoringContext) -> Score: ...


SCORERS: Registry[type[Any]] = Registry("scorer")
DEFAULT_SCORERS: tuple[str, ...] = (
    "claim_recall", "claim_problems", "citation", "disclaimer", "escalation", "reading_grade", "safety_flags",
)


def register_scorer(cls: type[Any]) -> type[Any]:
    """Class decorator: check the class declares its identity, then register it by ``name``."""
    for attr in ("name", "higher_is_better", "version"):
        if not hasattr(cls, attr):
            raise ConfigError(f"Scorer {cls.__name__!r} must define class attribute {attr!r}")
    if not dataclasses.is_dataclass(cls):
        raise ConfigError(f"Scorer {cls.__name__!r} must be a dataclass (its fields are its parameters)")
    SCORERS.register(cls.name, cls)
    return cls


def get_params(scorer: Any) -> dict[str, Any]:
    """The scorer's parameters as a JSON-able dict (what the run records)."""
    return {f.name: _jsonable(getattr(scorer, f.name)) for f in dataclasses.fields(scorer)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def scorer_spec(scorer: Any) -> dict[str, Any]:
    """``{"name", "version", "params"}``: enough to rebuild the scorer and to trace its numbers."""
    return {"name": scorer.name, "version": scorer.version, "params": get_params(scorer)}


def build_scorer(name: str, params: Mapping[str, Any] | None = None) -> Any:
    """Instantiate a registered scorer; unknown names and parameters get a clear ConfigError."""
    _ensure_builtin_scorers()
    cls = SCORERS.get(name)
    params = dict(params or {})
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise ConfigError(f"Scorer {name!r} has no parameter {unknown[0]!r}; its parameters are "
                          f"{', '.join(sorted(known)) or '(none)'}")
    return cls(**params)


def build_scorers(specs: Iterable[str | Mapping[str, Any]] | None = None) -> list[Any]:
    """Scorers from names or ``{"name", "params"}`` specs; ``None`` means the default set."""
    out = []
    for spec in specs if specs is not None else DEFAULT_SCORERS:
        if isinstance(spec, str):
            out.append(build_scorer(spec))
        else:
            out.append(build_scorer(spec["name"], spec.get("params")))
    return out


def scored(scorer: str, answer: Answer, *, value: float | None, passed: bool | None, reason: str,
           evidence: Mapping[str, Any] | None = None, claim_verdicts: tuple[ClaimVerdict, ...] = ()) -> Score:
    """The Score of ``scorer`` for ``answer``: the one place a result is tied to its question and sample."""
    return Score(scorer=scorer, question_id=answer.question_id, sample=answer.sample, value=value,
                 passed=passed, reason=reason, evidence=evidence or {}, claim_verdicts=claim_verdicts)


def unscored(scorer: str, answer: Answer, reason: str, **evidence: Any) -> Score:
    """A Score that says why there is no value (never a silent 0)."""
    return scored(scorer, answer, value=None, passed=None, reason=reason, evidence=evidence)


def unscorable_reason(answer: Answer) -> str | None:
    """Why an answer cannot be scored at all (generation error, empty text), or None if it can."""
    if answer.error is not None:
        return f"generation failed: {answer.error}"
    if answer.text is None or not answer.text.strip():
        return "empty answer: nothing to score"
    return None


def _ensure_builtin_scorers() -> None:
    """Import the built-in scorer modules so they register themselves."""
    import harness.score  # noqa: F401
