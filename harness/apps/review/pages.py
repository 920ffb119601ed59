"""Reviewer-app pieces beside the main routes: queue pages, row anchors, few-pair agreement, the audit log page.

- ``Pager``: the queue is shown ``PAGE_SIZE`` answers at a time, with links that keep the filters.
- ``row_anchor``: after a decision the app returns to the row just decided (``#claim-<id>``).
- ``too_few_pairs``: agreement groups with a single labelled pair, which ``agreement()`` leaves out
  because kappa needs two; the page still shows their n and whether the pair agreed.
- ``register_log_page``: ``/log`` for adjudicators, every entry of the hash chain with its hash and
  its predecessor's, so an auditor can follow the chain by eye.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse

from harness.report.gold_status import GoldStatus
from harness.results import reviews as rv
from harness.store import RunStore

PAGE_SIZE = 50
"""Answers per queue page."""


@dataclass(frozen=True, slots=True)
class Pager:
    """One page of the queue: which rows, and links to the neighbouring pages (filters kept)."""

    page: int
    pages: int
    start: int
    stop: int
    prev_url: str | None
    next_url: str | None

    @classmethod
    def of(cls, total: int, page: int, size: int = PAGE_SIZE, **filters: str) -> Pager:
        pages = max(1, math.ceil(total / size))
        page = min(max(1, page), pages)

        def url(n: int) -> str:
            return "/?" + urlencode({**{k: v for k, v in filters.items() if v}, "page": n})

        return cls(page=page, pages=pages, start=(page - 1) * size, stop=min(total, page * size),
                   prev_url=url(page - 1) if page > 1 else None, next_url=url(page + 1) if page < pages else None)


def row_anchor(target_type: str, target_id: str) -> str:
    """The element id of a decision's row on the answer page (the answer-level forms for comments, sign-offs)."""
    return (f"{target_type}-{target_id}" if target_type in ("claim", "score", "statement") and target_id
            else "answer-actions")


def too_few_pairs(items: Sequence[rv.Review], rows: Iterable[rv.AgreementRow]) -> list[dict[str, Any]]:
    """Agreement groups that have exactly one labelled pair (left out of ``agreement()``), with a note."""
    shown = {(r.target, r.comparison) for r in rows}
    judge: dict[str, list[bool]] = defaultdict(list)
    pairs: dict[str, list[bool]] = defaultdict(list)
    for key, status in rv.target_statuses(items).items():
        per = status.by_reviewer
        if not per:
            continue
        group = rv.target_group(key[3], key[4])
        for value in per.values():
            judge[group].append((status.automatic or "") == value)
        names = sorted(per)
        if len(names) >= 2:
            pairs[group].append(per[names[0]] == per[names[1]])
    out = []
    for comparison, table in (("judge_vs_reviewer", judge), ("reviewer_vs_reviewer", pairs)):
        for group, same in sorted(table.items()):
            if (group, comparison) in shown or len(same) != 1:
                continue
            out.append({"target": group, "comparison": comparison, "n": 1, "agreed": same[0],
                        "note": f"one pair so far, which {'agreed' if same[0] else 'disagreed'}; kappa and "
                                "macro-F1 need at least two pairs"})
    return out


def queue_gold_note(state: Any, store: RunStore, battery_for: Callable[[RunStore, str], Any]) -> str | None:
    """The review status of the gold answers behind the queued runs (one sentence), for the queue header."""
    golds: dict[tuple[str, str], Any] = {}
    for run in store.list_runs():
        if state.run_filter and run.run_id not in state.run_filter:
            continue
        battery = battery_for(store, run.run_id)
        if battery is not None:
            for qid, gold in battery.gold.items():
                golds[(battery.name, qid)] = gold
    return GoldStatus.of(golds.values()).sentence() if golds else None


def register_log_page(app: FastAPI, state: Any, require: Callable[..., Any]) -> None:
    """Add ``GET /log``: the whole audit trail with hashes, for adjudicators only."""

    @app.get("/log", response_class=HTMLResponse)
    def log_page(request: Request, run: str = "", reviewer: str = "") -> HTMLResponse:
        with state.store() as store:
            viewer = require(request, store)
            if viewer.role != "adjudicator":
                raise HTTPException(status_code=403, detail="the audit log is for adjudicators (blind review "
                                                            "hides other reviewers' decisions)")
            entries = rv.reviews(store)
            chain = rv.verify_chain(store)
            codes = {(i.run_id, i.question_id, i.sample): i.code for i in state.items(store).values()}
        runs = sorted({e.run_id for e in entries})
        names = sorted({e.reviewer for e in entries})
        rows = [{"e": e, "code": codes.get((e.run_id, e.question_id, e.sample)),
                 "linked": i == 0 or entries[i - 1].hash == e.prev_hash}
                for i, e in enumerate(entries)
                if (not run or e.run_id == run) and (not reviewer or e.reviewer == reviewer)]
        return state.render("log.html", viewer, rows=rows, chain=chain, run=run, reviewer=reviewer,
                            runs=runs, names=names, genesis=rv.GENESIS)
