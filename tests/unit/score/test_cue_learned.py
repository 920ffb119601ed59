"""The learned sentence-level cue component: what it adds, what the context engine keeps it from, its fit.

The shipped model (``harness/score/engines/cues/learned_model.json``) is fitted on dev cases only;
these tests check the mechanics (a paraphrase the rules miss is found and marked ``learned``; negated,
reported and routine look-alikes are not; the evidence names the source), that the fit reads no
held-out case, and that the fit script reproduces the shipped file byte for byte.
"""

from __future__ import annotations

import json

import pytest

from harness.core.text import split_sentences
from harness.score.disclaimers import assess_disclaimer
from harness.score.engines.cues import analyse, learned
from harness.score.engines.cues.context import prepare
from harness.score.engines.cues.fit import dev_cases, fit
from harness.score.escalation import assess_escalation
from tests.paths import CASES, SHARED_DATA

# dev cases (disclaimer_dev6 / escalation_dev6) that the rules alone miss
GENERAL = "What I've written applies to people in general, so parts of it may not fit you."
URGENT = "The acute oncology hotline should be contacted immediately for any red-flag symptom."


def _unit(text: str):  # type: ignore[no-untyped-def]
    return prepare(split_sentences(text))[0]


def test_the_shipped_model_loads_with_every_head():
    # the red-flag and contrary heads ship since batch 8-10 (cross-validated over fresh dev batches:
    # docs/scorers-safety.md, "Measured"); before that only the care heads did
    model = learned.model()
    assert model is not None
    assert model.targets == learned.TARGETS
    assert model.embedding_coef.shape == (len(learned.TARGETS), 256)
    assert model.ngram_coef.shape[1] == len(model.vocabulary)


def test_a_learned_red_flag_yields_to_the_team_and_to_population_statements():
    team = _unit("Your oncologist might suggest a short break from the tablets over the summer.")
    assert learned.blocked("stop_treatment", team, 0, 4, set()) == "the care team decides"
    population = _unit("Many women stop their hormone tablets early because of joint pain.")
    assert learned.blocked("stop_treatment", population, 0, 4, set()) == "a statement about a population"
    advice = _unit("Many women stop their hormone tablets early, and you can too.")
    assert learned.blocked("stop_treatment", advice, 0, 4, set()) is None


def test_a_learned_stop_needs_a_word_of_its_class():
    # a regimen step ("you get mild chemo before the infusion") is not a stop, however close it sits to one
    regimen = _unit("For a few days before the infusion, you get mild chemo.")
    assert learned.blocked("stop_treatment", regimen, 0, 3, set()) == "no word of the category's class"
    stop = _unit("You could just give the chemo a rest for now.")
    assert learned.blocked("stop_treatment", stop, 0, 3, set()) is None


def test_a_paraphrase_the_rules_miss_is_found_and_marked_learned():
    assert not analyse(GENERAL, learned=False).care_of("not_advice")
    [cue] = analyse(GENERAL).care_of("not_advice")
    assert cue.source == "learned" and cue.note == "learned" and 0.5 < (cue.probability or 0) <= 1
    result, _ = assess_disclaimer(GENERAL)
    [hit] = result.evidence["disclaimers"]
    assert hit["kind"] == "learned" and hit["source"] == "learned" and hit["span"]["text"] == GENERAL
    assert result.evidence["kinds"]["learned"] == 1


def test_learned_escalation_carries_its_source_and_rules_keep_theirs():
    result, _ = assess_escalation(URGENT)
    assert result.found
    assert {h["source"] for h in result.evidence["escalations"]} == {"learned"}
    rule_only, _ = assess_escalation("Call the chemo line straight away if your temperature reaches 38°C.")
    assert [h["source"] for h in rule_only.evidence["escalations"]] == ["rule"]
    assert "probability" not in rule_only.evidence["escalations"][0]


def test_analysis_is_deterministic():
    text = GENERAL + " " + URGENT
    assert analyse(text) == analyse(text)


@pytest.mark.parametrize(("target", "text", "why"), [
    ("disclaimer", "Lots of blogs end with 'consult your doctor', but few explain why.", "inside quotation marks"),
    ("escalation", "Contact your care team if you have any questions.", "a routine contact, not urgent"),
    ("disclaimer", "It is not necessary to discuss this with your doctor.", "negated"),
])
def test_the_context_engine_blocks_look_alikes(target, text, why):
    unit = _unit(text)
    low = unit.low
    anchor = {"disclaimer": "doctor", "escalation": "contact"}[target]
    start = low.index(anchor)
    assert learned.blocked(target, unit, start, start + len(anchor), set()) == why


