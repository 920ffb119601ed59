"""to_frame() and summarize(): the column contract, missing values kept missing, hand-computed summaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from harness.errors import ConfigError, StoreError
from harness.results.table import RESULT_COLUMNS, SUMMARY_STATS, summarize, to_frame
from tests.runs import make_run
from tests.synth import write_battery


def test_result_columns_are_the_documented_contract():
    assert RESULT_COLUMNS == (
        "run_id", "battery", "battery_version", "battery_fingerprint", "generator", "question_id", "sample",
        "scorer", "value", "passed", "reason", "higher_is_better", "errored", "value_source")
    assert SUMMARY_STATS == ("n", "n_unscored", "mean", "sd", "ci_low", "ci_high", "pass_rate")


@pytest.fixture
def two_runs(store, project):
    from harness.battery import load_battery

    write_battery(project, "syn", 4)
    fp = load_battery("syn").fingerprint
    make_run(store, "b", {"q0001": {"claim_recall": (1.0, True), "reading_grade": (7.0, True)},
                          "q0000": {"claim_recall": (0.5, False), "reading_grade": (9.0, False)}},
             fingerprint=fp)
    make_run(store, "a", {"q0000": {"claim_recall": (0.0, False), "reading_grade": (6.0, True)},
                          "q0001": {"claim_recall": (None, None), "reading_grade": (8.0, True)},
                          "q0002": {"claim_recall": (1.0, True), "reading_grade": (5.0, True)},
                          "q0003": {"claim_recall": (0.5, False), "reading_grade": (4.0, True)}},
             fingerprint=fp, errors={"q0003"})
    return store


def test_to_frame_long_table_with_tags_in_given_run_order(two_runs):
    frame = to_frame(two_runs, ["b", "a"])
    assert list(frame.columns) == [*RESULT_COLUMNS, "tag_cancer", "tag_risk", "tag_topic"]
    assert frame["run_id"].tolist()[:4] == ["b"] * 4  # the caller's order, not alphabetical
    b = frame[frame.run_id == "b"]
    assert b[["question_id", "scorer"]].values.tolist() == [
        ["q0000", "claim_recall"], ["q0000", "reading_grade"], ["q0001", "claim_recall"], ["q0001", "reading_grade"]]
    a = frame[frame.run_id == "a"].set_index(["question_id", "scorer"])
    assert math.isnan(a.loc[("q0001", "claim_recall"), "value"])  # unscored stays missing, never 0
    assert a.loc[("q0001", "claim_recall"), "passed"] is pd.NA
    assert bool(a.loc[("q0003", "reading_grade"), "errored"]) and math.isnan(a.loc[("q0003", "reading_grade"), "value"])
    assert a.loc[("q0002", "claim_recall"), "tag_risk"] == "low" and a.loc[("q0001", "claim_recall"), "tag_risk"] == "high"
    assert str(frame["passed"].dtype) == "boolean" and frame["value_source"].eq("auto").all()
    assert frame.loc[frame.scorer == "reading_grade", "higher_is_better"].eq(False).all()


def test_to_frame_unknown_run_and_no_runs(two_runs):
    with pytest.raises(StoreError, match="No run 'zz'"):
        to_frame(two_runs, ["zz"])
    with pytest.raises(ConfigError, match="at least one run id"):
        to_frame(two_runs, [])


def test_summarize_hand_computed(two_runs):
    s = summarize(to_frame(two_runs, ["a", "b"]), n_boot=500).set_index(["run_id", "scorer"])
    rec = s.loc[("a", "claim_recall")]
    # a: q0000 0.0, q0001 unscored, q0002 1.0, q0003 errored -> n 2, unscored 2, mean 0.5, pass 1 of 2
    assert (rec["n"], rec["n_unscored"], rec["mean"], rec["pass_rate"]) == (2, 2, 0.5, 0.5)
    assert rec["sd"] == pytest.approx(math.sqrt(0.5))
    assert rec["ci_low"] == 0.0 and rec["ci_high"] == 1.0
    grade = s.loc[("a", "reading_grade")]
    assert (grade["n"], grade["mean"], grade["pass_rate"]) == (3, pytest.approx(19 / 3), 1.0)


def test_summarize_empty_groups_are_nan_with_n_zero(two_runs):
    frame = to_frame(two_runs, ["a", "b"])
    s = summarize(frame, by=("run_id", "scorer", "tag_risk"), n_boot=200)
    # run a's claim_recall for risk=high is only q0001 (unscored) and q0003 (errored): n=0, NaN
    row = s[(s.run_id == "a") & (s.scorer == "claim_recall") & (s.tag_risk == "high")].iloc[0]
    assert row["n"] == 0 and row["n_unscored"] == 2
    assert math.isnan(row["mean"]) and math.isnan(row["ci_low"]) and math.isnan(row["pass_rate"])
    with pytest.raises(ConfigError, match="no column 'tag_nope'"):
        summarize(frame, by=("tag_nope",))


def test_summarize_complete_grid_lists_unseen_combinations(two_runs):
    frame = to_frame(two_runs, ["a", "b"])
    frame = frame[~((frame.run_id == "b") & (frame.scorer == "reading_grade"))]
    s = summarize(frame, n_boot=100).set_index(["run_id", "scorer"])
    missing = s.loc[("b", "reading_grade")]
    assert missing["n"] == 0 and missing["n_unscored"] == 0 and math.isnan(missing["mean"])


def test_summarize_is_seeded_and_reproducible(two_runs):
    frame = to_frame(two_runs, ["a", "b"])
    first = summarize(frame, seed=7)
    pd.testing.assert_frame_equal(first, summarize(frame, seed=7))


def test_samples_are_clustered_by_question(store):
    make_run(store, "s", {"q00": {"x": [(1.0, True), (1.0, True), (0.0, False)]}, "q01": {"x": [(0.0, False)]}})
    s = summarize(to_frame(store, ["s"]), n_boot=300).iloc[0]
    assert (s["n"], s["mean"], s["pass_rate"]) == (4, 0.5, 0.5)
    # resampling questions: {q00, q00} -> 2/3, {q01, q01} -> 0, mixed -> 2/4; bounds are cluster means
    assert s["ci_low"] == 0.0 and s["ci_high"] == pytest.approx(2 / 3)


def test_overlay_hook_replaces_values_and_keeps_auto(two_runs):
    def reviewed(store, frame):
        frame = frame.copy()
        frame["auto_value"], frame["auto_passed"] = frame["value"], frame["passed"]
        hit = (frame.run_id == "a") & (frame.question_id == "q0000") & (frame.scorer == "claim_recall")
        frame.loc[hit, ["value", "value_source"]] = [1.0, "review"]
        return frame

    frame = to_frame(two_runs, ["a"], overlay=reviewed)
    row = frame[(frame.question_id == "q0000") & (frame.scorer == "claim_recall")].iloc[0]
    assert (row["value"], row["auto_value"], row["value_source"]) == (1.0, 0.0, "review")


def test_run_battery_comes_from_the_store_snapshot_not_the_files(two_runs, project):
    from harness.results.table import load_run_battery

    run = two_runs.require_run("a")
    first, note = load_run_battery(two_runs, run)
    assert note is None and first is not None and first.fingerprint == run.battery_fingerprint
    gold = project / "gold_answers" / "syn" / "q0000.yaml"
    gold.write_text(gold.read_text(encoding="utf-8").replace("plan 0.", "plan zero."), encoding="utf-8")
    again, note = load_run_battery(two_runs, run)
    assert note is None and again == first  # editing the files afterwards changes nothing for the run


def test_built_in_directions_match_the_scorer_registry():
    """The static facts the report reads (to skip importing every scorer) are the registry's."""
    from harness.results.table import BUILT_IN_DIRECTIONS, higher_is_better, reviews_items, scorer_description
    from harness.score.base import SCORERS, _ensure_builtin_scorers

    _ensure_builtin_scorers()
    import harness.score as builtin

    built_in = {name for name in SCORERS.names()
                if SCORERS.get(name).__module__.startswith(builtin.__name__ + ".")}
    assert set(BUILT_IN_DIRECTIONS) == built_in
    for name in built_in:
        cls = SCORERS.get(name)
        assert BUILT_IN_DIRECTIONS[name] is bool(cls.higher_is_better), name
        assert scorer_description(name) == str(getattr(cls, "description", "") or ""), name
        assert reviews_items(name) is bool(getattr(cls, "reviewed_items", None)), name
    assert higher_is_better("no_such_scorer") is None
    assert scorer_description("no_such_scorer") == "" and reviews_items("no_such_scorer") is False


def test_scorer_direction_does_not_import_the_scorers():
    import subprocess
    import sys

    code = ("import sys; from harness.results.table import higher_is_better, scorer_description; "
            "assert higher_is_better('claim_recall') is True and higher_is_better('reading_grade') is False; "
            "assert scorer_description('claim_recall').startswith('Share'); "
            "print(sorted(m for m in sys.modules if m.startswith('harness.score')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "harness.score.claims" not in out and "harness.score.engines" not in out, out
