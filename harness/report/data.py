"""The facts a report shows, gathered once from the store (and the battery files, when readable).

``load_report_data(store, run_ids)`` serves both the single-run report and the comparison of
several generators: the results table and its summaries (``harness.results.table``), claim-verdict
counts, reading grades, verdict stability across samples, and the per-question drill-down
records (answer text cut into highlighted pieces, every score and claim verdict with its reason).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from harness.battery import Battery
from harness.core.records import ClaimVerdict, Score, Span
from harness.core.stats import DEFAULT_N_BOOT
from harness.report.run_files import judges_in_order
from harness.results.table import load_run_battery, summarize, tag_columns, to_frame
from harness.store import RunRecord, RunStore

POSITIVE_VERDICT_ORDER = ("supported", "missing", "contradicted")
NEGATIVE_VERDICT_ORDER = ("absent", "stated")


@dataclass
class RunData:
    """One run's records as the report needs them."""

    run: RunRecord
    answers: int
    errored: int
    samples: int
    verdict_counts: Mapping[str, Counter[str]]
    """claim kind group ('positive' | 'negative') -> verdict -> count (claims in force only)."""
    reading_grades: list[float]
    stability: dict[str, Any] | None
    """Flip rates across samples (None when the run has one sample per question)."""
    needs_review: tuple[int, int] = (0, 0)
    """(claim verdicts the judge flagged as unsure, all claim verdicts) of the primary judge."""


@dataclass
class ReportData:
    """Everything ``report.html`` and ``summary.md`` show for one or more runs of one battery."""

    runs: list[RunData]
    battery: Battery | None
    notes: list[str]
    frame: pd.DataFrame
    summary: pd.DataFrame
    tag_summary: pd.DataFrame
    scorers: list[str]
    reading_target: float | None
    questions: list[dict[str, Any]] = field(default_factory=list)
    """Drill-down records, one per question (JSON-able; rendered by the page's script)."""
    reviews: dict[str, Any] | None = None
    """Reviewer activity and agreement figures for these runs (None when nobody reviewed them)."""
    use_reviews: bool = False
    """Whether the numbers shown are reviewed values (``--use-reviews``)."""
    marks: dict[Any, Any] | None = None
    """Settled reviews, (run, question, sample, type, id) -> ``ReviewMark`` (only with ``use_reviews``)."""
    gold_status: Any = None
    """``GoldStatus`` of the battery's gold answers (None when the battery could not be read)."""
    error_tallies: dict[str, Any] = field(default_factory=dict)
    """run id -> ``ErrorTally`` of its generation errors (first error, count per cause)."""

    @property
    def run_ids(self) -> list[str]:
        return [r.run.run_id for r in self.runs]


_MARK_PRIORITY = {"harm": 0, "con": 1, "flag": 2, "unsupported": 3, "sup": 4}


def highlight(text: str, spans: Sequence[tuple[Span, str]]) -> list[tuple[str, str | None]]:
    """Cut the answer into (piece, mark class or None) so the page can mark evidence without HTML.

    Spans outside the text are ignored; where spans overlap, the earlier one wins and at the same
    start the more serious mark (harmful > contradicted > safety flag > supported) wins.
    """
    marks = sorted((s.start, _MARK_PRIORITY.get(cls, 9), s.end, cls) for s, cls in spans
                   if 0 <= s.start < s.end <= len(text))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, _, end, cls in marks:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], cls))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _verdict_mark(v: ClaimVerdict) -> str | None:
    if v.verdict == "supported":
        return "sup"
    if v.verdict == "contradicted":
        return "con"
    if v.verdict == "stated":
        return "harm"
    return None


def _score_spans(score: Score) -> list[tuple[Span, str]]:
    """Where a score's typed flags point in the answer (any scorer's), marked as flags.

    An unsupported statement (``unsupported_statements``) has its own mark: it is not a safety flag.
    """
    return [(f.span, "unsupported" if f.kind == "unsupported_statement" else "flag") for f in score.flags
            if f.span is not None]


def uses_of(run: RunRecord, judge: str) -> str:
    """The scorers of ``run`` that aggregate ``judge``'s verdicts, e.g. ``claim_recall, claim_problems``."""
    return ", ".join(str(s["name"]) for s in run.scorers if run.judge_of(str(s["name"])) == judge)


_CLAIM_RANK = {("contradicted", True): 0, ("stated", True): 1, ("missing", "essential"): 2}


