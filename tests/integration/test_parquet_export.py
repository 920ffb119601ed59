"""``export --format parquet``: a partitioned dataset (one run_id=<id>/ folder per run) equal to ``to_frame``."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from harness.apps.cli import main
from harness.generate import make_generator
from harness.report.parquet_dataset import write_parquet_dataset
from harness.results.table import to_frame
from harness.run import run_battery


def _read_back(path, frame_columns):
    back = pd.read_parquet(path)
    back["run_id"] = back["run_id"].astype(str)
    return back[frame_columns]


def test_the_dataset_reads_back_as_the_results_table(tiny, store, project):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="b-gold")
    recorded = project / "one.jsonl"
    recorded.write_text(json.dumps({"question_id": "fever-chemo", "answer": "Call your care team now."}) + "\n",
                        encoding="utf-8")
    run_battery(tiny, make_generator(f"recorded:{recorded}", tiny), store, run_id="a-rec")
    runs = ["b-gold", "a-rec"]
    expected = to_frame(store, runs)
    out = project / "results.parquet"
    assert write_parquet_dataset(store, runs, out, rows_per_file=5) == len(expected)
    assert sorted(p.name for p in out.iterdir()) == ["run_id=a-rec", "run_id=b-gold"]
    assert len(list((out / "run_id=b-gold").glob("part-*.parquet"))) == -(-len(expected) // 2 // 5)
    back = _read_back(out, list(expected.columns))
    order = {r: i for i, r in enumerate(runs)}
    back = back.sort_values(["run_id", "question_id", "sample", "scorer"], kind="mergesort",
                            key=lambda c: c.map(order) if c.name == "run_id" else c).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    # one question of the recorded run has no answer: each default scorer's row is errored, unscored, never 0
    n_scorers = expected["scorer"].nunique()
    assert back["errored"].sum() == n_scorers and back["value"].isna().sum() >= n_scorers

    # The CLI writes the same dataset; exporting a run again replaces its folder.
    cli_out = project / "cli.parquet"
    for _ in range(2):
        assert main(["export", *runs, "--store", str(store.path), "--format", "parquet", "--output",
                     str(cli_out)]) == 0
    pd.testing.assert_frame_equal(_read_back(cli_out, list(expected.columns)).sort_values(
        ["run_id", "question_id", "sample", "scorer"]).reset_index(drop=True),
        back.sort_values(["run_id", "question_id", "sample", "scorer"]).reset_index(drop=True))


def test_an_existing_file_at_the_output_path_is_refused(tiny, store, project, capsys):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="g")
    (project / "taken.parquet").write_text("x", encoding="utf-8")
    with pytest.raises(Exception, match="is a directory"):
        write_parquet_dataset(store, ["g"], project / "taken.parquet")
    assert main(["export", "g", "--store", str(store.path), "--format", "parquet", "--output",
                 str(project / "taken.parquet")]) == 2
    assert "a Parquet export is a directory" in capsys.readouterr().err
