"""Scoring on worker processes gives the same files as scoring in-process; kept per-question facts are reused.

The battery is the shipped ``oncology`` one (41 questions) answered by the shipped sample answer
sets, so claims, citations, cues and reading grades all vary between answers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from harness.battery import load_battery
from harness.generate import make_generator
from harness.report.run_files import write_claims, write_scores
from harness.run import run_battery
from harness.score.base import DEFAULT_SCORERS, build_scorers
from harness.score.session import ScoringSession, facts_key
from harness.store import RunStore
from tests.paths import REPO

AS_OF = dt.date(2026, 11, 26)


def _files(store: RunStore, run_id: str, out: Path) -> tuple[bytes, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    write_scores(store, run_id, out / "scores.csv")
    write_claims(store, run_id, out / "claims.csv")
    return (out / "scores.csv").read_bytes(), (out / "claims.csv").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("sample_set", ["careful", "outdated"])
def test_two_workers_give_byte_identical_scores_and_claims(tmp_path, sample_set):
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    spec = f"recorded:{REPO / 'evals' / 'samples' / 'oncology' / f'{sample_set}.jsonl'}"
    serial_db, pool_db = tmp_path / "serial.sqlite", tmp_path / "pool.sqlite"
    with RunStore(serial_db) as store:
        run_battery(battery, make_generator(spec, battery), store, run_id="r", as_of=AS_OF, workers=1)
        serial = _files(store, "r", tmp_path / "serial")
    with RunStore(pool_db) as store:
        summary = run_battery(battery, make_generator(spec, battery), store, run_id="r", as_of=AS_OF, workers=2)
        pooled = _files(store, "r", tmp_path / "pool")
        assert summary.scored == len(battery.questions)
        assert store.require_run("r").status == "finished"
    assert serial[0].count(b"\n") == 1 + len(battery.questions) * len(DEFAULT_SCORERS)
    assert serial == pooled


def test_a_later_run_reuses_the_kept_gold_figures_and_scores_the_same(tiny, store):
    run_battery(tiny, make_generator("gold", tiny), store, run_id="first", as_of=AS_OF)
    kept = store.question_facts(tiny.fingerprint)
    reading = build_scorers(["reading_grade"])[0]
    assert set(kept) == set(tiny.question_ids())
    assert all(set(by_key) == {facts_key(reading)} for by_key in kept.values())
    assert all("gold_readability" in by_key[facts_key(reading)] for by_key in kept.values())

    # A session given the kept facts computes none itself and scores exactly as a fresh one.
    answers = store.answers("first")
    scorers = build_scorers(None)
    fresh = [ScoringSession(tiny, scorers, AS_OF).score(a) for a in answers]
    reused = [ScoringSession(tiny, scorers, AS_OF, facts=kept).score(a) for a in answers]
    assert all(r.facts == () for r in reused) and all(f.facts for f in fresh)
    assert [r.scores for r in reused] == [f.scores for f in fresh]
    assert [r.judgements for r in reused] == [f.judgements for f in fresh]

    run_battery(tiny, make_generator("gold", tiny), store, run_id="second", as_of=AS_OF)
    assert store.question_facts(tiny.fingerprint) == kept
    values = {(s.question_id, s.scorer, s.value, s.reason) for s in store.scores("first")}
    assert values == {(s.question_id, s.scorer, s.value, s.reason) for s in store.scores("second")}


def test_facts_that_do_not_survive_json_are_not_offered_for_keeping(tiny):
    from dataclasses import dataclass
    from typing import ClassVar

    from harness.core.records import Answer
    from harness.score.base import scored

    @dataclass(frozen=True)
    class Odd:
        name: ClassVar[str] = "odd"
        higher_is_better: ClassVar[bool] = True
        version: ClassVar[str] = "1"

        def per_question(self, ctx):
            return {"odd_set": {1, 2}}

        def score(self, answer, ctx):
            return scored(self.name, answer, value=1.0, passed=True, reason="ok")

    session = ScoringSession(tiny, [Odd()], AS_OF)
    out = session.score(Answer(question_id="fever-chemo", generator="t", text="Call your care team now."))
    assert out.facts == () and session.question_facts("fever-chemo") == {"odd_set": {1, 2}}


def test_a_batch_commits_answers_and_scores_together_or_not_at_all(tiny, store):
    import dataclasses

    from harness.run import score_answer

    first, second = tiny.question_ids()
    run_battery(tiny, make_generator("gold", tiny), store, run_id="b", as_of=AS_OF, question_ids=[first])
    answer = make_generator("gold", tiny).generate(tiny.questions[1])
    done = score_answer(answer, tiny, build_scorers(None), AS_OF)
    unbindable = dataclasses.replace(done.scores[0], value=object())  # fails inside the transaction
    with pytest.raises(Exception, match="binding|type"):
        store.put_batch("b", [answer], [dataclasses.replace(done, scores=(*done.scores[1:], unbindable))],
                        fingerprint=tiny.fingerprint)
    assert [a.question_id for a in store.answers("b")] == [first]
    assert {s.question_id for s in store.scores("b")} == {first}
    store.put_batch("b", [answer], [done], fingerprint=tiny.fingerprint)
    assert {s.question_id for s in store.scores("b")} == {first, second}


def test_worker_counts_and_executor_specs():
    from harness.errors import ConfigError
    from harness.run.executors import SMALL_RUN_ANSWERS_PER_WORKER, LocalExecutor, make_executor, planned_workers

    assert planned_workers(3, 1) == 3  # as given, even for a tiny run
    assert planned_workers(None, SMALL_RUN_ANSWERS_PER_WORKER - 1) == 1  # small runs score in-process
    assert planned_workers(None, 10**6) >= 1
    with pytest.raises(ConfigError, match="at least 1"):
        planned_workers(0, 10)
    assert isinstance(make_executor("local", 2, 10), LocalExecutor) and make_executor(None, 1, 10).inline
    with pytest.raises(ConfigError, match="needs the scheduler's address"):
        make_executor("dask:", None, 10)
    with pytest.raises(ConfigError, match="unknown executor 'ray:x'"):
        make_executor("ray:x", None, 10)


def test_cli_refuses_bad_workers_and_executor(tiny, project, capsys):
    from harness.apps.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--battery", "tiny", "--generator", "gold", "--workers", "0"])
    assert exit_info.value.code == 2 and "--workers: must be at least 1" in capsys.readouterr().err
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--executor", "ray:x", "--no-report"]) == 2
    assert "unknown executor 'ray:x'" in capsys.readouterr().err
    with RunStore(project / "reports" / "answer-audit.sqlite") as store:
        assert store.list_runs() == []  # refused before any run was opened


def test_a_worker_sees_the_runs_answer_audit_settings(tiny, monkeypatch):
    import os

    from harness.run.worker import WorkerJob, start, stop

    monkeypatch.delenv("ANSWER_AUDIT_PROBE", raising=False)
    start(WorkerJob(token="env", battery=tiny, scorers=(), as_of=AS_OF, env={"ANSWER_AUDIT_PROBE": "set"}))
    try:
        assert os.environ["ANSWER_AUDIT_PROBE"] == "set"
    finally:
        stop("env")
        monkeypatch.delenv("ANSWER_AUDIT_PROBE", raising=False)
