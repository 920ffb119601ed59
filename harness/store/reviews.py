"""The review log's tables: reviewers, their sessions and the hash-chained decisions (SQL only).

The rules (who may decide what, the hash chain, agreement) live in ``harness.results.reviews``;
this module only reads and writes rows, so the run store stays the one owner of SQL. Tables:

- ``reviewers``: name, role (reviewer | adjudicator), token hash (the token itself is shown once)
- ``review_sessions``: logged-in browser sessions (hashed ids) with their CSRF token
- ``review_log``: the hash-chained decisions
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harness.store import RunStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS reviewers (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS review_sessions (
    session_hash TEXT PRIMARY KEY,
    reviewer TEXT NOT NULL REFERENCES reviewers(name),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    value TEXT,
    automatic TEXT,
    reason TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_log_answer ON review_log (run_id, question_id, sample);
"""


def ensure(store: RunStore) -> None:
    """Create the review tables when the store has none yet."""
    store.conn.executescript(SCHEMA)


# ------------------------------------------------------------------------------- reviewers
def reviewer_row(store: RunStore, name: str, *, active_only: bool = False) -> tuple[str, str] | None:
    """(role, token hash) of a reviewer, or None."""
    sql = "SELECT role, token_hash FROM reviewers WHERE name=?" + (" AND active=1" if active_only else "")
    row = store.conn.execute(sql, (name,)).fetchone()
    return None if row is None else (row[0], row[1])


def insert_reviewer(store: RunStore, name: str, role: str, token_hash: str, created_at: str) -> None:
    with store.transaction() as c:
        c.execute("INSERT INTO reviewers VALUES (?,?,?,?,1)", (name, role, token_hash, created_at))


def replace_token(store: RunStore, name: str, token_hash: str) -> bool:
    """Set a reviewer's token hash and end their sessions; False when there is no such reviewer."""
    with store.transaction() as c:
        if c.execute("UPDATE reviewers SET token_hash=? WHERE name=?", (token_hash, name)).rowcount != 1:
            return False
        c.execute("DELETE FROM review_sessions WHERE reviewer=?", (name,))
    return True


def reviewer_rows(store: RunStore) -> list[tuple[str, str, str]]:
    rows = store.conn.execute("SELECT name, role, created_at FROM reviewers ORDER BY name").fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


# ------------------------------------------------------------------------------- sessions
def insert_session(store: RunStore, session_hash: str, reviewer: str, csrf: str, created: str,
                   expires: str) -> None:
    with store.transaction() as c:
        c.execute("INSERT INTO review_sessions VALUES (?,?,?,?,?)", (session_hash, reviewer, csrf, created, expires))


def session_row(store: RunStore, session_hash: str) -> tuple[str, str, str, str] | None:
    """(reviewer, role, csrf, expires_at) of a session of an active reviewer, or None."""
    row = store.conn.execute(
        "SELECT s.reviewer, r.role, s.csrf_token, s.expires_at FROM review_sessions s "
        "JOIN reviewers r ON r.name = s.reviewer WHERE s.session_hash=? AND r.active=1",
        (session_hash,)).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])


def delete_session(store: RunStore, session_hash: str) -> None:
    with store.transaction() as c:
        c.execute("DELETE FROM review_sessions WHERE session_hash=?", (session_hash,))


# ------------------------------------------------------------------------------- the log
def append_entry(store: RunStore, build: Callable[[int, str | None], dict[str, Any]]) -> dict[str, Any]:
    """Append one log row atomically: ``build(next_seq, previous_hash)`` makes the row to insert."""
    with store.transaction() as c:
        last = c.execute("SELECT seq, hash FROM review_log ORDER BY seq DESC LIMIT 1").fetchone()
        record = build((last[0] + 1) if last else 1, last[1] if last else None)
        c.execute(f"INSERT INTO review_log ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",  # noqa: S608
                  tuple(record.values()))
    return record


def entries(store: RunStore, run_id: str | None = None) -> list[dict[str, Any]]:
    """Every log row (of one run, when given) in log order, as plain mappings."""
    if run_id is None:
        rows = store.conn.execute("SELECT * FROM review_log ORDER BY seq").fetchall()
    else:
        rows = store.conn.execute("SELECT * FROM review_log WHERE run_id=? ORDER BY seq", (run_id,)).fetchall()
    return [{k: r[k] for k in r.keys()} for r in rows]  # noqa: SIM118 - sqlite3.Row
