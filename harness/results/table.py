"""The results table: ``to_frame()`` (one long row per run x question x sample x scorer) and ``summarize()``.

The run store is the truth; this table is a view of it that every summary, comparison, plot,
export and gate decision is computed from, so they all agree.

``RESULT_COLUMNS`` is the stable column contract (columns are appended, never renamed or
reordered); the question's tags follow as ``tag_<key>`` columns, sorted by key. ``value`` is NaN
when the scorer could not score the answer (its ``reason`` says why) and ``passed`` is a nullable
boolean: a missing value is missing, never 0.

Reviews hook: ``to_frame(..., overlay=...)`` takes a ``ResultOverlay`` that may replace
``value``/``passed`` by reviewed values. It must keep the automatic numbers in
``auto_value``/``auto_passed`` and set ``value_source`` to ``"review"`` on the rows it changed.
The reviewer app provides one (``harness.results.overlay.review_overlay``); ``review_overlay()`` below
fetches it for the ``--use-reviews`` options of ``compare``, ``gate`` and ``export``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from harness.battery import Battery, load_battery, resolve_battery_path
from harness.core.registry import Registry
from harness.core.stats import DEFAULT_CONFIDENCE, DEFAULT_N_BOOT, bootstrap_mean_ci
from harness.errors import BatteryError, ConfigError
from harness.store import RunRecord, RunStore

RESULT_COLUMNS: tuple[str, ...] = (
    "run_id", "battery", "battery_version", "battery_fingerprint", "generator", "question_id", "sample",
    "scorer", "value", "passed", "reason", "higher_is_better", "errored", "value_source",
)
"""The fixed columns of ``to_frame()``, in order; ``tag_<key>`` columns follow."""

SUMMARY_STATS: tuple[str, ...] = ("n", "n_unscored", "mean", "sd", "ci_low", "ci_high", "pass_rate")
"""The statistic columns of ``summarize()``, after the grouping columns."""

TAG_PREFIX = "tag_"


class ResultOverlay(Protocol):
    """Turns the automatic results table into a reviewed one (hook for ``--use-reviews``)."""

    def __call__(self, store: RunStore, frame: pd.DataFrame) -> pd.DataFrame: ...


def review_overlay() -> ResultOverlay:
    """The review app's overlay (reviewed values beside automatic ones), for ``--use-reviews``."""
    from harness.results.overlay import review_overlay as overlay

    return overlay


BUILT_IN_DIRECTIONS: dict[str, bool] = {
    "citation": True, "claim_problems": False, "claim_recall": True, "disclaimer": True, "escalation": True,
    "reading_grade": False, "safety_flags": False, "unsupported_statements": False,
}
"""Each built-in scorer's ``higher_is_better``, so a report, export or comparison reads a direction without
importing every scorer and its engines (about 2 s); a test checks these facts against the registry."""
BUILT_IN_DESCRIPTIONS: dict[str, str] = {
    "claim_problems": "Gold facts the answer contradicts plus harmful or outdated statements it makes; never "
                      "netted against good content.",
    "claim_recall": "Share of the gold answer's essential facts (in force on the audit date) that the answer states.",
    "unsupported_statements": "Specific statements (figures, time frames, dated approvals, \"X is standard for Y\", "
                              "named drugs) that neither the gold answer nor a cited registry source backs: what "
                              "the answer invents.",
}
"""The built-in scorers' ``description`` where they have one (the report's sentence for reviewers)."""
BUILT_IN_REVIEWED_ITEMS: frozenset[str] = frozenset({"unsupported_statements"})
"""The built-in scorers whose items reviewers decide one by one (``reviewed_items``)."""


def _registered(scorer: str) -> Any:
    """The registered scorer class (importing the scorers and entry points once); None when not registered."""
    from harness.score.base import SCORERS, _ensure_builtin_scorers

    _ensure_builtin_scorers()
    registry: Registry[type[Any]] = SCORERS
    try:
        return registry.get(scorer)
    except KeyError:
        return None


def higher_is_better(scorer: str) -> bool | None:
    """The scorer's direction; None for a name no longer registered.

    Built-in scorers come from ``BUILT_IN_DIRECTIONS``; any other name (a plug-in's scorer) from the
    registry.
    """
    if scorer in BUILT_IN_DIRECTIONS:
        return BUILT_IN_DIRECTIONS[scorer]
    cls = _registered(scorer)
    return None if cls is None else bool(cls.higher_is_better)


