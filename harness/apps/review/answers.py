"""The reviewer app's answer page: what one answer under review shows, and what a reviewer may decide.

``Item`` addresses an answer by an opaque code (so blind mode reveals nothing); ``answer_view``
gathers the question, the answer with its evidence highlighted, every automatic result with its
status for this reviewer, and the values an override may choose (never the automatic one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harness.battery import Battery
from harness.core.records import ClaimVerdict, Score
from harness.report.data import highlight, uses_of
from harness.report.gold_status import clinician_reviewed
from harness.report.run_files import judges_in_order
from harness.results import reviews as rv
from harness.score.unsupported import STATUSES as STATEMENT_STATUSES
from harness.store import RunStore

if TYPE_CHECKING:
    from fastapi.responses import HTMLResponse

    from harness.apps.review.app import ReviewApp

_CLAIM_VERDICTS = {"essential": ("supported", "missing", "contradicted"),
                   "supporting": ("supported", "missing", "contradicted"),
                   "harmful": ("stated", "absent"), "outdated": ("stated", "absent")}
_MARK = {"supported": "ok", "contradicted": "bad", "stated": "bad"}


@dataclass(frozen=True, slots=True)
class Item:
    """One answer under review, addressed by an opaque code (so blind mode reveals nothing)."""

    code: str
    run_id: str
    question_id: str
    sample: int


@dataclass(frozen=True, slots=True)
class Viewer:
    name: str
    role: str
    csrf: str


def answer_view(state: ReviewApp, store: RunStore, viewer: Viewer, item: Item, battery: Battery | None,
                 saved: str, refused: str = "") -> HTMLResponse:
    answer = store.answer(item.run_id, item.question_id, item.sample)
    assert answer is not None
    scores = scores_for(store, item)
    verdicts = [v for _, _, vs in judges_for(store, item)[:1] for v in vs]  # highlights: the primary judge
    gold = battery.gold.get(item.question_id) if battery else None
    claims = {c.id: c for c in gold.claims} if gold else {}
    log = [r for r in rv.reviews(store, item.run_id) if (r.question_id, r.sample) == (item.question_id, item.sample)]
    visible = [r for r in log if viewer.role == "adjudicator" or r.reviewer == viewer.name]
    statuses = rv.target_statuses(log)
    latest_mine: dict[tuple[str, str], rv.Review] = {}
    for r in log:
        if r.reviewer == viewer.name and r.decision in ("agree", "override"):
            latest_mine[(r.target_type, r.target_id)] = r

    def status(target_type: str, target_id: str) -> rv.TargetStatus | None:
        return statuses.get((item.run_id, item.question_id, item.sample, target_type, target_id))

    spans = [(e, _MARK[v.verdict]) for v in verdicts if v.verdict in _MARK for e in v.evidence]
    spans += [(f.span, "bad") for s in scores for f in s.flags if f.span is not None]
    judged = judges_for(store, item)
    several = len(judged) > 1  # name the judge on each row only when the scorers use different ones
    claim_rows = [{"v": v, "claim": claims.get(v.claim_id), "choices": _CLAIM_VERDICTS.get(v.claim_kind, ()),
                   "mine": latest_mine.get(("claim", v.claim_id)), "status": status("claim", v.claim_id),
                   "judge": judge if several else None, "uses": uses}
                  for judge, uses, vs in judged for v in vs]
    score_rows = [{"s": s, "mine": latest_mine.get(("score", s.scorer)), "status": status("score", s.scorer)}
                  for s in scores if s.value is not None]
    statement_rows = [{"st": st, "scorer": s.scorer, "mine": latest_mine.get(("statement", str(st["id"]))),
                       "status": status("statement", str(st["id"]))} for s in scores for st in statements_of(s)]
    return state.render(
        "answer.html", viewer, item=item, answer=answer, question=question_of(battery, item.question_id),
        gold=gold, pieces=highlight(answer.text or "", spans), claim_rows=claim_rows, score_rows=score_rows,
        statement_rows=statement_rows, statement_choices=_STATEMENT_STATUSES, unscored=[s for s in scores if s.value is None], log=visible, saved=saved, refused=refused,
        gold_reviewed=clinician_reviewed(gold) if gold else None,
        generator=None if state.blind else answer.generator,
        signed=any(r.decision == "signoff" and r.reviewer == viewer.name for r in log))


def question_of(battery: Battery | None, qid: str) -> Any:
    if battery is None:
        return None
    try:
        return battery.question(qid)
    except KeyError:
        return None


def scores_for(store: RunStore, item: Item) -> list[Score]:
    return store.scores(item.run_id, item.question_id, item.sample)


def verdicts_for(store: RunStore, item: Item) -> list[ClaimVerdict]:
    """The answer's claim verdicts of every judge profile in use, the run's primary judge first.

    Each verdict row says which judge made it and which scorers count it (``judge_of``), so with two
    judges a reviewer sees both sets, each beside the scorer it belongs to.
    """
    out = []
    for judge in judges_in_order(store, item.run_id):
        out += [v for qid, sample, v in store.claim_verdicts(item.run_id, judge)
                if (qid, sample) == (item.question_id, item.sample)]
    return out


def judges_for(store: RunStore, item: Item) -> list[tuple[str, str, list[ClaimVerdict]]]:
    """(judge, scorers using it, verdicts) for one answer, the run's primary judge first."""
    run = store.require_run(item.run_id)
    out = []
    for judge in judges_in_order(store, item.run_id):
        verdicts = [v for qid, sample, v in store.claim_verdicts(item.run_id, judge)
                    if (qid, sample) == (item.question_id, item.sample)]
        out.append((judge, uses_of(run, judge), verdicts))
    return out


def flags_of(scores: list[Score]) -> list[str]:
    out = []
    for s in scores:
        if s.scorer in ("claim_problems", "safety_flags") and s.value:
            out.append(f"{s.scorer} {fmt(s.value)}")
    return out


_STATEMENT_STATUSES = STATEMENT_STATUSES


def statements_of(score: Score) -> list[dict[str, Any]]:
    """The items a scorer lets reviewers decide one by one (``reviewed_items``: the statements), if any."""
    items = score.evidence.get("statements") if score.value is not None else None
    return [i for i in items if isinstance(i, dict) and "id" in i and "status" in i] if isinstance(items, list) else []


def automatic_value(store: RunStore, item: Item, target_type: str, target_id: str) -> str | None:
    if target_type == "statement":
        return next((str(st["status"]) for s in scores_for(store, item) for st in statements_of(s)
                     if str(st["id"]) == target_id), None)
    if target_type == "claim":
        return next((v.verdict for v in verdicts_for(store, item) if v.claim_id == target_id), None)
    if target_type == "score":
        score = next((s for s in scores_for(store, item) if s.scorer == target_id), None)
        if score is None or score.passed is None:
            return None
        return "pass" if score.passed else "fail"
    return None


def allowed_values(store: RunStore, item: Item, target_type: str, target_id: str) -> tuple[str, ...]:
    if target_type == "score":
        return ("pass", "fail")
    if target_type == "statement":
        return _STATEMENT_STATUSES
    verdict = next((v for v in verdicts_for(store, item) if v.claim_id == target_id), None)
    return _CLAIM_VERDICTS.get(verdict.claim_kind, ()) if verdict else ()


def fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value)

