"""Paired comparison of runs on the same battery: is generator B really better or worse than A?

``compare_runs()`` pairs every question answered and scored in both runs (the mean over its
samples when a run has several), and per scorer reports:

- the mean of the per-question differences (B - A) with a paired-bootstrap CI;
- an exact sign test on those differences and Cohen's d_z as the effect size;
- for pass rates, the exact McNemar test (or the sign test when a run has several samples and
  per-question pass shares are not 0/1) with the matched odds ratio;
- Holm-adjusted p-values across all scorers and pairs of the comparison (means and pass rates
  are two separate families), and a verdict from the adjusted p-value and the scorer's
  direction;
- a warning when the battery is too small to detect the difference asked about
  (``min_difference``) or, if none was asked, the observed one.

A question errored or unscored in either run is excluded from that pair and counted by reason,
never scored as 0. Runs on different battery contents (fingerprints) are refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from harness.core.stats import (
    DEFAULT_ALPHA,
    DEFAULT_N_BOOT,
    cohens_dz,
    holm,
    matched_odds_ratio,
    mcnemar_p,
    paired_bootstrap,
    power_note,
    sign_test,
)
from harness.errors import ConfigError
from harness.results.table import ResultOverlay, summarize, to_frame
from harness.store import RunStore

Verdict = Literal["better", "worse", "no significant difference", "no data"]

COMPARISON_COLUMNS: tuple[str, ...] = (
    "baseline", "other", "scorer", "higher_is_better", "n_pairs", "n_excluded", "excluded_errored_baseline",
    "excluded_errored_other", "excluded_unscored", "mean_baseline", "mean_other", "diff", "diff_ci_low",
    "diff_ci_high", "effect_dz", "n_better", "n_worse", "n_ties", "p_value", "p_holm", "verdict",
    "pass_rate_baseline", "pass_rate_other", "pass_diff", "pass_n", "pass_only_baseline", "pass_only_other",
    "pass_test", "pass_p_value", "pass_p_holm", "pass_odds_ratio", "pass_verdict", "power_note", "group",
)
"""Columns of ``Comparison.to_frame()`` (and comparison.csv), in order."""


class IncomparableRunsError(ConfigError):
    """The runs cannot be compared question by question (different battery contents)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScorerComparison:
    """One scorer, one pair of runs: paired differences, tests, effect sizes and a verdict."""

    baseline: str
    other: str
    scorer: str
    higher_is_better: bool | None
    n_pairs: int
    excluded_errored_baseline: int
    excluded_errored_other: int
    excluded_unscored: int
    mean_baseline: float
    mean_other: float
    diff: float
    diff_ci_low: float
    diff_ci_high: float
    effect_dz: float
    n_better: int
    """Questions where ``other`` scored better than ``baseline`` (direction-aware)."""
    n_worse: int
    n_ties: int
    p_value: float
    p_holm: float = math.nan
    verdict: Verdict = "no data"
    pass_rate_baseline: float = math.nan
    pass_rate_other: float = math.nan
    pass_n: int = 0
    pass_only_baseline: int = 0
    pass_only_other: int = 0
    pass_test: str = ""
    pass_p_value: float = math.nan
    pass_p_holm: float = math.nan
    pass_odds_ratio: float = math.nan
    pass_verdict: Verdict = "no data"  # noqa: S105 - a verdict, not a password
    power_note: str | None = None
    sd_diff: float = math.nan
    group: str = ""
    """Empty for the whole battery; ``<tag>=<value>`` for a per-category row (``by=``)."""

    @property
    def n_excluded(self) -> int:
        return self.excluded_errored_baseline + self.excluded_errored_other + self.excluded_unscored

    @property
    def pass_diff(self) -> float:
        return self.pass_rate_other - self.pass_rate_baseline

    def row(self) -> dict[str, object]:
        out = {c: getattr(self, c) for c in COMPARISON_COLUMNS}
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """The result of ``compare_runs()``: per-run summaries plus one ScorerComparison per scorer and pair."""

    run_ids: tuple[str, ...]
    battery: str
    battery_fingerprint: str
    generators: Mapping[str, str]
    frame: pd.DataFrame = field(repr=False)
    summary: pd.DataFrame = field(repr=False)
    rows: tuple[ScorerComparison, ...]
    alpha: float
    n_boot: int
    seed: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records([r.row() for r in self.rows], columns=list(COMPARISON_COLUMNS))

    @property
    def overall(self) -> tuple[ScorerComparison, ...]:
        """The whole-battery rows (without the per-category rows of ``by=``)."""
        return tuple(r for r in self.rows if not r.group)

    @property
    def by_group(self) -> tuple[ScorerComparison, ...]:
        return tuple(r for r in self.rows if r.group)

    def notes(self) -> list[str]:
        """Power warnings of the whole-battery rows, in row order (per-category ones stay in the CSV)."""
        out = []
        for r in self.overall:
            if r.power_note:
                out.append(f"{r.scorer} ({r.other} vs {r.baseline}): {r.power_note}")
        return out


