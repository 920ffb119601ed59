"""The facts a report shows about one run, gathered once from the store (and the battery, if readable)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from harness.battery import Battery, load_battery
from harness.errors import BatteryError
from harness.records import Answer, ClaimVerdict, Score
from harness.store import RunRecord, RunStore


@dataclass
class ScorerSummary:
    name: str
    n: int
    n_unscored: int
    mean: float
    pass_rate: float


@dataclass
class RunView:
    run: RunRecord
    battery: Battery | None
    battery_note: str | None
    answers: list[Answer]
    scores: dict[tuple[str, int], dict[str, Score]]
    claims: dict[tuple[str, int], list[ClaimVerdict]]
    summaries: list[ScorerSummary] = field(default_factory=list)


def load_view(store: RunStore, run_id: str) -> RunView:
    run = store.require_run(run_id)
    battery: Battery | None = None
    note = None
    try:
        battery = load_battery(run.battery_path)
        if battery.fingerprint != run.battery_fingerprint:
            note = (f"battery files changed since this run (fingerprint {battery.fingerprint}, run used "
                    f"{run.battery_fingerprint}); questions and gold shown are the current ones")
    except (BatteryError, OSError) as exc:
        note = f"battery not readable now ({str(exc).splitlines()[0]}); showing stored records only"
    scores: dict[tuple[str, int], dict[str, Score]] = defaultdict(dict)
    for s in store.scores(run_id):
        scores[(s.question_id, s.sample)][s.scorer] = s
    claims: dict[tuple[str, int], list[ClaimVerdict]] = defaultdict(list)
    for qid, sample, v in store.claim_verdicts(run_id):
        claims[(qid, sample)].append(v)
    view = RunView(run=run, battery=battery, battery_note=note, answers=store.answers(run_id),
                   scores=dict(scores), claims=dict(claims))
    view.summaries = summarize_scores(view)
    return view


def summarize_scores(view: RunView) -> list[ScorerSummary]:
    by_scorer: dict[str, list[Score]] = defaultdict(list)
    for per in view.scores.values():
        for name, s in per.items():
            by_scorer[name].append(s)
    order = [spec["name"] for spec in view.run.scorers]
    out = []
    for name in order + sorted(set(by_scorer) - set(order)):
        items = by_scorer.get(name, [])
        values = [s.value for s in items if s.value is not None]
        passes = [s.passed for s in items if s.passed is not None]
        out.append(ScorerSummary(
            name=name, n=len(values), n_unscored=len(items) - len(values),
            mean=sum(values) / len(values) if values else math.nan,
            pass_rate=sum(passes) / len(passes) if passes else math.nan))
    return out


def fmt(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)
