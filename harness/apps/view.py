"""``answer-audit view``: a local, read-only browser over the run store (like ``promptfoo view``/``inspect view``).

``create_view_app(store_path)`` serves, from the store alone (no files under ``reports/`` needed):

- ``/``: every run (battery, generator, answers, errors, status, created), with links and a form to
  compare any runs of one battery;
- ``/run/<run_id>``: that run's report, rendered on request exactly as ``report.html``;
- ``/run/<run_id>/reviewed``: the reviewed report (``--use-reviews``);
- ``/compare?run=A&run=B``: the comparison report (the first run is the baseline).

Nothing is written: every route is GET, the store is opened read-only (SQLite ``mode=ro``), and the
pages carry the reports' Content-Security-Policy, so nothing is fetched from the network. The CLI
binds 127.0.0.1 only.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, select_autoescape

from harness.errors import HarnessError, StoreError
from harness.store import SCHEMA_VERSION, RunStore

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>answer-audit view</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1280px; padding: 1rem 2rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; } th, td { border: 1px solid #d5d8e2; padding: .25rem .5rem; text-align: left; }
th { background: #f0f2f7; } td.num { text-align: right; } .muted { color: #777; } .bad { color: #b3261e; font-weight: 600; }
</style></head><body>
<h1>answer-audit view</h1>
<p class="muted">Store <code>{{ store }}</code>, read-only. {{ runs|length }} run{{ '' if runs|length == 1 else 's' }}. Reports are rebuilt from the store on request.</p>
{% for battery, group in groups %}
<h2>Battery {{ battery }}</h2>
<form method="get" action="/compare">
<table>
<tr><th>compare</th><th>run</th><th>generator</th><th>answers</th><th>errors</th><th>status</th><th>created</th><th>reports</th></tr>
{% for r in group %}
<tr><td><input type="checkbox" name="run" value="{{ r.run_id }}" aria-label="compare {{ r.run_id }}"></td>
<td><a href="/run/{{ r.run_id|urlencode }}"><code>{{ r.run_id }}</code></a></td><td><code>{{ r.generator }}</code></td>
<td class="num">{{ r.answers }}</td><td class="num {{ 'bad' if r.errors }}">{{ r.errors }}</td><td>{{ r.status }}</td><td>{{ r.created_at }}</td>
<td><a href="/run/{{ r.run_id|urlencode }}">report</a>{% if r.reviewed %} · <a href="/run/{{ r.run_id|urlencode }}/reviewed">reviewed report</a>{% endif %}</td></tr>
{% endfor %}
</table>
{% if group|length > 1 %}<button>Compare the ticked runs</button> <span class="muted">(the first ticked is the baseline)</span>{% endif %}
</form>
{% else %}
<p>No runs yet: <code>answer-audit demo</code> or <code>answer-audit run --battery NAME --generator SPEC</code> makes one.</p>
{% endfor %}
</body></html>
"""


