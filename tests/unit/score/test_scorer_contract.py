"""One contract every registered scorer must honour (sklearn's estimator-checks habit).

Deterministic; never mutates its inputs; unscored (None + reason) for errored and empty answers,
never a silent 0; survives huge and non-ASCII answers; names itself correctly; declares its
identity and parameters.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json

import pytest

from harness.core.records import Answer
from harness.score import SCORERS, ScoringContext, build_scorer, scorer_spec

AS_OF = dt.date(2026, 11, 26)
TEXTS = {
    "plain": "Do not wait. A fever of 38 °C during chemotherapy can mean infection. Call your care team now. "
             "This is general information, not medical advice. Source: Fever and Cancer Treatment (NCI).",
    "markdown": "# What to do\n- **Call** your team's 24-hour line\n- Go to the ER if you can't reach them\n\n"
                "1. Take your temperature\n2. Write it down",
    "non_ascii": "Bei Fieber während der Chemotherapie rufen Sie sofort Ihr Behandlungsteam an. "
                 "发烧时请立即联系医生。 Лихорадка — повод позвонить врачу. 🚑",
    "huge": ("Call your care team if you have a fever during chemotherapy. " * 4000),
    "no_words": "— … 123 456 !!! ???",
}


def _ctx(tiny, qid="fever-chemo"):
    return ScoringContext.for_question(tiny, qid, AS_OF)


def _scorers():
    from harness.score.base import _ensure_builtin_scorers

    _ensure_builtin_scorers()
    return SCORERS.names()


@pytest.mark.parametrize("name", _scorers())
def test_identity_and_parameters(name):
    scorer = build_scorer(name)
    assert scorer.name == name
    assert isinstance(scorer.higher_is_better, bool) and isinstance(scorer.version, str)
    assert dataclasses.is_dataclass(scorer)
    spec = scorer_spec(scorer)
    json.dumps(spec)  # the run records it
    assert build_scorer(name, spec["params"]) == scorer
    # frozen: parameters cannot change after construction (slots dataclasses raise TypeError here)
    with pytest.raises((dataclasses.FrozenInstanceError, TypeError, AttributeError)):
        scorer.zzz_not_a_field = 1


@pytest.mark.parametrize("name", _scorers())
@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_deterministic_and_pure(name, kind, tiny):
    scorer = build_scorer(name)
    answer = Answer(question_id="fever-chemo", generator="test", text=TEXTS[kind])
    ctx = _ctx(tiny)
    before = (copy.deepcopy(answer), copy.deepcopy(ctx.gold), copy.deepcopy(ctx.question))
    first, second = scorer.score(answer, ctx), scorer.score(answer, ctx)
    assert first == second
    assert (answer, ctx.gold, ctx.question) == before
    assert first.scorer == name and first.question_id == "fever-chemo"
    assert first.value is None or isinstance(first.value, float)
    if first.value is None:
        assert first.reason and first.passed is None
    assert isinstance(first.reason, str) and first.reason
    json.dumps(first.evidence)  # the store keeps it as JSON


@pytest.mark.parametrize("name", _scorers())
@pytest.mark.parametrize(("text", "error", "why"), [
    (None, "HTTP 500: upstream failed", "generation failed: HTTP 500: upstream failed"),
    ("", None, "empty answer"),
    ("   \n\t ", None, "empty answer"),
])
def test_unscorable_answers_are_never_zero(name, text, error, why, tiny):
    # The contract owns this check once, in score_answer: no scorer ever sees an unscorable answer.
    from harness.run import score_answer

    answer = Answer(question_id="fever-chemo", generator="test", text=text, error=error)
    (score,) = score_answer(answer, tiny, [build_scorer(name)], AS_OF).scores
    assert score.value is None and score.passed is None
    assert why in score.reason


@pytest.mark.parametrize("name", _scorers())
def test_sample_index_is_kept(name, tiny):
    answer = Answer(question_id="fever-chemo", generator="test", text=TEXTS["plain"], sample=3)
    assert build_scorer(name).score(answer, _ctx(tiny)).sample == 3
