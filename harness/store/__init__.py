"""The run store: one SQLite database (WAL) holding runs, answers, scores and claim verdicts.

Every answer and every score is committed the moment it exists, so a run killed with SIGKILL
loses at most the answers in flight, and re-running the same run id resumes. Records are never
edited in place by reviewers: other modules (the review app) add their own tables beside these.
Every report is rebuilt from this store alone.

Tables (``SCHEMA_VERSION`` 1; do not reorder or repurpose columns without bumping it):

- ``runs``: one row per run: battery identity and fingerprint, generator spec, scorer specs,
  parameters (audit date, samples), package versions, git revision, status.
- ``answers``: (run_id, question_id, sample) -> text, prompt, error, latency, attempts, usage.
- ``scores``: (run_id, question_id, sample, scorer) -> value, passed, reason, evidence.
- ``claims``: (run_id, question_id, sample, claim_id) -> verdict, confidence, evidence, reason.
- ``cache``: generator response cache (key -> JSON), used by live generators.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.core.records import Answer, ClaimVerdict, Score
from harness.errors import StoreError

SCHEMA_VERSION = 1
DEFAULT_STORE = Path("reports") / "answer-audit.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    battery TEXT NOT NULL,
    battery_version TEXT NOT NULL,
    battery_fingerprint TEXT NOT NULL,
    battery_path TEXT NOT NULL,
    generator TEXT NOT NULL,
    generator_info TEXT NOT NULL DEFAULT '{}',
    scorers TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    versions TEXT NOT NULL DEFAULT '{}',
    git_revision TEXT,
    git_dirty INTEGER,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS answers (
    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    generator TEXT NOT NULL,
    text TEXT,
    prompt TEXT,
    error TEXT,
    latency_s REAL,
    attempts INTEGER NOT NULL DEFAULT 1,
    usage TEXT NOT NULL DEFAULT '{}',
    meta TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, question_id, sample)
);
CREATE TABLE IF NOT EXISTS scores (
    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    scorer TEXT NOT NULL,
    value REAL,
    passed INTEGER,
    reason TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, question_id, sample, scorer)
);
CREATE TABLE IF NOT EXISTS claims (
    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    claim_id TEXT NOT NULL,
    claim_kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    verdict TEXT NOT NULL,
    confidence REAL,
    evidence TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    applies INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (run_id, question_id, sample, claim_id)
);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


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
        self.conn.executescript(_SCHEMA)
        found = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if found is None:
            self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(found[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer answer-audit (schema {found[0]} > "
                             f"{SCHEMA_VERSION}); upgrade answer-audit to read it")

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
    def create_run(self, run: RunRecord) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO runs (run_id, battery, battery_version, battery_fingerprint, battery_path, "
                "generator, generator_info, scorers, params, versions, git_revision, git_dirty, created_at, "
                "finished_at, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (run.run_id, run.battery, run.battery_version, run.battery_fingerprint, run.battery_path,
                 run.generator, _dumps(run.generator_info), _dumps(list(run.scorers)), _dumps(run.params),
                 _dumps(run.versions), run.git_revision,
                 None if run.git_dirty is None else int(run.git_dirty), run.created_at or now_iso(),
                 run.finished_at, run.status),
            )

    def get_run(self, run_id: str) -> RunRecord | None:
        row = self.conn.execute("SELECT * FROM runs WHERE run_id=?", (run_id,)).fetchone()
        return None if row is None else _run_from_row(row)

    def require_run(self, run_id: str) -> RunRecord:
        """The run, or a StoreError that lists the runs that do exist."""
        run = self.get_run(run_id)
        if run is None:
            from harness.errors import did_you_mean

            known = [r.run_id for r in self.list_runs()]
            hint = did_you_mean(run_id, known)
            extra = f" Did you mean: {', '.join(hint)}?" if hint else ""
            raise StoreError(f"No run {run_id!r} in {self.path}.{extra} "
                             f"({len(known)} run(s) stored; `answer-audit ls runs` lists them)")
        return run

    def list_runs(self) -> list[RunRecord]:
        rows = self.conn.execute("SELECT * FROM runs ORDER BY created_at, run_id").fetchall()
        return [_run_from_row(r) for r in rows]

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET finished_at=?, status=? WHERE run_id=?", (now_iso(), status, run_id))

    def delete_run(self, run_id: str) -> None:
        with self.transaction() as c:
            for table in ("claims", "scores", "answers", "runs"):
                c.execute(f"DELETE FROM {table} WHERE run_id=?", (run_id,))  # noqa: S608 - fixed names

    # ---------------------------------------------------------------- answers
    def put_answer(self, run_id: str, answer: Answer) -> None:
        """Store (or replace) an answer; replacing drops that answer's old scores and verdicts."""
        key = (run_id, answer.question_id, answer.sample)
        with self.transaction() as c:
            c.execute("DELETE FROM scores WHERE run_id=? AND question_id=? AND sample=?", key)
            c.execute("DELETE FROM claims WHERE run_id=? AND question_id=? AND sample=?", key)
            c.execute(
                "INSERT OR REPLACE INTO answers (run_id, question_id, sample, generator, text, prompt, error, "
                "latency_s, attempts, usage, meta, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*key, answer.generator, answer.text, answer.prompt, answer.error, answer.latency_s,
                 answer.attempts, _dumps(answer.usage), _dumps(answer.meta), now_iso()),
            )

    def answers(self, run_id: str) -> list[Answer]:
        rows = self.conn.execute(
            "SELECT * FROM answers WHERE run_id=? ORDER BY question_id, sample", (run_id,)).fetchall()
        return [_answer_from_row(r) for r in rows]

    def answer(self, run_id: str, question_id: str, sample: int = 0) -> Answer | None:
        row = self.conn.execute("SELECT * FROM answers WHERE run_id=? AND question_id=? AND sample=?",
                                (run_id, question_id, sample)).fetchone()
        return None if row is None else _answer_from_row(row)

    # ---------------------------------------------------------------- scores
    def put_scores(self, run_id: str, scores: Iterable[Score]) -> None:
        """Store one answer's scores and their claim verdicts in one transaction."""
        with self.transaction() as c:
            for s in scores:
                c.execute(
                    "INSERT OR REPLACE INTO scores (run_id, question_id, sample, scorer, value, passed, reason, "
                    "evidence, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (run_id, s.question_id, s.sample, s.scorer, s.value,
                     None if s.passed is None else int(s.passed), s.reason, _dumps(s.evidence), now_iso()),
                )
                for v in s.claim_verdicts:
                    c.execute(
                        "INSERT OR REPLACE INTO claims (run_id, question_id, sample, claim_id, claim_kind, "
                        "severity, verdict, confidence, evidence, reason, applies) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (run_id, s.question_id, s.sample, v.claim_id, v.claim_kind, v.severity, v.verdict,
                         v.confidence, _dumps([e.to_json() for e in v.evidence]), v.reason, int(v.applies)),
                    )

    def scores(self, run_id: str, question_id: str | None = None, sample: int | None = None) -> list[Score]:
        """A run's scores, or one answer's when ``question_id`` and ``sample`` are given."""
        if question_id is None:
            rows = self.conn.execute(
                "SELECT * FROM scores WHERE run_id=? ORDER BY question_id, sample, scorer", (run_id,)).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT * FROM scores WHERE run_id=? AND question_id=? AND sample=? ORDER BY scorer",
                (run_id, question_id, sample or 0)).fetchall()
        return [Score(scorer=r["scorer"], question_id=r["question_id"], sample=r["sample"], value=r["value"],
                      passed=None if r["passed"] is None else bool(r["passed"]), reason=r["reason"],
                      evidence=json.loads(r["evidence"])) for r in rows]

    def scored_keys(self, run_id: str) -> set[tuple[str, int, str]]:
        rows = self.conn.execute("SELECT question_id, sample, scorer FROM scores WHERE run_id=?", (run_id,))
        return {(r[0], r[1], r[2]) for r in rows}

    def claim_verdicts(self, run_id: str) -> list[tuple[str, int, ClaimVerdict]]:
        """(question_id, sample, verdict) for every stored claim verdict, in a stable order."""
        rows = self.conn.execute(
            "SELECT * FROM claims WHERE run_id=? ORDER BY question_id, sample, claim_id", (run_id,)).fetchall()
        return [(r["question_id"], r["sample"], ClaimVerdict.from_json({
            "claim_id": r["claim_id"], "claim_kind": r["claim_kind"], "severity": r["severity"],
            "verdict": r["verdict"], "confidence": r["confidence"], "evidence": json.loads(r["evidence"]),
            "reason": r["reason"], "applies": bool(r["applies"])})) for r in rows]

    # ---------------------------------------------------------------- cache
    def cache_get(self, key: str) -> Any | None:
        row = self.conn.execute("SELECT value FROM cache WHERE key=?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def cache_put(self, key: str, value: Any) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO cache VALUES (?,?,?)", (key, _dumps(value), now_iso()))


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _run_from_row(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        run_id=row["run_id"], battery=row["battery"], battery_version=row["battery_version"],
        battery_fingerprint=row["battery_fingerprint"], battery_path=row["battery_path"],
        generator=row["generator"], generator_info=json.loads(row["generator_info"]),
        scorers=tuple(json.loads(row["scorers"])), params=json.loads(row["params"]),
        versions=json.loads(row["versions"]), git_revision=row["git_revision"],
        git_dirty=None if row["git_dirty"] is None else bool(row["git_dirty"]),
        created_at=row["created_at"], finished_at=row["finished_at"], status=row["status"],
    )


def _answer_from_row(row: sqlite3.Row) -> Answer:
    return Answer(question_id=row["question_id"], sample=row["sample"], generator=row["generator"],
                  text=row["text"], prompt=row["prompt"], error=row["error"], latency_s=row["latency_s"],
                  attempts=row["attempts"], usage=json.loads(row["usage"]), meta=json.loads(row["meta"]))
