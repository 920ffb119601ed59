"""The run store's row writers, shared by single writes and batched transactions.

Each function writes inside a transaction the caller holds (``RunStore.transaction()``), so one
answer, or a batch of answers and scores, commits together or not at all. The per-question facts
table keeps what scorers compute once per question of a battery (``harness.score.session``) beside
the battery's snapshot, keyed by its fingerprint, so a later run on the same battery reuses them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from harness.core.records import Answer, Judgement, Score
from harness.store.schema import dumps


def _now() -> str:
    from harness.store import now_iso

    return now_iso()


def insert_answer(c: sqlite3.Connection, run_id: str, answer: Answer) -> None:
    """Store (or replace) an answer; replacing drops that answer's old scores and judgements."""
    key = (run_id, answer.question_id, answer.sample)
    c.execute("DELETE FROM scores WHERE run_id=? AND question_id=? AND sample=?", key)
    c.execute("DELETE FROM judgements WHERE run_id=? AND question_id=? AND sample=?", key)
    c.execute(
        "INSERT OR REPLACE INTO answers (run_id, question_id, sample, generator, text, prompt, error, "
        "latency_s, attempts, usage, meta, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*key, answer.generator, answer.text, answer.prompt, answer.error, answer.latency_s,
         answer.attempts, dumps(answer.usage), dumps(answer.meta), _now()),
    )


def insert_scores(c: sqlite3.Connection, run_id: str, scores: Iterable[Score],
                  by_judge: Mapping[str, Iterable[Judgement]], key: tuple[str, int] | None) -> None:
    """One answer's scores, and its judgements by judge profile (``key`` = (question_id, sample))."""
    created = _now()
    c.executemany(
        "INSERT OR REPLACE INTO scores (run_id, question_id, sample, scorer, value, passed, reason, "
        "evidence, created_at, spans, flags, judge) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(run_id, s.question_id, s.sample, s.scorer, s.value, None if s.passed is None else int(s.passed),
          s.reason, dumps(s.evidence), created, dumps([x.to_json() for x in s.spans]),
          dumps([f.to_json() for f in s.flags]), s.judge) for s in scores])
    rows = []
    for judge, verdicts in by_judge.items():
        assert key is not None
        for v in verdicts:
            rows.append((run_id, key[0], key[1], judge, v.claim_id, v.claim_kind, v.severity, v.verdict,
                         v.confidence, dumps([e.to_json() for e in v.evidence]), v.reason, int(v.applies),
                         int(v.needs_review)))
    c.executemany(
        "INSERT OR REPLACE INTO judgements (run_id, question_id, sample, judge, claim_id, claim_kind, severity, "
        "verdict, confidence, evidence, reason, applies, needs_review) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def insert_facts(c: sqlite3.Connection, fingerprint: str,
                 facts: Iterable[tuple[str, str, Mapping[str, Any]]]) -> None:
    """Keep per-question facts (question_id, facts key, facts) of the battery ``fingerprint``; first write wins."""
    c.executemany("INSERT OR IGNORE INTO question_facts (fingerprint, question_id, facts_key, payload) "
                  "VALUES (?,?,?,?)", [(fingerprint, qid, key, dumps(value)) for qid, key, value in facts])


def read_facts(c: sqlite3.Connection, fingerprint: str) -> dict[str, dict[str, dict[str, Any]]]:
    """question id -> facts key -> facts kept for the battery ``fingerprint``."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for qid, key, payload in c.execute(
            "SELECT question_id, facts_key, payload FROM question_facts WHERE fingerprint=?", (fingerprint,)):
        out.setdefault(qid, {})[key] = json.loads(payload)
    return out
