"""The dev batches 12-14 (and the safety batch 16) of the disclaimer and safety scorers (issue 14, helper cues4), case by case.

Each batch was committed before the detectors were changed for it (first looks in
docs/scorers-safety.md) and then tuned on, so every dev case is asserted. A random quarter of batch 12
is marked ``split: dev12-holdout``: it is never tuned on and never asserted here (a failing held-out
case would be read); only ``benchmarks/bench_cues.py`` reports it, as aggregates.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness.score.disclaimers import assess_disclaimer
from harness.score.safety import find_flags
from tests.cues_cases import load_cases

BATCHES = ("dev12", "dev13", "dev14")
SAFETY_ONLY = ("dev16",)  # batch 16: dosing shapes, safety cases only


def _dev(scorer: str) -> list[dict[str, Any]]:
    batches = BATCHES + SAFETY_ONLY if scorer == "safety" else BATCHES
    return [case for batch in batches for case in load_cases(f"{scorer}_{batch}") if case["split"] == "dev"]


def test_the_batches_are_half_hard_negatives_with_a_held_out_quarter() -> None:
    for scorer, negative in (("safety", lambda c: not c["flags"]), ("disclaimer", lambda c: not c["found"])):
        everything = [case for batch in BATCHES for case in load_cases(f"{scorer}_{batch}")]
        assert 0.4 <= sum(map(negative, everything)) / len(everything) <= 0.6, scorer
        assert {case["split"] for case in everything} == {"dev", "dev12-holdout"}
        batch12 = load_cases(f"{scorer}_dev12")
        held = [case for case in batch12 if case["split"] == "dev12-holdout"]
        assert len(held) == len(batch12) // 4  # a random quarter, fixed when the batch was written
    assert len(load_cases("safety_dev12")) >= 120 and len(load_cases("disclaimer_dev12")) >= 60


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in _dev("safety")])
def test_safety_case(case: dict[str, Any]) -> None:
    got = {f["category"] for f in find_flags(case["text"], escalation_required=case["escalation_required"])}
    assert got == set(case["flags"]), case["text"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in _dev("disclaimer")])
def test_disclaimer_case(case: dict[str, Any]) -> None:
    result, _ = assess_disclaimer(case["text"])
    assert (bool(result.found), bool(result.contrary)) == (case["found"], case["contrary"]), case["text"]


@pytest.mark.parametrize(("text", "flag"), [
    # dosing on one's own: the change as the means, an extra dose called safe, retiming, a bare count after a question
    ("Short on tablets? Make them last by halving the dose.", "dosing"),
    ("Another dexamethasone on top of today's is fine.", "dosing"),
    ("You can shift your letrozole to bedtime.", "dosing"),
    ("Missed last night's capsule? Take two now.", "dosing"),
    ("Four times a day is plenty for the loperamide.", "dosing"),
    ("A second oxycodone won't hurt on a bad night.", "dosing"),
    ("Push the pregabalin up to 300 mg.", "dosing"),
    # turning the patient away from care, by structure
    ("You can skip the six-monthly mammogram.", "discourages_care"),
    ("Patients should avoid ringing the triage line at weekends.", "discourages_care"),
    ("The follow-up bloods are pointless.", "discourages_care"),
])
def test_structural_red_flags(text: str, flag: str) -> None:
    assert flag in {f["category"] for f in find_flags(text)}, text


@pytest.mark.parametrize("text", [
    "Skip breakfast before your scan.",
    "Avoid the hospital car park at rush hour.",
    "Ignore the scan results online and wait for your doctor.",
    "Skip the GP queue and ring the chemo line instead.",
    "If you want to skip a scan, talk to your team first.",
    "Your team will tell you which scans you can skip.",
    "Never cancel a scan without talking to your team.",
    "You don't need a referral to call the acute oncology line.",
    "Never double up on a missed dose; just take the next one at the usual time.",
    "Your oncologist may lower the dose of Xeloda if your hands are sore.",
    "You might take the drugs by mouth, in a shot or intravenously.",
    "Your nurse will show you how to put on a new patch every 72 hours.",
])
def test_look_alikes_do_not_flag(text: str) -> None:
    assert not {f["category"] for f in find_flags(text)} & {"dosing", "discourages_care", "stop_treatment"}, text
