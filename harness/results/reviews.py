"""Reviewer decisions kept beside the automatic record, in a tamper-evident, append-only log.

Medical reviewers agree with or override each claim verdict and each scorer result (with a
required reason), comment, and sign off whole answers. Decisions never change the automatic
record: they are appended to ``review_log``, each row carrying the SHA-256 of its content and of
the previous row, so ``verify_chain()`` proves the log intact or names the first edited row.
The tables and their SQL live in ``harness.store.reviews``.

This module is core (reports and the gate read reviewed values through it); the web app in
``harness.apps.review`` writes through it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from harness.errors import ConfigError, StoreError
from harness.store import RunStore, now_iso
from harness.store import reviews as tables

Role = Literal["reviewer", "adjudicator"]
TargetType = Literal["claim", "score", "statement", "answer"]
TARGET_TYPES: tuple[str, ...] = ("claim", "score", "statement", "answer")
"""What a decision is about: a claim verdict, a scorer result, one of a scorer's reviewed items (the
``statement`` statuses of ``unsupported_statements``), or the answer as a whole (comments, sign-off)."""
Decision = Literal["agree", "override", "comment", "signoff"]
ROLES: tuple[str, ...] = ("reviewer", "adjudicator")
GENESIS = "0" * 64
SESSION_HOURS = 12


_HASHED_FIELDS = ("seq", "run_id", "question_id", "sample", "target_type", "target_id", "decision", "value",
                  "automatic", "reason", "reviewer", "role", "created_at", "prev_hash")


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """One appended decision: who decided what about which automatic result, when and why."""

    seq: int
    run_id: str
    question_id: str
    sample: int
    target_type: str
    target_id: str
    decision: str
    value: str | None
    """The reviewer's value for an override (a verdict, or 'pass'/'fail'); None otherwise."""
    automatic: str | None
    """The automatic value the reviewer saw (so agreement can be computed later)."""
    reason: str
    reviewer: str
    role: str
    created_at: str
    prev_hash: str
    hash: str

    @property
    def effective_value(self) -> str | None:
        """What this reviewer says the right value is: the override, or the automatic one agreed to."""
        if self.decision == "override":
            return self.value
        if self.decision == "agree":
            return self.automatic
        return None


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad: int | None
    message: str


def ensure_schema(store: RunStore) -> None:
    tables.ensure(store)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# ------------------------------------------------------------------------------- reviewers
def add_reviewer(store: RunStore, name: str, role: str = "reviewer") -> str:
    """Create a reviewer and return their login token (only its hash is stored)."""
    ensure_schema(store)
    name = name.strip()
    if not name or len(name) > 80 or not all(ch.isalnum() or ch in " ._-@" for ch in name):
        raise ConfigError(f"Reviewer name {name!r} must be 1-80 letters, digits, spaces or . _ - @")
    if role not in ROLES:
        raise ConfigError(f"Role must be one of {', '.join(ROLES)}; got {role!r}")
    if tables.reviewer_row(store, name) is not None:
        raise ConfigError(f"Reviewer {name!r} already exists (use `answer-audit reviewers token {name}` "
                          "to issue a new token)")
    token = secrets.token_urlsafe(24)
    tables.insert_reviewer(store, name, role, hash_token(token), now_iso())
    return token


def reissue_token(store: RunStore, name: str) -> str:
    ensure_schema(store)
    token = secrets.token_urlsafe(24)
    if not tables.replace_token(store, name, hash_token(token)):
        raise ConfigError(f"No reviewer {name!r}")
    return token


def list_reviewers(store: RunStore) -> list[tuple[str, str, str]]:
    ensure_schema(store)
    return tables.reviewer_rows(store)


def authenticate(store: RunStore, name: str, token: str) -> str | None:
    """The reviewer's role when name and token match, else None (constant-time comparison)."""
    ensure_schema(store)
    row = tables.reviewer_row(store, name, active_only=True)
    if row is None:
        secrets.compare_digest(hash_token(token), GENESIS)  # same work whether or not the name exists
        return None
    return row[0] if secrets.compare_digest(hash_token(token), row[1]) else None


def open_session(store: RunStore, reviewer: str) -> tuple[str, str]:
    """(session id for the cookie, CSRF token for forms); only the session id's hash is stored."""
    session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    tables.insert_session(store, hash_token(session), reviewer, csrf, now.isoformat(),
                          (now + dt.timedelta(hours=SESSION_HOURS)).isoformat())
    return session, csrf


def session_reviewer(store: RunStore, session: str | None) -> tuple[str, str, str] | None:
    """(name, role, csrf) for a live session id, else None."""
    if not session:
        return None
    row = tables.session_row(store, hash_token(session))
    if row is None or dt.datetime.fromisoformat(row[3]) < dt.datetime.now(dt.UTC):
        return None
    return row[0], row[1], row[2]


def close_session(store: RunStore, session: str | None) -> None:
    if session:
        tables.delete_session(store, hash_token(session))


