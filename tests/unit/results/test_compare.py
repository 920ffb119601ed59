"""compare_runs() and `answer-audit compare`: pairing, exclusions, tests, Holm, refusal of other batteries."""

from __future__ import annotations

import math

import pytest

from harness.apps.cli import main
from harness.report.comparison import write_comparison
from harness.results.compare import COMPARISON_COLUMNS, IncomparableRunsError, compare_runs
from tests.runs import make_run, recall_run


def test_paired_differences_hand_computed(store):
    recall_run(store, "a", [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    recall_run(store, "b", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0])
    r = compare_runs(store, ["a", "b"], n_boot=500).rows[0]
    assert (r.n_pairs, r.n_better, r.n_worse, r.n_ties) == (10, 8, 2, 0)
    assert r.diff == pytest.approx(0.3)  # (8 * 0.5 - 2 * 0.5) / 10
    assert r.p_value == pytest.approx(112 / 1024) and r.p_holm == pytest.approx(112 / 1024)
    assert r.verdict == "no significant difference"
    # pass (>= 0.6): A passes nothing, B passes 8 -> b=0, c=8, McNemar p = 2 / 256
    assert (r.pass_only_baseline, r.pass_only_other, r.pass_test) == (0, 8, "mcnemar-exact")
    assert r.pass_p_value == pytest.approx(2 / 256) and r.pass_verdict == "better"
    assert r.effect_dz == pytest.approx(0.3 / math.sqrt(((0.5 - 0.3) ** 2 * 8 + (-0.5 - 0.3) ** 2 * 2) / 9))


def test_errored_and_unscored_questions_are_excluded_pairwise_and_counted(store):
    scores = {f"q{i}": {"claim_recall": (1.0, True)} for i in range(6)}
    make_run(store, "a", {**scores, "q5": {"claim_recall": (None, None)}}, errors={"q0"})
    make_run(store, "b", scores, errors={"q1", "q0"})
    r = compare_runs(store, ["a", "b"], n_boot=100).rows[0]
    assert r.n_pairs == 3  # q2, q3, q4
    assert (r.excluded_errored_baseline, r.excluded_errored_other, r.excluded_unscored) == (1, 1, 1)
    assert r.n_excluded == 3


def test_direction_of_lower_is_better_scorers(store):
    make_run(store, "a", {f"q{i}": {"reading_grade": (10.0, False)} for i in range(12)})
    make_run(store, "b", {f"q{i}": {"reading_grade": (7.0, True)} for i in range(12)})
    r = compare_runs(store, ["a", "b"], n_boot=100).rows[0]
    assert r.diff == pytest.approx(-3.0) and r.n_better == 12 and r.verdict == "better"
    assert r.pass_verdict == "better"


def test_holm_across_scorers_and_power_warning(store):
    a = {f"q{i}": {"x": (0.0, False), "y": (0.0, False)} for i in range(6)}
    b = {f"q{i}": {"x": (1.0, True), "y": (1.0 if i < 5 else -1.0, i < 5)} for i in range(6)}
    make_run(store, "a", a)
    make_run(store, "b", b)
    comp = compare_runs(store, ["a", "b"], n_boot=100, min_difference=0.05)
    x, y = comp.rows
    assert x.p_value == pytest.approx(2 / 64) and y.p_value == pytest.approx(14 / 64)
    # Holm: 2/64 * 2 = 0.0625, then max(0.0625, 14/64) = 0.21875
    assert x.p_holm == pytest.approx(0.0625) and y.p_holm == pytest.approx(14 / 64)
    assert x.verdict == "no significant difference"
    assert y.power_note and "battery too small" in y.power_note and "6 paired questions" in y.power_note
    assert comp.notes() and list(comp.to_frame().columns) == list(COMPARISON_COLUMNS)


def test_refuses_runs_of_different_battery_contents(store):
    recall_run(store, "a", [1.0, 1.0], fingerprint="aaaa")
    recall_run(store, "b", [1.0, 1.0], fingerprint="bbbb")
    with pytest.raises(IncomparableRunsError, match="'a' .*fingerprint aaaa.* and 'b' .*fingerprint bbbb"):
        compare_runs(store, ["a", "b"])
    with pytest.raises(Exception, match="at least two distinct run ids"):
        compare_runs(store, ["a", "a"])


def test_all_pairs_and_three_runs(store):
    for rid, v in (("a", 0.2), ("b", 0.5), ("c", 0.9)):
        recall_run(store, rid, [v] * 8)
    base = compare_runs(store, ["a", "b", "c"], n_boot=100)
    assert [(r.baseline, r.other) for r in base.rows] == [("a", "b"), ("a", "c")]
    every = compare_runs(store, ["a", "b", "c"], n_boot=100, all_pairs=True)
    assert [(r.baseline, r.other) for r in every.rows] == [("a", "b"), ("a", "c"), ("b", "c")]


def test_cli_compare_prints_table_and_writes_deterministic_report(store, project, capsys):
    recall_run(store, "a", [0.2] * 30)
    recall_run(store, "b", [0.9] * 25 + [0.1] * 5)
    out = project / "cmp"
    args = ["compare", "a", "b", "--store", str(store.path), "--output", str(out), "--n-boot", "300"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "claim_recall" in printed and "better" in printed and "p (Holm)" in printed
    first = {n: (out / n).read_bytes() for n in ("summary.md", "comparison.csv", "results.csv")}
    assert (out / "comparison.html").stat().st_size > 1000
    assert main(args) == 0
    assert {n: (out / n).read_bytes() for n in first} == first
    capsys.readouterr()
    assert main([*args, "--format", "csv", "--no-report"]) == 0
    assert capsys.readouterr().out.startswith("baseline,other,scorer,")
    assert main([*args, "--format", "markdown", "--no-report"]) == 0
    assert "| claim_recall | `b` | 30 |" in capsys.readouterr().out


def test_cli_compare_refuses_other_battery_with_exit_2(store, capsys):
    recall_run(store, "a", [1.0], fingerprint="x1")
    recall_run(store, "b", [1.0], fingerprint="x2")
    assert main(["compare", "a", "b", "--store", str(store.path), "--no-report"]) == 2
    assert "different battery contents" in capsys.readouterr().err


def test_write_comparison_for_the_demo(store, project):
    recall_run(store, "a", [0.5] * 5)
    make_run(store, "b", {f"q{i:02d}": {"claim_recall": (0.7, True)} for i in range(5)}, errors={"q00"})
    html = write_comparison(store, ["a", "b"], project / "demo-comparison")
    text = html.read_text(encoding="utf-8")
    assert "Paired comparison" in text and "data:image/png;base64," in text
    assert (html.parent / "summary.md").read_text(encoding="utf-8").count("\n") < 40


def test_cli_json_is_strict_and_min_difference_parsing(store, capsys):
    import json

    from harness.apps.cli.compare import parse_min_difference
    from harness.errors import ConfigError

    recall_run(store, "a", [0.0] * 6)
    recall_run(store, "b", [1.0] * 6)
    assert main(["compare", "a", "b", "--store", str(store.path), "--no-report", "--format", "json",
                 "--min-difference", "0.5", "--min-difference", "claim_recall=0.2"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["pass_odds_ratio"] is None and row["n_better"] == 6 and row["verdict"] == "better"
    assert parse_min_difference([]) is None and parse_min_difference(["0.1"]) == 0.1
    both = parse_min_difference(["0.1", "claim_recall=0.3"])
    assert both.get("claim_recall") == 0.3 and both.get("reading_grade") == 0.1
    with pytest.raises(ConfigError, match="expected VALUE or SCORER=VALUE"):
        parse_min_difference(["claim_recall=lots"])


def test_per_category_rows_form_their_own_family(store, project):
    from harness.battery import load_battery
    from tests.synth import write_battery

    write_battery(project, "syn", 16)  # risk alternates low (even) / high (odd)
    fp = load_battery("syn").fingerprint
    make_run(store, "a", {f"q{i:04d}": {"x": (0.0, False)} for i in range(16)}, fingerprint=fp)
    make_run(store, "b", {f"q{i:04d}": {"x": (1.0 if i % 2 else 0.0, bool(i % 2))} for i in range(16)},
             fingerprint=fp)
    comp = compare_runs(store, ["a", "b"], n_boot=100, by="risk")
    [overall] = comp.overall
    assert overall.group == "" and overall.n_better == 8 and overall.p_holm == pytest.approx(2 / 256)
    groups = {r.group: r for r in comp.by_group}
    assert set(groups) == {"risk=high", "risk=low"}
    assert groups["risk=high"].n_pairs == 8 and groups["risk=high"].p_value == pytest.approx(2 / 256)
    assert groups["risk=high"].p_holm == pytest.approx(2 * 2 / 256)  # Holm over {high, low}; low: all ties, p = 1
    assert groups["risk=low"].verdict == "no significant difference"
    assert comp.to_frame()["group"].tolist() == ["", "risk=high", "risk=low"]
    with pytest.raises(Exception, match="no tag 'stage'; tags are cancer, risk, topic"):
        compare_runs(store, ["a", "b"], by="stage")


def test_cli_table_says_why_on_the_verdicts_line(store, capsys):
    """A CI that excludes 0 beside "no significant difference" is explained on the same line (issue 15)."""
    recall_run(store, "a", [0.5] * 30)
    recall_run(store, "b", [0.8] * 5 + [0.5] * 25)  # 5 better, 25 tied: sign test p 0.0625
    assert main(["compare", "a", "b", "--store", str(store.path), "--no-report", "--n-boot", "500"]) == 0
    header, _, row = capsys.readouterr().out.splitlines()[:3]
    assert header.rstrip().endswith("why")
    assert "no significant difference" in row and "sign test 5 better / 0 worse (25 tied)" in row
    assert "the bootstrap CI excludes 0 because it weighs the size of each difference" in row
