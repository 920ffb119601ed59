"""The reviewed report: every number and verdict the reviewers settled, each marked with who, when and the automatic value.

``answer-audit report RUN --use-reviews`` writes the automatic report to ``reports/<run>/`` as
always and the reviewed one beside it in ``reports/<run>/reviewed/``: ``report.html`` and
``summary.md`` (numbers from the review overlay, drill-down verdicts replaced and marked),
``scores.csv`` and ``claims.csv`` (reviewed values, with the automatic value and the reviewers in
appended columns) and ``answers.jsonl``. Targets whose reviewers disagree and no adjudicator has
settled keep the automatic value, as the overlay does.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from harness.report.run_files import (
    CLAIMS_COLUMNS,
    SCORES_COLUMNS,
    fmt_bool,
    fmt_value,
    judges_in_order,
    write_answers,
)
from harness.store import RunStore

REVIEWED_DIR = "reviewed"
REVIEW_COLUMNS = ("auto_value", "auto_passed", "reviewed_by", "reviewed_at")
"""Appended to scores.csv in the reviewed folder."""
CLAIM_REVIEW_COLUMNS = ("auto_verdict", "reviewed_by", "reviewed_at")
"""Appended to claims.csv in the reviewed folder."""

MarkKey = tuple[str, str, int, str, str]
"""(run_id, question_id, sample, target_type, target_id)."""


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """A settled review of one automatic result."""

    value: str
    """The reviewed value: a verdict, or 'pass' / 'fail'."""
    automatic: str | None
    who: tuple[str, ...]
    """Reviewers (and adjudicator) whose decisions settled it."""
    when: str
    """Time of the latest of those decisions (UTC)."""
    state: str

    def label(self) -> str:
        """E.g. ``reviewed: alice, bob (agreed) 2026-12-04T10:00:00+00:00; automatic: missing``."""
        return (f"reviewed by {', '.join(self.who)} ({self.state}) at {self.when}; "
                f"automatic: {self.automatic or '—'}")


def review_marks(store: RunStore, run_ids: list[str]) -> dict[MarkKey, ReviewMark]:
    """Every settled target of the runs with who settled it and when."""
    from harness.results import reviews as rv

    items = [r for run_id in run_ids for r in rv.reviews(store, run_id)]
    latest: dict[tuple[MarkKey, str], rv.Review] = {}
    for r in items:
        if r.decision in ("agree", "override") and r.target_type != "answer":
            latest[((r.run_id, r.question_id, r.sample, r.target_type, r.target_id), r.reviewer)] = r
    out = {}
    for key, status in rv.target_statuses(items).items():
        if status.state == "disagreed" or status.final is None:
            continue
        deciders = sorted((rev for (k, _), rev in latest.items() if k == key), key=lambda rev: rev.seq)
        if status.state == "adjudicated":
            deciders = [d for d in deciders if d.role == "adjudicator"][-1:] + \
                [d for d in deciders if d.role != "adjudicator"]
        out[key] = ReviewMark(value=status.final, automatic=status.automatic,
                              who=tuple(dict.fromkeys(d.reviewer for d in deciders)),
                              when=max((d.created_at for d in deciders), default=""), state=status.state)
    return out


def write_reviewed_scores(frame: pd.DataFrame, run_id: str, marks: Mapping[MarkKey, ReviewMark], path: Path) -> None:
    """scores.csv with the overlay's values; automatic values and the reviewers appended."""
    sub = frame[frame["run_id"] == run_id].sort_values(["question_id", "sample", "scorer"], kind="stable")
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow((*SCORES_COLUMNS, *REVIEW_COLUMNS))
        for row in sub.itertuples(index=False):
            value = None if pd.isna(row.value) else float(row.value)
            passed = None if pd.isna(row.passed) else bool(row.passed)
            auto_value = None if pd.isna(row.auto_value) else float(row.auto_value)
            auto_passed = None if pd.isna(row.auto_passed) else bool(row.auto_passed)
            who, when = "", ""
            if row.value_source == "review":
                own_items = _reviews_items(row.scorer)
                found = [m for k, m in marks.items() if k[:3] == (run_id, row.question_id, int(row.sample))
                         and (k[3] == "claim" or k[4] == row.scorer or (own_items and k[3] == "statement"))]
                who = "; ".join(dict.fromkeys(n for m in found for n in m.who))
                when = max((m.when for m in found), default="")
            w.writerow([row.question_id, row.sample, row.generator, row.scorer, fmt_value(value), fmt_bool(passed),
                        row.reason, fmt_value(auto_value), fmt_bool(auto_passed), who, when])


def _reviews_items(scorer: str) -> bool:
    """True when ``scorer`` lets reviewers decide its items one by one (statement reviews change its value)."""
    from harness.results.table import reviews_items

    return reviews_items(scorer)


def write_reviewed_claims(store: RunStore, run_id: str, marks: Mapping[MarkKey, ReviewMark], path: Path) -> None:
    """claims.csv with reviewed verdicts (every judge's row); the automatic verdict and the reviewers appended."""
    generator = store.require_run(run_id).generator
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow((*CLAIMS_COLUMNS, *CLAIM_REVIEW_COLUMNS))
        for judge in judges_in_order(store, run_id):
            for qid, sample, v in store.claim_verdicts(run_id, judge):
                mark = marks.get((run_id, qid, sample, "claim", v.claim_id))
                evidence = " | ".join(e.text for e in v.evidence)
                reason = v.reason  # the judge's words explain its own verdict, not a reviewer's other one
                if mark and mark.value != v.verdict:
                    reason = f"{mark.label()}; the judge's reason for {v.verdict}: {v.reason}"
                w.writerow([qid, sample, generator, v.claim_id, v.claim_kind, v.severity,
                            mark.value if mark else v.verdict, fmt_value(v.confidence), evidence, reason,
                            fmt_bool(v.applies), judge, fmt_bool(v.needs_review), v.verdict,
                            "; ".join(mark.who) if mark else "", mark.when if mark else ""])


def write_reviewed_exports(store: RunStore, run_id: str, out_dir: Path) -> Path:
    """Write the reviewed report and exports of one run into ``out_dir`` (``reports/<run>/reviewed``)."""
    from harness.report.data import load_report_data
    from harness.report.html import render_html
    from harness.report.markdown import markdown_from_data

    out_dir.mkdir(parents=True, exist_ok=True)
    data = load_report_data(store, [run_id], use_reviews=True)
    marks = data.marks or {}
    write_answers(store, run_id, out_dir / "answers.jsonl")
    write_reviewed_scores(data.frame, run_id, marks, out_dir / "scores.csv")
    write_reviewed_claims(store, run_id, marks, out_dir / "claims.csv")
    (out_dir / "summary.md").write_text(markdown_from_data(data), encoding="utf-8", newline="\n")
    (out_dir / "report.html").write_text(render_html(data), encoding="utf-8", newline="\n")
    return out_dir
