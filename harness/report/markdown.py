"""``summary.md``: a short run summary fit for a pull-request comment or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from pathlib import Path

from harness.report.data import fmt, load_view
from harness.store import RunStore


def render_markdown(store: RunStore, run_id: str) -> str:
    view = load_view(store, run_id)
    run = view.run
    errors = sum(a.error is not None for a in view.answers)
    lines = [
        f"## answer-audit run `{run.run_id}`",
        "",
        f"Battery **{run.battery}** v{run.battery_version} (fingerprint `{run.battery_fingerprint}`), "
        f"generator `{run.generator}`, audited as of {run.params.get('as_of')}.",
        f"{len(view.answers)} answers, {errors} generation errors.",
        "",
        "| scorer | n | unscored | mean | pass rate |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in view.summaries:
        lines.append(f"| {s.name} | {s.n} | {s.n_unscored} | {fmt(s.mean)} | {fmt(s.pass_rate)} |")
    if view.battery_note:
        lines += ["", f"> Note: {view.battery_note}"]
    return "\n".join(lines) + "\n"


def write_markdown(store: RunStore, run_id: str, path: Path) -> Path:
    path.write_text(render_markdown(store, run_id), encoding="utf-8", newline="\n")
    return path
