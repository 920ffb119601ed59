"""``summary.md``: a short summary fit for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

One table for a run (or one row per scorer with the generators side by side), the paired
comparison's verdicts when there are several runs, and at most a few notes. No timestamps: the
same store gives byte-identical Markdown.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from harness.generate.failures import plural
from harness.report.data import ReportData, fmt, load_report_data
from harness.report.wording import verdict_reason
from harness.results.compare import Comparison, format_ci, format_num, format_p
from harness.store import RunStore

MAX_NOTES = 5


def _pct(x: float) -> str:
    return "—" if x is None or math.isnan(x) else f"{x:.0%}"


def _cell(row: pd.Series) -> str:
    if int(row["n"]) == 0:
        return f"— ({int(row['n_unscored'])} unscored)" if int(row["n_unscored"]) else "—"
    out = f"{format_num(float(row['mean']), 3)} {format_ci(float(row['ci_low']), float(row['ci_high']), 2)}"
    out += f", pass {_pct(float(row['pass_rate']))}"
    if int(row["n_unscored"]):
        out += f", {int(row['n_unscored'])} unscored"
    return out


def render_markdown(store: RunStore, run_id: str) -> str:
    """The summary of one run: identity, answer counts, and one line per scorer."""
    return markdown_from_data(load_report_data(store, [run_id], tags=False))


def markdown_from_data(data: ReportData) -> str:
    """``render_markdown`` for data already gathered (the first run of ``data``)."""
    run, rd = data.runs[0].run, data.runs[0]
    lines = [
        f"## answer-audit run `{run.run_id}`",
        "",
        f"Battery **{run.battery}** v{run.battery_version} (fingerprint `{run.battery_fingerprint}`), "
        f"generator `{run.generator}`, audited as of {run.params.get('as_of')}.",
        f"{plural(rd.answers, 'answer')}, {plural(rd.errored, 'generation error')}."
        + (" **Reviewed values** where reviewers settled them (automatic report in the folder above)."
           if data.use_reviews else ""),
        *([f"Gold answers: {data.gold_status.sentence()}."] if data.gold_status is not None
          and not data.gold_status.all_reviewed else []),
        *_error_lines(data, run.run_id),
        "",
        "| scorer | n | unscored | mean [95% CI] | pass rate |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in data.summary.itertuples(index=False):
        ci = format_ci(row.ci_low, row.ci_high, 2)
        lines.append(f"| {row.scorer} | {row.n} | {row.n_unscored} | {fmt(row.mean, 3)} {ci if row.n else ''}".rstrip()
                     + f" | {_pct(row.pass_rate)} |")
    unsure, judged = rd.needs_review
    if unsure:
        lines += ["", f"{unsure} of {judged} claim verdicts ({unsure / judged:.0%}) need review (the judge was "
                      f"unsure; listed first in report.html and in the review queue)."]
    harmful = rd.verdict_counts["negative"].get("stated", 0)
    if harmful:
        lines += ["", f"**{harmful} harmful or outdated claim(s) stated** (see report.html)."]
    for note in data.notes[:MAX_NOTES]:
        lines += ["", f"> Note: {note}"]
    return "\n".join(lines) + "\n"


def _error_lines(data: ReportData, run_id: str) -> list[str]:
    tally = data.error_tallies.get(run_id)
    if tally is None or tally.first is None:
        return []
    causes = ", ".join(f"{n} {cause}" for cause, n in tally.causes.most_common())
    return [f"Generation errors by cause: {causes}; first ({tally.first[0]}): `{_md(tally.first[1])}`."]


def _md(text: str, limit: int = 200) -> str:
    text = " ".join(text.split()).replace("`", "'").replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_markdown(store: RunStore, run_id: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(store, run_id), encoding="utf-8", newline="\n")
    return path


def render_comparison_markdown(comp: Comparison) -> str:
    """Generators side by side (mean [CI], pass rate) and the paired verdicts, in a PR-sized table."""
    summary = comp.summary.set_index(["run_id", "scorer"])
    runs = list(comp.run_ids)
    scorers = list(dict.fromkeys(comp.summary["scorer"]))
    lines = [f"## answer-audit comparison: {len(runs)} runs of **{comp.battery}**", "",
             f"Battery fingerprint `{comp.battery_fingerprint}`; baseline `{runs[0]}`. Means with bootstrap "
             f"95% CIs ({comp.n_boot} resamples, seed {comp.seed}); paired tests Holm-adjusted, alpha {comp.alpha:g}.",
             "", "| scorer | " + " | ".join(f"`{r}`" for r in runs) + " |",
             "|---|" + "---:|" * len(runs)]
    for scorer in scorers:
        lines.append(f"| {scorer} | " + " | ".join(_cell(summary.loc[(r, scorer)]) for r in runs) + " |")
    lines += ["", "| scorer | other vs baseline | n | diff [95% CI] | p (Holm) | verdict | pass-rate verdict |",
              "|---|---|---:|---:|---:|---|---|"]
    for r in comp.overall:
        excl = f" ({r.n_excluded} excl.)" if r.n_excluded else ""
        diff = "—" if math.isnan(r.diff) else f"{format_num(r.diff)} {format_ci(r.diff_ci_low, r.diff_ci_high)}"
        mark = {"better": "✅ better", "worse": "❌ worse"}.get(r.verdict, r.verdict)
        why = verdict_reason(r, comp.alpha)
        if why and r.verdict not in ("better", "worse"):
            mark += f" ({_md(why, 400)})"
        pmark = {"better": "✅ better", "worse": "❌ worse"}.get(r.pass_verdict, r.pass_verdict)
        lines.append(f"| {r.scorer} | `{r.other}` | {r.n_pairs}{excl} | {diff} | {format_p(r.p_holm)} | {mark} | "
                     f"{pmark} |")
    worse = [r for r in comp.by_group if "worse" in (r.verdict, r.pass_verdict)]
    if comp.by_group:
        lines += ["", f"Per category: {len(worse)} of {len(comp.by_group)} category rows significantly worse"
                  + (": " + ", ".join(f"{r.scorer} {r.group} (`{r.other}`)" for r in worse[:8]) if worse else "")
                  + ("…" if len(worse) > 8 else "") + " (comparison.csv, column group)."]
    notes = comp.notes()
    if notes:
        lines.append("")
        lines += [f"> ⚠ {n}" for n in notes[:MAX_NOTES]]
        if len(notes) > MAX_NOTES:
            lines.append(f"> … and {len(notes) - MAX_NOTES} more warnings (comparison.csv, power_note column)")
    return "\n".join(lines) + "\n"
