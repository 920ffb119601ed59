"""The run store's tables and the migrations that bring an older store up to date.

``SCHEMA_VERSION`` 2. Do not reorder or repurpose columns without bumping it and adding a
migration here; a store written by an earlier release is migrated when it is opened, in one
transaction, and then reports the same numbers.

- ``runs``: one row per run: battery identity and fingerprint, generator spec, scorer specs,
  parameters (audit date, samples), package versions, git revision, status.
- ``snapshots``: fingerprint -> the battery a run was scored against (questions, tags, gold
  claims, registry entries) as JSON, so reports, the gate and the review app need no battery files.
- ``answers``: (run_id, question_id, sample) -> text, prompt, error, latency, attempts, usage.
- ``judgements``: (run_id, question_id, sample, judge, claim_id) -> verdict, confidence, evidence,
  reason, applies, needs_review: each claim judged once per judge profile.
- ``scores``: (run_id, question_id, sample, scorer) -> value, passed, reason, evidence details,
  typed ``spans`` and ``flags``, and the ``judge`` whose judgements a claim scorer aggregated.
- ``question_facts``: (battery fingerprint, question_id, facts key) -> what a scorer computes once
  per question (e.g. the gold answer's own readability), kept beside the snapshot and reused by
  every later run on the same battery; the key digests the scorer's name, version and parameters.
  (An added table needs no migration: it is created when an older store is opened.)
- ``cache``: generator response cache (key -> JSON), used by live generators.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 2

TABLES = """
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
CREATE TABLE IF NOT EXISTS snapshots (
    fingerprint TEXT PRIMARY KEY,
    battery TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
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
    spans TEXT NOT NULL DEFAULT '[]',
    flags TEXT NOT NULL DEFAULT '[]',
    judge TEXT,
    PRIMARY KEY (run_id, question_id, sample, scorer)
);
CREATE TABLE IF NOT EXISTS judgements (
    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    judge TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    claim_kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    verdict TEXT NOT NULL,
    confidence REAL,
    evidence TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    applies INTEGER NOT NULL DEFAULT 1,
    needs_review INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, question_id, sample, judge, claim_id)
);
CREATE TABLE IF NOT EXISTS question_facts (
    fingerprint TEXT NOT NULL,
    question_id TEXT NOT NULL,
    facts_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (fingerprint, question_id, facts_key)
);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""

CLAIM_SCORERS = ("claim_problems", "claim_recall")
"""Built-in scorers that aggregate judgements; in version 1 the last one stored wrote the claims table."""


def dumps(value: object) -> str:
    """The store's one JSON form: sorted keys, UTF-8 kept, anything unknown as its str()."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _v1_to_v2(conn: sqlite3.Connection, snapshot: Callable[[str, str, str], None]) -> None:
    """Version 1 -> 2: judgements keyed by judge, typed spans/flags on scores, battery snapshots.

    Version 1 kept one verdict per (answer, claim): the claim scorer stored last (claim_problems,
    which judges every claim) overwrote claim_recall's. Those rows become the judgements of that
    scorer's judge profile. Typed evidence is lifted out of each score's evidence JSON exactly as
    ``harness.score.base.scored`` lifts it for new scores. Each run's battery is snapshotted when
    its files still exist unchanged (``snapshot``); otherwise readers fall back to the files.
    """
    cols = {r[1] for r in conn.execute("PRAGMA table_info(scores)")}
    for name, ddl in (("spans", "TEXT NOT NULL DEFAULT '[]'"), ("flags", "TEXT NOT NULL DEFAULT '[]'"),
                      ("judge", "TEXT")):
        if name not in cols:
            conn.execute(f"ALTER TABLE scores ADD COLUMN {name} {ddl}")  # noqa: S608 - fixed names
    judge_of: dict[str, str] = {}
    for run_id, scorers_json, battery_path, fingerprint in conn.execute(
            "SELECT run_id, scorers, battery_path, battery_fingerprint FROM runs").fetchall():
        specs = {s["name"]: s.get("params", {}) for s in json.loads(scorers_json)}
        for name in CLAIM_SCORERS:
            if name in specs:
                judge_of[run_id] = str(specs[name].get("judge", "default"))
                break
        snapshot(run_id, battery_path, fingerprint)
    has_claims = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='claims'").fetchone()
    if has_claims:
        for row in conn.execute("SELECT * FROM claims").fetchall():
            conn.execute(
                "INSERT OR REPLACE INTO judgements (run_id, question_id, sample, judge, claim_id, claim_kind, "
                "severity, verdict, confidence, evidence, reason, applies, needs_review) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0)",
                (row["run_id"], row["question_id"], row["sample"], judge_of.get(row["run_id"], "default"),
                 row["claim_id"], row["claim_kind"], row["severity"], row["verdict"], row["confidence"],
                 row["evidence"], row["reason"], row["applies"]))
        conn.execute("DROP TABLE claims")
    from harness.core.records import lift_typed_evidence

    for row in conn.execute("SELECT run_id, question_id, sample, scorer, evidence FROM scores").fetchall():
        details = json.loads(row["evidence"])
        typed_spans, typed_flags = lift_typed_evidence(details)
        spans, flags = [s.to_json() for s in typed_spans], [f.to_json() for f in typed_flags]
        judge = judge_of.get(row["run_id"], "default") if row["scorer"] in CLAIM_SCORERS else None
        conn.execute("UPDATE scores SET evidence=?, spans=?, flags=?, judge=? "
                     "WHERE run_id=? AND question_id=? AND sample=? AND scorer=?",
                     (dumps(details), dumps(spans), dumps(flags), judge,
                      row["run_id"], row["question_id"], row["sample"], row["scorer"]))


MIGRATIONS: dict[int, Callable[[sqlite3.Connection, Callable[[str, str, str], None]], None]] = {1: _v1_to_v2}
"""from-version -> the step that brings a store to from-version + 1."""
