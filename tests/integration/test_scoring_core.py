"""The scoring core's contract, end to end through the CLI: judgements stored once per judge, a store
that stands alone, validated scorer parameters, migration of older stores, entry-point scorers."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.apps.cli import main
from harness.store import SCHEMA_VERSION, RunStore
from tests.paths import DATA, REPO

PROFILE = REPO / "harness" / "score" / "engines" / "judge" / "profiles" / "default.json"


def _run(*extra: str, run_id: str = "r1") -> int:
    return main(["run", "--battery", "tiny", "--generator", "gold", "--run-id", run_id, "--no-progress",
                 "--as-of", "2026-11-26", *extra])


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_two_judges_keep_two_verdict_sets_each_shown_with_its_scorer(project, capsys):
    strict = json.loads(PROFILE.read_text(encoding="utf-8"))
    strict["name"] = "strict"
    strict["threshold_supported"] = 0.999999  # nothing clears this bar: every claim is missing
    (project / "strict.json").write_text(json.dumps(strict), encoding="utf-8")
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--run-id", "two", "--no-progress",
                 "--as-of", "2026-11-26", "--scorer", "claim_recall", "--scorer", "claim_problems",
                 "--param", "claim_recall.judge=strict.json"]) == 0
    with RunStore(project / "reports" / "answer-audit.sqlite") as store:
        assert set(store.judges("two")) == {"strict.json", "default"}
        run = store.require_run("two")
        assert run.judge_of("claim_recall") == "strict.json" and run.judge_of("claim_problems") == "default"
        strict_v = {(q, v.claim_id): v.verdict for q, _, v in store.claim_verdicts("two", "strict.json")}
        default_v = {(q, v.claim_id): v.verdict for q, _, v in store.claim_verdicts("two", "default")}
        recall = {s.question_id: s for s in store.scores("two") if s.scorer == "claim_recall"}
        # claim_recall's stored number agrees with its own judge's stored verdicts, not the other judge's
        for qid, score in recall.items():
            essential = [v for q, _, v in store.claim_verdicts("two", "strict.json")
                         if q == qid and v.claim_kind == "essential" and v.applies]
            assert score.value == sum(v.verdict == "supported" for v in essential) / len(essential)
            assert score.judge == "strict.json"
        assert any(v == "supported" for v in default_v.values())
        assert not any(v == "supported" for v in strict_v.values())

        # the overlay re-aggregates each scorer over its own judge's set
        from harness.results import reviews as rv
        from harness.results.table import to_frame

        rv.add_reviewer(store, "Dr A", "adjudicator")
        some_essential = next(v for q, _, v in store.claim_verdicts("two", "strict.json")
                              if q == "fever-chemo" and v.claim_kind == "essential")
        rv.append_review(store, run_id="two", question_id="fever-chemo", sample=0, target_type="claim",
                         target_id=some_essential.claim_id, decision="override", value="supported",
                         reason="the answer says it", reviewer="Dr A", role="adjudicator")
        frame = to_frame(store, ["two"], overlay=rv.review_overlay)
        row = frame[(frame.question_id == "fever-chemo") & (frame.scorer == "claim_recall")].iloc[0]
        n_essential = sum(1 for q, _, v in store.claim_verdicts("two", "strict.json")
                          if q == "fever-chemo" and v.claim_kind == "essential" and v.applies)
        assert row["auto_value"] == 0.0 and row["value"] == round(1 / n_essential, 6)

    # the exports list both sets, each row naming its judge
    claims = _csv(project / "reports" / "two" / "claims.csv")
    assert {r["judge"] for r in claims} == {"strict.json", "default"}
    assert list(claims[0])[-2:] == ["judge", "needs_review"]
    # the report's drill-down carries the judge and the scorers that count it on every claim row
    html = (project / "reports" / "two" / "report.html").read_text(encoding="utf-8")
    assert "strict.json" in html and "claim_recall" in html

    # the review app shows both sets, each labelled with the scorer it belongs to
    from fastapi.testclient import TestClient

    from harness.apps.review import create_app
    from harness.results import reviews as rv

    with RunStore(project / "reports" / "answer-audit.sqlite") as store:
        token = rv.add_reviewer(store, "Dr B")
    import re

    app = create_app(project / "reports" / "answer-audit.sqlite", secret="test-secret")
    with TestClient(app, follow_redirects=False) as client:
        assert client.post("/login", data={"name": "Dr B", "token": token}).status_code == 303
        queue = client.get("/?show=all").text
        code = next(c for c, label in re.findall(r'href="/answer/([0-9a-f]{12})">([^<]+)</a>', queue)
                    if "fever-chemo" in label)
        page = client.get(f"/answer/{code}").text
    assert "judge strict.json (counted by claim_recall)" in page
    assert "judge default (counted by claim_problems)" in page


def test_report_gate_and_export_need_no_battery_files(project, capsys):
    assert _run() == 0
    out = project / "reports" / "r1"
    shutil.copy(REPO / "evals" / "gate.toml", project / "gate.toml")  # the gate's config is not the battery's
    gate_args = ["gate", "--run", "r1", "--config", str(project / "gate.toml"), "--summary", str(project / "gate1.md")]
    first_gate = main(gate_args)
    assert main(["export", "r1", "--format", "csv", "--output", str(project / "export1.csv")]) == 0
    before = {p: (out / p).read_bytes() for p in ("summary.md", "scores.csv", "claims.csv", "answers.jsonl")}
    shutil.rmtree(project / "evals")
    shutil.rmtree(project / "gold_answers")
    assert main(["report", "r1"]) == 0
    assert {p: (out / p).read_bytes() for p in before} == before
    gate_args[-1] = str(project / "gate2.md")
    assert main(gate_args) == first_gate
    assert (project / "gate1.md").read_bytes() == (project / "gate2.md").read_bytes()
    assert main(["export", "r1", "--format", "csv", "--output", str(project / "export2.csv")]) == 0
    assert (project / "export1.csv").read_bytes() == (project / "export2.csv").read_bytes()
    assert "not readable" not in (out / "report.html").read_text(encoding="utf-8")


def test_invalid_scorer_parameter_fails_before_generation(project, capsys):
    assert _run("--param", "claim_recall.min_recall=high") == 2
    err = capsys.readouterr().err
    assert "Scorer 'claim_recall' parameter 'min_recall' must be a valid number" in err and "'high'" in err
    assert _run("--param", "claim_recall.min_recall=1.5", run_id="r2") == 2
    assert "must be less than or equal to 1; got 1.5" in capsys.readouterr().err
    with RunStore(project / "reports" / "answer-audit.sqlite") as store:
        assert store.list_runs() == []  # nothing was generated, not even a run row


def test_store_of_the_previous_release_migrates_and_reports_the_same(tmp_path, monkeypatch):
    fixture = DATA / "stores"
    root = tmp_path / "v1"
    shutil.copytree(DATA / "project", root)
    shutil.copy(fixture / "v1-tiny.sqlite", root / "v1.sqlite")
    monkeypatch.chdir(root)
    with RunStore(root / "v1.sqlite") as store:
        version = store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION
        assert store.judges("v1-run") == ["default"]
        assert store.battery(store.require_run("v1-run")) is not None  # snapshotted from unchanged files
    shutil.rmtree(root / "evals")  # the migrated run needs its files no more
    shutil.rmtree(root / "gold_answers")
    assert main(["report", "v1-run", "--store", str(root / "v1.sqlite")]) == 0
    new, old = root / "reports" / "v1-run", fixture / "v1-tiny-reports"
    assert (new / "scores.csv").read_bytes() == (old / "scores.csv").read_bytes()
    assert (new / "answers.jsonl").read_bytes() == (old / "answers.jsonl").read_bytes()
    old_claims, new_claims = _csv(old / "claims.csv"), _csv(new / "claims.csv")
    assert [{k: r[k] for k in old_claims[0]} for r in new_claims] == old_claims  # columns only appended
    # the same numbers; the release since adds one line stating the gold's review status
    new_summary = [line for line in (new / "summary.md").read_text(encoding="utf-8").splitlines()
                   if not line.startswith("Gold answers:")]
    assert new_summary == (old / "summary.md").read_text(encoding="utf-8").splitlines()


@pytest.mark.slow  # subprocesses: > 3 s; `make test` runs it, `make test-fast` does not
def test_entry_point_scorer_is_found_on_resume_in_a_new_process(project, tmp_path):
    plugin = tmp_path / "plugin"
    (plugin / "my_scorers").mkdir(parents=True)
    (plugin / "my_scorers" / "__init__.py").write_text('''
from dataclasses import dataclass
from typing import ClassVar

from harness.score.base import register_scorer, scored


@register_scorer
@dataclass(frozen=True, slots=True, kw_only=True)
class WordCount:
    name: ClassVar[str] = "word_count"
    higher_is_better: ClassVar[bool] = False
    version: ClassVar[str] = "1"

    def score(self, answer, ctx):
        n = len((answer.text or "").split())
        return scored(self.name, answer, value=float(n), passed=n < 500, reason=f"{n} words")
''', encoding="utf-8")
    dist = plugin / "my_scorers-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: my-scorers\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[answer_audit.scorers]\nword_count = my_scorers\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), str(REPO)])}
    cmd = [sys.executable, "-m", "harness", "run", "--battery", "tiny", "--generator", "gold", "--run-id", "ep",
           "--no-progress", "--scorer", "word_count", "--question", "fever-chemo"]
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # a second process resumes the run (the whole battery now) and finds the scorer again
    cmd2 = [c for c in cmd if c not in ("--question", "fever-chemo")]
    done = subprocess.run(cmd2[:-2], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with RunStore(project / "reports" / "answer-audit.sqlite") as store:
        assert {s.question_id for s in store.scores("ep") if s.scorer == "word_count"} == {
            "fever-chemo", "egfr-lung-first-line"}


@pytest.mark.slow  # subprocesses: > 3 s; `make test` runs it, `make test-fast` does not
def test_scores_are_identical_across_processes_with_different_hash_seeds(project):
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        run_id = f"seed{seed}"
        done = subprocess.run([sys.executable, "-m", "harness", "run", "--battery", "tiny", "--generator",
                               "recorded:" + str(DATA / "stores" / "v1-tiny-answers.jsonl"), "--run-id", run_id,
                               "--no-progress", "--as-of", "2026-11-26"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        out = project / "reports" / run_id
        outputs.append(((out / "scores.csv").read_text(encoding="utf-8").replace(run_id, "RUN"),
                        (out / "claims.csv").read_text(encoding="utf-8").replace(run_id, "RUN")))
    assert outputs[0] == outputs[1]
