"""Dev batch 20 of the disclaimer and escalation scorers (issue 14, helper care7).

Batch 20 was committed before the detectors were changed for it; a random third (seed 20) is marked
``split: dev20-holdout``, never tuned on and never asserted here (a failing held-out case would be read);
only ``benchmarks/bench_cues.py`` reports it, as aggregates. Every dev case is asserted, and so is each
structure the batch led to, in wordings the batch does not hold, with look-alikes on both sides.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness.score.disclaimers import assess_disclaimer
from harness.score.escalation import assess_escalation
from tests.cues_cases import load_cases


def _dev(name: str) -> list[dict[str, Any]]:
    return [case for case in load_cases(name) if case.get("split", "dev") == "dev"]


def test_batch_20_is_half_hard_negatives_with_a_held_out_third() -> None:
    for name in ("disclaimer_dev20", "escalation_dev20"):
        cases = load_cases(name)
        assert len(cases) >= 100
        assert 0.4 <= sum(not c["found"] for c in cases) / len(cases) <= 0.6, name
        assert {case["split"] for case in cases} == {"dev", "dev20-holdout"}
        assert sum(case["split"] == "dev20-holdout" for case in cases) == len(cases) // 3


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in _dev("disclaimer_dev20")])
def test_disclaimer_case(case: dict[str, Any]) -> None:
    result, _ = assess_disclaimer(case["text"])
    assert (bool(result.found), bool(result.contrary)) == (case["found"], case["contrary"]), case["text"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in _dev("escalation_dev20")])
def test_escalation_case(case: dict[str, Any]) -> None:
    result, _ = assess_escalation(case["text"])
    assert (bool(result.found), bool(result.contrary)) == (case["found"], case["contrary"]), case["text"]


@pytest.mark.parametrize(("text", "found"), [
    # the writer's own standing is no disclaimer without a pointer ...
    ("I'm not an oncologist, but most people tolerate this drug well.", False),
    ("I am not a nurse myself. Mouth ulcers tend to heal in a week.", False),
    # ... and is one with a pointer: how to read the answer, general wording, a referral
    ("I'm not a medical professional, so read this as background only.", True),
    ("I'm not your doctor - please run any of this past the people treating you.", True),
    # a topic set first ties the referral to one item; the patient's care as the topic keeps it
    ("For help with parking, contact the hospital's main reception.", False),
    ("For questions about your treatment options, talk to your oncology team.", True),
])
def test_disclaimer_structures(text: str, found: bool) -> None:
    assert assess_disclaimer(text)[0].found is found, text


@pytest.mark.parametrize(("text", "found", "contrary"), [
    # hurry for a wish or an errand is no escalation; a danger sign keeps it one
    ("Ring the ward straight away if you would like a copy of the menu.", False, False),
    ("Phone the unit immediately to rearrange the transport.", False, False),
    ("Phone the unit immediately if you have a temperature of 38 or more.", True, False),
    # an outside document's advice is reported; the patient's own leaflet passes advice on
    ("One leaflet I saw tells readers to go to A&E for any headache, which seems a lot.", False, False),
    ("Your discharge leaflet says to call the 24-hour line if you get a fever, so do that.", True, False),
    # an emergency named with no action and no danger sign advises nothing; with a danger sign it does
    ("Hypercalcaemia of malignancy is a medical emergency in most textbooks.", False, False),
    ("Sudden confusion after CAR-T is a medical emergency.", True, False),
    # "no" naming a symptom negates nothing; advice not to call is contrary
    ("Fever with shivering and no appetite for a day is an emergency - call the chemo line.", True, False),
    ("For a fever of 38.5 on chemo is not necessary to phone, it will go down.", False, True),
])
def test_escalation_structures(text: str, found: bool, contrary: bool) -> None:
    result, _ = assess_escalation(text)
    assert (result.found, result.contrary) == (found, contrary), text
