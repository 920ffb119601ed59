"""Learned contradictions: disagreement in substance found, named, and kept off careful answers.

Cases are written in our own words: a reversed direction of effect, a judgement turned around, a
negated paraphrase that agrees with the claim, and a suspected contradiction left to a reviewer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from harness.battery import Claim
from harness.score.engines.judge import contradiction, get_judge, judge_answer, protocol
from harness.score.engines.judge.features import prepare_answer, prepare_claim
from harness.score.engines.judge.lexical import CombinerJudge
from harness.score.engines.judge.model import NEVER, Combiner

AS_OF = dt.date(2026, 11, 26)


def _one(answer: str, claim: str, kind: str = "essential"):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim, kind=kind)], as_of=AS_OF)  # type: ignore[arg-type]
    return v


def test_reversed_direction_of_effect_is_contradicted_and_names_both_words():
    answer = "Studies of this tablet show that taking it with a fatty meal lowers the amount that reaches the blood."
    v = _one(answer, "Taking this tablet with a fatty meal increases the amount that reaches the blood.")
    assert v.verdict == "contradicted", v.reason
    assert "lowers" in v.reason and "increases" in v.reason
    assert v.evidence and answer[v.evidence[0].start:v.evidence[0].end] == "lowers"


def test_reversed_direction_in_an_unrelated_sentence_is_not_a_contradiction():
    # the answer's "reduces" is about something the claim does not talk about
    v = _one("Walking every day reduces tiredness. The infusion takes about an hour.",
             "Taking this tablet with a fatty meal increases the amount that reaches the blood.")
    assert v.verdict != "contradicted", v.reason


def test_judgement_turned_around_is_contradicted():
    v = _one("In laboratory tests the rinse was ineffective against the virus on steel surfaces.",
             "The rinse is effective against the virus on steel surfaces.")
    assert v.verdict == "contradicted", v.reason


def test_careful_negated_paraphrase_is_not_called_contradicted():
    # both sides negate: the answer agrees with the claim in other words
    v = _one("If your recurrence score is low, chemotherapy is usually not needed after surgery.",
             "Chemotherapy is not needed after surgery when the recurrence score is low.")
    assert v.verdict != "contradicted", v.reason
    # a hedged answer that keeps the claim's direction is not a reversal either
    v = _one("Gentle exercise during treatment can reduce tiredness for many people.",
             "Exercise during treatment reduces tiredness.")
    assert v.verdict != "contradicted", v.reason


def test_signal_columns_and_named_window():
    text = "Fever is common. In the trial, the new mouthwash did not reduce mouth sores during radiotherapy."
    claim = "The new mouthwash reduces mouth sores during radiotherapy."
    row, found = contradiction.measure(prepare_answer(text), prepare_claim(claim))
    cols = dict(zip(contradiction.COLUMNS, row, strict=True))
    assert cols["ctr_topic"] >= 0.75 and cols["ctr_polarity"] > 0 and cols["ctr_neg_answer"] == 1
    assert cols["ctr_affirmed"] == 1
    assert found is not None and found.named
    assert text[found.answer_span[0]:found.answer_span[1]].startswith("In the trial")
    assert "'" in found.describe() and "opposite" in found.describe()
    # the columns are part of the protocol, selectable by name
    x, batch = protocol.compute(text, [claim], ("ctr_topic", "ctr_polarity"))
    assert x.shape == (1, 2) and batch.disagreements[0] is not None


def test_claim_that_negates_gets_no_learned_contradiction():
    # "do not drive" said as "wait before driving" must not become a learned contradiction
    _, found = contradiction.measure(prepare_answer("Please wait two months after the infusion before you drive."),
                                     prepare_claim("Do not drive for two months after the infusion."))
    assert found is None or not found.named


def _default() -> Combiner:
    judge = get_judge("default")
    assert isinstance(judge, CombinerJudge)
    return judge.combiner


def test_learned_contradiction_below_its_level_is_missing_and_needs_review():
    answer = "Most people in the study found that the cream did not ease the itching from the rash."
    claim = "The cream eases the itching from the rash."
    base = _default()
    judge = CombinerJudge(dataclasses.replace(base, threshold_learned=NEVER, threshold_contradicted=NEVER))
    x, batch = protocol.compute(answer, [claim], base.feature_names)
    learned = base.learned(x[0].tolist())
    assert batch.disagreements[0] is not None and batch.disagreements[0].named
    (v,) = judge.judge(answer, [Claim(id="c", text=claim)], as_of=AS_OF)
    assert v.verdict != "contradicted"
    if learned >= 0.5:  # at least even odds but under the (here unreachable) reporting level
        assert v.verdict == "missing" and v.needs_review and "suspected" in v.reason


def test_profile_without_a_substance_head_never_states_a_learned_contradiction():
    base = _default()
    old = Combiner.from_json({k: v for k, v in base.to_json().items() if k not in ("substance", "threshold_learned")},
                             origin="old profile")
    assert old.substance is None and old.threshold_learned == NEVER
    assert old.learned([0.0] * len(old.feature_names)) == 0.0


def test_definition_that_denies_any_cure_contradicts_the_curable_exception():
    # the answer's definition says stage 4 can never be cured; the claim says a few can be
    v = _one("Stage 4 is the last stage. It means the cancer has spread through the body and cannot be cured.",
             "A few stage 4 cancers, such as some testicular cancers, can still be cured.")
    assert v.verdict == "contradicted", v.reason
    assert "'cannot be cured'" in v.reason and v.evidence


def test_a_regimen_named_by_its_number_of_drugs_is_no_direction_of_change():
    # "platinum doublet", "triplet therapy": a regimen, not "doubled"; it must not oppose "helps little"
    for word in ("doublet", "doublets", "triplet", "triplets"):
        assert contradiction._cls(word) == (0, 0), word
    assert contradiction._cls("doubled") == (1, 0)