# ------------------------------------------------------------------------------- the log
def append_review(store: RunStore, *, run_id: str, question_id: str, sample: int, target_type: str,
                  target_id: str, decision: str, reviewer: str, role: str, value: str | None = None,
                  automatic: str | None = None, reason: str = "") -> Review:
    """Append one decision to the hash chain (overrides need a reason; the automatic record is untouched)."""
    ensure_schema(store)
    reason = reason.strip()
    if decision not in ("agree", "override", "comment", "signoff"):
        raise ConfigError(f"Unknown decision {decision!r}")
    if target_type not in TARGET_TYPES:
        raise ConfigError(f"Unknown review target {target_type!r}")
    if decision == "override" and not reason:
        raise ConfigError("An override needs a reason")
    if decision == "override" and not value:
        raise ConfigError("An override needs the reviewer's value")
    if decision == "comment" and not reason:
        raise ConfigError("A comment needs text")
    def build(seq: int, prev_hash: str | None) -> dict[str, Any]:
        record: dict[str, Any] = {
            "seq": seq, "run_id": run_id, "question_id": question_id, "sample": sample,
            "target_type": target_type, "target_id": target_id, "decision": decision, "value": value,
            "automatic": automatic, "reason": reason, "reviewer": reviewer, "role": role,
            "created_at": now_iso(), "prev_hash": prev_hash or GENESIS,
        }
        record["hash"] = _row_hash(record)
        return record

    return Review(**tables.append_entry(store, build))