class _ReadOnlyConnection:
    """A read-only SQLite connection that tolerates the ``CREATE ... IF NOT EXISTS`` of other modules' schemas.

    The review module creates its tables on first use; on a store nobody reviewed they are missing.
    Here a missing table is created as an empty TEMP table (in memory, never in the store), so
    reads find no rows instead of failing; every other write still fails with "readonly database".
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def executescript(self, script: str) -> None:
        statements = [s.strip() for s in script.split(";") if s.strip()]
        if not all(re.match(r"(?is)create\s+(table|index)\s+if\s+not\s+exists\s", s) for s in statements):
            raise sqlite3.OperationalError("attempt to write a readonly database (answer-audit view is read-only)")
        for stmt in statements:
            m = re.match(r"(?is)create\s+table\s+if\s+not\s+exists\s+(\w+)", stmt)
            if m is None:
                continue  # indexes are not needed for reading
            exists = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                        (m.group(1),)).fetchone()
            if not exists:
                self._conn.execute(re.sub(r"(?is)^create\s+table", "CREATE TEMP TABLE", stmt)
                                   .replace(" REFERENCES reviewers(name)", ""))


class ReadOnlyStore(RunStore):
    """A RunStore over a SQLite connection opened with ``mode=ro``: any write raises."""

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - see class docstring
        import threading

        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"no run store at {self.path}")
        self._lock = threading.RLock()
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False,
                               isolation_level=None)
        conn.row_factory = sqlite3.Row
        self.conn = _ReadOnlyConnection(conn)  # type: ignore[assignment]
        self._snapshots = {}
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = "none" if row is None else row[0]
            conn.close()
            raise StoreError(f"{self.path} has schema version {found}, this answer-audit reads {SCHEMA_VERSION}; "
                             "view never writes, so open the store once with any other command (for example "
                             "`answer-audit ls runs`), which migrates it, then run view again")


def _run_rows(store: RunStore) -> list[dict[str, Any]]:
    counts = {r[0]: (r[1], r[2]) for r in store.conn.execute(
        "SELECT run_id, count(*), sum(error IS NOT NULL) FROM answers GROUP BY run_id")}
    try:
        reviewed = {r[0] for r in store.conn.execute("SELECT DISTINCT run_id FROM review_log")}
    except sqlite3.OperationalError:  # no review table: nobody reviewed anything in this store
        reviewed = set()
    out = []
    for run in store.list_runs():
        n, errors = counts.get(run.run_id, (0, 0))
        out.append({"run_id": run.run_id, "battery": run.battery, "generator": run.generator, "answers": n,
                    "errors": int(errors or 0), "status": run.status, "created_at": run.created_at,
                    "reviewed": run.run_id in reviewed})
    return out


def create_view_app(store_path: Path) -> FastAPI:
    """The read-only viewer over one run store (see module docstring)."""
    store_path = Path(store_path)
    ReadOnlyStore(store_path).close()  # fail now, not on the first request, when there is no store
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    index = env.from_string(_INDEX)
    app = FastAPI(title="answer-audit view", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        if request.method != "GET":
            return Response("read-only: only GET is served", status_code=405)
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(render: Any) -> HTMLResponse:
        store = ReadOnlyStore(store_path)
        try:
            return HTMLResponse(render(store))
        except HarnessError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        finally:
            store.close()

    @app.get("/", response_class=HTMLResponse)
    def runs() -> HTMLResponse:
        def render(store: RunStore) -> str:
            rows = _run_rows(store)
            groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for r in rows:
                groups[r["battery"]].append(r)
            return index.render(store=str(store_path), runs=rows, groups=sorted(groups.items()))

        return page(render)

    @app.get("/run/{run_id}", response_class=HTMLResponse)
    def run_report(run_id: str) -> HTMLResponse:
        return page(lambda store: _report(store, run_id, reviewed=False))

    @app.get("/run/{run_id}/reviewed", response_class=HTMLResponse)
    def reviewed_report(run_id: str) -> HTMLResponse:
        return page(lambda store: _report(store, run_id, reviewed=True))

    @app.get("/compare", response_class=HTMLResponse)
    def compare(run: list[str] = Query(default=[])) -> HTMLResponse:  # noqa: B008 - FastAPI's idiom
        if len(run) < 2:
            raise HTTPException(status_code=400, detail="tick at least two runs of one battery to compare")

        def render(store: RunStore) -> str:
            from harness.report.data import load_report_data
            from harness.report.html import render_html
            from harness.results.compare import compare_runs

            comp = compare_runs(store, run)
            data = load_report_data(store, list(comp.run_ids), n_boot=comp.n_boot, seed=comp.seed, frame=comp.frame,
                                    summary=comp.summary)
            return render_html(data, comparison=comp)

        return page(render)

    return app


def _report(store: RunStore, run_id: str, *, reviewed: bool) -> str:
    from harness.report.data import load_report_data
    from harness.report.html import render_html

    store.require_run(run_id)
    return render_html(load_report_data(store, [run_id], use_reviews=reviewed))