def check_same_battery(store: RunStore, run_ids: Sequence[str]) -> None:
    """Refuse runs on different battery contents with one sentence naming both runs and fingerprints."""
    runs = [store.require_run(r) for r in run_ids]
    first = runs[0]
    for run in runs[1:]:
        if run.battery_fingerprint != first.battery_fingerprint:
            raise IncomparableRunsError(
                f"Runs {first.run_id!r} (battery {first.battery} v{first.battery_version}, fingerprint "
                f"{first.battery_fingerprint}) and {run.run_id!r} (battery {run.battery} v{run.battery_version}, "
                f"fingerprint {run.battery_fingerprint}) were run on different battery contents, so their "
                "questions cannot be paired; compare runs of the same battery version")


def compare_runs(
    store: RunStore,
    run_ids: Sequence[str],
    *,
    alpha: float = DEFAULT_ALPHA,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    min_difference: float | Mapping[str, float] | None = None,
    all_pairs: bool = False,
    frame: pd.DataFrame | None = None,
    overlay: ResultOverlay | None = None,
    by: str | None = None,
) -> Comparison:
    """Compare runs question by question; the first run is the baseline the others are compared to.

    ``all_pairs`` compares every pair instead. ``min_difference`` is the smallest difference that
    matters (one number, or per scorer); it drives the too-small-battery warning. ``overlay``
    (e.g. ``harness.results.table.review_overlay()``) compares reviewed instead of automatic values.
    ``by`` (a tag such as ``topic``) adds per-category rows after the whole-battery rows; they form
    their own Holm family, so asking about categories never weakens the overall verdicts.
    """
    run_ids = list(dict.fromkeys(run_ids))
    if len(run_ids) < 2:
        raise ConfigError(f"compare needs at least two distinct run ids, got {len(run_ids)}")
    if not 0 < alpha < 1:
        raise ConfigError(f"alpha must be between 0 and 1, got {alpha}")
    check_same_battery(store, run_ids)
    if frame is None:
        frame = to_frame(store, run_ids, overlay=overlay)
    runs = [store.require_run(r) for r in run_ids]
    pairs = ([(a, b) for i, a in enumerate(run_ids) for b in run_ids[i + 1:]] if all_pairs
             else [(run_ids[0], b) for b in run_ids[1:]])
    scorers = list(dict.fromkeys(frame["scorer"].tolist()))
    direction = frame.drop_duplicates("scorer").set_index("scorer")["higher_is_better"].to_dict()
    errored = _errored_questions(frame)
    rows: list[ScorerComparison] = []
    per_question = _PerQuestion(frame)
    for a, b in pairs:
        for scorer in scorers:
            hib = direction.get(scorer)
            wanted = (min_difference.get(scorer) if isinstance(min_difference, Mapping) else min_difference)
            rows.append(_compare_scorer(per_question, a, b, scorer, None if pd.isna(hib) else bool(hib), errored,
                                        n_boot=n_boot, seed=seed, alpha=alpha, min_difference=wanted))
    rows = _adjust(rows, alpha)
    if by is not None:
        col = by if by.startswith("tag_") else f"tag_{by}"
        if col not in frame.columns:
            tags = ", ".join(c.removeprefix("tag_") for c in frame.columns if c.startswith("tag_")) or "(none)"
            raise ConfigError(f"`by` {by}: the battery's questions have no tag {col.removeprefix('tag_')!r}; "
                              f"tags are {tags}", parameters=("by",))
        grouped: list[ScorerComparison] = []
        for value in sorted(frame[col].dropna().unique().tolist()):
            sub = frame[frame[col] == value]
            for a, b in pairs:
                for scorer in scorers:
                    hib = direction.get(scorer)
                    wanted = (min_difference.get(scorer) if isinstance(min_difference, Mapping) else min_difference)
                    r = _compare_scorer(_PerQuestion(sub), a, b, scorer, None if pd.isna(hib) else bool(hib), errored,
                                        n_boot=n_boot, seed=seed, alpha=alpha, min_difference=wanted)
                    grouped.append(replace(r, group=f"{col.removeprefix('tag_')}={value}"))
        rows += _adjust(grouped, alpha)
    summary = summarize(frame, by=("run_id", "scorer"), n_boot=n_boot, seed=seed)
    return Comparison(run_ids=tuple(run_ids), battery=runs[0].battery,
                      battery_fingerprint=runs[0].battery_fingerprint,
                      generators={r.run_id: r.generator for r in runs}, frame=frame, summary=summary,
                      rows=tuple(rows), alpha=alpha, n_boot=n_boot, seed=seed)


