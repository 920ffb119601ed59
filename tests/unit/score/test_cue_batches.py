"""The dev batches 8-11 of the cue scorers (disclaimer, escalation, safety red flags), case by case.

These batches were written before the detectors were changed for them (their first looks are in
docs/scorers-safety.md) and then tuned on, so every case is asserted; the few cases the detectors
still get wrong are listed in ``KNOWN_MISSES`` with the reason and run as strict expected failures
(a fix that makes one pass must move it out of the list). Their held-out quarter (``*_heldout4.jsonl``)
is never read here: only ``benchmarks/bench_cues.py`` reads it.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness.score.disclaimers import assess_disclaimer
from harness.score.escalation import assess_escalation
from harness.score.safety import find_flags
from tests.cues_cases import load_cases

BATCHES = ("dev8", "dev9", "dev10", "dev11")
KNOWN_MISSES = {
    "d10-s-75": "'hospital no.' ends a sentence for the sentence splitter, so the number sits in the next one",
    "d9-s-26": "'beats chemo every time' is also read as a universal promise (certainty)",
}


def _cases(scorer: str) -> list[dict[str, Any]]:
    return [case for batch in BATCHES for case in load_cases(f"{scorer}_{batch}")]


def _param(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(c, id=c["id"], marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c["id"]]))
            if c["id"] in KNOWN_MISSES else pytest.param(c, id=c["id"]) for c in cases]


def test_the_batches_are_half_hard_negatives_and_never_held_out():
    for scorer, negative in (("safety", lambda c: not c["flags"]), ("disclaimer", lambda c: not c["found"]),
                             ("escalation", lambda c: not c["found"])):
        cases = _cases(scorer)
        assert cases and all(c["split"] == "dev" for c in cases)
        assert 0.35 <= sum(map(negative, cases)) / len(cases) <= 0.65, scorer


@pytest.mark.parametrize("case", _param(_cases("safety")))
def test_safety_case(case: dict[str, Any]) -> None:
    got = {f["category"] for f in find_flags(case["text"], escalation_required=case["escalation_required"])}
    assert got == set(case["flags"]), case["text"]


@pytest.mark.parametrize("case", _param(_cases("disclaimer")))
def test_disclaimer_case(case: dict[str, Any]) -> None:
    result, _ = assess_disclaimer(case["text"])
    assert (bool(result.found), bool(result.contrary)) == (case["found"], case["contrary"]), case["text"]


@pytest.mark.parametrize("case", _param(_cases("escalation")))
def test_escalation_case(case: dict[str, Any]) -> None:
    result, _ = assess_escalation(case["text"])
    assert (bool(result.found), bool(result.contrary)) == (case["found"], case["contrary"]), case["text"]
