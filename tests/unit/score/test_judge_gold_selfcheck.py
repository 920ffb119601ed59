"""The gold answers judged against their own claims: every essential claim supported, nothing contradicted
or stated, and the small cases behind the false alarms this check once raised."""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim, load_battery
from harness.score.engines.judge import judge_answer
from tests.paths import REPO

AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def battery():
    return load_battery(REPO / "evals" / "oncology.yaml")


def test_every_gold_answer_supports_its_claims_and_states_nothing_harmful(battery):
    problems = []
    for question in battery.questions:
        gold = battery.gold[question.id]
        for claim, verdict in zip(gold.claims, judge_answer(gold.answer, gold.claims, as_of=AS_OF), strict=True):
            if verdict.verdict == "contradicted" or (verdict.verdict == "stated" and verdict.applies) or (
                    claim.kind == "essential" and verdict.applies and verdict.verdict != "supported"):
                problems.append((question.id, claim.id, verdict.verdict, verdict.reason[:120]))
    assert problems == []


def _one(text: str, claim: Claim):
    return judge_answer(text, [claim], as_of=AS_OF)[0]


def test_a_key_term_folded_into_a_phrase_is_still_mentioned():
    claim = Claim(id="c", text="Phone 911 if your lips turn blue or you cannot catch your breath.", kind="essential",
                  key_terms=["911"])
    verdict = _one("If your lips turn blue or you cannot catch your breath, call 911 straight away.", claim)
    assert verdict.verdict == "supported", verdict.reason


def test_a_comparison_broken_over_two_lines_is_read_like_one_line():
    claim = Claim(id="c", text="In the trial the new drug worked better than the older pill for most people.",
                  kind="supporting")
    verdict = _one("In the trial the new drug worked better\nthan the older pill for most people.", claim)
    assert verdict.verdict == "supported", verdict.reason


def test_an_outdated_rule_is_not_stated_by_a_sentence_with_other_figures():
    claim = Claim(id="old", text="After the infusion you must stay within 2 hours of the hospital for 4 weeks.",
                  kind="outdated", valid_until=dt.date(2025, 6, 1))
    verdict = _one("After the infusion, plan to stay close to the hospital for about 2 weeks.", claim)
    assert verdict.verdict == "absent"
    assert not verdict.reason.startswith("answer states it"), verdict.reason  # the reason agrees with the verdict


def test_an_answer_that_repeats_the_question_or_quotes_a_myth_asserts_nothing():
    myth = Claim(id="myth", text="Clinical trials are only for people who have run out of other options.", kind="harmful")
    topic = Claim(id="topic", text="A clinical trial is a research study that tests a new treatment in people.",
                  kind="essential")
    for text in ('I can\'t answer "Are clinical trials only for people who have run out of other options?" for you. '
                 "Please ask your care team.",
                 'You may hear that "clinical trials are only for people who have run out of other options", '
                 "but that is not true."):
        myth_verdict, topic_verdict = judge_answer(text, [myth, topic], as_of=AS_OF)
        assert myth_verdict.verdict == "absent", (text, myth_verdict.reason)
        assert topic_verdict.verdict != "contradicted", (text, topic_verdict.reason)
    stated = judge_answer("Clinical trials are only for people who have run out of other options.", [myth], as_of=AS_OF)
    assert stated[0].verdict == "stated"  # the same words said plainly are still caught
