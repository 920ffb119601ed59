"""Reports rebuilt from the run store alone.

- ``write_report(store, run_id, out_dir)``: ``report.html`` (self-contained) and ``summary.md`` of one run;
- ``harness.report.comparison.write_comparison(store, run_ids, out_dir)``: the same page for several
  generators with the paired comparison, plus Markdown and CSV;
- ``harness.report.tables``: the results table as CSV, Parquet or a ``datasets`` dataset.
"""

from __future__ import annotations

from pathlib import Path

from harness.report.data import load_report_data
from harness.report.html import render_html, write_html
from harness.report.markdown import markdown_from_data, render_markdown, write_markdown
from harness.store import RunStore

__all__ = ["render_html", "render_markdown", "write_html", "write_markdown", "write_report"]


def write_report(store: RunStore, run_id: str, out_dir: Path, *, use_reviews: bool = False) -> Path:
    """Write report.html and summary.md for one run; return the HTML path.

    With ``use_reviews`` the numbers are reviewed values where reviewers settled them.
    """
    data = load_report_data(store, [run_id], use_reviews=use_reviews)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "summary.md").write_text(markdown_from_data(data), encoding="utf-8", newline="\n")
    path = out_dir / "report.html"
    path.write_text(render_html(data), encoding="utf-8", newline="\n")
    return path
