"""Fitting the combiner: deterministic, honest about its inputs, and the shipped profile reproduces."""

from __future__ import annotations

import json

import pytest

from harness.score.engines.judge import PACKAGED_PROFILES
from harness.score.engines.judge.fit import Pair, fit, main, read_cases
from harness.score.engines.judge.model import Combiner, read_combiner
from harness.score.engines.judge.protocol import ALL_COLUMNS
from tests.paths import CASES as CASES_DIR
from tests.paths import SHARED_DATA

CASES = CASES_DIR / "judge_train.jsonl"
SHARED = SHARED_DATA


def test_fit_on_a_tiny_fixture_is_deterministic(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["--cases", str(CASES), "--out", str(a), "--name", "tiny"]) == 0
    assert main(["--cases", str(CASES), "--out", str(b), "--name", "tiny"]) == 0
    assert a.read_bytes() == b.read_bytes()
    profile = json.loads(a.read_text(encoding="utf-8"))
    # the profile records the signals and the named columns it was fitted on
    assert set(profile["feature_names"]) <= set(ALL_COLUMNS) and "cov_best" in profile["feature_names"]
    assert set(profile["signals"]) <= {"lexical", "embedding", "structure", "contradiction", "refutation"}
    assert profile["trained_on"]["cases"]["pairs"] == len(read_cases(CASES))
    text = a.read_text(encoding="utf-8")
    assert all(p.claim not in text and p.answer not in text for p in read_cases(CASES))  # numbers only
    assert 0 < profile["threshold_supported"] < 1 and profile["cv"]["cases"]["n"] > 0


def test_fit_without_contradictions_keeps_the_base_contradiction_head():
    pairs = [p for p in read_cases(CASES) if p.label != "contradicted"]
    base = read_combiner(PACKAGED_PROFILES / "default.json")
    result = fit(pairs, name="x", base=base)
    names = result.combiner.feature_names
    kept = [c for n, c in zip(names, result.combiner.contradict.coef, strict=True) if n in base.feature_names]
    assert kept == [base.contradict.coef[base.feature_names.index(n)] for n in names if n in base.feature_names]
    assert result.combiner.contradict.intercept == base.contradict.intercept
    alone = fit(pairs, name="x").combiner
    assert alone.threshold_contradicted > 1  # never predicted without examples or a base
    with pytest.raises(ValueError, match="at least two different labels"):
        fit([Pair("a", "b", "supported", "g", "user")] * 3)


def test_profile_roundtrip_and_rejects_foreign_files(tmp_path):
    combiner = read_combiner(PACKAGED_PROFILES / "default.json")
    assert Combiner.from_json(combiner.to_json(), origin="x") == combiner
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    from harness.errors import ConfigError

    with pytest.raises(ConfigError, match="not a judge profile"):
        read_combiner(bad)
    other = combiner.to_json() | {"feature_names": ["x"]}
    with pytest.raises(ConfigError, match="re-fit it with `answer-audit calibrate`"):
        Combiner.from_json(other, origin="old.json")


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "kqa" / "kqa_nli_dev.csv").exists(), reason="shared dev data not present")
def test_shipped_default_profile_reproduces_from_its_recipe(tmp_path):
    out = tmp_path / "default.json"
    assert main(["--kqa", str(SHARED / "kqa" / "kqa_nli_dev.csv"),
                 "--healthver", str(SHARED / "healthver" / "healthver_dev.csv"),
                 "--checkcovid", str(SHARED / "check_covid" / "check_covid_train_dev.jsonl"),
                 "--silver", str(SHARED / "kqa" / "kqa_gold_answers.jsonl"),
                 "--cases", str(CASES), "--cases", str(CASES_DIR / "judge_oncology_paraphrase.jsonl"),
                 "--cases", str(CASES_DIR / "judge_patient_train.jsonl"),
                 "--out", str(out)]) == 0
    fresh = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads((PACKAGED_PROFILES / "default.json").read_text(encoding="utf-8"))
    assert fresh["trained_on"] == shipped["trained_on"]
    assert fresh["feature_names"] == shipped["feature_names"]
    for key in ("threshold_supported", "threshold_contradicted", "review_below"):
        assert fresh[key] == pytest.approx(shipped[key], abs=1e-6)
    for head in ("support", "contradict"):
        assert fresh[head]["coef"] == pytest.approx(shipped[head]["coef"], abs=1e-3)
        assert fresh[head]["platt_a"] == pytest.approx(shipped[head]["platt_a"], abs=1e-3)


def test_the_support_threshold_is_the_middle_of_a_plateau_not_its_edge() -> None:
    """Every level from 0.31 to 0.50 separates these pairs perfectly; a level scored on its own would be chosen
    at the plateau's edge nearest 0.5, where one pair more on the other side drops it. Averaged with its
    neighbours (``SUPPORT_SMOOTHING``), it lies at least a window's width inside."""
    import numpy as np

    from harness.score.engines.judge.fitting import _thresholds

    y = np.array(["supported"] * 50 + ["missing"] * 50)
    s = np.concatenate([np.linspace(0.50, 0.95, 50), np.linspace(0.02, 0.30, 50)])
    ones = np.ones(100, dtype=bool)
    ts, _ = _thresholds(s, np.zeros(100), ~ones, ones, y, ones, ones, False)
    assert 0.36 <= ts <= 0.45  # scored level by level, 0.50 (ties go to the level nearest 0.5)


def test_a_drug_class_in_a_claim_is_no_drug_the_answer_must_name() -> None:
    """"An antidepressant can help" is stated by an answer that names an SSRI: the class is not a core drug whose
    absence vetoes support, while a named drug still is."""
    from harness.score.engines.judge.drugs import is_class
    from harness.score.engines.judge.features import prepare_claim

    assert prepare_claim("An antiemetic taken before chemotherapy can prevent nausea.").core_drugs == frozenset()
    assert prepare_claim("Ondansetron taken before chemotherapy can prevent nausea.").core_drugs == {"rx_ondansetron"}
    assert is_class("rx_antidepressive_agents") and not is_class("rx_sirolimus")
