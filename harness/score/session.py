"""Scoring one run's answers: the scoring contract's common parts, applied once, in one place.

A ``ScoringSession`` holds what does not change between the answers of a run (the battery
snapshot, the built scorers, the audit date) and the facts each scorer computes once per question
(``per_question`` hooks: e.g. the gold answer's own readability), so scoring an answer costs only
the answer's own work. It is a plain object with no global state: a worker process builds one from
the same inputs and scores identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.battery import Battery
from harness.core.records import Answer, Judgement, Score
from harness.score.base import ScoringContext, unscorable_reason, unscored


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """Everything scoring one answer produced: each scorer's Score and the judgements by judge profile."""

    answer: Answer
    scores: tuple[Score, ...]
    judgements: Mapping[str, tuple[Judgement, ...]]


class ScoringSession:
    """Scores answers of one battery with one set of scorers as of one audit date."""

    def __init__(self, battery: Battery, scorers: Sequence[Any], as_of: dt.date) -> None:
        self.battery = battery
        self.scorers = tuple(scorers)
        self.as_of = as_of
        self._contexts: dict[str, ScoringContext] = {}
        self._facts: dict[str, dict[str, Any]] = {}

    def context(self, question_id: str) -> ScoringContext:
        """The question's scoring context (without an answer), built once per question."""
        ctx = self._contexts.get(question_id)
        if ctx is None:
            ctx = ScoringContext.for_question(self.battery, question_id, self.as_of)
            self._contexts[question_id] = ctx
        return ctx

    def question_facts(self, question_id: str) -> dict[str, Any]:
        """What the scorers' ``per_question(ctx)`` hooks computed for this question, computed once."""
        facts = self._facts.get(question_id)
        if facts is None:
            facts = {}
            ctx = self.context(question_id)
            for scorer in self.scorers:
                hook = getattr(scorer, "per_question", None)
                if hook is not None:
                    facts.update(hook(ctx))
            self._facts[question_id] = facts
        return facts

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
        try:
            facts = self.question_facts(answer.question_id)
        except Exception:  # noqa: BLE001 - a failing hook: each scorer then computes for itself
            facts = {}
        for key, value in facts.items():
            ctx.analysis.supply(key, value)
        out = []
        for scorer in self.scorers:
            try:
                out.append(scorer.score(answer, ctx))
            except Exception as exc:  # noqa: BLE001 - a scorer bug must not lose the run; it is recorded
                out.append(unscored(scorer.name, answer, f"scorer crashed: {type(exc).__name__}: {exc}"))
        return ScoredAnswer(answer, tuple(out), ctx.analysis.judged())
