"""The ``unsupported_statements`` scorer: value, pass, evidence, overrides, parameters, sources, labelled cases."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from harness.core.records import Answer
from harness.errors import ConfigError
from harness.score import ScoringContext, build_scorer
from tests.paths import CASES, REPO

AS_OF = dt.date(2026, 11, 26)


def _score(ctx, text, **params):
    return build_scorer("unsupported_statements", params).score(
        Answer(question_id=ctx.question.id, generator="t", text=text), ctx)


@pytest.fixture
def ctx(tiny):
    return ScoringContext.for_question(tiny, "fever-chemo", AS_OF)


def test_invented_figure_is_counted_flagged_and_explained(ctx):
    text = ("A fever of 38 °C or higher during chemotherapy needs a call right away. "
            "Antibiotics given within 60 minutes cut the risk of death by half.")
    score = _score(ctx, text)
    assert score.value == 1.0 and score.passed is False
    (span,) = score.spans
    assert text[span.start:span.end] == span.text and span.text.startswith("Antibiotics given within 60 minutes")
    (flag,) = score.flags
    assert flag.kind == "unsupported_statement" and flag.severity == "medium" and flag.span == span
    statuses = [(s["status"], s["kind"]) for s in score.evidence["statements"]]
    assert statuses == [("backed", "number"), ("unsupported", "survival-figure")]
    assert "1 of 2 specific statement(s) unsupported" in score.reason and "60" in score.reason


def test_general_advice_scores_zero_and_passes(ctx):
    score = _score(ctx, "Call your team's 24-hour line or 911 now. This is general information, not medical advice.")
    assert score.value == 0.0 and score.passed is True and score.reason == "no specific statement to check"
    assert score.spans == () and score.flags == ()


def test_max_unsupported_allows_n_and_parameters_are_validated(ctx):
    text = "Antibiotics given within 60 minutes cut the risk of death by half."
    assert _score(ctx, text, max_unsupported=1).passed is True
    with pytest.raises(ConfigError, match="max_unsupported"):
        build_scorer("unsupported_statements", {"max_unsupported": -1})
    with pytest.raises(ConfigError, match="min_overlap"):
        build_scorer("unsupported_statements", {"min_overlap": 2})
    no_judge = build_scorer("unsupported_statements", {"claim_judge": None})
    assert no_judge.score(Answer(question_id="fever-chemo", generator="t", text=text), ctx).value == 1.0


def test_aggregate_applies_reviewer_overrides(ctx):
    scorer = build_scorer("unsupported_statements")
    text = "Antibiotics given within 60 minutes cut the risk of death by half. A fever of 38 °C needs a call."
    items = _score(ctx, text).evidence["statements"]
    bad = next(s["id"] for s in items if s["status"] == "unsupported")
    good = next(s["id"] for s in items if s["status"] == "backed")
    assert scorer.aggregate(items).value == 1.0
    assert scorer.aggregate(items, {bad: "backed"}).value == 0.0
    assert scorer.aggregate(items, {bad: "not_specific"}).passed is True
    out = scorer.aggregate(items, {good: "unsupported"})
    assert out.value == 2.0 and out.passed is False and out.evidence["checked"] == 2


def test_a_cited_registry_source_with_key_facts_backs_and_an_uncited_one_does_not(ctx):
    fact = "A fever of 38 °C lasting more than 1 hour during chemotherapy is a medical emergency."
    sources = {k: (v.model_copy(update={"key_facts": (fact,)}) if k == "nci-fever" else v)
               for k, v in ctx.sources.items()}
    with_facts = ScoringContext(question=ctx.question, gold=ctx.gold, card=ctx.card, sources=sources, as_of=AS_OF)
    statement = "A fever of 38 °C that lasts more than 1 hour is an emergency during chemotherapy."
    cited = _score(with_facts, statement + "\nSource: Fever and Cancer Treatment, National Cancer Institute.")
    assert cited.value == 0.0 and cited.evidence["cited_sources"] == ["nci-fever"]
    (item,) = cited.evidence["statements"]
    assert item["backing"] == {"type": "source", "source_id": "nci-fever", "text": fact}
    assert _score(with_facts, statement).value == 1.0  # not cited: its key facts are not looked at


def test_the_patients_own_numbers_are_not_statements(tiny):
    q = tiny.question("egfr-lung-first-line")
    question = q.model_copy(update={"question": "I'm 67 and my EGFR lung cancer came back after 8 months. What now?"})
    ctx = ScoringContext(question=question, gold=tiny.gold[q.id], card=tiny.card, sources=tiny.sources, as_of=AS_OF)
    assert _score(ctx, "At 67, and 8 months after treatment, you still have good choices.").value == 0.0
    assert _score(ctx, "At 67, your chance of a response is 70%.").value == 1.0


# ----------------------------------------------------------------------------- the labelled cases
def _cases():
    return [json.loads(line) for line in (CASES / "unsupported.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_labelled_cases_are_well_formed_varied_and_half_hard_negatives():
    cases = _cases()
    assert len(cases) >= 100 and len({c["id"] for c in cases}) == len(cases)
    assert {c["split"] for c in cases} == {"heldout", "dev"}
    negatives = [c for c in cases if not c["unsupported"]]
    assert len(negatives) >= len(cases) // 2 - 2
    assert len({c["voice"] for c in cases}) >= 6
    kinds = {"survival-figure", "approval-or-guideline", "time-frame", "number", "standard-of-care", "named-drug"}
    for c in cases:
        for u in c["unsupported"]:
            assert u["text"] in c["answer"] and u["kind"] in kinds, c["id"]


def test_dev_split_precision_and_recall_hold():
    """A regression guard on the dev part only (the held-out part is reported by the benchmark, never tuned on)."""
    sys.path.insert(0, str(REPO))
    from benchmarks.bench_unsupported import evaluate

    result = evaluate([c for c in _cases() if c["split"] == "dev"], build_scorer("unsupported_statements"))
    tp, fp = sum(result["tp"].values()), sum(result["fp"].values())
    hit, fn = sum(result["hit"].values()), sum(result["fn"].values())
    assert tp / (tp + fp) >= 0.9 and hit / (hit + fn) >= 0.8, result["errors"]
