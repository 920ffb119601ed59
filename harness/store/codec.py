"""Rows to records and back: how the run store's columns map onto the records of ``harness.core.records``."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from harness.core.records import Answer, Flag, Judgement, Score, Span

if TYPE_CHECKING:
    from harness.store import RunRecord


def run_from_row(row: sqlite3.Row) -> RunRecord:
    from harness.store import RunRecord

    return RunRecord(
        run_id=row["run_id"], battery=row["battery"], battery_version=row["battery_version"],
        battery_fingerprint=row["battery_fingerprint"], battery_path=row["battery_path"],
        generator=row["generator"], generator_info=json.loads(row["generator_info"]),
        scorers=tuple(json.loads(row["scorers"])), params=json.loads(row["params"]),
        versions=json.loads(row["versions"]), git_revision=row["git_revision"],
        git_dirty=None if row["git_dirty"] is None else bool(row["git_dirty"]),
        created_at=row["created_at"], finished_at=row["finished_at"], status=row["status"],
    )


def answer_from_row(row: sqlite3.Row) -> Answer:
    return Answer(question_id=row["question_id"], sample=row["sample"], generator=row["generator"],
                  text=row["text"], prompt=row["prompt"], error=row["error"], latency_s=row["latency_s"],
                  attempts=row["attempts"], usage=json.loads(row["usage"]), meta=json.loads(row["meta"]))


def score_from_row(row: sqlite3.Row) -> Score:
    return Score(scorer=row["scorer"], question_id=row["question_id"], sample=row["sample"], value=row["value"],
                 passed=None if row["passed"] is None else bool(row["passed"]), reason=row["reason"],
                 evidence=json.loads(row["evidence"]),
                 spans=tuple(s for s in (Span.maybe(x) for x in json.loads(row["spans"])) if s is not None),
                 flags=tuple(Flag.from_json(f) for f in json.loads(row["flags"])), judge=row["judge"])


def judgement_from_row(row: sqlite3.Row) -> Judgement:
    return Judgement.from_json({
        "claim_id": row["claim_id"], "claim_kind": row["claim_kind"], "severity": row["severity"],
        "verdict": row["verdict"], "confidence": row["confidence"], "evidence": json.loads(row["evidence"]),
        "reason": row["reason"], "applies": bool(row["applies"]), "needs_review": bool(row["needs_review"])})
