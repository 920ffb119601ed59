"""The round-3 register dev file is what its benchmark and the docs say it is, and the benchmark reads it.

``tests/cases/judge_register_dev3.jsonl``: clinician-register answers against plain claims over topics outside
the battery, a random quarter of whole topics held out (only their aggregate is ever printed).
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from tests.paths import REPO

DEV3 = REPO / "tests" / "cases" / "judge_register_dev3.jsonl"
FIELDS = {"group", "answer", "claim", "label", "note", "split"}


def _rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in DEV3.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_row_has_the_fields_and_a_known_label() -> None:
    rows = _rows()
    assert len(rows) >= 120
    for n, row in enumerate(rows, 1):
        assert set(row) == FIELDS, f"line {n}"
        assert row["label"] in ("supported", "missing"), f"line {n}"
        assert row["split"] in ("dev", "holdout"), f"line {n}"
        assert row["answer"].strip() and row["claim"].strip(), f"line {n}"
    share = Counter(r["label"] for r in rows)["supported"] / len(rows)
    assert 0.5 <= share <= 0.7


def test_the_holdout_is_whole_topics_about_a_quarter_of_them() -> None:
    rows = _rows()
    splits: dict[str, set[str]] = {}
    for row in rows:
        splits.setdefault(row["group"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values()), "a topic is split across dev and holdout"
    held = sum(s == {"holdout"} for s in splits.values())
    assert round(len(splits) / 4) == held


def test_no_topic_is_a_battery_question() -> None:
    from harness.battery import load_battery

    battery = {q.id for q in load_battery(REPO / "evals" / "oncology.yaml").questions}
    assert not {r["group"] for r in _rows()} & battery


def test_the_register_benchmark_reads_another_file(tmp_path, monkeypatch, capsys) -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks import bench_register

    small = tmp_path / "pairs.jsonl"
    small.write_text(json.dumps({"group": "g", "answer": "Hot flashes are common with this drug.",
                                 "claim": "Hot flashes are common with this drug.", "label": "supported",
                                 "note": "", "split": "holdout"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["bench_register.py", "--file", str(small), "--holdout"])
    bench_register.main()
    out = capsys.readouterr().out
    assert "holdout: pairs 1: agreement 1.000" in out
