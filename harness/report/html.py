"""``report.html`` / ``comparison.html``: one self-contained page for one run or several generators.

Inline CSS, plots embedded as base64 PNG, no network (a Content-Security-Policy forbids any
fetch). Jinja2 autoescapes every value, so hostile answer text (``<script>``, event handlers,
``javascript:`` links) is shown as inert text. The per-question drill-down is plain HTML, one
collapsed ``<details>`` per question with the runs side by side, so it works with scripts
disabled (as many hospital browsers run). The same records are also embedded once as JSON
(``<``, ``>`` and ``&`` escaped, so no answer text can close the script element) for a small
inline script that adds search, tag and failing-only filters and pages of 25 questions:
progressive enhancement, never required to read the report.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from harness.core.records import Span
from harness.report.data import ReportData, fmt, highlight, load_report_data
from harness.report.plots import all_plots, worst_questions
from harness.report.wording import scorer_sentence, verdict_reason
from harness.results.compare import Comparison, format_ci, format_p
from harness.results.table import higher_is_better
from harness.store import RunStore

__all__ = ["highlight", "render_html", "write_html", "Span"]

_ENV = Environment(loader=PackageLoader("harness.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"], default=True), trim_blocks=True,
                   lstrip_blocks=True)
_ENV.filters["fmt"] = fmt


def _pct(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{float(value):.0%}"


_ENV.filters["pct"] = _pct


def json_for_script(value: Any) -> Markup:
    """JSON safe to embed in ``<script type="application/json">``: no ``<``, ``>`` or ``&`` survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - every character that could end the element is escaped above


def render_html(data: ReportData, *, comparison: Comparison | None = None, title: str | None = None) -> str:
    """The page for ``data`` (one run, or several with ``comparison``)."""
    first = data.runs[0].run
    cells = {}
    for row in data.summary.itertuples(index=False):
        cells[(row.run_id, row.scorer)] = {
            "n": int(row.n), "n_unscored": int(row.n_unscored), "mean": row.mean, "pass_rate": row.pass_rate,
            "ci": format_ci(row.ci_low, row.ci_high, 3)}
    directions = {}
    for scorer in data.scorers:
        hib = higher_is_better(scorer)
        directions[scorer] = "" if hib is None else ("higher is better" if hib else "lower is better")
    descriptions = {scorer: scorer_sentence(scorer) for scorer in data.scorers}
    tag_options = []
    if not data.tag_summary.empty:
        tag_options = sorted(dict.fromkeys(f"{a}={b}" for a, b in zip(data.tag_summary["tag"],
                                                                       data.tag_summary["tag_value"], strict=True)))
    payload = {
        "runs": [{"id": rd.run.run_id, "generator": rd.run.generator, "label": _label(rd.run.run_id, data.run_ids)}
                 for rd in data.runs],
        "questions": [{k: v for k, v in q.items() if k != "grid"} for q in data.questions],  # grid: HTML only
    }
    template = _ENV.get_template("report.html.j2")
    alpha = comparison.alpha if comparison is not None else 0.05
    all_failed = all(rd.answers and rd.errored == rd.answers for rd in data.runs)
    default_title = f"run {first.run_id}" if len(data.runs) == 1 else f"{len(data.runs)} runs of {first.battery}"
    if data.use_reviews:
        default_title = f"reviewed {default_title}"
    return template.render(
        data=data, title=title or default_title, labels=[_label(rd.run.run_id, data.run_ids) for rd in data.runs],
        all_failed=all_failed, reason=lambda r: verdict_reason(r, alpha),
        battery_name=first.battery, battery_version=first.battery_version, fingerprint=first.battery_fingerprint,
        as_of=first.params.get("as_of"), cells=cells, directions=directions, descriptions=descriptions, comparison=comparison,
        plots={} if all_failed else all_plots(data), worst=[] if all_failed else worst_questions(data), stable_runs=[rd for rd in data.runs if rd.stability], tag_options=tag_options,
        payload=json_for_script(payload), ci=lambda lo, hi: format_ci(lo, hi, 3), p=format_p,
    )


def _label(run_id: str, all_ids: Sequence[str]) -> str:
    """A short badge label: the run id without the prefix all runs share."""
    if len(all_ids) < 2:
        return run_id[-24:]
    prefix = all_ids[0]
    for other in all_ids[1:]:
        while not other.startswith(prefix):
            prefix = prefix[:-1]
    label = run_id[len(prefix):] or run_id
    return label[-24:]


def write_html(store: RunStore, run_id: str, path: Path) -> Path:
    """Write the single-run report for ``run_id`` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(load_report_data(store, [run_id])), encoding="utf-8", newline="\n")
    return path
