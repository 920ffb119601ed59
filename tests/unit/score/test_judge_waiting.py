"""A time-limited prohibition and the same wait said positively agree (structure and substance signals).

"Do not lift anything heavy for six weeks" and "wait six weeks before you lift heavy things" give the
same instruction: the negation covers the whole instruction, so words both sides share ("weeks") must
not be read as negated on one side only. Cases are our own wording, in both directions, plus the
prohibitions that a positive answer really does contradict.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, structure

AS_OF = dt.date(2026, 11, 26)


def _verdict(answer: str, claim: str):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim)], as_of=AS_OF)
    return v


@pytest.mark.parametrize(("answer", "claim"), [
    ("After the cell infusion, hold off at least eight weeks before getting behind the wheel again; then you may "
     "drive.", "Do not drive for eight weeks after the cell infusion."),
    ("Please wait a full 8 weeks after your CAR T infusion before you drive a car.",
     "Patients should not drive for 8 weeks after CAR T."),
    ("Avoid lifting heavy objects for six weeks after the operation.",
     "Wait six weeks after the operation before lifting heavy objects."),
    ("You should not drive for at least 8 weeks after CAR T.", "Wait 8 weeks after CAR T before driving."),
    ("Please don't get behind the wheel until at least two months after the infusion.",
     "Wait two months after the infusion before driving."),
    ("Do not try to become pregnant during treatment or for 6 months after the last dose.",
     "Wait at least 6 months after the last dose before trying to become pregnant."),
])
def test_wait_before_and_do_not_for_a_time_agree(answer: str, claim: str) -> None:
    v = _verdict(answer, claim)
    assert v.verdict != "contradicted", v.reason
    assert "suspected" not in v.reason, v.reason


def test_driving_straight_away_still_contradicts_the_prohibition() -> None:
    v = _verdict("You can drive home yourself the day after your CAR T infusion.",
                 "Do not drive for 8 weeks after CAR T.")
    assert v.verdict == "contradicted", v.reason
    assert v.evidence, "a contradiction names the answer span"


def test_same_wait_reads_both_directions_and_not_an_unlimited_ban() -> None:
    assert structure.same_wait("Wait two weeks after surgery before you swim.", "Do not swim for two weeks after surgery.")
    assert structure.same_wait("Do not swim for two weeks after surgery.", "Wait two weeks after surgery before you swim.")
    # a ban without a time limit is not a wait: "never swim" vs "wait before you swim" disagree
    assert not structure.same_wait("Never swim after surgery.", "Wait two weeks after surgery before you swim.")
