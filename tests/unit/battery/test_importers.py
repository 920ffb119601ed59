"""Tests for ``answer-audit import`` (harness.battery.importers): real files in, batteries that validate out."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from harness.apps.cli import main
from harness.battery import load_battery
from harness.battery.importers import ImportInputError, ImportSpec, import_battery, safe_id, sentence_claims
from tests.paths import SHARED

MEDQUAD = SHARED / "data" / "medquad" / "medquad_cancer_qa.jsonl"
KQA = SHARED / "data" / "kqa" / "kqa_gold_answers.jsonl"
needs_shared = pytest.mark.skipif(not (MEDQUAD.exists() and KQA.exists()),
                                  reason="../shared/data (MedQuAD, K-QA) is not present; CI has it")


def _import(tmp_path: Path, *args: str) -> int:
    return main(["import", "--root", str(tmp_path), *args])


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------ the real data sets

@needs_shared
@pytest.mark.slow  # ~3 s: 1,377 real rows
def test_medquad_cancer_file_imports_into_a_battery_that_validates(tmp_path: Path, capsys) -> None:
    code = _import(tmp_path, "--input", str(MEDQUAD), "--name", "medquad", "--id-field", "qid",
                   "--question-field", "question", "--answer-field", "answer", "--tag-field", "qtype")
    out = capsys.readouterr()
    assert code == 0, out.err
    battery = load_battery(tmp_path / "evals" / "medquad.yaml")
    rows = _rows(MEDQUAD)
    assert len(battery.questions) == len(rows) == 1377
    ids = battery.question_ids()
    assert len(set(ids)) == len(ids)
    assert len({i.lower() for i in ids}) == len(ids)  # safe on case-insensitive file systems too
    # MedQuAD repeats some qids: the repeats get -2, -3 suffixes in file order
    assert ids[0] == safe_id(rows[0]["qid"])
    gold = battery.gold[ids[0]]
    assert gold.status == "unreviewed"
    assert gold.reviewed_by == "imported from medquad_cancer_qa.jsonl (unreviewed)"
    assert gold.reviewed_on == dt.date.today()
    assert gold.guideline_version == "as published in medquad_cancer_qa.jsonl"
    assert gold.answer.strip() == rows[0]["answer"].strip().replace("\r\n", "\n") or gold.answer.startswith("Key Points")
    kinds = [c.kind for c in gold.claims]
    assert kinds[:3] == ["essential"] * 3 and set(kinds[3:]) <= {"supporting"}
    assert 1 <= len(gold.claims) <= 15
    assert battery.questions[0].tags["qtype"] == rows[0]["qtype"]
    assert yaml.safe_load((tmp_path / "gold_answers" / "sources.yaml").read_text()) == {"sources": []}
    assert "1377 questions" in out.out and "unreviewed" in out.out


@needs_shared
def test_kqa_statements_become_essential_and_supporting_claims(tmp_path: Path) -> None:
    code = _import(tmp_path, "--input", str(KQA), "--name", "kqa", "--question-field", "Question",
                   "--answer-field", "Free_form_answer", "--must-field", "Must_have", "--nice-field", "Nice_to_have",
                   "--source-field", "Sources")
    assert code == 0
    battery = load_battery(tmp_path / "evals" / "kqa.yaml")
    rows = _rows(KQA)
    assert len(battery.questions) == len(rows) == 201
    for i in (0, 57, 200):
        gold = battery.gold[f"q{i + 1:04d}"]
        must = [s.strip() for s in rows[i]["Must_have"] if s.strip()]
        nice = [s.strip() for s in rows[i]["Nice_to_have"] if s.strip()]
        assert [c.text for c in gold.claims_of("essential")] == [" ".join(s.split()) for s in must]
        assert [c.text for c in gold.claims_of("supporting")] == [" ".join(s.split()) for s in nice]
        assert battery.question(f"q{i + 1:04d}").question == " ".join(rows[i]["Question"].split())
    assert "Sources as published:" in (battery.gold["q0001"].notes or "")


# ------------------------------------------------------------------------------------ CSV, JSON, datasets

def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_csv_with_unsafe_and_duplicate_ids(tmp_path: Path) -> None:
    src = tmp_path / "faq.csv"
    _write_csv(src, [
        {"id": "what is CAR T?", "q": "What is CAR T?", "a": "CAR T uses your own T cells. They are changed in a lab "
                                                             "to find cancer. It is given once as a drip."},
        {"id": "What-is-CAR-T", "q": "Is it safe?", "a": "It can cause a fever and confusion in the first weeks.\n"
                                                          "Call your care team at once if that happens."},
        {"id": "", "q": "Fever?", "a": "Call now."},
    ])
    assert _import(tmp_path, "--input", str(src), "--name", "faq", "--id-field", "id",
                   "--question-field", "q", "--answer-field", "a") == 0
    battery = load_battery(tmp_path / "evals" / "faq.yaml")
    assert battery.question_ids() == ("what-is-CAR-T", "What-is-CAR-T-2", "row-3")
    first = battery.gold["what-is-CAR-T"]
    assert [c.kind for c in first.claims] == ["essential", "essential", "essential"]
    assert battery.gold["row-3"].claims[0].text == "Call now."  # too short to split: the whole answer


def test_csv_statement_columns_as_json_lists(tmp_path: Path) -> None:
    src = tmp_path / "kqa.csv"
    _write_csv(src, [{"Question": "Can I drive after CAR T?", "Answer": "Not for two weeks.",
                      "Must": json.dumps(["Do not drive for 2 weeks after CAR T"]),
                      "Nice": json.dumps(["Stay near the treatment centre for about 2 weeks"])}])
    assert _import(tmp_path, "--input", str(src), "--name", "kqa-csv", "--question-field", "Question",
                   "--answer-field", "Answer", "--must-field", "Must", "--nice-field", "Nice") == 0
    gold = load_battery(tmp_path / "evals" / "kqa-csv.yaml").gold["q0001"]
    assert [(c.kind, c.text) for c in gold.claims] == [
        ("essential", "Do not drive for 2 weeks after CAR T"),
        ("supporting", "Stay near the treatment centre for about 2 weeks")]


def test_json_array_file_and_limit(tmp_path: Path) -> None:
    src = tmp_path / "qa.json"
    src.write_text(json.dumps({"data": [{"question": f"Question {i}?", "answer": f"Answer number {i} is here."}
                                        for i in range(5)]}), encoding="utf-8")
    assert _import(tmp_path, "--input", str(src), "--name", "qa", "--question-field", "question",
                   "--answer-field", "answer", "--limit", "2") == 0
    assert load_battery(tmp_path / "evals" / "qa.yaml").question_ids() == ("q0001", "q0002")


def test_datasets_save_to_disk_directory(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({
        "id": ["fever-1", "drive-1"],
        "question": ["I have a fever during chemo. What should I do?", "Can I drive after CAR T?"],
        "answer": ["Call your care team right away. A fever can be a sign of infection. Do not wait until morning.",
                   "Do not drive for two weeks after CAR T. Ask someone to drive you. Stay near the centre."],
        "must": [["Call the care team right away for a fever"], ["Do not drive for two weeks"]],
        "nice": [[], ["Stay near the treatment centre"]],
    })
    ds.save_to_disk(str(tmp_path / "tiny_ds"))
    assert _import(tmp_path, "--input", str(tmp_path / "tiny_ds"), "--name", "tiny-ds", "--id-field", "id",
                   "--question-field", "question", "--answer-field", "answer",
                   "--must-field", "must", "--nice-field", "nice") == 0
    battery = load_battery(tmp_path / "evals" / "tiny-ds.yaml")
    assert battery.question_ids() == ("fever-1", "drive-1")
    assert [c.kind for c in battery.gold["drive-1"].claims] == ["essential", "supporting"]


def test_dataset_dict_needs_a_split_when_ambiguous(tmp_path: Path, capsys) -> None:
    datasets = pytest.importorskip("datasets")
    part = datasets.Dataset.from_dict({"q": ["A question?"], "a": ["An answer with enough words."]})
    datasets.DatasetDict({"dev": part, "test": part}).save_to_disk(str(tmp_path / "dd"))
    args = ["--input", str(tmp_path / "dd"), "--name", "dd", "--question-field", "q", "--answer-field", "a"]
    assert _import(tmp_path, *args) == 2
    assert "several splits (dev, test); choose one with --split" in capsys.readouterr().err
    assert _import(tmp_path, *args, "--split", "test") == 0


def test_hub_name_not_in_cache_is_a_clear_error_and_nothing_is_downloaded(tmp_path: Path, monkeypatch, capsys) -> None:
    pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # an empty cache
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code = _import(tmp_path, "--input", "nobody-xyz/not-a-cached-dataset", "--name", "hub",
                   "--question-field", "q", "--answer-field", "a")
    err = capsys.readouterr().err
    assert code == 2
    assert "not a Hugging Face dataset in the local cache" in err and "nothing is downloaded" in err
    assert not (tmp_path / "evals").exists()


# ------------------------------------------------------------------------------------ safety and errors

def test_refuses_to_overwrite_without_force_and_force_replaces_cleanly(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"x{i}", "q": f"Q{i}?", "a": f"Answer {i} has four words."})
                             for i in range(3)) + "\n", encoding="utf-8")
    args = ["--input", str(src), "--name", "b", "--id-field", "id", "--question-field", "q", "--answer-field", "a"]
    assert _import(tmp_path, *args) == 0
    before = (tmp_path / "evals" / "b.yaml").read_text()
    assert _import(tmp_path, *args) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "evals" / "b.yaml").read_text() == before
    assert _import(tmp_path, *args, "--limit", "1", "--force") == 0
    assert sorted(p.name for p in (tmp_path / "gold_answers" / "b").iterdir()) == ["x0.yaml"]
    load_battery(tmp_path / "evals" / "b.yaml")


def test_existing_registry_is_kept(project: Path) -> None:
    registry = (project / "gold_answers" / "sources.yaml").read_text()
    src = project / "extra.jsonl"
    src.write_text(json.dumps({"q": "Is hospice only for the last days?", "a": "No. Hospice can help for months. "
                                                                               "Ask early."}) + "\n")
    assert main(["import", "--input", "extra.jsonl", "--name", "extra", "--question-field", "q",
                 "--answer-field", "a"]) == 0  # the root defaults to the working directory
    assert (project / "gold_answers" / "sources.yaml").read_text() == registry
    assert load_battery("extra").question_ids() == ("q0001",)
    load_battery("tiny")  # the project's own battery still validates beside it


@pytest.mark.parametrize(("content", "args", "message"), [
    ('{"question": "Q?", "answer": "A."}\n{"question": "Q2?"}\n', [],
     "bad.jsonl:2: [answer] field 'answer' is missing; the row has 'question'"),
    ('{"question": "Q?", "answer": "A."}\n[1, 2]\n', [], "bad.jsonl:2: expected a JSON object"),
    ('{"question": "Q?", "answer": "A."}\n{"question": "Q?", "answer": \n', [], "bad.jsonl:2:30: not valid JSON"),
    ('{"question": "Q?", "answer": "   "}\n', [], "bad.jsonl:1: [answer] field 'answer' is empty"),
    ('{"question": {"text": "Q?"}, "answer": "A."}\n', [], "bad.jsonl:1: [question] field 'question' should be text, found a dict"),
    ('{"question": "Q?", "answer": "A.", "m": 3}\n', ["--must-field", "m"],
     "bad.jsonl:1: [m] field 'm' should be a list of statements, found a int"),
    ('{"question": "Q?", "answer": "A.", "m": ["ok", 4]}\n', ["--must-field", "m"],
     "bad.jsonl:1: [m] field 'm' item 2 should be a statement (text), found a int"),
    ('{"Question": "Q?", "answer": "A."}\n', [], "did you mean 'Question'?"),
])
def test_bad_rows_get_one_clear_sentence_and_exit_2(tmp_path: Path, capsys, content: str, args: list[str],
                                                   message: str) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(content, encoding="utf-8")
    code = _import(tmp_path, "--input", str(src), "--name", "bad", "--question-field", "question",
                   "--answer-field", "answer", *args)
    err = capsys.readouterr().err
    assert code == 2
    assert str(src) in err and message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "evals" / "bad.yaml").exists()  # nothing half-written


def test_missing_file_bad_name_and_unknown_suffix(tmp_path: Path, capsys) -> None:
    base = ["--question-field", "q", "--answer-field", "a"]
    assert _import(tmp_path, "--input", str(tmp_path / "nope.jsonl"), "--name", "n", *base) == 2
    assert "file not found" in capsys.readouterr().err
    assert _import(tmp_path, "--input", str(tmp_path / "nope.jsonl"), "--name", "bad name", *base) == 2
    assert "--name 'bad name'" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("q a\n")
    assert _import(tmp_path, "--input", str(tmp_path / "x.txt"), "--name", "n", *base) == 2
    assert "cannot tell the format" in capsys.readouterr().err


def test_csv_row_with_extra_cells(tmp_path: Path) -> None:
    src = tmp_path / "r.csv"
    src.write_text("q,a\nWhat?,An answer here.,surplus\n", encoding="utf-8")
    with pytest.raises(ImportInputError, match=r"r.csv:2: 3 cells, but the header has 2 columns"):
        import_battery(ImportSpec(input=str(src), name="r", question_field="q", answer_field="a", root=tmp_path))


# ------------------------------------------------------------------------------------ the rules

def test_sentence_claims_rule() -> None:
    answer = ("# Fever during chemo\n\nA fever can be a sign of a serious infection. Call your care team at once. "
              "Do not take fever medicine first.\n- Keep a thermometer at home always.\n- Ok then.\n"
              "A fever can be a sign of a serious infection.\nWrite down your temperature and the time.")
    claims, dropped = sentence_claims(answer, essential_count=2, max_claims=4)
    assert [c["text"] for c in claims] == ["A fever can be a sign of a serious infection.",
                                           "Call your care team at once.", "Do not take fever medicine first.",
                                           "Keep a thermometer at home always."]
    assert [c["kind"] for c in claims] == ["essential", "essential", "supporting", "supporting"]
    assert dropped == 1  # the last sentence; the heading, the fragment and the repeat are not counted
    unlimited, none_dropped = sentence_claims(answer, max_claims=0)
    assert len(unlimited) == 5 and none_dropped == 0


@pytest.mark.parametrize(("raw", "expected"), [
    ("0000001_1-1", "0000001_1-1"), ("what is CAR T?", "what-is-CAR-T"), ("--x", "x"), ("é/ü", ""),
    ("a" * 200, "a" * 80),
])
def test_safe_id(raw: str, expected: str) -> None:
    assert safe_id(raw) == expected


def test_folder_of_data_files_and_parquet(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "part.jsonl").write_text(json.dumps({"q": "What is MRD?", "a": "MRD means cancer cells too few to "
                                                   "see on scans. A lab test finds them."}) + "\n", encoding="utf-8")
    assert _import(tmp_path, "--input", str(folder), "--name", "folder", "--question-field", "q",
                   "--answer-field", "a") == 0
    assert load_battery(tmp_path / "evals" / "folder.yaml").question_ids() == ("q0001",)
    table = pa.table({"q": ["Is hospice only at home?"], "a": ["No. Hospice care can be given in many places."],
                      "m": [["Hospice can be given at home or in a facility"]]})
    pq.write_table(table, tmp_path / "qa.parquet")
    assert _import(tmp_path, "--input", str(tmp_path / "qa.parquet"), "--name", "pq", "--question-field", "q",
                   "--answer-field", "a", "--must-field", "m") == 0
    gold = load_battery(tmp_path / "evals" / "pq.yaml").gold["q0001"]
    assert [c.text for c in gold.claims] == ["Hospice can be given at home or in a facility"]
