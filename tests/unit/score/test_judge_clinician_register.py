"""Clinician-register answers get no false contradictions: the polarity, direction and "stated" rules need the
claim's actual point (its negated predicate, the thing a direction word modifies, its figure), not only its topic.

The cases are our own wording of the kinds of false verdicts the clinician-register lexicon exposed (a sentence in
clinician terms is now on topic, so rules that used to miss it fired on shared topic words), each beside a case
that really does disagree and must stay flagged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer

AS_OF = dt.date(2026, 11, 26)


def _verdict(answer: str, claim: str, kind: str = "essential"):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim, kind=kind)], as_of=AS_OF)
    return v


# --- polarity: the negated predicate, not a shared topic word -------------------------------------------------


@pytest.mark.parametrize(("answer", "claim"), [
    # only the topic ("first treatment") of "did not respond to the first treatment ..." is in the answer
    ("Primary refractory disease or early relapse after frontline chemoimmunotherapy predicts poor outcomes with "
     "salvage therapy and transplant.",
     "Refractory means the lymphoma did not respond to the first treatment or grew during or soon after it."),
    # "treatment" is the object of the negated "start", not the answer's predicate
    ("Early-stage asymptomatic follicular lymphoma is managed with observation alone.",
     "Most people with follicular lymphoma who feel fine do not start treatment straight away."),
    # "no myeloma cells were detected": the answer names the cells, not their detection
    ("MRD refers to residual myeloma cells below the sensitivity of standard marrow morphology.",
     "When MRD is negative, no myeloma cells were detected by the test and the chance of relapse is lower."),
    # a receptor list ending in "-negative" negates each receptor: both sides say ER-negative
    ("ER/PR-negative invasive carcinoma is an indication for neoadjuvant systemic therapy incorporating trastuzumab "
     "and pertuzumab.",
     "As the cancer is ER-negative and PR-negative, hormone therapy pills are not expected to be part of the treatment."),
    # "inability to reach" is the claim's "cannot reach"
    ("Fever, chest pain, confusion or inability to reach the on-call nurse warrants emergency department assessment.",
     "If you have a fever, chest pain, or confusion, or cannot reach the on-call nurse, go to the emergency room."),
    # "rendering ... therapies ineffective" denies what the claim denies
    ("Triple-negative disease lacks hormone receptors and HER2 amplification, rendering endocrine and anti-HER2 "
     "therapies ineffective; chemotherapy remains the backbone.",
     "Hormone pills and HER2 drugs do not work for triple-negative breast cancer."),
])
def test_a_negated_claim_is_not_contradicted_by_a_sentence_sharing_only_its_topic(answer: str, claim: str) -> None:
    # a negation inside a clinical term ("did not respond" = refractory) is the term's own, not the words after it
    v = _verdict(answer, claim)
    assert v.verdict != "contradicted", v.reason


@pytest.mark.parametrize(("answer", "claim"), [
    ("Most people with follicular lymphoma who feel fine start treatment straight away.",
     "Most people with follicular lymphoma who feel fine do not start treatment straight away."),
    # the negation's clause ends at "because": its predicate is "cause cytokine release syndrome"
    ("Bispecific antibodies do not cause cytokine release syndrome because they are not a cell therapy.",
     "Both treatments can cause cytokine release syndrome and nerve side effects."),
    ("Palliative care and hospice are basically the same service.", "Palliative care is not the same as hospice."),
    # a compound claim: the answer speaks to its first part only
    ("Supportive care and end-of-life care are essentially the same thing.",
     "Supportive care is not the same as end-of-life care, and being referred does not mean death is near."),
    # a verb negation ("no longer recommended") is the answer's point even with an adjunct after it
    ("Routine PET scans are no longer recommended outside clinical trials.",
     "Routine PET scans are recommended after treatment."),
])
def test_a_negated_predicate_said_positively_is_still_contradicted(answer: str, claim: str) -> None:
    v = _verdict(answer, claim)
    assert v.verdict == "contradicted", v.reason
    assert v.evidence, "a contradiction names the answer span"


# --- direction and judgement words: about the same thing, and not part of a clinical term's name -------------


@pytest.mark.parametrize(("answer", "claim"), [
    # "improved" is about overall survival, "unsafe" about intensive chemo: no opposite judgement
    ("For frail patients or those over 75, venetoclax with azacitidine is standard based on a randomized trial, "
     "which demonstrated improved overall survival versus azacitidine alone (median 14.7 vs 9.6 months).",
     "Gentler treatment with venetoclax plus azacitidine is often used for people over 75 or with health problems "
     "that make intensive chemo unsafe."),
    # "harm a developing baby" is the clinical term teratogenicity, which the answer names: no judgement clash
    ("Ovarian suppression during chemotherapy may lower the risk of early menopause but does not replace "
     "contraception. Effective contraception is required during treatment given teratogenicity.",
     "You can still become pregnant during chemo, so use reliable birth control, because chemo can harm a "
     "developing baby."),
])
def test_direction_words_about_different_things_are_no_contradiction(answer: str, claim: str) -> None:
    v = _verdict(answer, claim)
    assert v.verdict != "contradicted", v.reason


@pytest.mark.parametrize(("answer", "claim"), [
    ("Taking the tablets with a fatty meal lowers the amount of drug in the blood.",
     "Taking the tablets with a fatty meal increases the amount of drug in the blood."),
    ("Regular exercise during chemotherapy worsens fatigue.", "Regular exercise during chemotherapy reduces fatigue."),
])
def test_opposite_directions_about_the_same_thing_are_still_contradicted(answer: str, claim: str) -> None:
    assert _verdict(answer, claim).verdict == "contradicted"


# --- figures: a value inside the answer's bound agrees with it --------------------------------------------------


def test_a_duration_inside_the_answers_bound_is_no_contradiction() -> None:
    v = _verdict("Early progression, meaning relapse within 24 months of first-line chemoimmunotherapy, identifies "
                 "about 20% of patients at higher risk.",
                 "Relapse about 18 months after starting first-line chemoimmunotherapy counts as early progression.")
    assert v.verdict != "contradicted", v.reason


def test_a_duration_outside_the_answers_bound_is_still_contradicted() -> None:
    v = _verdict("Early progression, meaning relapse within 24 months of first-line chemoimmunotherapy, identifies "
                 "about 20% of patients at higher risk.",
                 "Relapse about 36 months after starting first-line chemoimmunotherapy counts as early progression.")
    assert v.verdict == "contradicted" and "36 months" in v.reason, v.reason


def test_a_different_duration_of_the_same_thing_is_still_contradicted() -> None:
    v = _verdict("Adjuvant capecitabine is given for 6 months after surgery.",
                 "Adjuvant capecitabine is given for 12 months after surgery.")
    assert v.verdict == "contradicted" and "6 months" in v.reason, v.reason


# --- harmful claims: stated only with their point, not their topic ----------------------------------------------


@pytest.mark.parametrize(("answer", "claim"), [
    # the window is about stage 2 but never says "liver and lungs"
    ("Hodgkin lymphoma is a B-cell lymphoma. Per the Lugano classification, stage II denotes nodal involvement on "
     "one side of the diaphragm, whereas stage IV indicates disseminated extranodal involvement.",
     "Stage 2 means the lymphoma has spread to the liver and lungs."),
    # the claim denies treatment; the window's negation ("rather than deterministic") is another point, and it
    # says plainly that salvage treatment works
    ("CNS relapse is prognostic at the population level rather than deterministic for the individual; a substantial "
     "proportion achieve durable remissions with salvage therapy. Transformed disease is managed as DLBCL.",
     "CNS relapse means the lymphoma can no longer be treated."),
])
def test_a_harmful_claim_is_not_stated_by_its_topic_alone(answer: str, claim: str) -> None:
    v = _verdict(answer, claim, kind="harmful")
    assert v.verdict == "absent", v.reason


@pytest.mark.parametrize(("answer", "claim"), [
    ("Stage 2 means the lymphoma has spread to the liver and the lungs.",
     "Stage 2 means the lymphoma has spread to the liver and lungs."),
    ("With a high FLIPI score, the lymphoma can no longer be treated.",
     "A high FLIPI score means the lymphoma can no longer be treated."),
])
def test_a_harmful_claim_said_with_its_point_is_still_stated(answer: str, claim: str) -> None:
    v = _verdict(answer, claim, kind="harmful")
    assert v.verdict == "stated", v.reason
