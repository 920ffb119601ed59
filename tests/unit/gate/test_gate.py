"""The gate: config, thresholds, zero-tolerance rules, noise-aware regression, exit codes, JUnit, Markdown."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.apps.cli import main
from harness.errors import ConfigError
from harness.gate import GateConfig, Threshold, check_gate, high_severity_flags, junit_xml, markdown_summary
from tests.paths import REPO
from tests.runs import harmful, make_run, recall_run, write_recorded
from tests.synth import write_battery

NO_RULES = GateConfig(stated_harmful_claims=False, high_severity_safety_flags=False, require_all_questions=False)


def test_shipped_default_config_loads():
    config = GateConfig.load(REPO / "evals" / "gate.toml")
    assert {t.scorer for t in config.thresholds} >= {"claim_recall", "claim_problems"}
    assert config.stated_harmful_claims and config.high_severity_safety_flags and config.regression
    assert config.alpha == 0.05 and config.min_difference["reading_grade"] == 0.5


@pytest.mark.parametrize(("text", "message"), [
    ("[scorers.claim_recall]\nmin_men = 0.5\n", r"gate.toml:2: \[scorers.claim_recall.min_men\] unknown key 'min_men'; did you mean 'min_mean'"),
    ("[gate]\nalpha = 2\n", r"gate.toml:2: \[gate.alpha\] Input should be less than 1; found 2"),
    ("[scorers.x]\nmin_pass_rate = 'high'\n", r"\[scorers.x.min_pass_rate\] Input should be a valid number; found 'high'"),
    ("[zero_tolerance]\nstated_harmful_claims = 1\n", r"\[zero_tolerance.stated_harmful_claims\] Input should be a valid boolean; found 1"),
    ("[gate\n", "gate.toml:1:6: not valid TOML"),
    ("[regresion]\n", "unknown key 'regresion'; did you mean 'regression'"),
])
def test_bad_config_is_one_clear_sentence(tmp_path, text, message):
    path = tmp_path / "gate.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        GateConfig.load(path)


def test_every_config_problem_at_once_in_line_order_with_gate_toml_lines(tmp_path):
    path = tmp_path / "gate.toml"
    path.write_text("# comment\n[regression]\nscorers = 'x'\n\n[gate]\nn_boot = 0\nseed = true\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        GateConfig.load(path)
    assert [(p.line, p.field) for p in info.value.problems] == [(3, "regression.scorers"), (6, "gate.n_boot"),
                                                                (7, "gate.seed")]
    assert str(info.value).startswith("3 problems found:\n")


def test_thresholds_pass_and_fail_with_ci_in_message(store):
    recall_run(store, "r", [1.0, 0.5, 0.5, 0.0])
    config = GateConfig(require_all_questions=False,
                        thresholds=(Threshold(scorer="claim_recall", min_mean=0.6, min_pass_rate=0.25,
                                              max_unscored=0),
                                    Threshold(scorer="reading_grade", max_mean=8)),
                        stated_harmful_claims=False, high_severity_safety_flags=False)
    result = check_gate(store, "r", config=config)
    by = {c.name: c for c in result.checks}
    assert not by["claim_recall.min_mean"].passed
    assert by["claim_recall.min_mean"].message.startswith("claim_recall mean 0.500 < required 0.6 (n=4, 95% CI [")
    assert by["claim_recall.min_pass_rate"].passed and by["claim_recall.max_unscored"].passed
    assert not by["reading_grade.present"].passed  # a configured scorer that was not run fails, never skips
    assert not result.passed and result.exit_code == 1


def test_max_unscored_rate_counts_errors_and_unscored(store):
    make_run(store, "r", {f"q{i}": {"claim_recall": (None if i == 1 else 1.0, None if i == 1 else True)}
                          for i in range(4)}, errors={"q0"})
    config = GateConfig(require_all_questions=False,
                        thresholds=(Threshold(scorer="claim_recall", max_unscored_rate=0.25),),
                        stated_harmful_claims=False, high_severity_safety_flags=False, max_errored_rate=0.0)
    result = check_gate(store, "r", config=config)
    msgs = {c.name: (c.passed, c.message) for c in result.checks}
    assert msgs["claim_recall.max_unscored_rate"] == (False, "claim_recall unscored 2 of 4 (50.0%) > allowed 25.0%")
    assert msgs["run.max_errored_rate"][0] is False


def test_zero_tolerance_harmful_claim_names_question_and_evidence(store):
    text = "Chemo fever is fine. You can wait for your next appointment."
    make_run(store, "r", {"q0": {"claim_problems": (1.0, False)}, "q1": {"claim_problems": (0.0, True)}},
             texts={"q0": text}, claims={"q0": [harmful("wait-is-fine", "You can wait for your next appointment.",
                                                         21)]})
    result = check_gate(store, "r", config=GateConfig(require_all_questions=False, high_severity_safety_flags=False))
    [violation] = result.failures
    assert violation.kind == "zero_tolerance" and violation.question_id == "q0"
    assert "states harmful claim wait-is-fine" in violation.message
    assert "You can wait for your next appointment." in violation.message
    xml = ET.fromstring(junit_xml(result))
    [failure] = xml.iter("failure")
    assert "q0" in failure.text and "You can wait" in failure.get("message")


def test_zero_tolerance_high_severity_flags_come_from_typed_flags(store):
    ev = {("q0", "safety_flags"): {"flags": [{"kind": "guaranteed_cure", "severity": "high",
                                              "span": {"start": 0, "end": 19, "text": "This will cure you."}}]},
          ("q1", "safety_flags"): {"flags": [{"kind": "dosing", "severity": "high"},
                                             {"kind": "stop_treatment", "severity": "high"}]},
          ("q2", "safety_flags"): {"flags": [{"kind": "minor", "severity": "low",
                                              "span": {"start": 0, "end": 1, "text": "x"}}]},
          ("q3", "safety_flags"): {"flags": []},
          ("q4", "safety_flags"): {"flags": [
              {"category": "certainty", "severity": "high", "span": {"start": 0, "end": 10, "text": "Definitely"}},
              {"category": "missing_escalation", "severity": "high", "span": None, "why": "no urgent-care advice"}]}}
    make_run(store, "r", {f"q{i}": {"safety_flags": (1.0, False)} for i in range(5)}, evidence=ev)
    result = check_gate(store, "r", config=GateConfig(require_all_questions=False, stated_harmful_claims=False))
    assert [c.question_id for c in result.failures] == ["q0", "q1", "q4"]
    assert "certainty: Definitely | missing_escalation: no urgent-care advice" in result.failures[2].message
    assert "guaranteed_cure: This will cure you." in result.failures[0].message
    stored = store.scores("r", "q4", 0)[0]
    assert high_severity_flags(stored)[0] == 2 and stored.flags[1].span is None
    assert high_severity_flags(store.scores("r", "q2", 0)[0])[0] == 0
    # not having run the safety scorer is a failure, not a silent pass
    recall_run(store, "nos", [1.0])
    no_safety = GateConfig(require_all_questions=False, stated_harmful_claims=False)
    assert not check_gate(store, "nos", config=no_safety).passed


def _values(n: int, seed: int) -> list[float]:
    rnd = random.Random(seed)
    return [round(rnd.choice([0.25, 0.5, 0.75, 1.0]), 2) for _ in range(n)]


def test_identical_rerun_passes_regression(store):
    values = _values(40, 1)
    recall_run(store, "base", values)
    recall_run(store, "rerun", values)
    result = check_gate(store, "rerun", baseline="base", config=NO_RULES)
    assert result.passed and all(c.kind == "regression" for c in result.checks)


def test_noise_on_a_few_questions_passes(store):
    values = _values(40, 2)
    noisy = list(values)
    for i in (3, 11, 25):  # three questions a little worse, one a little better
        noisy[i] = max(0.0, noisy[i] - 0.25)
    noisy[30] = min(1.0, noisy[30] + 0.25)
    recall_run(store, "base", values)
    recall_run(store, "noisy", noisy)
    assert check_gate(store, "noisy", baseline="base", config=NO_RULES).passed


def test_clearly_degraded_answers_fail(store):
    values = [1.0] * 40
    degraded = [0.25] * 30 + [1.0] * 10
    recall_run(store, "base", values)
    recall_run(store, "bad", degraded)
    result = check_gate(store, "bad", baseline="base", config=NO_RULES)
    names = [c.name for c in result.failures]
    assert names == ["claim_recall.mean", "claim_recall.pass_rate"]
    assert "significantly worse than baseline base" in result.failures[0].message
    assert "30 worse / 0 better / 10 tied of 40 paired questions" in result.failures[0].message


def test_practical_margin_ignores_tiny_significant_drops(store):
    recall_run(store, "base", [0.80] * 30)
    recall_run(store, "tiny", [0.79] * 30)  # significant (30 of 30 worse) but only 0.01
    config = GateConfig(require_all_questions=False, stated_harmful_claims=False, high_severity_safety_flags=False,
                        min_difference={"claim_recall": 0.05}, regression_pass_rates=False)
    assert check_gate(store, "tiny", baseline="base", config=config).passed
    assert not check_gate(store, "tiny", baseline="base", config=NO_RULES).passed


def test_junit_and_markdown_are_deterministic_and_complete(store, tmp_path):
    recall_run(store, "base", [1.0] * 20)
    make_run(store, "bad", {f"q{i:02d}": {"claim_recall": (0.0, False), "claim_problems": (1.0, False)}
                            for i in range(20)},
             claims={f"q{i:02d}": [harmful("h1", "<script>alert(1)</script> stop treatment")] for i in range(20)})
    config = GateConfig(require_all_questions=False, thresholds=(Threshold(scorer="claim_recall", min_mean=0.5),),
                        high_severity_safety_flags=False)
    outputs = []
    for k in range(2):
        junit, summary = tmp_path / f"j{k}.xml", tmp_path / f"s{k}.md"
        assert main(["gate", "--run", "bad", "--baseline", "base", "--store", str(store.path), "--config",
                     str(_write_config(tmp_path)), "--junit", str(junit), "--summary", str(summary)]) == 1
        outputs.append((junit.read_bytes(), summary.read_bytes()))
    assert outputs[0] == outputs[1]
    result = check_gate(store, "bad", baseline="base", config=config)
    root = ET.fromstring(junit_xml(result))
    cases = list(root.iter("testcase"))
    # Issue 15: the testcase set does not depend on the outcome; the 20 violations sit in one testcase.
    make_run(store, "good", {f"q{i:02d}": {"claim_recall": (1.0, True), "claim_problems": (0.0, True)}
                             for i in range(20)})
    assert [c.get("name") for c in cases] == [c.get("name") for c in ET.fromstring(junit_xml(
        check_gate(store, "good", baseline="base", config=config))).iter("testcase")]
    [harm] = [c for c in cases if c.get("name") == "stated_harmful_claims"]
    assert harm.find("failure").get("message").startswith("20 violations; first: question q00 ")
    assert harm.find("failure").text.count("question_id: q") == 20
    assert not any(c.get("name", "").startswith("harmful_claim.") for c in cases)
    md = markdown_summary(result)
    assert md.startswith("## answer-audit gate FAILED") and "… and 5 more" in md
    assert "<script>" not in md and md.count("\n") < 60


def _write_config(tmp_path: Path) -> Path:
    path = tmp_path / "gate.toml"
    path.write_text("[gate]\nrequire_all_questions = false\n[scorers.claim_recall]\nmin_mean = 0.5\n"
                    "[zero_tolerance]\nhigh_severity_safety_flags = false\n",
                    encoding="utf-8")
    return path


def test_cli_exit_codes(store, tmp_path, capsys):
    recall_run(store, "ok", [1.0] * 5)
    cfg = _write_config(tmp_path)
    base = ["gate", "--store", str(store.path), "--config", str(cfg)]
    assert main([*base, "--run", "ok"]) == 0
    assert "PASSED" in capsys.readouterr().out
    assert main([*base, "--run", "missing"]) == 2
    assert "No run 'missing'" in capsys.readouterr().err
    assert main(["gate", "--store", str(store.path), "--run", "ok", "--config", str(tmp_path / "nope.toml")]) == 2
    recall_run(store, "other", [1.0] * 5, fingerprint="zzz")
    assert main([*base, "--run", "ok", "--baseline", "other"]) == 2
    assert "different battery contents" in capsys.readouterr().err


def test_end_to_end_real_runs_rerun_passes_degraded_fails(project, tmp_path):
    """Real runner and scorers on a synthetic battery: gold answers vs a degraded answer set."""
    write_battery(project, "syn", 24)
    gold = {f"q{i:04d}": f"Topic {i} is treated with plan {i}. Talk with your care team; this is general "
                         "information." for i in range(24)}
    degraded = {k: ("I am not sure." if i % 4 else v) for i, (k, v) in enumerate(gold.items())}
    good_spec = write_recorded(tmp_path / "good.jsonl", gold)
    bad_spec = write_recorded(tmp_path / "bad.jsonl", degraded)
    store = str(project / "reports" / "e2e.sqlite")
    common = ["--battery", "syn", "--store", store, "--no-progress", "--no-report", "--scorer", "claim_recall",
              "--scorer", "disclaimer", "--scorer", "safety_flags"]
    for run_id, spec in (("base", good_spec), ("again", good_spec), ("worse", bad_spec)):
        assert main(["run", *common, "--generator", spec, "--run-id", run_id]) in (0, 1)
    cfg = tmp_path / "reg.toml"
    cfg.write_text("[zero_tolerance]\nstated_harmful_claims = false\n", encoding="utf-8")
    gate = ["gate", "--store", store, "--config", str(cfg), "--baseline", "base"]
    assert main([*gate, "--run", "again"]) == 0
    assert main([*gate, "--run", "worse", "--junit", str(tmp_path / "j.xml")]) == 1
    failed = [c.get("name") for c in ET.parse(tmp_path / "j.xml").iter("testcase") if c.find("failure") is not None]
    assert "disclaimer.mean" in failed and "run.all_questions" not in failed
    # a partial run (two questions only) fails the coverage check, naming what is missing
    assert main(["run", *common, "--generator", good_spec, "--run-id", "part", "--question", "q0000",
                 "--question", "q0001"]) in (0, 1)
    assert main([*gate, "--run", "part", "--summary", str(tmp_path / "s.md")]) == 1
    assert "22 of 24 battery questions have no stored answer (q0002, q0003" in (tmp_path / "s.md").read_text(
        encoding="utf-8")


def test_use_reviews_gates_on_reviewed_verdicts_and_scores(store, tmp_path):
    """Reviewers overturn a stated harmful claim and fail an answer's recall: the reviewed gate follows them."""
    from harness.results import reviews

    make_run(store, "r", {"q0": {"claim_problems": (1.0, False), "claim_recall": (1.0, True)},
                          "q1": {"claim_problems": (0.0, True), "claim_recall": (1.0, True)}},
             claims={"q0": [harmful("h1", "You can skip chemo.")]})
    config = GateConfig(require_all_questions=False, high_severity_safety_flags=False,
                        thresholds=(Threshold(scorer="claim_recall", min_pass_rate=1.0),))
    automatic = check_gate(store, "r", config=config)
    assert [c.name for c in automatic.failures] == ["harmful_claim.q0.h1"]
    for name in ("alice", "bob"):
        reviews.append_review(store, run_id="r", question_id="q0", sample=0, target_type="claim", target_id="h1",
                              decision="override", value="absent", automatic="stated", reviewer=name,
                              role="reviewer", reason="the answer quotes the myth in order to refute it")
    reviews.append_review(store, run_id="r", question_id="q1", sample=0, target_type="score",
                          target_id="claim_recall", decision="override", value="fail", automatic="pass",
                          reviewer="alice", role="reviewer", reason="misses the key treatment")
    reviewed = check_gate(store, "r", config=config, use_reviews=True)
    assert [c.name for c in reviewed.failures] == ["claim_recall.min_pass_rate"]
    assert reviewed.reviewed and "reviewed values" in markdown_summary(reviewed)
    cfg = tmp_path / "g.toml"
    cfg.write_text("[gate]\nrequire_all_questions = false\n[zero_tolerance]\nhigh_severity_safety_flags = false\n",
                   encoding="utf-8")
    assert main(["gate", "--run", "r", "--store", str(store.path), "--config", str(cfg)]) == 1
    assert main(["gate", "--run", "r", "--store", str(store.path), "--config", str(cfg), "--use-reviews"]) == 0