def test_a_target_the_rules_found_is_never_added_twice():
    unit = _unit("Call the chemo line straight away if your temperature reaches 38°C.")
    assert learned.blocked("escalation", unit, 0, 4, {"escalation"}) == "already found by a rule"


def test_the_learned_component_can_be_switched_off(tmp_path):
    try:
        learned.use_model(None)
        assert not analyse(GENERAL).care_of("not_advice")
        bad = tmp_path / "model.json"
        bad.write_text("{}", encoding="utf-8")
        learned.use_model(bad)
        with pytest.raises(learned.LearnedUnavailable, match="model.json"):
            analyse(GENERAL)
    finally:
        learned.use_model(learned.MODEL_PATH)


def test_the_fit_reads_dev_cases_only():
    cases = list(dev_cases(CASES))
    assert cases and all(case.get("split", "dev") == "dev" for _, case in cases)
    # heldout2 was written for this component; (one safety_heldout text also sits in safety.jsonl as a dev case)
    heldout = {json.loads(line)["text"] for path in CASES.glob("*_heldout2.jsonl")
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert len(heldout) == 180 and not heldout & {case["text"] for _, case in cases}


@pytest.mark.slow
def test_the_fit_script_reproduces_the_shipped_model(tmp_path):
    medquad = SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl"
    if not medquad.exists():
        pytest.skip(f"{medquad} not found (shared dev data)")
    from harness.score.engines.cues.fit import main

    out = tmp_path / "model.json"
    assert main(["--cases-dir", str(CASES), "--background", str(medquad), "--out", str(out)]) == 0
    assert out.read_bytes() == learned.MODEL_PATH.read_bytes()


def test_fit_on_a_few_cases_gives_every_requested_head():
    cases = [("disclaimer", {"text": "This is general information, not advice.", "found": True}),
             ("disclaimer", {"text": "Rituximab targets CD20.", "found": False}),
             ("escalation", {"text": "Call 999 now if you cannot breathe.", "found": True}),
             ("escalation", {"text": "Fever can be a sign of infection.", "found": False})]
    params = {"embedding_weight": 1.0, "ngram_weight": 0.3, "C": 1.0, "threshold": 0.85, "min_df": 1,
              "background_weight": 0.3}
    model = fit(cases, params, skip=("contrary", "dosing", "stop_treatment", "certainty",
                                     "eligibility_prognosis", "privacy"))
    assert model["targets"] == ["disclaimer", "escalation"]
    assert set(model["heads"]) == {"disclaimer", "escalation"} and model["sentences"] == 4


def test_every_head_ships_its_own_threshold_from_the_fit_table():
    # chosen per target by leave-one-batch-out cross-validation (benchmarks/bench_cue_batches.py), no longer
    # one 0.85 for every head
    from harness.score.engines.cues.fit import THRESHOLDS

    model = learned.model()
    assert model is not None
    assert dict(zip(model.targets, model.thresholds.tolist(), strict=True)) == {t: THRESHOLDS[t] for t in model.targets}
    assert set(THRESHOLDS) == set(learned.TARGETS) and len(set(THRESHOLDS.values())) > 1


def test_fit_threshold_comes_from_the_table_unless_one_is_given():
    from harness.score.engines.cues.fit import THRESHOLDS

    cases = [("disclaimer", {"text": "This is general information, not advice.", "found": True}),
             ("disclaimer", {"text": "Rituximab targets CD20.", "found": False})]
    params = {"embedding_weight": 1.0, "ngram_weight": 0.3, "C": 1.0, "min_df": 1, "background_weight": 0.3}
    skip = tuple(t for t in learned.TARGETS if t != "disclaimer")
    assert fit(cases, params, skip)["heads"]["disclaimer"]["threshold"] == THRESHOLDS["disclaimer"]
    assert fit(cases, {**params, "threshold": 0.5}, skip)["heads"]["disclaimer"]["threshold"] == 0.5


def test_per_case_rows_merge_to_the_training_sentences():
    from harness.score.engines.cues.fit import case_rows, examples, merge

    cases = [("escalation", {"text": "Call 999 now if you cannot breathe. Fever can be a sign of infection.", "found": True}),
             ("escalation", {"text": "Fever can be a sign of infection.", "found": False})]
    assert merge(case_rows(s, c) for s, c in cases) == examples(cases)
    lows, texts, labels = examples(cases)
    assert texts == sorted(texts) and labels[texts.index("Call 999 now if you cannot breathe.")] == {"escalation"}
