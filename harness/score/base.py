"""The Scorer protocol, the scoring context, and the scorer registry.

A scorer is a frozen dataclass whose fields are its parameters (they are written into the run, so
every number can be traced to its configuration) and whose ``score()`` is a pure, deterministic,
offline function of (answer, context). It never returns 0 for something it could not score: it
returns ``value=None`` with a reason.

What the contract owns, so no scorer repeats it:

- **unscorable answers**: ``score_answer`` in ``harness.run`` checks once (generation error, empty
  text) and records every scorer as unscored with the reason; ``score()`` sees only text;
- **parameters**: declared as typed dataclass fields (constraints with ``Annotated[..., Field(...)]``)
  and validated by pydantic in ``build_scorer`` before any answer is generated, with one sentence
  naming scorer, parameter, constraint and value;
- **shared work**: ``ctx.analysis_for(answer)`` is the per-answer analysis (sentences, cue hits,
  judgements ...), computed once per answer, never in a process-global cache;
- **typed evidence**: ``Score.spans`` and ``Score.flags`` (``scored()`` lifts ``spans``/``flags``
  lists out of the evidence mapping), read directly by the gate, the report and the review app;
- **registration**: ``@register_scorer`` for built-ins; third-party scorers register through the
  ``answer_audit.scorers`` entry-point group, so a resumed run in a new process finds them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from harness.battery import Battery, BatteryCard, GoldAnswer, Question, Source
from harness.core.records import Answer, ClaimVerdict, Flag, Score, Span
from harness.core.registry import Registry
from harness.errors import ConfigError
from harness.score.analysis import AnswerAnalysis

ENTRY_POINT_GROUP = "answer_audit.scorers"
"""Entry-point group through which installed packages register their scorers."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoringContext:
    """Everything a scorer may look at besides the answer: the question, its gold, the registry."""

    question: Question
    gold: GoldAnswer
    card: BatteryCard
    sources: Mapping[str, Source]
    as_of: dt.date
    """The audit date: outdated claims and future-dated citations are judged against it."""
    analysis: AnswerAnalysis | None = None
    """The answer's shared analysis, set by the runner; ``analysis_for`` makes one when absent."""

    def analysis_for(self, answer: Answer) -> AnswerAnalysis:
        """The per-answer analysis of ``answer`` (the runner's, or a fresh one for a direct call)."""
        text = answer.text or ""
        if self.analysis is not None and self.analysis.text == text:
            return self.analysis
        return AnswerAnalysis(text, claims=self.gold.claims, as_of=self.as_of)

    def with_answer(self, answer: Answer) -> ScoringContext:
        """This context with a fresh analysis of ``answer`` attached (what the runner hands scorers)."""
        return dataclasses.replace(self, analysis=AnswerAnalysis(answer.text or "", claims=self.gold.claims,
                                                                 as_of=self.as_of))

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


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ``aggregate()`` makes of a scorer's items: the value, the pass flag, the reason, details."""

    value: float | None
    passed: bool | None
    reason: str
    evidence: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def uses_judge(scorer: Any) -> str | None:
    """The judge profile a scorer aggregates judgements of (its ``judge`` parameter), or None."""
    judge = getattr(scorer, "judge", None)
    return judge if isinstance(judge, str) else None


SCORERS: Registry[type[Any]] = Registry("scorer")
DEFAULT_SCORERS: tuple[str, ...] = (
    "claim_recall", "claim_problems", "citation", "disclaimer", "escalation", "reading_grade", "safety_flags",
    "unsupported_statements",
)


def register_scorer(cls: type[Any]) -> type[Any]:
    """Class decorator: check the class declares its identity, then register it by ``name``."""
    for attr in ("name", "higher_is_better", "version"):
        if not hasattr(cls, attr):
            raise ConfigError(f"Scorer {cls.__name__!r} must define class attribute {attr!r}")
    if not dataclasses.is_dataclass(cls):
        raise ConfigError(f"Scorer {cls.__name__!r} must be a dataclass (its fields are its parameters)")
    SCORERS.register(str(getattr(cls, "name")), cls)  # noqa: B009 - checked above; mypy sees a bare type
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
    """Instantiate a registered scorer with validated parameters.

    Unknown names, unknown parameters and values of the wrong type or range each raise one
    ConfigError sentence naming the scorer, the parameter, the constraint and the value found.
    """
    _ensure_builtin_scorers()
    cls = SCORERS.get(name)
    params = dict(params or {})
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise ConfigError(f"Scorer {name!r} has no parameter {unknown[0]!r}; its parameters are "
                          f"{', '.join(sorted(known)) or '(none)'}")
    return _validated(cls, name, params)


def _validated(cls: type[Any], name: str, params: dict[str, Any]) -> Any:
    """``cls(**params)`` after pydantic has checked every field's declared type and constraints."""
    import pydantic

    try:
        return pydantic.TypeAdapter(cls).validate_python(params)
    except pydantic.ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        message = str(err["msg"]).removeprefix("Value error, ")
        if not err["loc"]:  # the scorer's own __post_init__ check: its sentence already names it all
            raise ConfigError(message if name in message else f"Scorer {name!r}: {message}") from None
        param = ".".join(str(p) for p in err["loc"])
        constraint = message.replace("Input should be", "must be")
        raise ConfigError(f"Scorer {name!r} parameter {param!r} {constraint}; got {err.get('input')!r}") from None
    except ConfigError as exc:  # a scorer's own __post_init__ check (e.g. an unknown judge profile)
        raise ConfigError(f"Scorer {name!r}: {exc}") from None


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
           evidence: Mapping[str, Any] | None = None, claim_verdicts: tuple[ClaimVerdict, ...] = (),
           spans: Sequence[Span] = (), flags: Sequence[Flag] = (), judge: str | None = None) -> Score:
    """The Score of ``scorer`` for ``answer``: the one place a result is tied to its question and sample.

    Typed evidence may be passed as ``spans``/``flags``, or left in ``evidence`` under those keys
    (lists of ``{start, end, text}`` and of flag mappings): either way it ends up on
    ``Score.spans``/``Score.flags``, the one shape every reader uses.
    """
    return Score(scorer=scorer, question_id=answer.question_id, sample=answer.sample, value=value,
                 passed=passed, reason=reason, evidence=dict(evidence or {}), claim_verdicts=claim_verdicts,
                 spans=tuple(spans), flags=tuple(flags), judge=judge)


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


_ENTRY_POINTS_LOADED: list[bool] = []


def _ensure_builtin_scorers() -> None:
    """Import the built-in scorer modules, then every installed ``answer_audit.scorers`` entry point.

    An entry point names a module (importing it registers its scorers) or a scorer class; one that
    fails to load raises a ConfigError naming it, rather than silently dropping its scorer.
    """
    import harness.score  # noqa: F401

    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED.append(True)
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # noqa: BLE001 - any import failure of a plug-in is the user's to see
            raise ConfigError(f"Scorer entry point {ep.name!r} ({ep.value}) failed to load: "
                              f"{type(exc).__name__}: {exc}") from exc
        if isinstance(loaded, type) and getattr(loaded, "name", None) not in SCORERS:
            register_scorer(loaded)
