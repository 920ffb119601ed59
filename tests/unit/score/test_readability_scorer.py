"""The reading_grade scorer: value, pass/fail against the target, evidence, and every unscored case."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from harness.core.records import Answer
from harness.errors import ConfigError
from harness.score import ScoringContext, build_scorer

AS_OF = dt.date(2026, 11, 26)
EASY = ("Call your care team if you have a fever. A fever can mean an infection. "
        "Do not wait for your next visit. Go to the emergency room if you cannot reach them.")
HARD = ("Relapsed or refractory diffuse large B-cell lymphoma following anthracycline-containing "
        "immunochemotherapy is frequently managed with autologous chimeric antigen receptor "
        "T-cell therapy, including axicabtagene ciloleucel and lisocabtagene maraleucel, "
        "contingent upon performance status and comorbidity evaluation.")


def _score(tiny, text, error=None, **params):
    ctx = ScoringContext.for_question(tiny, "fever-chemo", AS_OF)
    answer = Answer(question_id="fever-chemo", generator="test", text=text, error=error)
    return build_scorer("reading_grade", params).score(answer, ctx)


def test_easy_answer_passes_with_all_formulas_in_evidence(tiny):
    s = _score(tiny, EASY)
    assert s.value is not None and s.value <= 8 and s.passed is True
    ev = s.evidence
    assert ev["formula"] == "fkgl" and ev["target"] == 8
    assert set(ev["formulas"]) == {"fkgl", "smog", "fre", "fog", "cli", "dale_chall"}
    assert ev["formulas"]["fkgl"] == s.value
    assert 1 <= ev["difficulty"] <= 6
    assert ev["counts"]["sentences"] == 4 and ev["counts"]["words"] == 32
    assert "textstat 0.7.13" in ev["tool"] and "preprocessing" in ev and "syllables" in ev
    assert ev["gold"]["fkgl"] is not None  # the gold answer, same pipeline
    json.dumps(ev)
    assert "FKGL" in s.reason and "target 8" in s.reason


def test_hard_answer_fails_and_is_harder_by_difficulty(tiny):
    easy, hard = _score(tiny, EASY), _score(tiny, HARD)
    assert hard.passed is False and hard.value > 12
    assert hard.evidence["difficulty"] > easy.evidence["difficulty"]
    assert hard.evidence["difficulty_drivers"]  # what makes it hard, in rating points


def test_longest_sentences_are_spans_into_the_answer(tiny):
    text = "# Heading\n- short item\n- " + HARD
    s = _score(tiny, text)
    spans = s.evidence["longest_sentences"]
    assert spans and spans[0]["words"] > 20
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_target_comes_from_gold_requirement(tiny):
    ctx = ScoringContext.for_question(tiny, "fever-chemo", AS_OF)
    gold = ctx.gold.model_copy(update={"requirements": ctx.gold.requirements.model_copy(
        update={"max_reading_grade": 3.0})})
    strict = dataclasses.replace(ctx, gold=gold)
    answer = Answer(question_id="fever-chemo", generator="test", text=EASY)
    s = build_scorer("reading_grade").score(answer, strict)
    assert s.evidence["target"] == 3.0 and s.passed is (s.value <= 3.0)


def test_other_formula_as_value(tiny):
    s = _score(tiny, EASY, formula="smog")
    assert s.value == s.evidence["formulas"]["smog"]
    with pytest.raises(ConfigError, match="fre"):
        build_scorer("reading_grade", {"formula": "fre"})


def test_smog_undefined_is_unscored_not_zero(tiny):
    s = _score(tiny, "Call your care team right away if you get a fever during chemotherapy today.",
               formula="smog")
    assert s.value is None and s.passed is None and "SMOG" in s.reason


@pytest.mark.parametrize(("text", "error", "why"), [
    (None, "timeout after 30 s", "generation failed"),
    ("", None, "empty answer"),
    ("  \n ", None, "empty answer"),
    ("Yes, call them.", None, "too few English words"),
    ("发烧时请立即联系医生。化疗期间发烧可能是感染的迹象，请马上给医院打电话。" * 20, None, "too few English words"),
    ("Лихорадка во время химиотерапии может быть признаком инфекции, позвоните врачу немедленно. " * 5
     + "Call your doctor now and do not wait for the next visit.", None, "mostly not English"),
    ("— … 123 456 !!! ???", None, "too few English words"),
])
def test_unscored_cases(tiny, text, error, why):
    s = _score(tiny, text, error=error)
    assert s.value is None and s.passed is None
    assert why in s.reason


def test_huge_answer_is_scored(tiny):
    text = ("Chemotherapy can lower your blood counts. " * 25_000) + "\n- Call your team."  # ~1 MB
    s = _score(tiny, text)
    assert s.value is not None and s.evidence["counts"]["sentences"] == 25_001
    assert len(json.dumps(s.evidence)) < 20_000  # evidence stays small


def test_deterministic(tiny):
    assert _score(tiny, HARD) == _score(tiny, HARD)


def test_answer_analysed_once_and_gold_figures_taken_from_the_analysis(tiny):
    from harness.score.engines.readability import gold_figures
    from harness.score.readability import GOLD_FIGURES_KEY, READABILITY_KEY

    base = ScoringContext.for_question(tiny, "fever-chemo", AS_OF)
    answer = Answer(question_id="fever-chemo", generator="test", text=EASY)
    ctx = base.with_answer(answer)
    standalone = build_scorer("reading_grade").score(answer, base)  # computes the gold figures itself
    assert standalone.evidence["gold"] == gold_figures(base.gold.answer)
    # once per question (e.g. at snapshot time), handed to every answer's analysis
    ctx.analysis.supply(GOLD_FIGURES_KEY, {"fkgl": 1.0, "smog": None, "difficulty": 2.0})
    first = build_scorer("reading_grade").score(answer, ctx)
    assert first.evidence["gold"] == {"fkgl": 1.0, "smog": None, "difficulty": 2.0}
    held = ctx.analysis.get(READABILITY_KEY, lambda: None)
    assert held is not None and held.formulas.fkgl == pytest.approx(first.value, abs=0.005)
    second = build_scorer("reading_grade", {"formula": "smog"}).score(answer, ctx)
    assert ctx.analysis.get(READABILITY_KEY, lambda: None) is held  # the second scorer reused it
    assert second.evidence["counts"] == first.evidence["counts"]
