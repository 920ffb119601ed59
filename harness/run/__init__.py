"""run_battery(): generate -> store -> score -> store, resumable; scoring on worker processes or a cluster.

- :mod:`harness.run.runner`: the run loop, batched writes, resume (``run_battery``);
- :mod:`harness.run.opening`: a new run record with its snapshot, or the checks that make a resume safe;
- :mod:`harness.run.executors`: where tasks run (``LocalExecutor``: threads for generation, a process
  pool for scoring) and the ``Executor`` interface another engine implements;
- :mod:`harness.run.dask_executor`: the same tasks on a Dask cluster (optional extra ``scale``);
- :mod:`harness.run.worker`: the tasks themselves and the per-worker state shipped once per job.

``score_answer(answer, battery, scorers, as_of)`` scores one answer on its own (tests, notebooks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from harness.battery import Battery
from harness.core.records import Answer
from harness.run.opening import TRACKED_PACKAGES
from harness.run.runner import BATCH_SIZE, FLUSH_S, ProgressHook, RunSummary, ScoringFailed, default_run_id, run_battery
from harness.score.session import ScoredAnswer, ScoringSession

__all__ = ["BATCH_SIZE", "FLUSH_S", "TRACKED_PACKAGES", "ProgressHook", "RunSummary", "ScoredAnswer",
           "ScoringFailed", "default_run_id", "run_battery", "score_answer"]


def score_answer(answer: Answer, battery: Battery, scorers: Sequence[Any], as_of: dt.date) -> ScoredAnswer:
    """Score one answer on its own (a one-answer ``ScoringSession``; runs keep one session for all)."""
    return ScoringSession(battery, scorers, as_of).score(answer)
