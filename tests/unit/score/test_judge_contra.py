"""Contradictions a clinician marks in patient answers, and the look-alikes that must not be called one.

Each case is our own wording of a kind of disagreement (scope, swapped comparison, line of therapy, the role
and bound of a figure, status, urgency, a denied everyday predicate, vague durations) or of a look-alike
(emphasis, double negatives, purposes, relative clauses, label numbers, values inside a bound). Every
contradicted verdict must name the answer span that conflicts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, signals, slots

AS_OF = dt.date(2026, 11, 26)


def _one(answer: str, claim: str):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim)], as_of=AS_OF)
    return v


CONTRADICTIONS = [
    # scope: a universal claim restricted by the answer
    ("Support programmes for bowel cancer are only open to people whose cancer has spread.",
     "There are support programmes for bowel cancer at every stage, including at diagnosis.", "only"),
    # swapped comparison operands
    ("In the trial, people on the standard pill lived longer than people on the new infusion.",
     "In the trial, people on the new infusion lived longer than people on the standard pill.", "longer"),
    # line of therapy: first treatment vs after relapse
    ("Kidney cancer is usually treated first with surgery; immunotherapy drugs such as nivolumab are kept for "
     "after relapse.", "Kidney cancer that has spread is usually treated first with immunotherapy such as nivolumab.",
     "after relapse"),
    # a denied everyday predicate with a shared subject
    ("Worry about the cancer returning is unusual, and talking therapy does not help.",
     "Worry about the cancer returning is common, and talking therapy helps.", "unusual"),
    # a denial across the clauses of one sentence
    ("In the HORIZON study, the new drug slowed the cancer but did not help people live longer.",
     "In the HORIZON study, the new drug also helped people live longer.", "did not help"),
    # status: no longer used vs the standard
    ("Radiotherapy to the whole brain is no longer used for this kind of spread.",
     "Radiotherapy to the whole brain is the standard treatment for this kind of spread.", "no longer used"),
    # urgency: can wait vs today
    ("A temperature of 38.5°C during chemo can wait until your clinic appointment next week.",
     "A temperature of 38.5°C during chemo needs a call to your chemo unit today.", "can wait"),
    # vague duration against a figure
    ("Making the personalised vaccine in the lab usually takes about 9 months.",
     "Making the personalised vaccine in the lab usually takes a few weeks.", "9 months"),
    # a figure of the same role, not the distance said beside it
    ("After the transplant you must live within 1 hour of the hospital for 6 weeks.",
     "After the transplant, stay close to the hospital for about 3 weeks.", "6 weeks"),
    # alone vs as a pair
    ("The hormone pills are usually taken one at a time, an aromatase inhibitor alone such as letrozole.",
     "The hormone pills are usually taken as a pair, for example letrozole with ribociclib.", "one at a time"),
    # the figure differs; a negated instruction does not turn its "after" into "before"
    ("After the operation you should not lift anything heavy for 6 weeks.",
     "Do not lift anything heavy for 3 weeks after the operation.", "6 weeks, claim says 3 weeks"),
    # two thresholds of one quantity
    ("A score of 1% or more counts as a high result.", "A score of 50% or more counts as a high result.", "1%"),
]


@pytest.mark.parametrize(("answer", "claim", "named"), CONTRADICTIONS)
def test_contradiction_is_found_and_names_the_conflicting_span(answer: str, claim: str, named: str) -> None:
    v = _one(answer, claim)
    assert v.verdict == "contradicted", v.reason
    assert v.evidence and v.evidence[0].text, v.reason
    assert named.lower() in (v.reason + " " + v.evidence[0].text).lower(), v.reason


LOOK_ALIKES = [
    # emphasis, not negation
    ("A rising marker not only means the cancer may be growing, but the team may also order a scan.",
     "If the marker rises, the cancer may be growing and the team may order a scan."),
    # a double negative
    ("Nothing stops you from asking for a second opinion at any time.", "You can ask for a second opinion at any time."),
    # a purpose states a goal, not a fact
    ("Some teams add radiotherapy after chemo to make sure the lymphoma does not come back.",
     "In the trial, fewer people had their lymphoma come back with the new drug than with the old one."),
    # a negated relative clause in two spellings
    ("Go to the emergency room for a nosebleed that won't stop or a very fast heartbeat.",
     "Go to the emergency room for a nosebleed that will not stop or a very fast heartbeat."),
    # label numbers name different stages
    ("Stage 2 means the cancer is in nearby lymph nodes. Stage 3 means it has grown into nearby organs.",
     "Stage 3 means the cancer has grown into nearby organs."),
    # a value inside the claim's bound
    ("Your result of 70% is well above the level that counts as high.", "A score of 50% or more counts as high."),
    # "not only ... but also" is no restriction
    ("Palliative care is not only for the last weeks of life; it can begin at diagnosis alongside treatment.",
     "Palliative care can begin at any point, alongside treatment."),
    # a mirrored comparison with the opposite comparative agrees
    ("The single drug causes skin rash less often than the two-drug combination.",
     "The two-drug combination causes skin rash more often than the single drug."),
    # a duration inside the vague one
    ("Making the vaccine in the lab usually takes about 3 weeks.", "Making the vaccine in the lab usually takes a few weeks."),
    # a denial about another drug in the same sentence
    ("Side effects differ: drug A can raise blood sugar and affect sleep, while drug B can cause cramps but does "
     "not usually affect sleep.", "Side effects differ; drug A can raise blood sugar and affect sleep, and drug B can "
     "cause cramps."),
    # alone or combined: the answer says both
    ("Letrozole can be taken alone, or combined with ribociclib when the cancer has spread.",
     "For cancer that has spread, letrozole is often combined with ribociclib."),
    # a negation in the sentence before does not reach into the next one
    ("Trials are mostly for people who have no other choices left. They test new medicines in people.",
     "A clinical trial is a study that tests a new medicine in people."),
]


@pytest.mark.parametrize(("answer", "claim"), LOOK_ALIKES)
def test_look_alike_is_not_contradicted(answer: str, claim: str) -> None:
    v = _one(answer, claim)
    assert v.verdict != "contradicted", v.reason


def test_line_slots_read_ranges_and_the_longest_phrase_wins() -> None:
    assert [s[:2] for s in slots.line_slots("a standard second-line option")] == [(2, 2)]
    assert [s[:2] for s in slots.line_slots("approved after two or more earlier treatments")] == [(3, 99)]
    assert [s[:2] for s in slots.line_slots("an option if your first treatment stopped working")] == [(2, 99)]
    assert [s[:2] for s in slots.line_slots("only after four or more prior lines")] == [(5, 99)]


def test_quantities_know_role_and_bound() -> None:
    (dist, stay) = signals.quantities("stay within 2 hours of the center for 4 weeks")
    assert (dist.role, stay.role) == ("distance", "duration")
    (high,) = signals.quantities("a score of 50% or higher")
    assert high.bound == "lower" and signals.within_bound(high, signals.quantities("a result of 80%")[0])
    assert not signals.within_bound(high, signals.quantities("a result of 30%")[0])
    (few,) = signals.vague_times("it usually takes a few weeks")
    assert (few.lo, few.hi) == (14.0, 42.0)


def test_a_value_is_compared_with_the_value_said_of_the_same_thing():
    """'Stay ... 4 weeks' meets 'stay close ... two weeks', not 'takes one to two months' to the infusion: an
    outdated rule is not 'stated' by an answer whose other figure happens to match, and the conflict names
    the stay."""
    claim = Claim(id="old", text="After CAR T you must stay within 2 hours of the center for 4 weeks and not drive "
                                 "for 8 weeks.", kind="outdated", valid_until=dt.date(2025, 6, 25))
    answer = ("Getting from the first clinic visit to the infusion usually takes one to two months. Afterwards you "
              "stay close to the hospital for about 2 weeks, and you should not drive for 2 weeks.")
    (v,) = judge_answer(answer, [claim], as_of=AS_OF)
    assert v.verdict == "absent", v.reason
    said = signals.quantities("stay near the center for about 2 weeks and it takes 1 to 2 months to get there")
    claim_q = signals.quantities("stay within reach of the center for 4 weeks")
    check = signals.compare_numbers(claim_q, said, roles=True)
    assert check.conflict is not None and check.found is not None and check.found.surface == "2 weeks"


def test_the_contradiction_threshold_is_never_below_the_floor():
    """Even when F0.5 on the pairs is best at a low level, "contradicted" needs a calibrated 0.5."""
    import numpy as np

    from harness.score.engines.judge.fitting import CONTRADICTION_FLOOR, _thresholds

    rng = np.random.default_rng(0)
    y = np.array(["contradicted"] * 40 + ["missing"] * 160)
    c = np.concatenate([rng.uniform(0.2, 0.45, 40), rng.uniform(0.0, 0.2, 160)])  # contradictions score 0.2-0.45
    s = np.zeros(200)
    ones = np.ones(200, dtype=bool)
    _, tc = _thresholds(s, c, ones, ones, y, ones, ones, True)
    assert tc >= CONTRADICTION_FLOOR == 0.5
    from harness.score.engines.judge import PACKAGED_PROFILES
    from harness.score.engines.judge.model import read_combiner  # the shipped profile obeys it too
    assert read_combiner(PACKAGED_PROFILES / "default.json").threshold_contradicted >= CONTRADICTION_FLOOR
