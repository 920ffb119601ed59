"""Measures in one spelling, receptors read in context, drugs by their class: the judge's word keys.

The sentences are our own wording of the kinds of clinician/patient pairs these rules are for; each rule has a
case that must still tell two different things apart.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, lexicon
from harness.score.engines.judge.measures import measures

AS_OF = dt.date(2026, 11, 26)


def _keys(text: str) -> set[str]:
    return set(lexicon.content_keys(text))


def _read(text: str) -> list[tuple[str, ...]]:
    norm = lexicon.prepare(text)
    return [m.words for m in measures(norm)]


@pytest.mark.parametrize(("one", "other"), [
    ("a temperature of 38 °C", "a temperature of 100.4 °F"),
    ("fever of 38.0°C", "fever of 100.4 degrees F"),
    ("within 24 months", "within 2 years"),
    ("about 4-8 weeks", "one to two months"),
    ("for 14 days", "for two weeks"),
    ("one in five people", "20% of people"),
    ("taken once a day", "taken daily"),
])
def test_one_measure_in_two_units_gives_the_same_keys(one: str, other: str) -> None:
    # a converted duration also keeps the unit it was written in ("24 months" says "months" as well)
    assert _keys(one) <= _keys(other) or _keys(other) <= _keys(one)
    assert _read(one) != []


@pytest.mark.parametrize(("one", "other"), [
    ("38 °C", "39 °C"),
    ("within 12 months", "within 18 months"),
    ("3-4 weeks", "1-2 months"),
    ("1 in 5", "1 in 3"),
])
def test_different_measures_stay_different(one: str, other: str) -> None:
    assert _read(one) != _read(other)


def test_what_is_not_a_body_temperature_or_a_proportion_is_left_alone() -> None:
    assert _read("a platelet count of 100.4 mg") == []  # a unit that is not a temperature
    assert _read("12 cycles in 2020") == []  # a calendar year is not "N in M"
    assert _read("5 c") == []  # a letter after a number out of body range


def test_a_fever_range_temperature_says_fever_and_a_bare_key_term_meets_celsius() -> None:
    assert "fever" in _keys("Any temperature of 38.3 °C should be reported.")
    assert "fever" not in _keys("Her temperature was 36.8 °C.")
    # the gold key term "100.4" is met by an answer that gives the threshold in Celsius only
    assert set(lexicon.content_keys("100.4")) <= _keys("Call if your temperature reaches 38 °C.")


@pytest.mark.parametrize("receptor", ["ER-negative disease", "ER/PR-negative tumours", "ER status is pending",
                                      "absence of ER/PR expression"])
def test_er_before_a_receptor_word_is_the_estrogen_receptor(receptor: str) -> None:
    keys = _keys(receptor)
    assert "emergency" not in keys and "estroge" in keys


def test_er_elsewhere_is_still_the_emergency_room() -> None:
    assert "emergency" in _keys("Go to the ER if you cannot reach the team.")


def test_receptor_negative_wording_meets_the_plain_wording() -> None:
    assert "hrneg" in _keys("The cells do not have estrogen receptors.")
    assert "hrneg" in _keys("The tumour is ER-negative.")


def test_a_named_drug_says_its_class() -> None:
    assert {"rx_olaparib", "parpinh"} <= _keys("She takes olaparib.")
    assert "parpinh" in _keys("a PARP inhibitor pill")
    assert "btkinh" in _keys("zanubrutinib") and "btkinh" not in _keys("venetoclax")


@pytest.mark.parametrize(("answer", "claim"), [
    ("Fever of 38 °C or higher, uncontrolled hemorrhage or dyspnea warrant immediate ED evaluation.",
     "A fever of 100.4°F or higher, bleeding that will not stop or trouble breathing need the emergency room "
     "right away."),
    ("Relapse less than 12 months after completing frontline therapy defines early relapse.",
     "A relapse within 1 year of the first treatment is called an early relapse."),
])
def test_clinician_sentences_with_other_units_support_the_plain_claim(answer: str, claim: str) -> None:
    (v,) = judge_answer(answer, [Claim(id="c", text=claim)], as_of=AS_OF)
    assert v.verdict == "supported", v.reason


def test_an_other_unit_of_a_different_value_does_not_support() -> None:
    (v,) = judge_answer("Relapse more than 24 months after frontline therapy is called late relapse.",
                        [Claim(id="c", text="A relapse within 1 year of the first treatment is called an early "
                                            "relapse.")], as_of=AS_OF)
    assert v.verdict != "supported", v.reason


@pytest.mark.parametrize(("specialist", "plain", "shared"), [
    ("Pembrolizumab monotherapy is standard.", "Pembrolizumab alone is standard.", "alone"),
    ("ctDNA should not supplant imaging.", "The blood test does not replace scans.", "replac"),
    ("False-negative results occur.", "The test can miss a relapse.", "miss"),
    ("New lymphadenopathy should be reported promptly.", "Tell your care team about new lumps.", "careteam"),
    ("Trials are open in PDAC.", "Trials are open in pancreatic cancer.", "pancrea"),
    ("Axi-cel is the standard 2L therapy.", "CAR T is the standard second-line treatment.", "line2"),
    ("Next-generation ALK TKIs have high CNS penetrance.", "These pills reach the brain.", "reachbrain"),
    ("Recovery of peripheral counts is required.", "Blood counts have come back up.", "countsup"),
])
def test_round_two_register_rows_meet_the_plain_wording(specialist: str, plain: str, shared: str) -> None:
    assert shared in _keys(specialist)
    assert shared in _keys(plain)


def test_specialist_spellings_are_rewritten_for_the_embedding_but_everyday_ones_are_not() -> None:
    assert "fever" in lexicon.plain("Pyrexia after infusion")
    assert "can miss" in lexicon.plain("false-negative results")
    assert lexicon.plain("Tell the team about a fever") == "tell the team about a fever"
    assert "et al" not in lexicon.plain("OlympiA (Tutt et al., NEJM 2021) showed a benefit.")
