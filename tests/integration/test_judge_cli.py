"""The judge commands end to end, in-process: judge-claims, validate-judge, calibrate."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from harness.apps.cli import main
from tests.paths import CASES

PAIRS = [
    {"id": "1", "answer": "CAR T-cell therapy such as Yescarta is now a second-line option if lymphoma returns "
                          "within 12 months.", "claim": "Axi-cel is a second-line option for early relapse.",
     "label": "Entailment"},
    {"id": "2", "answer": "After CAR T you should not drive for 8 weeks.",
     "claim": "Do not drive for 2 weeks after CAR T.", "label": "Contradiction"},
    {"id": "3", "answer": "Hair usually grows back a few months after chemotherapy.",
     "claim": "Radiation to the chest can damage the heart.", "label": "Neutral"},
    {"id": "4", "answer": "Antibiotics will not help with a viral cold.",
     "claim": "Antibiotics treat viral colds.", "label": "Contradiction"},
    {"id": "5", "answer": "Most people start colorectal cancer screening at age 45.",
     "claim": "Colorectal cancer screening starts at age 45.", "label": "Entailment"},
    {"id": "6", "answer": "Palliative care helps at any stage of illness.",
     "claim": "Bispecific antibodies are an option after two lines.", "label": "Neutral"},
]
LABEL_MAP = "Entailment=supported,Neutral=missing,Contradiction=contradicted"


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_judge_claims_csv_keeps_columns_and_adds_verdicts(tmp_path, capsys):
    src = _write_csv(tmp_path / "pairs.csv", PAIRS)
    out = tmp_path / "out.csv"
    assert main(["judge-claims", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--output", str(out)]) == 0
    rows = _read_csv(out)
    assert list(rows[0])[:4] == ["id", "answer", "claim", "label"]
    assert {"verdict", "confidence", "evidence", "evidence_spans", "reason"} <= set(rows[0])
    assert [r["verdict"] for r in rows] == ["supported", "contradicted", "missing", "contradicted", "supported",
                                            "missing"]
    assert "answer says 8 weeks, claim says 2 weeks" in rows[1]["reason"]
    (start, end), = json.loads(rows[1]["evidence_spans"])
    assert PAIRS[1]["answer"][start:end] == rows[1]["evidence"]
    assert all(0 <= float(r["confidence"]) <= 1 for r in rows)
    assert "judged 6 pairs" in capsys.readouterr().out


def test_judge_claims_jsonl_in_and_out_with_kinds_and_key_terms(tmp_path):
    src = tmp_path / "pairs.jsonl"
    rows = [
        {"answer": "CAR T is only used after two or more other treatments have failed.",
         "claim": "CAR T is used only after two or more lines of therapy.", "kind": "outdated", "terms": []},
        {"answer": "CAR T-cell therapy is a second-line option for early relapse.",
         "claim": "Axi-cel is a second-line option for early relapse.", "kind": "essential", "terms": ["axi-cel"]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["judge-claims", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--kind-col", "kind", "--key-terms-col", "terms", "--output", str(out)]) == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got[0]["verdict"] == "stated" and "out of date" in got[0]["reason"]
    assert got[0]["evidence_spans"][0]["text"] == rows[0]["answer"]
    assert got[1]["verdict"] == "missing" and "key term" in got[1]["reason"]


def test_bad_input_is_one_sentence_naming_file_row_and_column(tmp_path, capsys):
    src = _write_csv(tmp_path / "pairs.csv", PAIRS)
    args = ["judge-claims", "--input", str(src), "--answer-col", "answer", "--output", str(tmp_path / "o.csv")]
    assert main([*args, "--claim-col", "statement"]) == 2
    err = capsys.readouterr().err
    assert f"{src}: column 'statement' not found; the columns are id, answer, claim, label" in err
    broken = _write_csv(tmp_path / "broken.csv", [*PAIRS[:2], {**PAIRS[2], "claim": " "}])
    assert main(["judge-claims", "--input", str(broken), "--answer-col", "answer", "--claim-col", "claim",
                 "--output", str(tmp_path / "o.csv")]) == 2
    assert f"{broken}: row 3, column 'claim' is empty; expected text" in capsys.readouterr().err
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"answer": "a", "claim": "b"}\n{not json}\n', encoding="utf-8")
    assert main(["judge-claims", "--input", str(bad_json), "--answer-col", "answer", "--claim-col", "claim",
                 "--output", str(tmp_path / "o.jsonl")]) == 2
    assert f"{bad_json}:2:2: not valid JSON" in capsys.readouterr().err
    assert main(["validate-judge", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--label-col", "label"]) == 2
    err = capsys.readouterr().err
    assert "row 1, column 'label' holds 'Entailment'; expected one of supported" in err and "--label-map" in err
    assert main([*args, "--claim-col", "claim", "--judge", "nosuch"]) == 2
    assert "Unknown judge profile 'nosuch'" in capsys.readouterr().err


def test_validate_judge_prints_agreement_and_writes_json(tmp_path, capsys):
    src = _write_csv(tmp_path / "labelled.csv", PAIRS)
    report = tmp_path / "v.json"
    assert main(["validate-judge", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--label-col", "label", "--label-map", LABEL_MAP, "--output", str(report), "--n-boot", "200"]) == 0
    out = capsys.readouterr().out
    assert "6 labelled pairs" in out and "macro-F1 1.000" in out and "Cohen's kappa 1.000" in out
    assert "confusion (rows = human label, columns = judge verdict)" in out and "95% CI" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["verdicts"]["confusion"] == [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
    assert data["supported_vs_not"]["macro_f1"] == 1.0


def test_calibrate_saves_a_profile_that_runs_select(tmp_path, capsys, monkeypatch):
    cases = CASES / "judge_train.jsonl"
    src = tmp_path / "mine.jsonl"
    src.write_text(cases.read_text(encoding="utf-8"), encoding="utf-8")
    judges = tmp_path / "judges"
    assert main(["calibrate", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--label-col", "label", "--group-col", "group", "--name", "ward7", "--profiles-dir", str(judges)]) == 0
    out = capsys.readouterr().out
    assert "cross-validated by group on" in out and "saved judge profile 'ward7'" in out
    profile = json.loads((judges / "ward7.json").read_text(encoding="utf-8"))
    assert profile["name"] == "ward7" and "answer" not in json.dumps(profile["trained_on"])
    pairs = _write_csv(tmp_path / "pairs.csv", PAIRS)
    assert main(["judge-claims", "--input", str(pairs), "--answer-col", "answer", "--claim-col", "claim",
                 "--output", str(tmp_path / "o.csv"), "--judge", "ward7", "--profiles-dir", str(judges)]) == 0
    assert "profile 'ward7'" in capsys.readouterr().out
    # a run selects it by name through the claim scorers' `judge` parameter (env var = profiles dir)
    monkeypatch.setenv("ANSWER_AUDIT_JUDGES_DIR", str(judges))
    from harness.battery import Claim
    from harness.score.engines.judge import judge_answer

    (v,) = judge_answer(PAIRS[1]["answer"], [Claim(id="x", text=PAIRS[1]["claim"])], as_of=dt.date(2026, 1, 1),
                        profile="ward7")
    assert v.verdict == "contradicted"
    assert main(["calibrate", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--label-col", "label", "--name", "default"]) == 2
    assert "built-in judge profile" in capsys.readouterr().err


def test_calibrate_refuses_single_label(tmp_path, capsys):
    src = _write_csv(tmp_path / "one.csv", [{**p, "label": "supported"} for p in PAIRS])
    assert main(["calibrate", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim",
                 "--label-col", "label", "--name", "x", "--profiles-dir", str(tmp_path)]) == 2
    assert "every row is labelled 'supported'" in capsys.readouterr().err
