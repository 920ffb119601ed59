"""run_battery(): storing as it goes, resuming, retrying errors, never scoring twice, surviving SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.battery import load_battery
from harness.errors import StoreError
from harness.generate import make_generator
from harness.run import run_battery
from harness.score.base import DEFAULT_SCORERS
from harness.store import RunStore
from tests.paths import REPO
from tests.synth import write_battery


def _recorded(project: Path, answers: dict[str, str]) -> str:
    path = project / "answers.jsonl"
    path.write_text("".join(json.dumps({"question_id": k, "answer": v}) + "\n" for k, v in answers.items()),
                    encoding="utf-8")
    return f"recorded:{path}"


def test_run_stores_answers_scores_and_run_record(tiny, store):
    summary = run_battery(tiny, make_generator("gold", tiny), store, run_id="r1")
    assert (summary.asked, summary.errored, summary.scored) == (2, 0, 2)
    run = store.require_run("r1")
    assert run.battery_fingerprint == tiny.fingerprint and run.generator == "gold"
    assert [s["name"] for s in run.scorers] == list(DEFAULT_SCORERS)
    assert run.status == "finished" and "pandas" in run.versions and run.params["samples"] == 1
    assert len(store.answers("r1")) == 2
    assert len(store.scores("r1")) == 2 * len(DEFAULT_SCORERS)
    assert store.claim_verdicts("r1")


def test_errored_answers_are_unscored_and_retried_on_resume(tiny, store, project):
    spec = _recorded(project, {"fever-chemo": "Call your care team right away."})
    first = run_battery(tiny, make_generator(spec, tiny), store, run_id="r2")
    assert (first.answered, first.errored) == (1, 1)
    assert store.require_run("r2").status == "incomplete"
    errored = [s for s in store.scores("r2") if s.question_id == "egfr-lung-first-line"]
    assert errored and all(s.value is None and s.reason.startswith("generation failed: no recorded answer")
                           for s in errored)
    # The file is completed; resuming asks only for the errored question and rescores only it.
    spec = _recorded(project, {"fever-chemo": "Call your care team right away.",
                               "egfr-lung-first-line": "Osimertinib is usually first."})
    second = run_battery(tiny, make_generator(spec, tiny), store, run_id="r2")
    assert (second.asked, second.answered, second.reused) == (1, 1, 1)
    assert store.require_run("r2").status == "finished"
    values = {(s.question_id, s.scorer): s.value for s in store.scores("r2")}
    assert values[("egfr-lung-first-line", "claim_recall")] is not None


def test_resume_of_finished_run_asks_nothing(tiny, store):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="r3")
    again = run_battery(tiny, make_generator("gold", tiny), store, run_id="r3")
    assert (again.asked, again.reused, again.scored) == (0, 2, 0)


def test_resume_refuses_changed_battery_and_other_generator(tiny, store, project):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="r4")
    with pytest.raises(StoreError, match="used generator 'gold'"):
        run_battery(tiny, make_generator(_recorded(project, {}), tiny), store, run_id="r4")
    gold = project / "gold_answers/tiny/fever-chemo.yaml"
    gold.write_text(gold.read_text(encoding="utf-8").replace("Do not wait.", "Never wait."), encoding="utf-8")
    changed = load_battery("tiny")
    with pytest.raises(StoreError, match="fingerprint"):
        run_battery(changed, make_generator("gold", changed), store, run_id="r4")


def test_samples_and_question_selection(tiny, store):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="r5", samples=3, question_ids=["fever-chemo"])
    assert [(a.question_id, a.sample) for a in store.answers("r5")] == [("fever-chemo", s) for s in range(3)]


def test_a_crashing_scorer_is_recorded_not_fatal(tiny, store, monkeypatch):
    from harness.score.safety import SafetyFlags

    def boom(self, answer, ctx):
        raise ValueError("bad regex")

    monkeypatch.setattr(SafetyFlags, "score", boom)
    run_battery(tiny, make_generator("gold", tiny), store, run_id="r6")
    crashed = [s for s in store.scores("r6") if s.scorer == "safety_flags"]
    assert crashed and all(s.value is None and s.reason == "scorer crashed: ValueError: bad regex" for s in crashed)


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_sigkill_loses_only_answers_in_flight_and_resume_completes(tmp_path):
    write_battery(tmp_path, n=24)
    log = tmp_path / "asked.log"
    model = tmp_path / "slow_model.py"
    model.write_text(
        "import json, sys, time\nq = json.load(sys.stdin)\n"
        f"open({str(log)!r}, 'a').write(q['question_id'] + '\\n')\ntime.sleep(0.15)\n"
        "n = q['question_id'][1:].lstrip('0') or '0'\n"
        "print(f'Topic {n} is treated with plan {n}. Talk with your care team.')\n", encoding="utf-8")
    db = tmp_path / "reports" / "store.sqlite"
    cmd = [sys.executable, "-m", "harness", "run", "--battery", "synthetic", "--generator",
           f"command:{sys.executable} {model}", "--run-id", "killed", "--store", str(db), "--concurrency", "2",
           "--no-report", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(db, "answers") < 6 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stored_before = _count(db, "answers")
    assert 6 <= stored_before < 24, "the run should have been killed part-way"
    with RunStore(db) as store:
        answered_before = {a.question_id for a in store.answers("killed") if a.error is None}
    log.write_text("", encoding="utf-8")
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    asked_after = set(log.read_text(encoding="utf-8").split())
    assert not (asked_after & answered_before), "answers stored before the kill were asked again"
    with RunStore(db) as store:
        answers = store.answers("killed")
        assert len(answers) == 24 and all(a.error is None for a in answers)
        assert len(store.scores("killed")) == 24 * len(DEFAULT_SCORERS)
        assert store.require_run("killed").status == "finished"
    assert asked_after == {f"q{i:04d}" for i in range(24)} - answered_before


def _workers_of(root: Path) -> list[int]:
    """Pids of the fork server and pool workers started for a run whose working directory is ``root``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if "multiprocessing.forkserver" in cmdline and str(root) in cmdline:
            pids.append(int(proc.name))
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc (Linux)")
def test_sigkill_leaves_no_scoring_workers_behind_and_resume_completes(tmp_path):
    write_battery(tmp_path, n=24)
    model = tmp_path / "slow_model.py"
    model.write_text("import json, sys, time\nq = json.load(sys.stdin)\ntime.sleep(0.15)\n"
                     "print('Topic is treated with a plan. Talk with your care team.')\n", encoding="utf-8")
    db = tmp_path / "reports" / "store.sqlite"
    cmd = [sys.executable, "-m", "harness", "run", "--battery", "synthetic", "--generator",
           f"command:{sys.executable} {model}", "--run-id", "killed", "--store", str(db), "--concurrency", "2",
           "--workers", "2", "--no-report", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while (_count(db, "scores") < 7 or not _workers_of(tmp_path)) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.05)
    assert _workers_of(tmp_path), "the run should be scoring on worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    while _workers_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _workers_of(tmp_path), "scoring workers outlived the killed run"
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with RunStore(db) as store:
        assert len(store.answers("killed")) == 24
        assert len(store.scores("killed")) == 24 * len(DEFAULT_SCORERS)


def test_resume_scores_exactly_the_answers_stored_without_all_their_scores(tiny, store):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="partial")
    first, second = tiny.question_ids()
    with store.transaction() as c:  # as if killed after the answer's batch and before its scores' batch
        c.execute("DELETE FROM scores WHERE run_id='partial' AND question_id=? AND scorer='citation'", (second,))
    assert store.unscored_keys("partial", list(DEFAULT_SCORERS)) == [(second, 0)]
    again = run_battery(tiny, make_generator("gold", tiny), store, run_id="partial")
    assert (again.asked, again.reused, again.scored) == (0, 2, 1)
    assert store.unscored_keys("partial", list(DEFAULT_SCORERS)) == []
    assert len(store.scores("partial")) == 2 * len(DEFAULT_SCORERS)
    assert store.require_run("partial").status == "finished"