def _errored_questions(frame: pd.DataFrame) -> dict[str, set[str]]:
    """Per run: questions whose every sample failed to generate."""
    g = frame.groupby(["run_id", "question_id"], sort=False)["errored"].all()
    out: dict[str, set[str]] = {}
    for (run_id, qid), all_err in g.items():
        if all_err:
            out.setdefault(str(run_id), set()).add(str(qid))
    return out


class _PerQuestion:
    """Per (run, scorer): each question's mean value and pass share over its samples, computed once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        keys = ["run_id", "scorer", "question_id"]
        work = frame.assign(_pass=frame["passed"].astype("float64"))
        grouped = work.groupby(keys, sort=True)
        self._means = grouped["value"].mean()
        self._passes = grouped["_pass"].mean()

    @staticmethod
    def _pick(series: pd.Series, run_id: str, scorer: str) -> pd.Series:
        try:
            return series.xs((run_id, scorer), level=("run_id", "scorer"))
        except KeyError:
            return pd.Series(dtype="float64")

    def means(self, run_id: str, scorer: str) -> pd.Series:
        return self._pick(self._means, run_id, scorer)

    def passes(self, run_id: str, scorer: str) -> pd.Series:
        return self._pick(self._passes, run_id, scorer)


def _compare_scorer(per: _PerQuestion, a: str, b: str, scorer: str, hib: bool | None,
                    errored: Mapping[str, set[str]], *, n_boot: int, seed: int, alpha: float,
                    min_difference: float | None) -> ScorerComparison:
    ma, mb = per.means(a, scorer), per.means(b, scorer)
    questions = sorted(set(ma.index) | set(mb.index))
    ma, mb = ma.reindex(questions), mb.reindex(questions)
    err_a = sum(1 for q in questions if q in errored.get(a, ()))
    err_b = sum(1 for q in questions if q in errored.get(b, ()) and q not in errored.get(a, ()))
    both = ma.notna() & mb.notna()
    unscored = int((~both).sum()) - err_a - err_b
    da, db = ma[both].to_numpy(), mb[both].to_numpy()
    diffs = db - da
    sign = 1.0 if hib is not False else -1.0  # "better" means higher unless the scorer says otherwise
    boot = paired_bootstrap(diffs, n_boot=n_boot, seed=seed)
    st = sign_test(diffs * sign)
    sd = float(np.std(diffs, ddof=1)) if diffs.size > 1 else math.nan
    note = None
    if diffs.size:
        asked = min_difference if min_difference is not None else boot.mean_diff
        if min_difference is not None or (st.p_value >= alpha and asked != 0):
            note = power_note(asked, sd, int(diffs.size), alpha=alpha, what=f"{scorer} difference")
    elif ma.notna().any() or mb.notna().any():  # when neither run scored anything, the summary says so already
        note = f"no question was scored in both runs for {scorer}"
    pa, pb = per.passes(a, scorer).reindex(questions), per.passes(b, scorer).reindex(questions)
    pboth = pa.notna() & pb.notna()
    xa, xb = pa[pboth].to_numpy(), pb[pboth].to_numpy()
    pass_fields: dict[str, object] = {}
    if xa.size:
        binary = bool(np.isin(xa, (0.0, 1.0)).all() and np.isin(xb, (0.0, 1.0)).all())
        only_a = int(((xa == 1) & (xb == 0)).sum()) if binary else int((xa > xb).sum())
        only_b = int(((xa == 0) & (xb == 1)).sum()) if binary else int((xb > xa).sum())
        pass_fields = {
            "pass_rate_baseline": float(xa.mean()), "pass_rate_other": float(xb.mean()), "pass_n": int(xa.size),
            "pass_only_baseline": only_a, "pass_only_other": only_b,
            "pass_test": "mcnemar-exact" if binary else "sign-test",
            "pass_p_value": mcnemar_p(only_a, only_b) if binary else sign_test(xb - xa).p_value,
            "pass_odds_ratio": matched_odds_ratio(only_a, only_b),
        }
    return ScorerComparison(
        baseline=a, other=b, scorer=scorer, higher_is_better=hib, n_pairs=int(diffs.size),
        excluded_errored_baseline=err_a, excluded_errored_other=err_b, excluded_unscored=max(0, unscored),
        mean_baseline=float(da.mean()) if da.size else math.nan,
        mean_other=float(db.mean()) if db.size else math.nan,
        diff=boot.mean_diff, diff_ci_low=boot.ci_low, diff_ci_high=boot.ci_high, effect_dz=cohens_dz(diffs),
        n_better=st.n_pos, n_worse=st.n_neg, n_ties=st.n_ties, p_value=st.p_value, power_note=note, sd_diff=sd,
        **pass_fields,  # type: ignore[arg-type]
    )


def _verdict(p_holm: float, improved: bool, alpha: float) -> Verdict:
    if math.isnan(p_holm):
        return "no data"
    if p_holm >= alpha:
        return "no significant difference"
    return "better" if improved else "worse"


def _adjust(rows: list[ScorerComparison], alpha: float) -> list[ScorerComparison]:
    """Holm across the comparison's mean tests, and separately across its pass-rate tests."""
    mean_adj = holm([r.p_value for r in rows])
    pass_adj = holm([r.pass_p_value for r in rows])
    out = []
    for r, pm, pp in zip(rows, mean_adj, pass_adj, strict=True):
        out.append(replace(
            r, p_holm=pm, verdict=_verdict(pm, r.n_better > r.n_worse, alpha),
            pass_p_holm=pp, pass_verdict=_verdict(pp, r.pass_only_other > r.pass_only_baseline, alpha)))
    return out