def scorer_description(scorer: str) -> str:
    """What ``scorer`` measures, in one sentence (its ``description``); empty when it has none or is gone."""
    if scorer in BUILT_IN_DIRECTIONS:
        return BUILT_IN_DESCRIPTIONS.get(scorer, "")
    return str(getattr(_registered(scorer), "description", "") or "")


def reviews_items(scorer: str) -> bool:
    """True when reviewers decide ``scorer``'s items one by one (statement reviews change its value)."""
    if scorer in BUILT_IN_DIRECTIONS:
        return scorer in BUILT_IN_REVIEWED_ITEMS
    return bool(getattr(_registered(scorer), "reviewed_items", None))


def load_run_battery(store: RunStore, run: RunRecord) -> tuple[Battery | None, str | None]:
    """The battery a run was scored against, from the store's snapshot, and a note when it had to guess.

    Reports, the gate, comparisons and exports read only the store: moving or editing the battery
    files after a run changes nothing for it. Only a run stored without a snapshot (migrated from
    a store whose battery files were gone or changed) falls back to the files, with a note saying so.
    """
    battery = store.battery(run)
    if battery is not None:
        return battery, None
    try:
        battery = load_battery(resolve_battery_path(run.battery_path))
    except (BatteryError, OSError) as exc:
        return None, (f"run {run.run_id} has no battery snapshot and its battery is not readable now "
                      f"({str(exc).splitlines()[0]}); tags and questions unavailable")
    if battery.fingerprint != run.battery_fingerprint:
        return battery, (f"run {run.run_id} has no battery snapshot and its battery files changed since "
                         f"(fingerprint {battery.fingerprint}, run used {run.battery_fingerprint}); questions "
                         "and tags shown are the current ones")
    return battery, None


def to_frame(store: RunStore, run_ids: Iterable[str], *, overlay: ResultOverlay | None = None) -> pd.DataFrame:
    """The long results table of the given runs (in the order given), one row per scored cell.

    Rows are sorted by run (as given), question id, sample and scorer, so the same store always
    gives the same table. Tags come from the run's battery snapshot in the store.
    """
    run_ids = list(dict.fromkeys(run_ids))
    if not run_ids:
        raise ConfigError("to_frame() needs at least one run id")
    batteries: dict[str, Battery | None] = {}
    records: list[dict[str, object]] = []
    tag_keys: set[str] = set()
    for run_id in run_ids:
        run = store.require_run(run_id)
        if run.battery_fingerprint not in batteries:
            batteries[run.battery_fingerprint] = load_run_battery(store, run)[0]
        battery = batteries[run.battery_fingerprint]
        tags = {q.id: dict(q.tags) for q in battery.questions} if battery else {}
        for t in tags.values():
            tag_keys.update(t)
        errored = {(a.question_id, a.sample) for a in store.answers(run_id) if a.error is not None}
        direction: dict[str, bool | None] = {}
        for s in store.scores(run_id):
            if s.scorer not in direction:
                direction[s.scorer] = higher_is_better(s.scorer)
            records.append(score_row(run, s.question_id, s.sample, s.scorer, s.value, s.passed, s.reason,
                                     direction[s.scorer], (s.question_id, s.sample) in errored,
                                     tags.get(s.question_id, {})))
    columns = list(RESULT_COLUMNS) + [TAG_PREFIX + k for k in sorted(tag_keys)]
    frame = typed_frame(records, columns)
    order = {r: i for i, r in enumerate(run_ids)}
    frame = frame.sort_values(["run_id", "question_id", "sample", "scorer"],
                              key=lambda col: col.map(order) if col.name == "run_id" else col,
                              kind="mergesort").reset_index(drop=True)
    if overlay is not None:
        frame = overlay(store, frame)
    return frame


def score_row(run: RunRecord, question_id: str, sample: int, scorer: str, value: float | None,
              passed: bool | None, reason: str, higher: bool | None, errored: bool,
              tags: dict[str, Any]) -> dict[str, object]:
    """One row of the results table: a stored score with its run's columns and its question's tags."""
    row: dict[str, object] = {
        "run_id": run.run_id, "battery": run.battery, "battery_version": run.battery_version,
        "battery_fingerprint": run.battery_fingerprint, "generator": run.generator,
        "question_id": question_id, "sample": sample, "scorer": scorer,
        "value": math.nan if value is None else float(value), "passed": passed, "reason": reason,
        "higher_is_better": higher, "errored": errored, "value_source": "auto",
    }
    for key, val in tags.items():
        row[TAG_PREFIX + key] = val
    return row


