"""The reviewer web app: server-rendered pages over the run store, for medical reviewers.

Reviewers log in with a token issued by ``answer-audit reviewers add``; every page needs a
session, every write carries the session's CSRF token, and identity comes only from the session.
Reviewers see the question, the patient context, the answer with its evidence highlighted, the
gold answer and every automatic verdict with its reason; they agree or override (with a required
reason), comment and sign off. Decisions are appended to the hash-chained review log
(``harness.results.reviews``); the automatic record is never changed.

Blind mode hides generator and run names behind opaque answer codes, shuffles the queue per
reviewer, and hides other reviewers' decisions; adjudicators see disagreements and settle them.
No JavaScript is served, and a strict Content-Security-Policy forbids scripts, so hostile answer
text stays inert even beyond Jinja2's escaping.

This module holds the routes and the session rules; the answer page's content is built in
``harness.apps.review.answers``, the queue's paging and the audit-log page in ``pages``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from harness.apps.review.answers import (
    Item,
    Viewer,
    allowed_values,
    answer_view,
    automatic_value,
    flags_of,
    fmt,
    question_of,
    scores_for,
    verdicts_for,
)
from harness.apps.review.pages import Pager, queue_gold_note, register_log_page, row_anchor, too_few_pairs
from harness.battery import Battery
from harness.errors import ConfigError
from harness.results import reviews as rv
from harness.results.table import load_run_battery
from harness.store import RunStore

COOKIE = "aa_session"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


class ReviewApp:
    """State shared by the routes: the store, the blind flag, and the answer index."""

    def __init__(self, store_path: Path, *, blind: bool = False, runs: list[str] | None = None,
                 secret: str | None = None, self_check: bool | None = None) -> None:
        self.store_path = Path(store_path)
        self.blind = blind
        self.run_filter = runs
        self.self_check = (not blind) if self_check is None else self_check
        """Whether ``gold`` self-check runs (the gold text as the answer) are reviewed; blind review leaves them out."""
        self.secret = secret or secrets.token_hex(16)
        env = Environment(loader=PackageLoader("harness.apps.review", "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True))
        env.filters["fmt"] = fmt
        self.env = env
        with self.store() as store:
            rv.ensure_schema(store)

    def store(self) -> RunStore:
        return RunStore(self.store_path)

    def code(self, run_id: str, question_id: str, sample: int) -> str:
        digest = hashlib.sha256(f"{self.secret}\0{run_id}\0{question_id}\0{sample}".encode()).hexdigest()
        return digest[:12]

    def items(self, store: RunStore) -> dict[str, Item]:
        out = {}
        for run in store.list_runs():
            if self.run_filter and run.run_id not in self.run_filter:
                continue
            if run.generator == "gold" and not self.self_check and not self.run_filter:
                continue  # reviewing the gold against itself wastes reviewer time and skews agreement;
                # an errored answer has no text to review (its error is in the report), so it is not queued
            for qid, sample in sorted((a.question_id, a.sample) for a in store.answers(run.run_id) if a.error is None):
                code = self.code(run.run_id, qid, sample)
                out[code] = Item(code, run.run_id, qid, sample)
        return out

    def render(self, name: str, viewer: Viewer | None, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(viewer=viewer, blind=self.blind, **context)
        return HTMLResponse(html)


def create_app(store_path: Path, *, blind: bool = False, runs: list[str] | None = None,
               secret: str | None = None, self_check: bool | None = None) -> FastAPI:
    """The FastAPI app over one run store (see module docstring).

    ``self_check``: include ``gold`` self-check runs in the queue (default: yes, except in blind review).
    """
    state = ReviewApp(store_path, blind=blind, runs=runs, secret=secret, self_check=self_check)
    app = FastAPI(title="answer-audit review", docs_url=None, redoc_url=None, openapi_url=None)
    batteries: dict[str, Battery | None] = {}

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    def viewer_of(request: Request, store: RunStore) -> Viewer | None:
        found = rv.session_reviewer(store, request.cookies.get(COOKIE))
        return None if found is None else Viewer(*found)

    def require(request: Request, store: RunStore, csrf: str | None = None) -> Viewer:
        viewer = viewer_of(request, store)
        if viewer is None:
            if request.method == "GET":
                raise HTTPException(status_code=303, headers={"Location": "/login"})
            raise HTTPException(status_code=401, detail="log in first")
        if request.method == "POST" and (csrf is None or not secrets.compare_digest(csrf, viewer.csrf)):
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page")
        return viewer

    def battery_for(store: RunStore, run_id: str) -> Battery | None:
        if run_id not in batteries:
            batteries[run_id] = load_run_battery(store, store.require_run(run_id))[0]
        return batteries[run_id]

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 303:
            return RedirectResponse((exc.headers or {})["Location"], status_code=303)
        return PlainTextResponse(f"{exc.status_code}: {exc.detail}", status_code=exc.status_code)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, error: str = "") -> HTMLResponse:
        return state.render("login.html", None, error=error)

    @app.post("/login")
    def login(name: str = Form(...), token: str = Form(...)) -> Response:
        with state.store() as store:
            role = rv.authenticate(store, name.strip(), token.strip())
            if role is None:
                return state.render("login.html", None, error="Unknown reviewer or wrong token.")
            session, _ = rv.open_session(store, name.strip())
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, session, httponly=True, samesite="strict", max_age=rv.SESSION_HOURS * 3600)
        return response

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        with state.store() as store:
            require(request, store, csrf)
            rv.close_session(store, request.cookies.get(COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request, tag: str = "", scorer: str = "", show: str = "todo", page: int = 1) -> HTMLResponse:
        with state.store() as store:
            viewer = require(request, store)
            items = state.items(store)
            log = rv.reviews(store)
            signed: dict[tuple[str, str, int], set[str]] = defaultdict(set)
            mine: set[tuple[str, str, int]] = set()
            for r in log:
                key = (r.run_id, r.question_id, r.sample)
                if r.decision == "signoff" and r.role == "reviewer":
                    signed[key].add(r.reviewer)
                if r.reviewer == viewer.name:
                    mine.add(key)
            statuses = rv.target_statuses(log)
            disagreed = {k[:3] for k, s in statuses.items() if s.state == "disagreed"}
            rows = []
            scorer_names: set[str] = set()
            for item in items.values():
                key = (item.run_id, item.question_id, item.sample)
                battery = battery_for(store, item.run_id)
                question = question_of(battery, item.question_id)
                tags = dict(question.tags) if question else {}
                scores = scores_for(store, item)
                scorer_names.update(sc.scorer for sc in scores)  # filter options cover every answer
                if tag and tag not in (f"{k}:{v}" for k, v in tags.items()):
                    continue
                flags = flags_of(scores)
                if scorer and not any(s.scorer == scorer and s.passed is False for s in scores):
                    continue
                done_by_me = viewer.name in signed[key]
                if show == "todo" and (done_by_me or (viewer.role == "reviewer" and len(signed[key]) >= 2)):
                    continue
                if show == "disagreements" and key not in disagreed:
                    continue
                order = hashlib.sha256(f"{viewer.name}\0{item.code}".encode()).hexdigest() if state.blind \
                    else f"{item.run_id}\0{item.question_id}\0{item.sample:05d}"
                unsure = sum(v.needs_review for v in verdicts_for(store, item))
                rows.append({"item": item, "question": question, "tags": tags, "flags": flags, "unsure": unsure,
                             "signoffs": len(signed[key]), "mine": key in mine, "done": done_by_me,
                             "disagreed": key in disagreed, "order": order})
            # answers with verdicts the judge was unsure of first, then those with problems flagged
            rows.sort(key=lambda r: (not r["unsure"], not r["flags"], r["order"]))
            tag_options = sorted({f"{k}:{v}" for r in rows for k, v in r["tags"].items()})
            scorer_options = sorted(scorer_names)
            gold_note = queue_gold_note(state, store, battery_for)
        pager = Pager.of(len(rows), page, tag=tag, scorer=scorer, show=show)
        return state.render("queue.html", viewer, rows=rows[pager.start:pager.stop], total=len(rows), pager=pager,
                            tag=tag, scorer=scorer, show=show, tag_options=tag_options,
                            scorer_options=scorer_options, gold_note=gold_note)

    @app.get("/answer/{code}", response_class=HTMLResponse)
    def answer_page(request: Request, code: str, saved: str = "", refused: str = "") -> HTMLResponse:
        with state.store() as store:
            viewer = require(request, store)
            item = state.items(store).get(code)
            if item is None:
                raise HTTPException(status_code=404, detail="no such answer")
            return answer_view(state, store, viewer, item, battery_for(store, item.run_id), saved, refused)

    @app.post("/answer/{code}/decide")
    def decide(request: Request, code: str, csrf: str = Form(""), target_type: str = Form(""),
               target_id: str = Form(""), decision: str = Form(""), value: str = Form(""),
               reason: str = Form("")) -> Response:
        with state.store() as store:
            viewer = require(request, store, csrf)
            item = state.items(store).get(code)
            if item is None:
                raise HTTPException(status_code=404, detail="no such answer")
            automatic = automatic_value(store, item, target_type, target_id)
            if target_type != "answer" and automatic is None:
                raise HTTPException(status_code=400, detail=f"no automatic {target_type} {target_id!r} on this answer")
            anchor = row_anchor(target_type, target_id)
            if decision == "override":
                allowed = allowed_values(store, item, target_type, target_id)
                if value not in allowed:
                    raise HTTPException(status_code=400, detail=f"value must be one of {', '.join(allowed)}")
                if value == automatic:  # nothing overridden: say so rather than record a fake disagreement
                    return RedirectResponse(f"/answer/{code}?refused={quote(target_id or target_type)}#{anchor}",
                                            status_code=303)
            try:
                rv.append_review(store, run_id=item.run_id, question_id=item.question_id, sample=item.sample,
                                 target_type=target_type, target_id=target_id, decision=decision,
                                 reviewer=viewer.name, role=viewer.role, value=value or None,
                                 automatic=automatic, reason=reason)
            except ConfigError as exc:
                raise HTTPException(status_code=400, detail=str(exc)) from None
        return RedirectResponse(f"/answer/{code}?saved={decision}#{anchor}", status_code=303)

    @app.get("/agreement", response_class=HTMLResponse)
    def agreement_page(request: Request) -> HTMLResponse:
        with state.store() as store:
            viewer = require(request, store)
            log = rv.reviews(store)
            rows = rv.agreement(log)
            few = too_few_pairs(log, rows)
            chain = rv.verify_chain(store)
        return state.render("agreement.html", viewer, rows=rows, few=few, chain=chain)

    register_log_page(app, state, require)

    @app.get("/mine", response_class=HTMLResponse)
    def my_decisions(request: Request) -> HTMLResponse:
        with state.store() as store:
            viewer = require(request, store)
            items = {(i.run_id, i.question_id, i.sample): i.code for i in state.items(store).values()}
            rows = [(r, items.get((r.run_id, r.question_id, r.sample))) for r in rv.reviews(store)
                    if r.reviewer == viewer.name]
        return state.render("mine.html", viewer, rows=rows)

    return app


# ------------------------------------------------------------------------------- page building


__all__ = ["create_app"]