def format_p(p: float) -> str:
    """p-values as tables show them: '<0.001', three decimals, or '—'."""
    if math.isnan(p):
        return "—"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def format_num(x: float, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if math.isinf(x):
        return "∞"
    return f"{x:.{digits}f}"


def format_ci(low: float, high: float, digits: int = 3) -> str:
    if math.isnan(low) or math.isnan(high):
        return "—"
    return f"[{low:.{digits}f}, {high:.{digits}f}]"


def comparison_table(comp: Comparison) -> list[list[str]]:
    """Rows (with a header row) of the compact comparison table the CLI prints."""
    grouped = any(r.group for r in comp.rows)
    head = ["scorer", *(["category"] if grouped else []), "baseline", "other", "n", "excl", "mean A", "mean B", "diff B-A [95% CI]", "dz",
            "better/worse/tie", "p (Holm)", "verdict", "pass A→B", "pass p (Holm)"]
    out = [head]
    for r in comp.rows:
        out.append([
            r.scorer, *([r.group or "(all)"] if grouped else []), r.baseline, r.other, str(r.n_pairs), str(r.n_excluded), format_num(r.mean_baseline),
            format_num(r.mean_other), _diff_cell(r),
            format_num(r.effect_dz, 2), f"{r.n_better}/{r.n_worse}/{r.n_ties}", format_p(r.p_holm), r.verdict,
            f"{format_num(r.pass_rate_baseline, 2)}→{format_num(r.pass_rate_other, 2)}", format_p(r.pass_p_holm),
        ])
    return out


def _diff_cell(r: ScorerComparison) -> str:
    if math.isnan(r.diff):
        return "—"
    return f"{format_num(r.diff)} {format_ci(r.diff_ci_low, r.diff_ci_high)}"


def render_text_table(rows: list[list[str]]) -> str:
    """A plain aligned text table (no colour codes, so it pastes anywhere)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
