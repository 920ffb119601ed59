"""`answer-audit init` scaffolds a battery that validates, runs and passes its gate; `answer-audit view`
lists every stored run and serves any report or comparison from the store alone, read-only (issue 15)."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from harness.apps.cli import main
from harness.apps.view import ReadOnlyStore, create_view_app
from harness.results import reviews as rv
from tests.runs import make_run


def test_init_scaffolds_a_battery_that_validates_runs_and_gates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--name", "mine"]) == 0
    out = capsys.readouterr().out
    assert "wrote evals/mine.yaml" in out and "answer-audit validate mine" in out
    assert main(["validate", "mine"]) == 0
    assert "0 of 1 gold answer clinician-reviewed" in capsys.readouterr().out
    assert main(["run", "--battery", "mine", "--generator", "gold", "--run-id", "g", "--no-progress"]) == 0
    assert main(["gate", "--run", "g", "--config", "evals/mine.gate.toml"]) == 0
    assert main(["init", "--name", "mine"]) == 2  # never overwrites
    assert "not overwriting evals/mine.yaml" in capsys.readouterr().err


def test_view_lists_runs_and_serves_reports_from_the_store_alone(store, project):
    make_run(store, "a", {"q0": {"claim_recall": (1.0, True)}, "q1": {"claim_recall": (0.5, False)}})
    make_run(store, "b", {"q0": {"claim_recall": (0.0, False)}, "q1": {"claim_recall": (0.5, False)}},
             errors={"q1"})
    rv.add_reviewer(store, "alice")
    rv.append_review(store, run_id="a", question_id="q0", sample=0, target_type="score", target_id="claim_recall",
                     decision="agree", automatic="pass", reviewer="alice", role="reviewer")
    shutil.rmtree(project / "evals")  # the battery files are gone: pages come from the store
    client = TestClient(create_view_app(store.path))
    index = client.get("/")
    assert index.status_code == 200 and "default-src 'none'" in index.headers["content-security-policy"]
    assert '<a href="/run/a"><code>a</code></a>' in index.text and '<a href="/run/b"><code>b</code></a>' in index.text
    assert '<a href="/run/a/reviewed">reviewed report</a>' in index.text and "/run/b/reviewed" not in index.text
    report = client.get("/run/a").text
    assert "answer-audit · run a" in report and '<details class="q" id="q-q0">' in report
    assert "reviewed run a" in client.get("/run/a/reviewed").text
    comparison = client.get("/compare", params=[("run", "a"), ("run", "b")])
    assert comparison.status_code == 200 and "Paired comparison" in comparison.text
    assert client.get("/run/nope").status_code == 404 and "No run 'nope'" in client.get("/run/nope").text
    assert client.get("/compare", params={"run": "a"}).status_code == 400
    assert client.post("/").status_code == 405


def test_view_store_is_read_only(store):
    make_run(store, "a", {"q0": {"claim_recall": (1.0, True)}})
    ro = ReadOnlyStore(store.path)
    with pytest.raises(Exception, match="readonly"):
        ro.conn.execute("DELETE FROM runs")
    ro.close()
    with pytest.raises(FileNotFoundError):
        create_view_app(store.path.parent / "missing.sqlite")


def test_view_opens_a_store_nobody_reviewed(store):
    make_run(store, "a", {"q0": {"claim_recall": (1.0, True)}})
    client = TestClient(create_view_app(store.path))
    assert client.get("/").status_code == 200
    assert client.get("/run/a").status_code == 200


def test_init_hints_use_the_command_as_the_user_can_type_it(tmp_path, monkeypatch, capsys):
    from harness.apps.cli.common import retypable_command

    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    script = venv_bin / "answer-audit"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", [".venv/bin/answer-audit", "init"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # the venv is not activated: plain answer-audit is not found
    assert retypable_command() == ".venv/bin/answer-audit"
    assert retypable_command(absolute=True) == str(script.resolve())
    assert main(["init", "--name", "mine"]) == 0
    assert "next: .venv/bin/answer-audit validate mine" in capsys.readouterr().out
    monkeypatch.setenv("PATH", f"{venv_bin}:/usr/bin:/bin")  # activated
    assert retypable_command() == "answer-audit"
    monkeypatch.setattr("sys.argv", ["/somewhere/harness/__main__.py"])
    assert retypable_command() == "python -m harness"