def _row_hash(record: Mapping[str, Any]) -> str:
    canonical = json.dumps({k: record[k] for k in _HASHED_FIELDS}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def reviews(store: RunStore, run_id: str | None = None) -> list[Review]:
    ensure_schema(store)
    return [Review(**row) for row in tables.entries(store, run_id)]


def verify_chain(store: RunStore) -> ChainReport:
    """Recompute every row's hash and link; name the first row that was edited, inserted or deleted."""
    entries = reviews(store)
    prev, expected_seq = GENESIS, 1
    for r in entries:
        record = {k: getattr(r, k) for k in _HASHED_FIELDS}
        if r.seq != expected_seq:
            return ChainReport(False, len(entries), r.seq,
                               f"entry {r.seq}: expected entry {expected_seq} here; entries were deleted or renumbered")
        if r.prev_hash != prev:
            return ChainReport(False, len(entries), r.seq,
                               f"entry {r.seq}: its link to entry {r.seq - 1} is broken (an earlier entry was "
                               "edited, deleted or inserted)")
        if _row_hash(record) != r.hash:
            return ChainReport(False, len(entries), r.seq,
                               f"entry {r.seq}: content does not match its hash (edited after it was written: "
                               f"{r.reviewer}, {r.decision} on {r.target_type} {r.target_id!r} of "
                               f"{r.run_id}/{r.question_id})")
        prev, expected_seq = r.hash, expected_seq + 1
    return ChainReport(True, len(entries), None, f"audit trail intact: {len(entries)} entries, chain verified")


# ------------------------------------------------------------------------------- reading decisions
@dataclass(frozen=True, slots=True)
class TargetStatus:
    """Where one automatic result stands after review."""

    automatic: str | None
    by_reviewer: Mapping[str, str]
    """Each (non-adjudicator) reviewer's latest effective value."""
    adjudicated: str | None
    final: str | None
    """Adjudicated value, else the reviewers' shared value, else the automatic value."""
    state: Literal["unreviewed", "single", "agreed", "disagreed", "adjudicated"]


def target_statuses(items: Iterable[Review]) -> dict[tuple[str, str, int, str, str], TargetStatus]:
    """Latest decision per reviewer and target, folded into a status per (run, question, sample, type, id)."""
    latest: dict[tuple[str, str, int, str, str], dict[str, Review]] = defaultdict(dict)
    adjudications: dict[tuple[str, str, int, str, str], Review] = {}
    for r in items:
        if r.decision not in ("agree", "override") or r.target_type == "answer":
            continue
        key = (r.run_id, r.question_id, r.sample, r.target_type, r.target_id)
        if r.role == "adjudicator":
            adjudications[key] = r
        else:
            latest[key][r.reviewer] = r
    out = {}
    for key in set(latest) | set(adjudications):
        per = {name: rev.effective_value for name, rev in latest.get(key, {}).items() if rev.effective_value}
        automatic = next((rev.automatic for rev in latest.get(key, {}).values()), None)
        adj = adjudications.get(key)
        if adj is not None:
            automatic = automatic or adj.automatic
            out[key] = TargetStatus(automatic, per, adj.effective_value, adj.effective_value, "adjudicated")
            continue
        values = set(per.values())
        if len(per) >= 2 and len(values) > 1:
            out[key] = TargetStatus(automatic, per, None, automatic, "disagreed")
        elif len(per) >= 2:
            out[key] = TargetStatus(automatic, per, None, values.pop(), "agreed")
        else:
            out[key] = TargetStatus(automatic, per, None, next(iter(values), automatic), "single")
    return out


def reviewed_values(store: RunStore, run_id: str) -> dict[tuple[str, int, str, str], str]:
    """(question_id, sample, target_type, target_id) -> the reviewed value, for `--use-reviews`.

    Claims map to a verdict; scores to 'pass' or 'fail'; statements to their status ('backed',
    'unsupported', 'not_specific'). Only targets whose review settled a value
    (adjudicated, agreed by two reviewers, or decided by a single reviewer) appear.
    """
    out = {}
    for key, status in target_statuses(reviews(store, run_id)).items():
        if status.state != "disagreed" and status.final is not None:
            out[(key[1], key[2], key[3], key[4])] = status.final
    return out


def signoffs(store: RunStore, run_id: str) -> dict[tuple[str, int], list[str]]:
    out: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in reviews(store, run_id):
        if r.decision == "signoff" and r.reviewer not in out[(r.question_id, r.sample)]:
            out[(r.question_id, r.sample)].append(r.reviewer)
    return dict(out)


def require_reviewer(store: RunStore, name: str) -> str:
    ensure_schema(store)
    row = tables.reviewer_row(store, name)
    if row is None:
        raise StoreError(f"No reviewer {name!r}; add one with `answer-audit reviewers add {name}`")
    return str(row[0])


# ------------------------------------------------------------------------------- agreement
@dataclass(frozen=True, slots=True)
class AgreementRow:
    """Agreement on one kind of target (claims, or one scorer's pass/fail)."""

    target: str
    comparison: Literal["judge_vs_reviewer", "reviewer_vs_reviewer"]
    n: int
    agreement: float
    kappa: float
    macro_f1: float


def target_group(target_type: str, target_id: str) -> str:
    """The agreement group of a target: all claims together, all statements together, each scorer on its own."""
    if target_type == "claim":
        return "claims"
    if target_type == "statement":
        return "statements"
    return f"score:{target_id}"


def agreement(items: Iterable[Review]) -> list[AgreementRow]:
    """Cohen's kappa, raw agreement and macro-F1: automatic vs each reviewer, and reviewer vs reviewer.

    Reviewer-vs-reviewer pairs the first two reviewers (by name) of each target. Groups with fewer than two
    labelled pairs are left out rather than reported as a number they cannot support.
    """
    from sklearn.metrics import cohen_kappa_score, f1_score

    judge: dict[str, list[tuple[str, str]]] = defaultdict(list)
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, status in target_statuses(items).items():
        per = status.by_reviewer
        if not per:
            continue
        group = target_group(key[3], key[4])
        for value in per.values():
            judge[group].append((status.automatic or "", value))
        names = sorted(per)
        if len(names) >= 2:
            pairs[group].append((per[names[0]], per[names[1]]))
    out = []
    tables: tuple[tuple[Literal["judge_vs_reviewer", "reviewer_vs_reviewer"], dict[str, list[tuple[str, str]]]], ...]
    tables = (("judge_vs_reviewer", judge), ("reviewer_vs_reviewer", pairs))
    for comparison, table in tables:
        for group, rows in sorted(table.items()):
            if len(rows) < 2:
                continue
            a, b = [x for x, _ in rows], [y for _, y in rows]
            same = sum(x == y for x, y in rows) / len(rows)
            kappa = 1.0 if len(set(a) | set(b)) == 1 else float(cohen_kappa_score(a, b))
            f1 = float(f1_score(b, a, average="macro", zero_division=0))
            out.append(AgreementRow(group, comparison, len(rows), round(same, 4), round(kappa, 4), round(f1, 4)))
    return out


def labelled_pairs(store: RunStore, run_id: str) -> list[dict[str, Any]]:
    """Reviewed claim verdicts as labelled (answer, claim) pairs for `answer-audit calibrate`."""
    from harness.errors import StoreError
    from harness.results.table import load_run_battery

    run = store.require_run(run_id)
    battery, note = load_run_battery(store, run)
    if battery is None:
        raise StoreError(f"cannot pair run {run_id!r}'s reviews with claim texts: {note}")
    answers = {(a.question_id, a.sample): a for a in store.answers(run_id)}
    rows = []
    for (qid, sample, target_type, target_id), value in sorted(reviewed_values(store, run_id).items()):
        if target_type != "claim" or qid not in battery.gold:
            continue
        claim = next((c for c in battery.gold[qid].claims if c.id == target_id), None)
        answer = answers.get((qid, sample))
        if claim is None or answer is None or answer.text is None:
            continue
        rows.append({"run_id": run_id, "question_id": qid, "sample": sample, "claim_id": claim.id,
                     "claim_kind": claim.kind, "answer": answer.text, "claim": claim.text, "label": value})
    return rows


# ------------------------------------------------------------------------------- reviewed results


def review_overlay(store: RunStore, frame: Any) -> Any:
    """The reviewed results table (``harness.results.overlay.review_overlay``; kept here for callers)."""
    from harness.results.overlay import review_overlay as overlay

    return overlay(store, frame)