def typed_frame(records: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    """The rows as a frame with the results table's dtypes (nullable booleans where a score may have none)."""
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["sample"] = frame["sample"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["passed"] = frame["passed"].astype("boolean")
    frame["higher_is_better"] = frame["higher_is_better"].astype("boolean")
    frame["errored"] = frame["errored"].astype("bool")
    return frame


def tag_columns(frame: pd.DataFrame) -> list[str]:
    """The frame's ``tag_<key>`` columns, in order."""
    return [c for c in frame.columns if c.startswith(TAG_PREFIX)]


def summarize(
    frame: pd.DataFrame,
    by: Sequence[str] = ("run_id", "scorer"),
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    complete: bool = True,
) -> pd.DataFrame:
    """Per group: n scored, n unscored, mean, SD, bootstrap CI of the mean, pass rate.

    The CI resamples questions (all samples of a question move together) with a seeded
    generator, so it is reproducible (``n_boot=0`` skips the CI). With ``complete`` every combination of the
    observed values
    of the ``by`` columns is listed, and a combination without scored rows shows ``n=0`` and NaN
    statistics, never 0. Rows without a value for a ``by`` column (a question without that tag)
    are left out of that grouping.
    """
    by = list(by)
    missing = [c for c in by if c not in frame.columns]
    if missing:
        raise ConfigError(f"summarize(): no column {missing[0]!r} in the results table; columns are "
                          f"{', '.join(frame.columns)}")
    data = frame.dropna(subset=by) if by else frame
    keys: list[tuple[object, ...]]
    if complete and by:
        levels = [_ordered_unique(data[c]) for c in by]
        keys = [tuple(k) for k in pd.MultiIndex.from_product(levels).tolist()] if all(levels) else []
    else:
        keys = list(dict.fromkeys(tuple(k) for k in data[by].itertuples(index=False, name=None))) if by else [()]
    # Vectorised: counts and moments per group in one pass, then per-question sums for the bootstrap.
    work = data.assign(_scored=data["value"].notna(), _pass=data["passed"].astype("float64"))
    if not by:
        work = work.assign(_g=0)
    group_cols = by or ["_g"]
    cluster_cols = [*group_cols, *(c for c in ("run_id", "question_id") if c not in group_cols)]
    stats = work.groupby(group_cols, sort=False, dropna=True).agg(
        rows=("value", "size"), n=("_scored", "sum"), mean=("value", "mean"), sd=("value", "std"),
        pass_rate=("_pass", "mean"))
    per_q = (work[work["_scored"]].groupby(cluster_cols, sort=True)["value"]
             .agg(["sum", "count"]).reset_index())
    clusters = per_q.groupby(group_cols, sort=False).indices if len(per_q) else {}
    sums, counts = per_q["sum"].to_numpy(), per_q["count"].to_numpy()
    out: list[dict[str, object]] = []
    for key in keys:
        lookup = key if len(group_cols) > 1 else (key[0] if by else 0)
        row: dict[str, object] = dict(zip(by, key, strict=True))
        if lookup in stats.index:
            st = stats.loc[lookup]
            n = int(st["n"])
            idx = clusters.get(lookup)
            if n and idx is not None and n_boot > 0:
                low, high = bootstrap_mean_ci(sums[idx], counts[idx], n_boot=n_boot, seed=seed,
                                              confidence=confidence)
            else:
                low, high = math.nan, math.nan
            row.update({"n": n, "n_unscored": int(st["rows"]) - n,
                        "mean": float(st["mean"]) if n else math.nan,
                        "sd": float(st["sd"]) if n > 1 else math.nan,
                        "ci_low": low, "ci_high": high, "pass_rate": _nan(st["pass_rate"])})
        else:
            row.update({"n": 0, "n_unscored": 0, "mean": math.nan, "sd": math.nan, "ci_low": math.nan,
                        "ci_high": math.nan, "pass_rate": math.nan})
        out.append(row)
    return pd.DataFrame.from_records(out, columns=[*by, *SUMMARY_STATS])


def _nan(value: object) -> float:
    out = float(value)  # type: ignore[arg-type]
    return math.nan if np.isnan(out) else out


def _ordered_unique(col: pd.Series) -> list[object]:
    """Unique values in first-seen order (run ids keep the caller's order; others sort)."""
    values = list(dict.fromkeys(col.tolist()))
    if col.name == "run_id":
        return values
    try:
        return sorted(values)
    except TypeError:
        return values
