"""``--executor dask:ADDRESS`` on a real local cluster (a scheduler and two worker processes).

Byte-identical scores.csv and claims.csv to a local run; a worker killed mid-run has its tasks
redone elsewhere (nothing lost or doubled); a client killed mid-run resumes without asking a
stored answer again. Bounded: small batteries, one cluster for the module.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from harness.battery import load_battery  # noqa: E402
from harness.generate import make_generator  # noqa: E402
from harness.report.run_files import write_claims, write_scores  # noqa: E402
from harness.run import run_battery  # noqa: E402
from harness.score.base import DEFAULT_SCORERS  # noqa: E402
from harness.store import RunStore  # noqa: E402
from tests.dask_cluster import LocalDaskCluster, local_dask_cluster  # noqa: E402
from tests.paths import REPO  # noqa: E402
from tests.synth import write_battery  # noqa: E402

pytestmark = pytest.mark.slow
AS_OF = dt.date(2026, 11, 26)
N = 30


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalDaskCluster]:
    with local_dask_cluster(tmp_path_factory.mktemp("dask")) as running:
        yield running


def _files(db: Path, run_id: str, out: Path) -> tuple[bytes, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    with RunStore(db) as store:
        write_scores(store, run_id, out / "scores.csv")
        write_claims(store, run_id, out / "claims.csv")
    return (out / "scores.csv").read_bytes(), (out / "claims.csv").read_bytes()


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_a_dask_run_gives_byte_identical_files_to_a_local_run(cluster, tmp_path):
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    spec = f"recorded:{REPO / 'evals' / 'samples' / 'oncology' / 'careful.jsonl'}"
    for name, executor in (("local", None), ("dask", f"dask:{cluster.address}")):
        with RunStore(tmp_path / f"{name}.sqlite") as store:
            run_battery(battery, make_generator(spec, battery), store, run_id="r", as_of=AS_OF, executor=executor)
            assert store.require_run("r").status == "finished"
    local = _files(tmp_path / "local.sqlite", "r", tmp_path / "local")
    remote = _files(tmp_path / "dask.sqlite", "r", tmp_path / "dask")
    assert local[0].count(b"\n") == 1 + len(battery.questions) * len(DEFAULT_SCORERS)
    assert local == remote


def _slow_model(root: Path, log: Path) -> str:
    """A command generator that takes 0.3 s, logs each question it is asked, and answers deterministically."""
    model = root / "slow_model.py"
    model.write_text(
        "import json, sys, time\nq = json.load(sys.stdin)\n"
        f"open({str(log)!r}, 'a').write(q['question_id'] + '\\n')\ntime.sleep(0.3)\n"
        "n = q['question_id'][1:].lstrip('0') or '0'\n"
        "print(f'Topic {n} is treated with plan {n}. Talk with your care team.')\n", encoding="utf-8")
    return f"command:{sys.executable} {model}"


def _cli(root: Path, spec: str, db: Path, run_id: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "harness", "run", "--battery", "synthetic", "--generator", spec, "--run-id", run_id,
            "--store", str(db), "--as-of", AS_OF.isoformat(), "--no-report", "--no-progress", *extra]


def _reference(root: Path, spec: str) -> tuple[bytes, bytes]:
    """The same generator run locally, in-process: what the cluster runs must reproduce byte for byte."""
    db = root / "reference.sqlite"
    done = subprocess.run(_cli(root, spec, db, "r", "--workers", "1", "--concurrency", "8"), cwd=root,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return _files(db, "r", root / "reference")


def _kill_when(proc: subprocess.Popen[bytes], db: Path, answers: int, kill: callable) -> None:
    deadline = time.monotonic() + 60
    while _count(db, "answers") < answers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    kill()


def test_the_client_killed_mid_run_resumes_without_asking_again(cluster, tmp_path):
    write_battery(tmp_path, n=N)
    log = tmp_path / "asked.log"
    spec = _slow_model(tmp_path, log)
    reference = _reference(tmp_path, spec)
    log.write_text("", encoding="utf-8")
    db = tmp_path / "dask.sqlite"
    cmd = _cli(tmp_path, spec, db, "r", "--executor", f"dask:{cluster.address}")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _kill_when(proc, db, 6, lambda: proc.send_signal(signal.SIGKILL))
    proc.wait(timeout=30)
    stored = _count(db, "answers")
    assert 6 <= stored < N, "the client should have been killed part-way"
    with RunStore(db) as store:
        answered_before = {a.question_id for a in store.answers("r") if a.error is None}
    log.write_text("", encoding="utf-8")
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    asked_after = set(log.read_text(encoding="utf-8").split())
    assert not (asked_after & answered_before), "answers stored before the kill were asked again"
    with RunStore(db) as store:
        assert len(store.answers("r")) == N and store.require_run("r").status == "finished"
        assert len(store.scores("r")) == N * len(DEFAULT_SCORERS)
    assert _files(db, "r", tmp_path / "dask") == reference


def test_a_worker_killed_mid_run_has_its_tasks_redone(cluster, tmp_path):
    write_battery(tmp_path, n=N)
    spec = _slow_model(tmp_path, tmp_path / "asked.log")
    reference = _reference(tmp_path, spec)
    db = tmp_path / "dask.sqlite"
    cmd = _cli(tmp_path, spec, db, "r", "--executor", f"dask:{cluster.address}")
    proc = subprocess.Popen(cmd, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _kill_when(proc, db, 6, lambda: cluster.kill_worker(0))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert cluster.workers[0].poll() is not None, "the worker should be dead"
    with RunStore(db) as store:
        assert len(store.answers("r")) == N and all(a.error is None for a in store.answers("r"))
        assert len(store.scores("r")) == N * len(DEFAULT_SCORERS)
        assert store.require_run("r").status == "finished"
    assert _count(db, "judgements") == N * 2
    assert _files(db, "r", tmp_path / "dask") == reference


def test_generators_travel_as_themselves_or_as_their_recipe(tiny):
    from harness.generate import GeneratorOptions
    from harness.run.dask_executor import portable_generator
    from harness.run.worker import WorkerJob, generate, start, stop

    gold = make_generator("gold", tiny)
    assert portable_generator(gold) is gold
    live = make_generator("openai:some-model", tiny,
                          GeneratorOptions(base_url="http://127.0.0.1:9/v1", cache_path="/tmp/store.sqlite",
                                           max_attempts=1, timeout_s=5))
    try:
        recipe = portable_generator(live)
    finally:
        live.close()
    assert recipe[:2] == ("rebuild", "openai:some-model") and recipe[2].cache_path is None
    assert recipe[2].base_url == "http://127.0.0.1:9/v1"
    # A worker rebuilds it from the recipe; a failure to reach the endpoint is a recorded error, not a crash.
    start(WorkerJob(token="t", battery=tiny, scorers=(), as_of=AS_OF, generator=recipe))
    try:
        answer = generate("t", tiny.questions[0], 0)
    finally:
        stop("t")
    assert answer.text is None and answer.error and answer.generator == "openai:some-model"
