"""The difficulty model: shipped parameters, prediction, and a deterministic refit on a small fixture."""

from __future__ import annotations

import json
import os

import pytest

from harness.score.engines.readability import analyze
from harness.score.engines.readability.difficulty import load_model
from harness.score.engines.readability.features import FEATURE_NAMES, features
from harness.score.engines.readability.fit import fit_model, load_dev_data, main, same_parameters
from tests.paths import DATA, REPO, SHARED_DATA

FIXTURES = DATA / "readability"
COCHRANE, MEDREADME = FIXTURES / "fixture_cochrane.jsonl", FIXTURES / "fixture_medreadme.csv"
SHARED = SHARED_DATA


def test_shipped_model_is_consistent_and_met_targets_held_out():
    model = load_model()
    assert model.features == FEATURE_NAMES
    assert len(model.coef) == len(model.mean) == len(model.scale) == len(FEATURE_NAMES)
    held = model.meta["held_out"]
    assert held["cochrane_pair_accuracy_cv"] >= 0.85
    assert held["medreadme_pearson_leave_source_out"] >= 0.65


def test_plain_language_is_easier_than_the_technical_version():
    technical = ("Adjuvant anthracycline-based chemotherapy reduced recurrence (HR 0.78; 95% CI 0.69 to 0.88) "
                 "with significant heterogeneity between randomised controlled trials.")
    plain = "Extra chemotherapy after surgery lowered the chance that the cancer came back."
    assert analyze(plain).difficulty < analyze(technical).difficulty


def test_features_are_per_word_rates():
    f = features(["You can call us any time.", "We will help you."])
    assert f is not None and set(f) == set(FEATURE_NAMES)
    assert f["words_per_sentence"] == 5.0
    assert f["personal_share"] == pytest.approx(4 / 10)
    assert f["number_share"] == 0 and f["jargon_share"] == 0
    g = features(["Lenalidomide 25 mg (days 1-21) and rituximab for R/R DLBCL."])
    assert g["jargon_share"] > 0 and g["number_share"] > 0 and g["acronym_share"] > 0
    assert features([]) is None and features(["— …"]) is None


def test_refit_on_fixture_is_deterministic(tmp_path):
    data = load_dev_data(COCHRANE, MEDREADME)
    assert data.x_sent.shape == (15, len(FEATURE_NAMES)) and data.x_abstract.shape[0] == 6
    first, second = fit_model(data), fit_model(load_dev_data(COCHRANE, MEDREADME))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["meta"]["training"]["medreadme"]["rows"] == 15
    out = tmp_path / "model.json"
    assert main(["--cochrane", str(COCHRANE), "--medreadme", str(MEDREADME), "--output", str(out)]) == 0
    assert same_parameters(json.loads(out.read_text()), first)
    assert main(["--cochrane", str(COCHRANE), "--medreadme", str(MEDREADME), "--output", str(out), "--check"]) == 0
    tampered = json.loads(out.read_text())
    tampered["coef"][0] += 0.01
    out.write_text(json.dumps(tampered))
    assert main(["--cochrane", str(COCHRANE), "--medreadme", str(MEDREADME), "--output", str(out), "--check"]) == 1


def test_fit_rejects_missing_files(tmp_path, capsys):
    assert main(["--cochrane", str(tmp_path / "no.jsonl"), "--medreadme", str(MEDREADME)]) == 2
    assert "no.jsonl does not exist" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "cochrane").exists() or not os.environ.get("ANSWER_AUDIT_SLOW"),
                    reason="refit on the shared dev data: set ANSWER_AUDIT_SLOW=1 (about 15 s)")
def test_shipped_parameters_reproduce_from_dev_data():
    code = main(["--cochrane", str(SHARED / "cochrane" / "cochrane_pairs_val.jsonl"),
                 "--medreadme", str(SHARED / "medreadme" / "medreadme_dev.csv"), "--check",
                 "--output", str(REPO / "harness" / "score" / "engines" / "readability"
                                 / "difficulty_model.json")])
    assert code == 0


def test_fit_names_file_line_and_field_of_a_bad_row(tmp_path, capsys):
    bad = tmp_path / "pairs.jsonl"
    lines = COCHRANE.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], '{"technical_abstract": "Only one side."}']) + "\n", encoding="utf-8")
    assert main(["--cochrane", str(bad), "--medreadme", str(MEDREADME)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2" in err and "plain_language_summary" in err
