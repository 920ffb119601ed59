"""The command line, called in-process through main(argv) -> exit code."""

from __future__ import annotations

import csv
import json
import socket

import pytest

from harness.apps.cli import main


def test_validate_ok_and_problems(project, capsys):
    assert main(["validate", "tiny"]) == 0
    assert "tiny v1: OK — 2 questions (1 personalised), 5 claims, 2 registry sources" in capsys.readouterr().out
    (project / "gold_answers/tiny/fever-chemo.yaml").write_text("question_id: fever-chemo\n", encoding="utf-8")
    assert main(["validate", "tiny"]) == 1
    err = capsys.readouterr().err
    assert "gold_answers/tiny/fever-chemo.yaml:1: [answer] required field is missing" in err


def test_validate_missing_battery_is_a_usage_error_with_did_you_mean(project, capsys):
    assert main(["validate", "tinny"]) == 2  # README: 2 is usage or input error
    err = capsys.readouterr().err
    assert err.startswith("answer-audit: evals/tinny.yaml: file not found") and "did you mean 'tiny'?" in err
    assert main(["validate", "tiny", "tinny"]) == 2  # the good one is still validated
    assert "tiny v1: OK" in capsys.readouterr().out


def test_as_of_that_is_not_a_date_is_one_clear_sentence(project, capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", "--battery", "tiny", "--generator", "gold", "--as-of", "2026-02-30"])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == ("answer-audit: run: argument --as-of: '2026-02-30' is not a calendar date "
                   "(February 2026 has 28 days, not 30)")
    assert "fromisoformat" not in err


def test_run_writes_the_export_contract(project, capsys):
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--run-id", "r1", "--no-progress"]) == 0
    out = project / "reports" / "r1"
    assert {p.name for p in out.iterdir()} >= {"answers.jsonl", "scores.csv", "claims.csv", "report.html",
                                               "summary.md"}
    answers = [json.loads(line) for line in (out / "answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {a["question_id"] for a in answers} == {"fever-chemo", "egfr-lung-first-line"}
    assert all({"question_id", "generator", "answer", "error"} <= set(a) for a in answers)
    with (out / "scores.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:7] == ["question_id", "sample", "generator", "scorer", "value", "passed", "reason"]
    with (out / "claims.csv").open(encoding="utf-8") as f:
        claims = list(csv.DictReader(f))
    assert {"question_id", "generator", "claim_id", "claim_kind", "verdict", "evidence"} <= set(claims[0])
    assert {c["verdict"] for c in claims} <= {"supported", "missing", "contradicted", "stated", "absent"}
    assert "run r1: asked 2" in capsys.readouterr().out


@pytest.mark.slow  # subprocesses: > 3 s; `make test` runs it, `make test-fast` does not
def test_report_rebuilds_identical_csv(project):
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--run-id", "r2", "--no-progress"]) == 0
    out = project / "reports" / "r2"
    first = {p: (out / p).read_bytes() for p in ("scores.csv", "claims.csv", "answers.jsonl", "summary.md")}
    assert main(["report", "r2"]) == 0
    assert {p: (out / p).read_bytes() for p in first} == first


def test_usage_errors_exit_2_with_one_sentence(project, capsys):
    assert main(["run", "--battery", "nope", "--generator", "gold"]) == 2
    assert "evals/nope.yaml: file not found" in capsys.readouterr().err
    assert main(["run", "--battery", "tiny", "--generator", "gld"]) == 2
    assert "Unknown generator 'gld'; did you mean 'gold'?" in capsys.readouterr().err
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--question", "fever"]) == 2
    assert "did you mean 'fever-chemo'?" in capsys.readouterr().err
    assert main(["report", "missing-run"]) == 2
    assert "No run 'missing-run'" in capsys.readouterr().err
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--scorer", "disclaimr"]) == 2
    assert "did you mean 'disclaimer'?" in capsys.readouterr().err


def test_ls(project, capsys):
    assert main(["ls", "scorers"]) == 0
    out = capsys.readouterr().out
    assert "claim_recall" in out and "higher is better" in out
    assert main(["ls", "generators"]) == 0
    assert "recorded:ARG" in capsys.readouterr().out
    assert main(["ls", "batteries"]) == 0
    assert capsys.readouterr().out.split() == ["tiny"]


def test_python_m_harness_help():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "harness", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "answer-audit" in done.stdout


def test_run_and_report_work_with_the_network_unavailable(project, monkeypatch):
    """Scoring and reporting never touch the network (no NLTK or hub downloads, no telemetry)."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--run-id", "offline", "--no-progress"]) == 0
    with (project / "reports/offline/scores.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["reason"] for r in rows)
    assert not [r for r in rows if "scorer crashed" in r["reason"]]


@pytest.mark.parametrize("argv", [["--version"], []])
def test_version_and_bare_call(argv, capsys):
    if argv:
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0 and "answer-audit" in capsys.readouterr().out
    else:
        assert main(argv) == 2


def test_library_names_parameters_and_the_cli_shows_flags(project, capsys):
    from harness.errors import ConfigError
    from harness.io.openai_client import ChatClient

    with pytest.raises(ConfigError) as info:  # an API caller reads the parameter's own name
        ChatClient(base_url="ftp://example.invalid/v1")
    assert str(info.value).startswith("`base_url` must start with http:// or https://")
    assert info.value.parameters == ("base_url",)
    code = main(["run", "--battery", "tiny", "--generator", "openai:m", "--base-url", "ftp://example.invalid/v1",
                 "--no-report", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("answer-audit: --base-url must start with http:// or https://")
