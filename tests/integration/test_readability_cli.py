"""``answer-audit readability`` on real temporary files: CSV and JSONL, kept fields, reasons, bad input."""

from __future__ import annotations

import csv
import json

import pytest

from harness.apps.cli import main

EASY = "Call your care team if you have a fever. A fever can mean an infection. Do not wait."
LIST = "# What to do\n- Take your temperature\n- Write it down\n- Call the 24-hour line"


def _read_csv(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_in_csv_out_keeps_fields_and_gives_reasons(tmp_path, capsys):
    src = tmp_path / "answers.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "model", "answer"])
        w.writerows([["q1", "a", EASY], ["q2", "b", ""], ["q3", "c", LIST], ["q4", "d", "发烧时请立即联系医生。"]])
    out = tmp_path / "out" / "grades.csv"
    assert main(["readability", "--input", str(src), "--text-field", "answer", "--output", str(out)]) == 0
    rows = _read_csv(out)
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", "q4"]
    assert "answer" not in rows[0]  # the text itself is not copied unless --keep-text
    for col in ("fkgl", "smog", "fre", "fog", "cli", "dale_chall", "difficulty", "sentences", "words", "syllables",
                "reason"):
        assert col in rows[0]
    assert float(rows[0]["fkgl"]) < 8 and rows[0]["reason"] == ""
    assert rows[0]["sentences"] == "3" and rows[0]["words"] == "18"
    assert rows[1]["fkgl"] == "" and rows[1]["difficulty"] == "" and "empty" in rows[1]["reason"]
    assert rows[2]["sentences"] == "4"  # heading + three short items
    assert rows[3]["fkgl"] == "" and "English" in rows[3]["reason"]
    assert "2 without values" in capsys.readouterr().out


def test_jsonl_in_jsonl_out_with_text_and_clashing_field(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": 1, "text": EASY, "fkgl": "theirs", "meta": {"k": 1}},
        {"id": 2, "text": None},
    ]) + "\n\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["readability", "--input", str(src), "--output", str(out), "--keep-text"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["id"] == 1 and rows[0]["text"] == EASY and rows[0]["input_fkgl"] == "theirs"
    assert rows[0]["meta"] == {"k": 1} and isinstance(rows[0]["fkgl"], float)
    assert rows[1]["fkgl"] is None and rows[1]["difficulty"] is None and "empty" in rows[1]["reason"]


def test_same_numbers_as_the_scorer_pipeline(tmp_path):
    from harness.score.engines.readability import analyze

    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "x", "text": LIST}) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["readability", "--input", str(src), "--output", str(out)]) == 0
    row = _read_csv(out)[0]
    expected = analyze(LIST)
    assert float(row["fkgl"]) == pytest.approx(expected.formulas.fkgl, abs=1e-3)
    assert float(row["difficulty"]) == pytest.approx(expected.difficulty, abs=1e-3)


@pytest.mark.parametrize(("name", "content", "args", "message"), [
    ("a.jsonl", '{"id": 1, "text": "ok text"}\n{"id": 2\n', [], "a.jsonl:2:9: not valid JSON"),
    ("a.jsonl", '{"id": 1, "body": "x"}\n', [], "a.jsonl:1: [text] field 'text' is missing; the row has 'id', 'body'"),
    ("a.jsonl", '{"id": 1, "text": 42}\n', [], "a.jsonl:1: [text] field 'text' must be text"),
    ("a.jsonl", '[1, 2]\n', [], "a.jsonl:1: expected a JSON object"),
    ("a.csv", "id,body\n1,x\n", [], "a.csv:1: [text] no column 'text'; the columns are 'id', 'body'"),
    ("a.csv", "id,text\n1,x,extra\n", [], "a.csv:2: 3 cells, but the header has 2 columns"),
    ("a.csv", "", [], "empty file"),
    ("a.txt", "hello", [], "must end in .csv, .jsonl or .ndjson"),
    ("a.csv", "id,text\n1,x\n", ["--output-override", "o.xlsx"], "must end in .csv, .jsonl or .ndjson"),
])
def test_bad_input_one_sentence_exit_2(tmp_path, capsys, name, content, args, message):
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / ("o.xlsx" if args else "o.csv")
    code = main(["readability", "--input", str(src), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and str(src if not args else out) in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_input_file(tmp_path, capsys):
    code = main(["readability", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o.csv")])
    assert code == 2 and "nope.csv: file not found" in capsys.readouterr().err