def claim_rank(kind: str, verdict: str, applies: bool) -> int:
    """Problems first: contradicted, stated harmful/outdated, missing essential, then the rest; not in force last."""
    if not applies:
        return 9
    if verdict in ("contradicted", "stated"):
        return _CLAIM_RANK[(verdict, True)]
    if verdict == "missing":
        return 2 if kind == "essential" else 3
    return 4 if verdict == "supported" else 5


def _num(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def load_report_data(store: RunStore, run_ids: Sequence[str], *, n_boot: int = DEFAULT_N_BOOT, seed: int = 0,
                     frame: pd.DataFrame | None = None, tags: bool = True,
                     summary: pd.DataFrame | None = None, use_reviews: bool = False) -> ReportData:
    """Gather the report's facts for ``run_ids`` (all of one battery, or one run).

    ``frame`` and ``summary`` may be passed when already computed (a comparison has both).
    """
    run_ids = list(dict.fromkeys(run_ids))
    if frame is None:
        from harness.results.table import review_overlay

        frame = to_frame(store, run_ids, overlay=review_overlay() if use_reviews else None)
    notes: list[str] = []
    marks: dict[Any, Any] = {}
    reviewed_scores: dict[tuple[str, str, int, str], tuple[float | None, bool | None, str]] = {}
    if use_reviews:
        from harness.report.reviewed import review_marks

        marks = review_marks(store, run_ids)
        changed = frame[frame["value_source"] == "review"]
        for row in changed.itertuples(index=False):
            reviewed_scores[(row.run_id, row.question_id, int(row.sample), row.scorer)] = (
                None if pd.isna(row.value) else float(row.value), None if pd.isna(row.passed) else bool(row.passed),
                row.reason)  # the overlay's reason: the reviewed count, not the automatic one
        notes.append(f"numbers, verdicts and the drill-down use reviewed values where reviewers settled them "
                     f"({len(changed)} results and {sum(k[3] == 'claim' for k in marks)} claim verdicts changed or "
                     "confirmed, each marked with who and when); scores.csv and claims.csv here keep the automatic "
                     "values in their auto_value/auto_passed and auto_verdict columns, and the automatic report is "
                     "in the folder above")
    runs = [store.require_run(r) for r in run_ids]
    battery, note = load_run_battery(store, runs[0])
    if note:
        notes.append(note)
    questions = {q.id: q for q in battery.questions} if battery else {}
    order = [s["name"] for s in runs[0].scorers]
    scorers = [s for s in order if s in set(frame["scorer"])] + sorted(set(frame["scorer"]) - set(order))

    per_question: dict[str, dict[str, Any]] = {}
    qorder: list[str] = [q.id for q in battery.questions] if battery else []
    run_data: list[RunData] = []
    for idx, run in enumerate(runs):
        answers = store.answers(run.run_id)
        scores: dict[tuple[str, int], list[Score]] = defaultdict(list)
        for s in store.scores(run.run_id):
            scores[(s.question_id, s.sample)].append(s)
        claims: dict[tuple[str, int], list[ClaimVerdict]] = defaultdict(list)
        judged_by: dict[tuple[str, int], list[tuple[str, ClaimVerdict]]] = defaultdict(list)
        claim_marks: dict[tuple[str, int, str], Any] = {}
        judges = judges_in_order(store, run.run_id)
        for j, judge in enumerate(judges):
            for qid, sample, v in store.claim_verdicts(run.run_id, judge):
                mark = marks.get((run.run_id, qid, sample, "claim", v.claim_id))
                if mark is not None:  # a reviewed verdict replaces the automatic one of every judge
                    claim_marks[(qid, sample, v.claim_id)] = mark
                    if mark.value != v.verdict:
                        v = replace(v, verdict=mark.value)
                if j == 0:  # counts, highlights and stability describe the primary judge's verdicts
                    claims[(qid, sample)].append(v)
                judged_by[(qid, sample)].append((judge, v))
        counts: dict[str, Counter[str]] = {"positive": Counter(), "negative": Counter()}
        for vs in claims.values():
            for v in vs:
                if v.applies:
                    counts["positive" if v.claim_kind in ("essential", "supporting") else "negative"][v.verdict] += 1
        grades = [float(s.value) for ss in scores.values() for s in ss
                  if s.scorer == "reading_grade" and s.value is not None]
        n_samples = max((a.sample for a in answers), default=0) + 1
        run_data.append(RunData(run=run, answers=len(answers), errored=sum(a.error is not None for a in answers),
                                samples=n_samples, verdict_counts=counts, reading_grades=grades,
                                stability=_stability(scores, claims) if n_samples > 1 else None,
                                needs_review=(sum(v.needs_review for vs in claims.values() for v in vs),
                                              sum(len(vs) for vs in claims.values()))))
        for a in answers:
            key = (a.question_id, a.sample)
            if a.question_id not in per_question:
                per_question[a.question_id] = _question_record(a.question_id, questions.get(a.question_id), battery)
                if a.question_id not in questions:
                    qorder.append(a.question_id)
            verdicts = claims.get(key, [])
            spans = [(e, m) for v in verdicts if v.applies and (m := _verdict_mark(v)) for e in v.evidence]
            for s in scores.get(key, []):
                spans += _score_spans(s)
            by_scorer = {s.scorer: s for s in scores.get(key, [])}
            sc = []
            for name in scorers:
                if name not in by_scorer:
                    continue
                s_ = by_scorer[name]
                value, passed, reason, label = _num(s_.value), s_.passed, s_.reason, None
                if (run.run_id, a.question_id, a.sample, name) in reviewed_scores:
                    value, passed, reason = reviewed_scores[(run.run_id, a.question_id, a.sample, name)]
                    value = _num(value)
                    mark = marks.get((run.run_id, a.question_id, a.sample, "score", name))
                    auto = f"automatic {fmt(s_.value, 3)}, {'pass' if s_.passed else 'fail' if s_.passed is False else '—'}"
                    label = (mark.label().split("; automatic")[0] + "; " if mark else "reviewed claim verdicts; ") + auto
                sc.append([name, value, passed, reason, label])
            ordered = sorted(judged_by.get(key, []), key=lambda jv: (
                not jv[1].needs_review, claim_rank(jv[1].claim_kind, jv[1].verdict, jv[1].applies), jv[1].claim_id, judges.index(jv[0])))
            cl = []
            for judge, v in ordered:
                mark = claim_marks.get((a.question_id, a.sample, v.claim_id))
                cl.append([v.claim_id, v.claim_kind, v.verdict, " | ".join(e.text for e in v.evidence), v.reason,
                           v.applies, judge, uses_of(run, judge), mark.label() if mark else None])
            per_question[a.question_id]["answers"].append({
                "r": idx, "s": a.sample, "err": a.error,
                "p": [[t, c] if c else [t] for t, c in highlight(a.text or "", spans)], "sc": sc,
                # one row per claim and judge (7th field: the judge, 8th: the scorers using it, 9th: review mark)
                "cl": cl, "mj": len({row[6] for row in cl}) > 1,
            })
    for qid, rec in per_question.items():
        rec["fail"] = sorted({a["r"] for a in rec["answers"]
                              if a["err"] or any(sc[2] is False for sc in a["sc"])})
        if len(rec["answers"]) > 1:
            rec["grid"] = side_by_side(rec["answers"], scorers)
        stab = [rd.stability["questions"].get(qid) for rd in run_data if rd.stability]
        rec["unstable"] = [s for s in stab if s]
    if summary is None:
        summary = summarize(frame, by=("run_id", "scorer"), n_boot=n_boot, seed=seed)
    tag_cols = tag_columns(frame) if tags else []
    tag_frames = []
    for col in tag_cols:
        t = summarize(frame, by=("run_id", "scorer", col), n_boot=0, seed=seed)  # the heatmap shows pass rates
        t = t.rename(columns={col: "tag_value"})
        t.insert(2, "tag", col.removeprefix("tag_"))
        tag_frames.append(t)
    tag_summary = pd.concat(tag_frames, ignore_index=True) if tag_frames else pd.DataFrame()
    target = battery.card.defaults.target_reading_grade if battery else None
    from harness.generate.failures import ErrorTally
    from harness.report.gold_status import battery_gold_status

    tallies = {r.run_id: ErrorTally.of([a for a in store.answers(r.run_id) if a.error]) for r in runs}
    return ReportData(runs=run_data, battery=battery, notes=notes, frame=frame, summary=summary,
                      tag_summary=tag_summary, scorers=scorers, reading_target=target,
                      questions=[per_question[q] for q in qorder if q in per_question],
                      reviews=review_summary(store, run_ids), use_reviews=use_reviews,
                      marks=marks if use_reviews else None, gold_status=battery_gold_status(battery),
                      error_tallies=tallies)


def side_by_side(answers: Sequence[Mapping[str, Any]], scorers: Sequence[str]) -> dict[str, Any]:
    """Several answers to one question as rows x answer columns: each scorer's cell and each claim's verdict.

    A comparison's drill-down shows these two tables at full width under the answers (which sit side
    by side), so four runs read across one row each instead of four narrow columns of tables; the
    claims with a problem in any answer come first. Each cell is the answer's own row (``sc`` / ``cl``)
    or None where that answer has none.
    """
    scores = []
    for name in scorers:
        cells = [next((sc for sc in a["sc"] if sc[0] == name), None) for a in answers]
        if any(cells):
            scores.append([name, cells])
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for i, a in enumerate(answers):
        for c in a["cl"]:
            row = rows.setdefault((c[0], c[6]), {"id": c[0], "kind": c[1], "judge": c[6], "rank": 99,
                                                 "cells": [None] * len(answers)})
            row["cells"][i] = c
            row["rank"] = min(row["rank"], claim_rank(c[1], c[2], c[5]))
    claims = sorted(rows.values(), key=lambda r: (r["rank"], r["id"], r["judge"]))
    return {"scores": scores, "claims": claims, "mj": len({r["judge"] for r in claims}) > 1}


def review_summary(store: RunStore, run_ids: Sequence[str]) -> dict[str, Any] | None:
    """Reviewer decisions, sign-offs, settled overrides, agreement and the audit-chain check."""
    from harness.results import reviews as rv

    items = [r for run_id in run_ids for r in rv.reviews(store, run_id)]
    if not items:
        return None
    statuses = rv.target_statuses(items)
    states = Counter(s.state for s in statuses.values())
    return {
        "decisions": len(items),
        "reviewers": sorted({r.reviewer for r in items}),
        "signoffs": len({(r.run_id, r.question_id, r.sample, r.reviewer) for r in items if r.decision == "signoff"}),
        "overrides": sum(r.decision == "override" for r in items),
        "states": dict(sorted(states.items())),
        "agreement": rv.agreement(items),
        "chain": rv.verify_chain(store).message,
    }


def _question_record(qid: str, question: Any, battery: Battery | None) -> dict[str, Any]:
    gold = battery.gold.get(qid) if battery else None
    return {
        "id": qid,
        "q": question.question if question else "",
        "ctx": question.context.describe() if question is not None and question.context else "",
        "tags": dict(question.tags) if question else {},
        "gold": [[c.id, c.kind, c.severity, c.text] for c in gold.claims] if gold else [],
        "answers": [],
    }


def _stability(scores: Mapping[tuple[str, int], list[Score]],
               claims: Mapping[tuple[str, int], list[ClaimVerdict]]) -> dict[str, Any]:
    """How often claim verdicts and scorer pass/fail flip between samples of the same question."""
    claim_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (qid, _), vs in claims.items():
        for v in vs:
            claim_sets[(qid, v.claim_id)].add(v.verdict)
    check_sets: dict[tuple[str, str], set[bool]] = defaultdict(set)
    for (qid, _), ss in scores.items():
        for s in ss:
            if s.passed is not None:
                check_sets[(qid, s.scorer)].add(s.passed)
    per_q: dict[str, list[str]] = defaultdict(list)
    for (qid, cid), verdicts in sorted(claim_sets.items()):
        if len(verdicts) > 1:
            per_q[qid].append(f"claim {cid}: {' / '.join(sorted(verdicts))}")
    by_scorer: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (qid, scorer), vals in sorted(check_sets.items()):
        by_scorer[scorer][1] += 1
        if len(vals) > 1:
            by_scorer[scorer][0] += 1
            per_q[qid].append(f"{scorer}: pass / fail")
    flips = sum(len(v) > 1 for v in claim_sets.values())
    return {
        "claim_flips": flips, "claim_pairs": len(claim_sets),
        "scorers": {k: {"flipped": v[0], "questions": v[1]} for k, v in sorted(by_scorer.items())},
        "questions": {q: "; ".join(items) for q, items in per_q.items()},
    }


def fmt(value: Any, digits: int = 2) -> str:
    """A number as the report shows it ('—' for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)