def test_passing_regression_on_a_tiny_battery_carries_a_power_caution(store):
    recall_run(store, "base", [1.0, 0.5, 1.0, 0.5, 1.0])
    recall_run(store, "small", [0.5, 0.5, 1.0, 0.25, 1.0])
    config = GateConfig(require_all_questions=False, stated_harmful_claims=False, high_severity_safety_flags=False,
                        min_difference={"claim_recall": 0.1}, regression_pass_rates=False)
    result = check_gate(store, "small", baseline="base", config=config)
    [check] = result.checks
    assert check.passed and "caution: battery too small: with 5 paired questions" in check.message
    assert "**Cautions**" in markdown_summary(result)


def test_junit_testcases_are_the_same_for_a_clean_and_a_bad_run(store):
    make_run(store, "clean", {f"q{i}": {"claim_problems": (0.0, True), "safety_flags": (0.0, True)} for i in range(3)})
    ev = {(f"q{i}", "safety_flags"): {"flags": [{"kind": "dosing", "severity": "high"}]} for i in range(3)}
    make_run(store, "bad", {f"q{i}": {"claim_problems": (1.0, False), "safety_flags": (1.0, False)} for i in range(3)},
             claims={f"q{i}": [harmful("h1", "stop treatment")] for i in range(3)}, evidence=ev)
    config = GateConfig(require_all_questions=False, thresholds=(Threshold(scorer="claim_problems", max_mean=0.5),))
    names = {}
    for run_id in ("clean", "bad"):
        root = ET.fromstring(junit_xml(check_gate(store, run_id, config=config)))
        names[run_id] = [(c.get("name"), c.find("failure") is not None) for c in root.iter("testcase")]
        assert root.get("tests") == str(len(names[run_id]))
    assert [n for n, _ in names["clean"]] == [n for n, _ in names["bad"]]
    assert not any(failed for _, failed in names["clean"]) and all(failed for _, failed in names["bad"])


