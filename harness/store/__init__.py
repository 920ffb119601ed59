"""The run store: one SQLite database (WAL) holding runs, battery snapshots, answers, judgements and scores.

Answers and scores are committed in small batches (``put_batch``: one transaction per batch, which
the runner flushes at least every half second), so a run killed with SIGKILL loses at most the
answers in flight and the last uncommitted batch, and re-running the same run id resumes (lost
answers are asked again; nothing is scored twice). Records are never
edited in place by reviewers: the review log lives in its own tables beside these. Every report,
gate and export is rebuilt from this store alone: a run's battery is kept as a snapshot (keyed by
its fingerprint) when the run is created. Tables and migrations: ``harness.store.schema``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.core.records import Answer, Judgement, Score
from harness.errors import StoreError
from harness.store import writes
from harness.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES, dumps

if TYPE_CHECKING:
    from harness.battery import Battery

__all__ = ["DEFAULT_STORE", "SCHEMA_VERSION", "RunRecord", "RunStore", "now_iso"]

DEFAULT_STORE = Path("reports") / "answer-audit.sqlite"


def now_iso() -> str:
    """UTC timestamp with seconds precision (what the store records)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRecord:
    """Everything needed to trace a run's numbers back to their inputs and configuration."""

    run_id: str
    battery: str
    battery_version: str
    battery_fingerprint: str
    battery_path: str
    generator: str
    scorers: tuple[Mapping[str, Any], ...]
    generator_info: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    versions: Mapping[str, Any] = field(default_factory=dict)
    git_revision: str | None = None
    git_dirty: bool | None = None
    created_at: str = ""
    finished_at: str | None = None
    status: str = "running"

    @property
    def as_of(self) -> dt.date:
        """The audit date the run's scores were computed against."""
        return dt.date.fromisoformat(self.params["as_of"])

    def judge_of(self, scorer: str) -> str | None:
        """The judge profile scorer ``scorer`` aggregated in this run (None if it uses no judge)."""
        for spec in self.scorers:
            if spec.get("name") == scorer:
                judge = spec.get("params", {}).get("judge")
                return str(judge) if judge is not None else None
        return None

    @property
    def judges(self) -> tuple[str, ...]:
        """The judge profiles the run's scorers use, in scorer order (the first is the primary one)."""
        out: list[str] = []
        for spec in self.scorers:
            judge = spec.get("params", {}).get("judge")
            if judge is not None and str(judge) not in out:
                out.append(str(judge))
        return tuple(out)


