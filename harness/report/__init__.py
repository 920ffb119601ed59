"""Reports rebuilt from the run store alone: ``report.html`` (self-contained) and ``summary.md``."""

from __future__ import annotations

from pathlib import Path

from harness.report.html import write_html
from harness.report.markdown import write_markdown
from harness.store import RunStore

__all__ = ["write_html", "write_markdown", "write_report"]


def write_report(store: RunStore, run_id: str, out_dir: Path) -> Path:
    """Write report.html and summary.md for one run; return the HTML path."""
    write_markdown(store, run_id, out_dir / "summary.md")
    return write_html(store, run_id, out_dir / "report.html")