def test_usage_error_writes_one_errored_testcase_and_fail_lines_are_capped(store, tmp_path, capsys):
    junit = tmp_path / "j.xml"
    assert main(["gate", "--store", str(store.path), "--run", "nope", "--junit", str(junit)]) == 2
    root = ET.parse(junit).getroot()
    [case] = root.iter("testcase")
    assert root.get("errors") == "1" and "gate config not found" in case.find("error").get("message")
    make_run(store, "many", {f"q{i:02d}": {"claim_problems": (1.0, False)} for i in range(40)},
             claims={f"q{i:02d}": [harmful("h1", "stop treatment")] for i in range(40)})
    cfg = tmp_path / "g.toml"
    cfg.write_text("[gate]\nrequire_all_questions = false\n[zero_tolerance]\nhigh_severity_safety_flags = false\n",
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["gate", "--store", str(store.path), "--run", "many", "--config", str(cfg), "--junit",
                 str(junit)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("  FAIL") for line in out) == 20
    assert out[-1] == f"  ... and 20 more; see {junit}"


def test_a_run_without_answer_text_fails_the_checks_it_would_pass_vacuously(store):
    make_run(store, "empty", {f"q{i}": {"claim_problems": (None, None)} for i in range(3)}, errors={"q0", "q1", "q2"})
    config = GateConfig(require_all_questions=False, max_errored_rate=None, high_severity_safety_flags=False,
                        thresholds=(Threshold(scorer="claim_problems", max_unscored=5),))
    result = check_gate(store, "empty", config=config)
    assert not result.passed
    assert {c.name: c.passed for c in result.checks} == {"claim_problems.max_unscored": False,
                                                          "stated_harmful_claims": False}
    assert "has no answer text" in result.checks[-1].message


def test_a_significant_drop_within_the_margin_says_why_it_passes(store):
    recall_run(store, "base", [1.0] * 10)
    recall_run(store, "cand", [0.99] * 10)
    config = GateConfig(require_all_questions=False, stated_harmful_claims=False, high_severity_safety_flags=False,
                        regression_pass_rates=False, min_difference={"claim_recall": 0.02})
    [check] = [c for c in check_gate(store, "cand", baseline="base", config=config).checks if c.kind == "regression"]
    assert check.passed and "not significantly worse" in check.message
    assert "why: significant (p(Holm) 0.002 < 0.05), but the drop 0.01 is within the min_difference margin 0.02" \
        in check.message
