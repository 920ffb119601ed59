"""The comparison report of several runs of one battery (what ``answer-audit compare`` and the demo write).

``write_comparison(store, run_ids, out_dir)`` writes, into ``out_dir``:

- ``comparison.html``: the self-contained report with the generators side by side, the paired
  comparison (CIs, tests, verdicts), plots and the per-question drill-down of every run;
- ``summary.md``: the PR-sized Markdown summary;
- ``comparison.csv``: one row per scorer and pair (``harness.results.compare.COMPARISON_COLUMNS``);
- ``results.csv``: the long results table of all runs (``harness.results.table.RESULT_COLUMNS`` + tags).

The CSV and Markdown files are byte-identical for the same store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from harness.report.data import load_report_data
from harness.report.html import render_html
from harness.report.markdown import render_comparison_markdown
from harness.report.tables import comparison_csv, frame_csv
from harness.results.compare import Comparison, compare_runs
from harness.store import RunStore


def write_comparison_files(store: RunStore, comp: Comparison, out_dir: Path) -> Path:
    """Write the comparison report of an already computed comparison; return the HTML path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = load_report_data(store, list(comp.run_ids), n_boot=comp.n_boot, seed=comp.seed, frame=comp.frame,
                            summary=comp.summary)
    html = out_dir / "comparison.html"
    html.write_text(render_html(data, comparison=comp), encoding="utf-8", newline="\n")
    (out_dir / "summary.md").write_text(render_comparison_markdown(comp), encoding="utf-8", newline="\n")
    (out_dir / "comparison.csv").write_text(comparison_csv(comp), encoding="utf-8", newline="")
    (out_dir / "results.csv").write_text(frame_csv(comp.frame), encoding="utf-8", newline="")
    return html


def write_comparison(store: RunStore, run_ids: Sequence[str], out_dir: Path) -> Path:
    """Compare ``run_ids`` (the first is the baseline) and write the comparison report to ``out_dir``."""
    return write_comparison_files(store, compare_runs(store, list(run_ids)), out_dir)
