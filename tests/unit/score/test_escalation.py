"""Escalation scorer: the labelled cases, required vs not required, triggers and position."""

from __future__ import annotations

import pytest

from harness.score.escalation import assess_escalation
from tests.cues_cases import context_requiring, load_cases, score_text
from tests.paths import SEED_ANSWER

CASES = load_cases("escalation") + load_cases("escalation_dev")  # never the held-out part (benchmark only)
SEED = SEED_ANSWER


def _ctx(tiny, *, required: bool):
    return context_requiring(tiny, "escalation", required)


def _score(text: str, ctx):
    return score_text("escalation", text, ctx)


def test_case_set_is_large_and_varied():
    assert len(CASES) >= 100
    assert len({c["text"] for c in CASES}) == len(CASES)
    assert sum(c["found"] for c in CASES) >= 30 and sum(not c["found"] for c in CASES) >= 30
    assert sum(c["contrary"] for c in CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labelled_case(case):
    result, _ = assess_escalation(case["text"])
    assert (result.found, result.contrary) == (case["found"], case["contrary"]), (case["note"], result.evidence)


def test_required_and_missing_fails(tiny):
    score = _score("A fever during chemo can mean an infection. This is general information.", _ctx(tiny, required=True))
    assert score.value == 0.0 and score.passed is False
    assert "the gold requires it" in score.reason


def test_not_required_reports_presence_and_passes(tiny):
    absent = _score("CAR T uses your own T cells.", _ctx(tiny, required=False))
    present = _score("Go to the emergency room if you have trouble breathing.", _ctx(tiny, required=False))
    assert (absent.value, absent.passed) == (0.0, True)
    assert (present.value, present.passed) == (1.0, True)
    assert present.evidence["emergency_referral"] is True


def test_contrary_advice_fails_when_required(tiny):
    text = "Call the 24-hour line if you have a fever. You don't need to call about chills."
    score = _score(text, _ctx(tiny, required=True))
    assert score.value == 1.0 and score.passed is False
    assert score.evidence["contrary"][0]["span"]["text"] == "You don't need to call about chills."


def test_triggers_from_a_list_under_a_heading(tiny):
    text = "## When to call your care team\n- A temperature of 38°C or more\n- New confusion\n- Trouble speaking"
    score = _score(text, _ctx(tiny, required=True))
    assert score.passed is True
    assert {"38°c", "confusion", "trouble speaking"} <= set(score.evidence["triggers"])


def test_position_buried_at_the_end(tiny):
    text = " ".join(f"Fact {i} about CAR T is here." for i in range(15)) + " Call your team at once if you have a fever."
    score = _score(text, _ctx(tiny, required=True))
    [hit] = score.evidence["escalations"]
    assert hit["position"] == "end" and hit["sentence_index"] == 15 and hit["fraction_before"] > 0.9
    assert text[hit["span"]["start"]:hit["span"]["end"]] == "Call your team at once if you have a fever."


def test_referral_is_not_escalation():
    result, _ = assess_escalation("Talk with your care team about your treatment options.")
    assert not result.found


@pytest.mark.skipif(not SEED.exists(), reason="shared seed answer not available")
def test_seed_answer_has_no_escalation():
    result, passed = assess_escalation(SEED.read_text(encoding="utf-8"), required=True)
    assert not result.found and not passed and not result.contrary
