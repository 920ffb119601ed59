"""The report's plots: matplotlib figures rendered to base64 PNG data URIs (no files, no network).

Each function takes ``ReportData`` and returns a ``data:image/png;base64,...`` string, or None
when there is nothing to draw (no reading grades, no claim verdicts). Figures are built with
``matplotlib.figure.Figure`` and never touch pyplot, so reports render on headless CI machines
and importing the harness does not change the backend of a researcher's notebook. PNG metadata
is stripped so the bytes carry no software version or date.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from harness.report.data import NEGATIVE_VERDICT_ORDER, POSITIVE_VERDICT_ORDER, ReportData

PALETTE = ("#3b6ea8", "#d9822b", "#4f9a59", "#b3475a", "#7a5ba6", "#8c6d46", "#c266a8", "#6e6e6e")
VERDICT_COLOURS = {"supported": "#4f9a59", "missing": "#c9c9c9", "contradicted": "#c0392b",
                   "absent": "#9ec5e8", "stated": "#8e1b12"}


def _png(fig: Figure, *, tight: bool = False) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96, bbox_inches="tight" if tight else None, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _labels(data: ReportData) -> list[str]:
    return [_short(r.run.run_id) for r in data.runs]


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def scorer_means(data: ReportData) -> str | None:
    """One small panel per scorer: each run's mean with its bootstrap 95% CI."""
    scorers = data.scorers
    if not scorers:
        return None
    cols = min(3, len(scorers))
    rows = math.ceil(len(scorers) / cols)
    labels = _labels(data)
    fig = Figure(figsize=(3.6 * cols, 0.5 + (0.32 * len(labels) + 0.9) * rows))
    axes = fig.subplots(rows, cols, squeeze=False)
    summary = data.summary.set_index(["run_id", "scorer"])
    for k, scorer in enumerate(scorers):
        ax = axes[k // cols][k % cols]
        for i, rd in enumerate(data.runs):
            row = summary.loc[(rd.run.run_id, scorer)]
            mean, lo, hi = float(row["mean"]), float(row["ci_low"]), float(row["ci_high"])
            y = len(labels) - 1 - i
            if math.isnan(mean):
                ax.text(0.02, y, "no scored answers", va="center", fontsize=7, color="#777",
                        transform=ax.get_yaxis_transform())
                continue
            err = None if math.isnan(lo) else [[mean - lo], [hi - mean]]
            ax.errorbar(mean, y, xerr=err, fmt="o", color=PALETTE[i % len(PALETTE)], capsize=3, ms=5)
        ax.set_yticks(range(len(labels)), labels[::-1], fontsize=7)
        ax.set_ylim(-0.7, len(labels) - 0.3)
        ax.set_title(scorer, fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    for k in range(len(scorers), rows * cols):
        axes[k // cols][k % cols].axis("off")
    fig.tight_layout()
    return _png(fig)


def reading_grades(data: ReportData) -> str | None:
    """Distribution of reading grades per run against the battery's target grade."""
    series = [(rd, rd.reading_grades) for rd in data.runs if rd.reading_grades]
    if not series:
        return None
    fig = Figure(figsize=(7, 2.8))
    ax = fig.subplots()
    allv = np.concatenate([np.asarray(v) for _, v in series])
    lo, hi = math.floor(min(allv.min(), data.reading_target or allv.min())), math.ceil(allv.max()) + 1
    bins = [float(b) for b in np.arange(lo, hi + 1, 1.0 if hi - lo > 6 else 0.5)]
    for i, (rd, values) in enumerate(series):
        ax.hist(values, bins=bins, histtype="step", linewidth=1.8, color=PALETTE[i % len(PALETTE)],
                label=_short(rd.run.run_id))
    if data.reading_target is not None:
        ax.axvline(data.reading_target, color="#222", linestyle="--", linewidth=1.2)
        ax.text(data.reading_target, ax.get_ylim()[1] * 0.95, f" target grade {data.reading_target:g}",
                fontsize=8, va="top")
    ax.set_xlabel("reading grade (lower is easier)", fontsize=8)
    ax.set_ylabel("answers", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    return _png(fig)


def claim_verdicts(data: ReportData) -> str | None:
    """Stacked bars per run: verdict shares for gold claims (left) and harmful/outdated claims (right)."""
    if not any(sum(c.values()) for rd in data.runs for c in rd.verdict_counts.values()):
        return None
    labels = _labels(data)
    fig = Figure(figsize=(9, 0.8 + 0.38 * len(labels)))
    axes = fig.subplots(1, 2, sharey=True)
    for ax, group, order, title in ((axes[0], "positive", POSITIVE_VERDICT_ORDER, "essential + supporting claims"),
                                    (axes[1], "negative", NEGATIVE_VERDICT_ORDER, "harmful + outdated claims")):
        for i, rd in enumerate(data.runs):
            counts = rd.verdict_counts[group]
            total = sum(counts.values())
            left = 0.0
            y = len(labels) - 1 - i
            for verdict in order:
                share = counts.get(verdict, 0) / total if total else 0.0
                ax.barh(y, share, left=left, color=VERDICT_COLOURS[verdict],
                        label=verdict if i == 0 else None, edgecolor="white", linewidth=0.5)
                if share >= 0.08:
                    ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", fontsize=7,
                            color="white" if verdict in ("contradicted", "stated", "supported") else "#222")
                left += share
        ax.set_xlim(0, 1)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    axes[0].set_yticks(range(len(labels)), labels[::-1])
    fig.tight_layout()
    return _png(fig, tight=True)


def tag_heatmap(data: ReportData, max_rows: int = 40) -> str | None:
    """Category x scorer heatmap: pass rate per tag value (rows) and scorer (columns), one panel per run."""
    t = data.tag_summary
    if t.empty:
        return None
    rows = list(dict.fromkeys(f"{a}={b}" for a, b in zip(t["tag"], t["tag_value"], strict=True)))[:max_rows]
    scorers = data.scorers
    n = len(data.runs)
    # Sized so the labels read at 100 % zoom: 9-10 pt text at 96 dpi is 12-13 px on screen.
    fig = Figure(figsize=(0.95 * len(scorers) * n + 2.8, 1.6 + 0.36 * len(rows)))
    axes = fig.subplots(1, n, squeeze=False, sharey=True)
    t = t.assign(row=t["tag"] + "=" + t["tag_value"].astype(str)).set_index(["run_id", "row", "scorer"])
    image = None
    for i, rd in enumerate(data.runs):
        ax = axes[0][i]
        grid = np.full((len(rows), len(scorers)), np.nan)
        for r, row in enumerate(rows):
            for c, scorer in enumerate(scorers):
                key = (rd.run.run_id, row, scorer)
                if key in t.index:
                    grid[r, c] = float(t.loc[key, "pass_rate"])
        image = ax.imshow(np.ma.masked_invalid(grid), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        for r in range(len(rows)):
            for c in range(len(scorers)):
                if not math.isnan(grid[r, c]):
                    ax.text(c, r, f"{grid[r, c]:.0%}", ha="center", va="center", fontsize=9)
        ax.set_xticks(range(len(scorers)), scorers, rotation=45, ha="right", fontsize=10)
        ax.set_yticks(range(len(rows)), rows, fontsize=10)
        ax.set_title(_short(rd.run.run_id, 26), fontsize=10)
    if image is not None:
        fig.colorbar(image, ax=axes[0].tolist(), shrink=0.6, label="pass rate")
    return _png(fig, tight=True)


def _paired_panels(data: ReportData, max_scorers: int = 6) -> list[tuple[str, list[tuple[str, Any]]]]:
    """(scorer, [(other run id, per-question difference oriented so positive = better)]) per scorer."""
    if len(data.runs) < 2 or data.frame.empty:
        return []
    from harness.results.table import higher_is_better

    frame = data.frame.dropna(subset=["value"])
    means = frame.groupby(["run_id", "scorer", "question_id"])["value"].mean()
    base = data.runs[0].run.run_id
    panels = []
    for scorer in data.scorers:
        sign = -1.0 if higher_is_better(scorer) is False else 1.0
        per_run = []
        for rd in data.runs[1:]:
            try:
                diff = (means.loc[(rd.run.run_id, scorer)] - means.loc[(base, scorer)]).dropna() * sign
            except KeyError:
                continue
            if not diff.empty:
                per_run.append((rd.run.run_id, diff))
        if per_run and any(float(d.abs().max()) > 0 for _, d in per_run):
            panels.append((scorer, per_run))
    return panels[:max_scorers]


def paired_differences(data: ReportData) -> str | None:
    """Per question and scorer: other run minus the baseline (first run), oriented so right is better.

    One panel per scorer, questions sorted by their difference, one colour per other run. The
    questions that got most worse are listed (with links) under the plot by ``worst_questions``.
    """
    panels = _paired_panels(data)
    if not panels:
        return None
    cols = min(3, len(panels))
    rows = math.ceil(len(panels) / cols)
    fig = Figure(figsize=(4.4 * cols, 3.2 * rows))
    axes = fig.subplots(rows, cols, squeeze=False)
    for k, (scorer, per_run) in enumerate(panels):
        ax = axes[k // cols][k % cols]
        for i, (run_id, diff) in enumerate(per_run):
            ordered = diff.sort_values()
            ax.scatter(ordered.to_numpy(), range(len(ordered)), s=14, color=PALETTE[(i + 1) % len(PALETTE)],
                       label=_short(run_id, 24), alpha=0.8)
        ax.axvline(0, color="#555", linewidth=0.8)
        ax.set_title(f"{scorer} (right = better)", fontsize=10)
        ax.set_yticks([])
        ax.set_ylabel("questions, sorted", fontsize=9)
        ax.set_xlabel("other − baseline", fontsize=9)
        ax.tick_params(labelsize=9)
    for k in range(len(panels), rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return _png(fig, tight=True)


def worst_questions(data: ReportData, n: int = 5) -> list[dict[str, Any]]:
    """Per scorer, the ``n`` (question, other run) pairs that got most worse against the baseline."""
    out = []
    for scorer, per_run in _paired_panels(data):
        worst = sorted(((float(v), str(q), run_id) for run_id, diff in per_run for q, v in diff.items() if v < 0))[:n]
        if worst:
            out.append({"scorer": scorer, "rows": [{"question_id": q, "run_id": r, "diff": v} for v, q, r in worst]})
    return out


def all_plots(data: ReportData) -> dict[str, str | None]:
    """Every plot of the report, keyed by section name."""
    return {"means": scorer_means(data), "reading": reading_grades(data), "verdicts": claim_verdicts(data),
            "heatmap": tag_heatmap(data), "paired": paired_differences(data)}
