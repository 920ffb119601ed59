"""Scoring one run's answers: the scoring contract's common parts, applied once, in one place.

A ``ScoringSession`` holds what does not change between the answers of a run (the battery
snapshot, the built scorers, the audit date) and the facts each scorer computes once per question
(``per_question`` hooks: e.g. the gold answer's own readability), so scoring an answer costs only
the answer's own work. It is a plain object with no global state: a worker process builds one from
the same inputs and scores identically.

Per-question facts are keyed by the scorer's spec (name, version, parameters: :func:`facts_key`),
so they can be kept with the store's battery snapshot and handed to the next session scoring the
same battery (``facts=``); the facts a session computes itself ride back on each
``ScoredAnswer.facts`` for the run store to keep. Only facts that survive a JSON round trip
unchanged are offered for keeping (a supplied fact must equal the computed one exactly).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer, Judgement, Score
from harness.score.base import ScoringContext, scorer_spec, unscorable_reason, unscored

QuestionFacts = tuple[str, str, Mapping[str, Any]]
"""(question_id, facts key of the scorer, what its ``per_question`` hook returned)."""


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """Everything scoring one answer produced: each scorer's Score and the judgements by judge profile.

    ``facts`` are the per-question facts first computed while scoring this answer (for the store to
    keep beside the battery snapshot); empty when they were supplied or computed before.
    """

    answer: Answer
    scores: tuple[Score, ...]
    judgements: Mapping[str, tuple[Judgement, ...]]
    facts: tuple[QuestionFacts, ...] = ()


def facts_key(scorer: Any) -> str:
    """The key a scorer's per-question facts are kept under: a digest of its name, version and parameters."""
    spec = json.dumps(scorer_spec(scorer), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:16]


def _keepable(value: Mapping[str, Any]) -> bool:
    """True when ``value`` comes back equal from JSON (so a stored copy scores exactly like a fresh one)."""
    try:
        return bool(json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False)) == value)
    except (TypeError, ValueError):
        return False


class ScoringSession:
    """Scores answers of one battery with one set of scorers as of one audit date."""

    def __init__(self, battery: Battery, scorers: Sequence[Any], as_of: dt.date, *,
                 facts: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None) -> None:
        """``facts``: question id -> facts key -> facts kept from an earlier session on this battery."""
        self.battery = battery
        self.scorers = tuple(scorers)
        self.as_of = as_of
        self._questions: dict[str, Question] = {q.id: q for q in battery.questions}
        self._hooked = [(s, facts_key(s)) for s in self.scorers if getattr(s, "per_question", None) is not None]
        self._known = {qid: dict(by_key) for qid, by_key in (facts or {}).items()}
        self._contexts: dict[str, ScoringContext] = {}
        self._facts: dict[str, dict[str, Any]] = {}

    def context(self, question_id: str) -> ScoringContext:
        """The question's scoring context (without an answer), built once per question."""
        ctx = self._contexts.get(question_id)
        if ctx is None:
            question = self._questions.get(question_id)
            if question is None:
                raise KeyError(f"battery {self.battery.name!r} has no question {question_id!r}")
            ctx = ScoringContext(question=question, gold=self.battery.gold[question_id], card=self.battery.card,
                                 sources=self.battery.sources, as_of=self.as_of)
            self._contexts[question_id] = ctx
        return ctx

    def question_facts(self, question_id: str) -> dict[str, Any]:
        """What the scorers' ``per_question(ctx)`` hooks give for this question, computed once."""
        return self._question_facts(question_id)[0]

    def _question_facts(self, question_id: str) -> tuple[dict[str, Any], tuple[QuestionFacts, ...]]:
        facts = self._facts.get(question_id)
        if facts is not None:
            return facts, ()
        facts, fresh = {}, []
        known = self._known.get(question_id, {})
        for scorer, key in self._hooked:
            value = known.get(key)
            if value is None:
                try:
                    value = dict(scorer.per_question(self.context(question_id)))
                except Exception:  # noqa: BLE001, S112 - a failing hook: the scorer then computes for itself
                    continue
                if _keepable(value):
                    fresh.append((question_id, key, value))
            facts.update(value)
        self._facts[question_id] = facts
        return facts, tuple(fresh)

    def score(self, answer: Answer) -> ScoredAnswer:
        """Score one answer with every scorer, sharing one per-answer analysis between them.

        The contract's common parts live here, once: an unscorable answer (generation error, empty
        text) gives every scorer an unscored result with the reason; a scorer that crashes gives an
        unscored result naming the exception, never a 0; the claim judgements the scorers asked for
        (each judge profile once) come back beside the scores, for the store's judgements table.
        """
        why = unscorable_reason(answer)
        if why is not None:
            return ScoredAnswer(answer, tuple(unscored(s.name, answer, why) for s in self.scorers), {})
        ctx = self.context(answer.question_id).with_answer(answer)
        assert ctx.analysis is not None
        facts, fresh = self._question_facts(answer.question_id)
        for key, value in facts.items():
            ctx.analysis.supply(key, value)
        out = []
        for scorer in self.scorers:
            try:
                out.append(scorer.score(answer, ctx))
            except Exception as exc:  # noqa: BLE001 - a scorer bug must not lose the run; it is recorded
                out.append(unscored(scorer.name, answer, f"scorer crashed: {type(exc).__name__}: {exc}"))
        return ScoredAnswer(answer, tuple(out), ctx.analysis.judged(), fresh)
