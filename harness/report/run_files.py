"""The export contract: the files written to ``reports/<run_id>/`` (README "Exports").

- ``answers.jsonl``: question_id, sample, generator, answer, error (+ prompt, latency_s, attempts)
- ``scores.csv``: question_id, sample, generator, scorer, value, passed, reason
- ``claims.csv``: question_id, sample, generator, claim_id, claim_kind, severity, verdict,
  confidence, evidence, reason, applies, judge, needs_review (one row per claim per judge
  profile in use, the run's primary judge first)
- ``summary.md`` and ``report.html`` (written by harness.report)

Rows are sorted and numbers formatted the same way every time, so the same store gives
byte-identical files. Columns are only ever appended, never renamed or reordered.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from harness.store import RunStore

SCORES_COLUMNS = ("question_id", "sample", "generator", "scorer", "value", "passed", "reason")
CLAIMS_COLUMNS = ("question_id", "sample", "generator", "claim_id", "claim_kind", "severity", "verdict",
                  "confidence", "evidence", "reason", "applies", "judge", "needs_review")


def fmt_value(value: float | None) -> str:
    """Numbers as the CSVs show them: empty for unscored, else up to 6 significant decimals."""
    if value is None:
        return ""
    return f"{value:.6g}" if not float(value).is_integer() else str(int(value))


def fmt_bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def write_answers(store: RunStore, run_id: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for a in store.answers(run_id):
            record = {"question_id": a.question_id, "sample": a.sample, "generator": a.generator,
                      "answer": a.text, "error": a.error, "prompt": a.prompt, "latency_s": a.latency_s,
                      "attempts": a.attempts}
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")


def write_scores(store: RunStore, run_id: str, path: Path) -> None:
    generator = store.require_run(run_id).generator
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SCORES_COLUMNS)
        for cells in store.iter_score_cells(run_id):  # only the columns written: no evidence decoded
            for qid, sample, scorer, value, passed, reason in cells:
                w.writerow([qid, sample, generator, scorer, fmt_value(value), fmt_bool(passed), reason])


def write_claims(store: RunStore, run_id: str, path: Path) -> None:
    generator = store.require_run(run_id).generator
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CLAIMS_COLUMNS)
        for judge in judges_in_order(store, run_id):
            for qid, sample, v in store.claim_verdicts(run_id, judge):
                evidence = " | ".join(e.text for e in v.evidence)
                w.writerow([qid, sample, generator, v.claim_id, v.claim_kind, v.severity, v.verdict,
                            fmt_value(v.confidence), evidence, v.reason, fmt_bool(v.applies), judge,
                            fmt_bool(v.needs_review)])


def judges_in_order(store: RunStore, run_id: str) -> list[str]:
    """The judge profiles with stored judgements, the run's scorers' order first (primary judge first)."""
    stored = store.judges(run_id)
    declared = [j for j in store.require_run(run_id).judges if j in stored]
    return declared + [j for j in stored if j not in declared]


def write_exports(store: RunStore, run_id: str, out_dir: Path, *, use_reviews: bool = False) -> Path:
    """Write every export of one run into ``out_dir`` (created if needed) and return it.

    With ``use_reviews`` the reviewed report and exports are written beside the automatic ones,
    into ``out_dir/reviewed/`` (``harness.report.reviewed``); the automatic files are not touched.
    """
    from harness.report import write_report

    store.require_run(run_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_answers(store, run_id, out_dir / "answers.jsonl")
    write_scores(store, run_id, out_dir / "scores.csv")
    write_claims(store, run_id, out_dir / "claims.csv")
    write_report(store, run_id, out_dir)
    if use_reviews:
        from harness.report.reviewed import REVIEWED_DIR, write_reviewed_exports

        write_reviewed_exports(store, run_id, out_dir / REVIEWED_DIR)
    return out_dir