class RunStore:
    """A connection to the run store. Writes happen on the thread that opened it."""

    def __init__(self, path: str | Path = DEFAULT_STORE) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._snapshots: dict[str, Battery] = {}
        found = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        version = None
        if found:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = None if row is None else int(row[0])
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer answer-audit (schema {version} > "
                             f"{SCHEMA_VERSION}); upgrade answer-audit to read it")
        with self.transaction() as c:
            for statement in TABLES.split(";"):
                if statement.strip():
                    c.execute(statement)
            if version is None:
                c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            else:
                while version < SCHEMA_VERSION:
                    MIGRATIONS[version](c, self._snapshot_from_files)
                    version += 1
                c.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # ---------------------------------------------------------------- runs
    def create_run(self, run: RunRecord, battery: Battery | None = None) -> None:
        """Record a new run and, when given, the snapshot of the battery it is scored against."""
        with self.transaction() as c:
            if battery is not None:
                self._put_snapshot(c, battery)
            c.execute(
                "INSERT INTO runs (run_id, battery, battery_version, battery_fingerprint, battery_path, "
                "generator, generator_info, scorers, params, versions, git_revision, git_dirty, created_at, "
                "finished_at, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (run.run_id, run.battery, run.battery_version, run.battery_fingerprint, run.battery_path,
                 run.generator, dumps(run.generator_info), dumps(list(run.scorers)), dumps(run.params),
                 dumps(run.versions), run.git_revision,
                 None if run.git_dirty is None else int(run.git_dirty), run.created_at or now_iso(),
                 run.finished_at, run.status),
            )

    def get_run(self, run_id: str) -> RunRecord | None:
        row = self.conn.execute("SELECT * FROM runs WHERE run_id=?", (run_id,)).fetchone()
        return None if row is None else codec.run_from_row(row)

    def require_run(self, run_id: str) -> RunRecord:
        """The run, or a StoreError that lists the runs that do exist."""
        run = self.get_run(run_id)
        if run is None:
            from harness.errors import suggest

            known = [r.run_id for r in self.list_runs()]
            raise StoreError(f"No run {run_id!r} in {self.path}{suggest(run_id, known)} "
                             f"({len(known)} run(s) stored; `answer-audit ls runs` lists them)")
        return run

    def list_runs(self) -> list[RunRecord]:
        rows = self.conn.execute("SELECT * FROM runs ORDER BY created_at, run_id").fetchall()
        return [codec.run_from_row(r) for r in rows]

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET finished_at=?, status=? WHERE run_id=?", (now_iso(), status, run_id))

    def delete_run(self, run_id: str) -> None:
        with self.transaction() as c:
            for table in ("judgements", "scores", "answers", "runs"):
                c.execute(f"DELETE FROM {table} WHERE run_id=?", (run_id,))  # noqa: S608 - fixed names

    # ---------------------------------------------------------------- battery snapshots
    def battery(self, run: RunRecord) -> Battery | None:
        """The battery ``run`` was scored against, from its snapshot (None for a run stored without one)."""
        cached = self._snapshots.get(run.battery_fingerprint)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT payload FROM snapshots WHERE fingerprint=?",
                                (run.battery_fingerprint,)).fetchone()
        if row is None:
            return None
        from harness.battery import Battery

        battery = Battery.model_validate(json.loads(row[0]))
        self._snapshots[run.battery_fingerprint] = battery
        return battery

    def _put_snapshot(self, c: sqlite3.Connection, battery: Battery) -> None:
        c.execute("INSERT OR IGNORE INTO snapshots (fingerprint, battery, payload, created_at) VALUES (?,?,?,?)",
                  (battery.fingerprint, battery.name, dumps(battery.model_dump(mode="json")), now_iso()))

    def _snapshot_from_files(self, run_id: str, battery_path: str, fingerprint: str) -> None:
        """Migration helper: snapshot a run's battery from its files when they are unchanged."""
        from harness.battery import load_battery
        from harness.errors import BatteryError

        if self.conn.execute("SELECT 1 FROM snapshots WHERE fingerprint=?", (fingerprint,)).fetchone():
            return
        try:
            battery = load_battery(battery_path)
        except (BatteryError, OSError):
            return
        if battery.fingerprint == fingerprint:
            self._put_snapshot(self.conn, battery)

    def remember_battery(self, battery: Battery) -> None:
        """Hold ``battery`` as the snapshot of its fingerprint for this connection's readers.

        The runner has the battery in hand (loaded and fingerprinted); a report built in the same
        process then reads it from here instead of decoding the stored snapshot again. The stored
        snapshot of the same fingerprint is the same battery (a JSON round trip gives an equal one).
        """
        self._snapshots.setdefault(battery.fingerprint, battery)

    def question_facts(self, fingerprint: str) -> dict[str, dict[str, dict[str, Any]]]:
        """question id -> facts key -> the per-question facts kept for the battery ``fingerprint``."""
        return writes.read_facts(self.conn, fingerprint)

    # ---------------------------------------------------------------- answers
    def put_answer(self, run_id: str, answer: Answer) -> None:
        """Store (or replace) an answer; replacing drops that answer's old scores and judgements."""
        with self.transaction() as c:
            writes.insert_answer(c, run_id, answer)

    def put_batch(self, run_id: str, answers: Sequence[Answer] = (), scored: Sequence[Any] = (),
                  fingerprint: str | None = None) -> None:
        """Store answers, then scored answers (``ScoredAnswer``) and the per-question facts they carry, in ONE transaction.

        The runner batches its writes through here: a killed run loses at most the batch not yet
        committed (those answers are asked again on resume, never scored twice). Answers come first,
        so a batch may hold an answer and its scores together. Facts need the battery ``fingerprint``.
        """
        with self.transaction() as c:
            for answer in answers:
                writes.insert_answer(c, run_id, answer)
            for item in scored:
                writes.insert_scores(c, run_id, item.scores, item.judgements,
                                     (item.answer.question_id, item.answer.sample))
                if fingerprint is not None:
                    writes.insert_facts(c, fingerprint, getattr(item, "facts", ()))

    def answers(self, run_id: str) -> list[Answer]:
        rows = self.conn.execute(
            "SELECT * FROM answers WHERE run_id=? ORDER BY question_id, sample", (run_id,)).fetchall()
        return [codec.answer_from_row(r) for r in rows]

    def answer_keys(self, run_id: str) -> list[tuple[str, int]]:
        """(question_id, sample) of every stored answer of the run, in a stable order."""
        rows = self.conn.execute("SELECT question_id, sample FROM answers WHERE run_id=? ORDER BY question_id, sample",
                                 (run_id,))
        return [(r[0], r[1]) for r in rows]

    def answer(self, run_id: str, question_id: str, sample: int = 0) -> Answer | None:
        row = self.conn.execute("SELECT * FROM answers WHERE run_id=? AND question_id=? AND sample=?",
                                (run_id, question_id, sample)).fetchone()
        return None if row is None else codec.answer_from_row(row)

    def answer_status(self, run_id: str) -> dict[tuple[str, int], bool]:
        """(question_id, sample) -> True when that stored answer carries a generation error (texts not read)."""
        rows = self.conn.execute("SELECT question_id, sample, error IS NOT NULL FROM answers WHERE run_id=?",
                                 (run_id,))
        return {(r[0], r[1]): bool(r[2]) for r in rows}

    def answers_at(self, run_id: str, keys: Iterable[tuple[str, int]]) -> list[Answer]:
        """The stored answers at these (question_id, sample) keys, in the order given (missing ones left out)."""
        out = []
        for qid, sample in keys:
            answer = self.answer(run_id, qid, sample)
            if answer is not None:
                out.append(answer)
        return out

    def unscored_keys(self, run_id: str, scorers: Sequence[str]) -> list[tuple[str, int]]:
        """(question_id, sample) of stored answers lacking a score from any of ``scorers``, in a stable order."""
        if not scorers:
            return []
        marks = ",".join("?" * len(scorers))
        rows = self.conn.execute(
            "SELECT a.question_id, a.sample FROM answers a LEFT JOIN (SELECT question_id, sample, "
            f"COUNT(DISTINCT scorer) AS n FROM scores WHERE run_id=? AND scorer IN ({marks}) "  # noqa: S608 - placeholders
            "GROUP BY question_id, sample) s ON s.question_id=a.question_id AND s.sample=a.sample "
            "WHERE a.run_id=? AND COALESCE(s.n, 0) < ? ORDER BY a.question_id, a.sample",
            (run_id, *scorers, run_id, len(set(scorers))))
        return [(r[0], r[1]) for r in rows]

    # ---------------------------------------------------------------- scores and judgements
    def put_scored(self, run_id: str, scored: Any) -> None:
        """Store one answer's scores and its judgements (a ``harness.run.ScoredAnswer``) in one transaction."""
        self.put_scores(run_id, scored.scores, judgements=scored.judgements, key=(scored.answer.question_id,
                                                                                  scored.answer.sample))

    def put_scores(self, run_id: str, scores: Iterable[Score],
                   judgements: Mapping[str, Iterable[Judgement]] | None = None,
                   key: tuple[str, int] | None = None) -> None:
        """Store one answer's scores, and judgements by judge profile, in one transaction.

        Without ``judgements``, the verdicts a claim score carries are stored as its judge's.
        """
        scores = list(scores)
        by_judge: dict[str, list[Judgement]] = {j: list(v) for j, v in (judgements or {}).items()}
        if judgements is None:
            for s in scores:
                if s.claim_verdicts:
                    by_judge.setdefault(s.judge or "default", []).extend(s.claim_verdicts)
        if key is None and scores:
            key = (scores[0].question_id, scores[0].sample)
        with self.transaction() as c:
            writes.insert_scores(c, run_id, scores, by_judge, key)

    def scores(self, run_id: str, question_id: str | None = None, sample: int | None = None) -> list[Score]:
        """A run's scores, or one answer's when ``question_id`` and ``sample`` are given."""
        if question_id is None:
            rows = self.conn.execute(
                "SELECT * FROM scores WHERE run_id=? ORDER BY question_id, sample, scorer", (run_id,)).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT * FROM scores WHERE run_id=? AND question_id=? AND sample=? ORDER BY scorer",
                (run_id, question_id, sample or 0)).fetchall()
        return [codec.score_from_row(r) for r in rows]

    def scored_keys(self, run_id: str) -> set[tuple[str, int, str]]:
        rows = self.conn.execute("SELECT question_id, sample, scorer FROM scores WHERE run_id=?", (run_id,))
        return {(r[0], r[1], r[2]) for r in rows}

    def iter_score_cells(self, run_id: str, size: int = 100_000) -> Iterator[list[tuple[Any, ...]]]:
        """(question_id, sample, scorer, value, passed, reason) of a run's scores, ``size`` at a time, in order.

        For exports of very large runs: nothing but these columns is decoded, and only one slice is
        held at once.
        """
        cursor = self.conn.execute(
            "SELECT question_id, sample, scorer, value, passed, reason FROM scores WHERE run_id=? "
            "ORDER BY question_id, sample, scorer", (run_id,))
        while rows := cursor.fetchmany(size):
            yield [(r[0], r[1], r[2], r[3], None if r[4] is None else bool(r[4]), r[5]) for r in rows]

    def errored_keys(self, run_id: str) -> set[tuple[str, int]]:
        """(question_id, sample) of the run's answers that carry a generation error."""
        rows = self.conn.execute("SELECT question_id, sample FROM answers WHERE run_id=? AND error IS NOT NULL",
                                 (run_id,))
        return {(r[0], r[1]) for r in rows}

    def judges(self, run_id: str) -> list[str]:
        """The judge profiles that have judgements stored for the run."""
        rows = self.conn.execute("SELECT DISTINCT judge FROM judgements WHERE run_id=? ORDER BY judge", (run_id,))
        return [r[0] for r in rows]

    def claim_verdicts(self, run_id: str, judge: str | None = None) -> list[tuple[str, int, Judgement]]:
        """(question_id, sample, judgement) of one judge profile, in a stable order.

        ``judge`` None means the run's primary judge: the judge of its first claim scorer (or, for a
        run stored without scorer specs naming one, the only judge stored). A reader describing a
        particular scorer passes ``run.judge_of(scorer)``.
        """
        if judge is None:
            run = self.get_run(run_id)
            primary = run.judges if run is not None else ()
            stored = self.judges(run_id)
            judge = next((j for j in primary if j in stored), stored[0] if stored else "default")
        rows = self.conn.execute(
            "SELECT * FROM judgements WHERE run_id=? AND judge=? ORDER BY question_id, sample, claim_id",
            (run_id, judge)).fetchall()
        return [(r["question_id"], r["sample"], codec.judgement_from_row(r)) for r in rows]

    # ---------------------------------------------------------------- cache
    def cache_get(self, key: str) -> Any | None:
        row = self.conn.execute("SELECT value FROM cache WHERE key=?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def cache_put(self, key: str, value: Any) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO cache VALUES (?,?,?)", (key, dumps(value), now_iso()))


from harness.store import codec  # noqa: E402 - codec imports RunRecord from here at call time
