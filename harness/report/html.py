"""``report.html``: one self-contained page (inline CSS, no network); every answer text is escaped."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from harness.records import Span
from harness.report.data import RunView, fmt, load_view
from harness.store import RunStore

_ENV = Environment(loader=PackageLoader("harness.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"], default=True), trim_blocks=True,
                   lstrip_blocks=True)
_ENV.filters["fmt"] = fmt


def highlight(text: str, spans: list[tuple[Span, str]]) -> list[tuple[str, str | None]]:
    """Cut the answer into (piece, css class or None) so the template can mark evidence safely.

    Overlapping spans keep the first one; the template escapes every piece.
    """
    marks = sorted(((s.start, s.end, cls) for s, cls in spans if 0 <= s.start < s.end <= len(text)))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, cls in marks:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], cls))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


_VERDICT_CLASS = {"supported": "ok", "contradicted": "bad", "stated": "bad"}


def render_html(view: RunView) -> str:
    rows = []
    questions = {q.id: q for q in view.battery.questions} if view.battery else {}
    for answer in view.answers:
        key = (answer.question_id, answer.sample)
        verdicts = view.claims.get(key, [])
        spans = [(e, _VERDICT_CLASS[v.verdict]) for v in verdicts if v.verdict in _VERDICT_CLASS for e in v.evidence]
        gold = view.battery.gold.get(answer.question_id) if view.battery else None
        claim_text = {c.id: c.text for c in gold.claims} if gold else {}
        rows.append({
            "answer": answer, "question": questions.get(answer.question_id),
            "pieces": highlight(answer.text or "", spans), "scores": view.scores.get(key, {}),
            "verdicts": verdicts, "claim_text": claim_text,
        })
    template = _ENV.get_template("run.html.j2")
    return template.render(view=view, rows=rows, scorer_names=[s.name for s in view.summaries])


def write_html(store: RunStore, run_id: str, path: Path) -> Path:
    path.write_text(render_html(load_view(store, run_id)), encoding="utf-8", newline="\n")
    return path
