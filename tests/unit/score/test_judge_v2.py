"""Judge v2 regressions: register and paraphrase, contradictions from structure, numbers that are not
quantities, harmful claims stated in part, the signal protocol and needs_review.

Each case is written in our own words after a failure seen in the shipped demo samples.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harness.battery import Claim, load_battery
from harness.errors import ConfigError
from harness.score.engines.judge import judge_answer, policy, protocol, structure
from harness.score.engines.judge.model import Combiner, read_combiner
from tests.paths import REPO

AS_OF = dt.date(2026, 11, 26)


def _one(answer: str, claim: str, kind: str = "essential", **kw: object):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim, kind=kind, **kw)], as_of=AS_OF)  # type: ignore[arg-type]
    return v


# --- register and paraphrase ------------------------------------------------------------------


def test_clinician_incurable_meets_plain_cannot_be_cured():
    v = _one("Although most stage IV solid tumours are incurable, treatment can prolong life and ease symptoms.",
             "Stage 4 cancer usually cannot be cured, but it can often be treated to help you live longer.")
    assert v.verdict == "supported", v.reason


@pytest.mark.parametrize(("clinical", "plain"), [
    ("refractory", "did not respond"),
    ("second-line", "the next treatment after the first"),
    ("stage IV", "stage 4"),
    ("metastatic", "has spread"),
    ("pyrexia", "fever"),
])
def test_register_pairs_share_a_token(clinical, plain):
    from harness.score.engines.judge.lexicon import content_keys

    assert set(content_keys(clinical)) & set(content_keys(plain)), (clinical, plain)


def test_brand_and_generic_names_meet():
    v = _one("Keytruda is given every three weeks.", "Pembrolizumab is given every three weeks.")
    assert v.verdict == "supported", v.reason


# --- contradictions from structure ----------------------------------------------------------


def test_second_line_claim_is_contradicted_by_later_line_statement_not_supported_by_an_approval():
    answer = ("CAR T-cell therapy is now the standard of care for relapsed or refractory lymphoma after two or "
              "more lines of therapy. The FDA has approved several CAR T-cell products, including axicabtagene "
              "ciloleucel and lisocabtagene maraleucel.")
    v = _one(answer, "For lymphoma that relapsed within 12 months, CAR T-cell therapy (axicabtagene ciloleucel or "
                     "lisocabtagene maraleucel) is a standard second-line option.")
    assert v.verdict == "contradicted", v.reason
    assert "two or more lines" in v.evidence[0].text and "answer says" in v.reason and "claim says" in v.reason


def test_a_claim_that_some_are_curable_is_not_supported_by_an_answer_saying_none_are():
    v = _one("Stage 4 cancer cannot be cured and has spread throughout the body.",
             "A few stage 4 cancers, such as some testicular cancers, can still be cured.", kind="supporting")
    assert v.verdict != "supported", v.reason


def test_negation_over_a_conjunction_of_predicates_denies_the_option():
    answer = ("Radiotherapy is neither offered nor given at this stage. "
              "The FDA approved a new radiotherapy machine last year.")
    v = _one(answer, "Radiotherapy is a standard option at this stage.")
    assert v.verdict == "contradicted", v.reason
    assert v.evidence and "neither offered nor given" in v.evidence[0].text


def test_opposite_time_bounds_conflict():
    v = _one("A transplant is the usual route when the lymphoma came back more than 12 months after treatment ended.",
             "A transplant is the usual route when the lymphoma came back within 12 months after treatment ended.")
    assert v.verdict == "contradicted", v.reason


def test_no_longer_recommended_contradicts_recommended():
    v = _one("Yearly chest X-rays are no longer recommended for lung cancer screening.",
             "Yearly chest X-rays are recommended for lung cancer screening.")
    assert v.verdict == "contradicted" and "answer negates" in v.reason, v.reason


# --- numbers that are not quantities --------------------------------------------------------


@pytest.mark.parametrize("answer", [
    "Surgery and radiation are the usual choices [3].",
    "Your team can offer two treatment options [3].",
    "The CheckMate 067 trial tested nivolumab with ipilimumab.",
    "See https://www.cancer.gov/types/2 for details on the options.",
    "Palliative care improves quality of life (Temel et al., NEJM 2010).",
])
def test_markers_trial_names_urls_and_reference_years_are_not_compared(answer):
    v = _one(answer, "There are two treatment options.")
    assert v.verdict != "contradicted", v.reason


def test_a_lab_threshold_is_not_compared_with_an_emergency_number():
    v = _one("If your ANC is below 500, go to the emergency department.", "Call 911 if you cannot breathe.")
    assert v.verdict != "contradicted", v.reason


def test_bare_numbers_of_the_same_noun_still_conflict():
    v = _one("Screening usually starts at age 45 for people at average risk.", "Screening starts at age 50.")
    assert v.verdict == "contradicted" and "45" in v.reason and "50" in v.reason, v.reason


def test_citation_markers_are_removed_before_reading_quantities():
    from harness.score.engines.judge.lexicon import prepare
    from harness.score.engines.judge.signals import quantities

    assert quantities(prepare("There are many options [3].")) == ()
    assert quantities(prepare("(Smith et al., Lancet 2019)")) == ()


# --- harmful claims -----------------------------------------------------------------------


def test_a_fixed_lead_time_stated_in_part_makes_the_harmful_claim_stated():
    answer = ("MRD tests can find cancer DNA in the blood using circulating tumor DNA (ctDNA). This testing can "
              "identify recurrence approximately 6-7 months earlier than standard imaging.")
    v = _one(answer, "A ctDNA blood test finds relapse a fixed 6 to 7 months earlier than imaging, so scans can be "
                     "skipped.", kind="harmful")
    assert v.verdict == "stated", v.reason


def test_a_hedged_answer_does_not_state_a_claim_of_certainty():
    v = _one("A rising PSA can be an early sign that the cancer is growing.",
             "A rising PSA definitively means the cancer is growing.", kind="harmful")
    assert v.verdict == "absent", v.reason


@pytest.mark.parametrize("sample", ["careful", "jargon"])
def test_careful_and_jargon_samples_get_no_contradicted_or_stated_harm(sample):
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    flagged = []
    for line in (REPO / "evals" / "samples" / "oncology" / f"{sample}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = battery.gold.get(row["question_id"])
        if gold is None or not row.get("answer"):
            continue
        for v in judge_answer(row["answer"], gold.claims, as_of=AS_OF):
            if v.verdict == "contradicted" or (v.verdict == "stated" and v.applies):
                flagged.append((row["question_id"], v.claim_id, v.reason))
    assert flagged == []


# --- the signal protocol and the verdict policy ----------------------------------------------


def test_signals_compute_named_columns_for_all_claims_in_one_batch():
    x, batch = protocol.compute("CAR T is a second-line option. It can cause fever.",
                                ["CAR T is a second-line option.", "Fever is a side effect."],
                                ("cov_best", "emb_max", "conf_any"))
    assert x.shape == (2, 3) and len(batch.details) == 2 and len(batch.conflicts) == 2
    assert x[0, 0] > 0.9 and x[0, 1] > x[1, 1] - 1


def test_a_profile_needing_a_missing_signal_fails_with_one_sentence(monkeypatch):
    combiner = read_combiner(REPO / "harness" / "score" / "engines" / "judge" / "profiles" / "default.json")
    monkeypatch.setattr(protocol.SIGNALS["embedding"], "unavailable", lambda: "wordllama is not installed")
    with pytest.raises(ConfigError, match="needs the 'embedding' signal.*wordllama is not installed"):
        Combiner.from_json(combiner.to_json(), origin="judge profile 'x'")


def test_a_profile_with_unknown_columns_names_them():
    combiner = read_combiner(REPO / "harness" / "score" / "engines" / "judge" / "profiles" / "default.json")
    data = combiner.to_json() | {"feature_names": ["cov_best", "telepathy"]}
    with pytest.raises(ConfigError, match="telepathy"):
        Combiner.from_json(data, origin="p.json")


def test_policy_demotes_a_contradiction_without_a_named_conflict_and_flags_review():
    claim = Claim(id="c", text="X is safe.")
    v = policy.finalize(claim, "contradicted", 0.9, as_of=AS_OF, reason="the grader thinks so")
    assert v.verdict == "missing" and v.needs_review
    v = policy.finalize(claim, "supported", 0.55, as_of=AS_OF, review_below=0.6)
    assert v.verdict == "supported" and v.needs_review


def test_policy_key_terms_apply_to_every_backend():
    claim = Claim(id="c", text="Axi-cel is a second-line option.", key_terms=["axi-cel"])
    v = policy.finalize(claim, "supported", 0.9, as_of=AS_OF, text="CAR T is a second-line option.")
    assert v.verdict == "missing" and "key term" in v.reason


def test_conflicts_name_both_spans():
    c = structure.find_conflict("Early relapse means within 36 months.", 10, "Early relapse means within 12 months.")
    assert c is not None and c.kind == "quantity"
    assert c.answer_span[0] >= 10 and c.claim_text.startswith("Early relapse")


def test_a_claim_not_yet_valid_does_not_count_whatever_the_verdict():
    v = _one("Ask about bispecific antibodies.", "Bispecific antibodies are approved after two lines.",
             valid_from=dt.date(2030, 5, 19))
    assert v.applies is False and "valid from 2030-05-19" in v.reason
