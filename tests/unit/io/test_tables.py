"""The one table reader/writer: every format, physical line numbers, every bad row at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.errors import ConfigError, InputError, Problem
from harness.io.tables import read_table, table_format, write_table
from harness.io.tomlio import key_lines


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_carry_the_physical_line_where_they_start(tmp_path):
    src = _write(tmp_path / "t.csv", 'id,text\n1,"two\nlines"\n\n2,plain\n3\n')
    table = read_table(src)
    assert table.columns == ("id", "text") and table.header_line == 1
    assert [(r.number, r.line) for r in table.rows] == [(1, 2), (2, 5), (3, 6)]
    assert table.rows[0].data == {"id": "1", "text": "two\nlines"}
    assert table.rows[2].data == {"id": "3", "text": None}  # a short row: the missing cells are None


def test_csv_rows_with_too_many_cells_are_all_reported_in_line_order(tmp_path):
    src = _write(tmp_path / "t.csv", "a,b\n1,2,3\nok,ok\n4,5,6,7\n")
    with pytest.raises(InputError) as info:
        read_table(src)
    assert [str(p) for p in info.value.problems] == [f"{src}:2: 3 cells, but the header has 2 columns",
                                                     f"{src}:4: 4 cells, but the header has 2 columns"]
    assert isinstance(info.value, ConfigError)  # the CLI's usage error (exit 2)


def test_jsonl_reports_every_bad_line_with_column(tmp_path):
    src = _write(tmp_path / "t.jsonl", '{"a": 1}\n{"a": \n\n[1]\n{"a": 2}\n{bad}\n')
    with pytest.raises(InputError) as info:
        read_table(src)
    problems = info.value.problems
    assert [(p.line, p.column) for p in problems] == [(2, 7), (4, None), (6, 2)]
    assert str(problems[1]) == f"{src}:4: expected a JSON object with named fields, found a list"
    assert str(info.value).startswith("3 problems found:\n  ")


def test_a_problems_list_collects_instead_of_raising(tmp_path):
    src = _write(tmp_path / "t.jsonl", '{"a": 1}\nnot json\n{"b": 2}\n')
    sink: list[Problem] = []
    table = read_table(src, problems=sink)
    assert [r.line for r in table.rows] == [1, 3] and table.columns == ("a", "b")
    assert [p.line for p in sink] == [2]


def test_non_utf8_names_line_and_column(tmp_path):
    src = tmp_path / "t.csv"
    src.write_bytes(b"a,b\nx,caf\xe9\n")
    with pytest.raises(InputError, match=r"t.csv:2:6: not UTF-8 text \(byte 0xe9\)"):
        read_table(src)


def test_json_array_wrapper_tsv_limit_and_parquet(tmp_path):
    src = _write(tmp_path / "t.json", json.dumps({"data": [{"q": "a"}, {"q": "b"}, {"q": "c"}]}))
    table = read_table(src, limit=2)
    assert [r.data["q"] for r in table.rows] == ["a", "b"] and table.rows[1].where == "row 2"
    tsv = read_table(_write(tmp_path / "t.tsv", "q\ta\nx\ty\n"))
    assert tsv.rows[0].data == {"q": "x", "a": "y"} and tsv.rows[0].where == "line 2"
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"q": ["p", "r"], "n": [1, 2]}), tmp_path / "t.parquet")
    parquet = read_table(tmp_path / "t.parquet")
    assert parquet.columns == ("q", "n") and [r.data for r in parquet.rows] == [{"q": "p", "n": 1}, {"q": "r", "n": 2}]


def test_unknown_suffix_missing_file_and_restricted_formats(tmp_path):
    with pytest.raises(InputError, match=r"cannot tell the format from the suffix '.xlsx'; the output must end in "
                                         r"\.csv, \.jsonl or \.ndjson"):
        table_format(tmp_path / "o.xlsx", allowed=("csv", "jsonl"), role="output")
    with pytest.raises(InputError, match="nope.csv: file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="cannot tell the format"):
        read_table(tmp_path / "nope.txt", allowed=("csv",))  # a caller naming formats never asks datasets


def test_missing_column_and_field_messages_suggest(tmp_path):
    table = read_table(_write(tmp_path / "t.csv", "Question,answer\nq,a\n"))
    assert str(table.missing_column("question")) == (f"{tmp_path / 't.csv'}:1: [question] no column 'question'; "
                                                     "the columns are 'Question', 'answer'; did you mean 'Question'?")
    jsonl = read_table(_write(tmp_path / "t.jsonl", '{"Question": "q"}\n'))
    assert str(jsonl.missing_field(jsonl.rows[0], "question")) == (
        f"{tmp_path / 't.jsonl'}:1: [question] field 'question' is missing; the row has 'Question'; "
        "did you mean 'Question'?")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json", ".tsv"])
def test_write_then_read_round_trips_and_leaves_no_temporary_file(tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    rows = [{"id": "1", "text": "a, \"quoted\"\nline", "extra": "dropped"}, {"id": "2", "text": None}]
    write_table(out, ["id", "text"], rows)
    back = read_table(out)
    assert back.columns == ("id", "text")
    texts = [r.data["text"] for r in back.rows]
    assert texts[0] == "a, \"quoted\"\nline"
    assert texts[1] in ("", None)  # CSV has no null: an empty cell
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_toml_key_lines():
    text = '# c\n[gate]\nalpha = 0.05\n\n[scorers.claim_recall]  # x\nmin_mean = 0.6\n"quoted.key" = 1\n'
    lines = key_lines(text)
    assert lines[("gate",)] == 2 and lines[("gate", "alpha")] == 3
    assert lines[("scorers", "claim_recall", "min_mean")] == 6 and lines[("scorers", "claim_recall")] == 5
