"""The run loop: ask every question, store each answer, score it, store the scores; resume exactly.

Generation is the only slow, failure-prone stage; it runs many questions at once (``concurrency``)
on the executor, and scoring runs beside it (``workers`` processes, or a Dask cluster), so scoring
overlaps the waiting. This process is the run store's one writer: answers and scored answers come
back here and are committed in batches (one transaction per :data:`BATCH_SIZE` records, or at least
every :data:`FLUSH_S` seconds), so a run killed with SIGKILL loses at most the answers in flight and
the last uncommitted batch. Re-running the same run id resumes: stored answers are not asked
again, errored ones are retried, answers stored without (all) their scores are scored, and no
answer is scored twice.
"""

from __future__ import annotations

import datetime as dt
import queue
import secrets
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import ConfigError, HarnessError
from harness.generate.base import Generator
from harness.generate.failures import FailureWatch
from harness.run.executors import Executor, check_spec, make_executor, planned_workers, prestart
from harness.run.opening import is_complete, open_run, select_questions
from harness.run.worker import WorkerJob
from harness.score.session import ScoredAnswer
from harness.store import RunStore

ProgressHook = Callable[[str, int, int, int], None]
"""(event, done, total, errors) -> None; the CLI draws a progress bar from it."""

BATCH_SIZE = 64
"""Records (answers plus scored answers) per store transaction."""
FLUSH_S = 0.5
"""A record waits at most this long before it is committed."""
MAX_CHUNK = 32
"""Answers per scoring task at most (tasks shrink to one answer when workers are idle)."""


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


class ScoringFailed(HarnessError):
    """A scoring task failed outside the scorers (a lost cluster worker, a broken pool)."""


class _Writer:
    """Buffers answers and scored answers; commits them in one transaction per batch."""

    def __init__(self, store: RunStore, run_id: str, fingerprint: str) -> None:
        self.store, self.run_id, self.fingerprint = store, run_id, fingerprint
        self.answers: list[Answer] = []
        self.scored: list[ScoredAnswer] = []
        self.since = 0.0

    def add_answer(self, answer: Answer) -> None:
        self._mark()
        self.answers.append(answer)

    def add_scored(self, scored: ScoredAnswer) -> None:
        self._mark()
        self.scored.append(scored)

    def _mark(self) -> None:
        if not self.answers and not self.scored:
            self.since = time.monotonic()

    def due_in(self) -> float | None:
        """Seconds until the buffer must be committed (None when it is empty)."""
        if not self.answers and not self.scored:
            return None
        return max(0.0, self.since + FLUSH_S - time.monotonic())

    def maybe_flush(self) -> None:
        if len(self.answers) + len(self.scored) >= BATCH_SIZE or self.due_in() == 0.0:
            self.flush()

    def flush(self) -> None:
        if self.answers or self.scored:
            self.store.put_batch(self.run_id, self.answers, self.scored, fingerprint=self.fingerprint)
            self.answers, self.scored = [], []


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
    workers: int | None = 1,
    executor: str | Executor | None = None,
) -> RunSummary:
    """Generate, store and score every (question, sample) of the battery for one run id.

    ``workers``: scoring processes (1: in this process; None: the machine's cores, in-process for
    small runs). ``executor``: ``"local"`` (default), ``"dask:ADDRESS"``, or an ``Executor``.
    Scores do not depend on either. Worker processes start from a fork server that imports the
    calling script as ``__mp_main__``, so a script that asks for ``workers > 1`` keeps its work
    under ``if __name__ == "__main__":`` (as with any ``multiprocessing`` program).

    With ``watch``, each new answer is shown to it; when it returns a ``StopRun`` the run is marked
    incomplete and the StopRun is raised (what arrived so far is stored).
    """
    if concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1, got {concurrency}")
    if samples < 1:
        raise ConfigError(f"samples must be at least 1, got {samples}")
    if isinstance(executor, str) or executor is None:
        check_spec(executor)
    if workers is not None:
        planned_workers(workers, 0)  # a bad count is refused before the run is opened
    questions = select_questions(battery, question_ids)
    prestart(executor, workers, len(questions) * samples)  # warm scoring workers while the run opens
    run = open_run(battery, generator, store, run_id, scorers, samples, as_of)
    store.remember_battery(battery)
    stored = store.answer_status(run_id)  # (question, sample) -> errored; no answer texts read
    todo: list[tuple[Question, int]] = []
    reused = 0
    for q in questions:
        for sample in range(samples):
            errored = stored.get((q.id, sample))
            if errored is False:
                reused += 1
            else:
                todo.append((q, sample))
    wanted = [s["name"] for s in run.scorers]
    # Answers stored before a crash but not (fully) scored are scored now, exactly once.
    selected = {(q.id, k) for q in questions for k in range(samples)}
    rescore = store.answers_at(run_id, [key for key in store.unscored_keys(run_id, wanted)
                                        if key in selected and stored.get(key) is False])
    if not todo and not rescore:
        store.finish_run(run_id, "finished" if is_complete(store, run_id, questions, samples, set(wanted))
                         else "incomplete")
        if progress:
            progress("start", 0, 0, 0)
            progress("end", 0, 0, 0)
        return RunSummary(run_id=run_id, asked=0, answered=0, errored=0, reused=reused, scored=0)
    try:
        ex = executor if executor is not None and not isinstance(executor, str) else \
            make_executor(executor, workers, len(todo) + len(rescore))
    except BaseException:  # e.g. the cluster cannot be reached: nothing was asked, the run stays resumable
        store.finish_run(run_id, "incomplete")
        raise
    job = WorkerJob(token=f"{run_id}:{secrets.token_hex(4)}", battery=battery, scorers=tuple(run.scorers),
                    as_of=run.as_of, facts=store.question_facts(battery.fingerprint))
    loop = _Loop(ex, _Writer(store, run_id, battery.fingerprint), concurrency, progress, watch)
    try:
        ex.start(job, generator, concurrency)
        loop.run(todo, rescore, on_stop=lambda: store.finish_run(run_id, "incomplete"))
    finally:
        ex.close()
    complete = is_complete(store, run_id, questions, samples, set(wanted))
    store.finish_run(run_id, "finished" if complete else "incomplete")
    if progress:
        progress("end", loop.done, len(todo), loop.errors)
    return RunSummary(run_id=run_id, asked=len(todo), answered=len(todo) - loop.errors, errored=loop.errors,
                      reused=reused, scored=loop.scored)


class _Loop:
    """One pass over the work: keeps generation and scoring fed, stores what comes back.

    Arrived answers wait in ``ready``; in-process scoring takes one per turn (so arrived answers are
    stored between scores), an executor gets them in chunks: one answer per task while workers are
    idle, up to :data:`MAX_CHUNK` when a backlog builds (fewer, larger tasks for the pool or the
    cluster to schedule). Generation pauses while too many answers wait to be scored.
    """

    def __init__(self, ex: Executor, writer: _Writer, concurrency: int, progress: ProgressHook | None,
                 watch: FailureWatch | None) -> None:
        self.ex, self.writer, self.progress, self.watch = ex, writer, progress, watch
        self.gen_window = concurrency * 2
        self.slots = max(1, ex.capacity) * 2
        self.score_window = max(64, self.slots * MAX_CHUNK)
        self.events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self.generating = 0
        self.tasks = 0
        self.in_tasks = 0
        self.ready: deque[Answer] = deque()
        self.done = self.errors = self.scored = self.total = 0
        self.futures: set[Any] = set()
        self.sizes: dict[Any, int] = {}

    def _submit(self, kind: str, fut: Any) -> None:
        self.futures.add(fut)
        fut.add_done_callback(lambda f: self.events.put((kind, f)))

    def _dispatch(self) -> None:
        """Send waiting answers to the executor in chunks sized to the backlog."""
        while self.ready and self.tasks < self.slots:
            size = min(MAX_CHUNK, len(self.ready), max(1, -(-len(self.ready) // (self.slots - self.tasks))))
            chunk = [self.ready.popleft() for _ in range(size)]
            self.tasks += 1
            self.in_tasks += size
            fut = self.ex.submit_score(chunk)
            self.sizes[fut] = size
            self._submit("scored", fut)

    def run(self, todo: list[tuple[Question, int]], rescore: list[Answer], on_stop: Callable[[], None]) -> None:
        work = deque(todo)
        self.total = len(todo)
        if self.progress:
            self.progress("start", 0, len(todo), 0)
        try:
            self.ready.extend(rescore)
            while work or self.generating or self.tasks or self.ready:
                while work and self.generating < self.gen_window and self.in_tasks + len(self.ready) < self.score_window:
                    q, sample = work.popleft()
                    self.generating += 1
                    self._submit("answer", self.ex.submit_generate(q, sample))
                if not self.ex.inline:
                    self._dispatch()
                self._wait_and_handle(on_stop)
                if self.ex.inline and self.ready:  # one answer per turn: arrived answers are stored meanwhile
                    self.writer.add_scored(self.ex.score_inline(self.ready.popleft()))
                    self.scored += 1
                self.writer.maybe_flush()
        except BaseException:
            for fut in self.futures:
                fut.cancel()
            raise
        finally:
            self.writer.flush()

    def _wait_and_handle(self, on_stop: Callable[[], None]) -> None:
        timeout = 0.0 if self.ex.inline and self.ready else self.writer.due_in()
        try:
            event = self.events.get(timeout=timeout) if timeout != 0.0 else self.events.get_nowait()
        except queue.Empty:
            return
        while True:
            self._handle(*event, on_stop=on_stop)
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return

    def _handle(self, kind: str, fut: Any, *, on_stop: Callable[[], None]) -> None:
        self.futures.discard(fut)
        if kind == "answer":
            self.generating -= 1
            answer: Answer = fut.result()
            self.writer.add_answer(answer)
            self.done += 1
            self.errors += answer.error is not None
            if self.progress:
                self.progress("answer", self.done, self.total, self.errors)
            if self.watch is not None and (stop := self.watch.observe(answer)) is not None:
                self.writer.flush()
                on_stop()
                raise stop
            self.ready.append(answer)
            return
        self.tasks -= 1
        self.in_tasks -= self.sizes.pop(fut)
        try:
            chunk: list[ScoredAnswer] = fut.result()
        except Exception as exc:
            raise ScoringFailed(f"a scoring task failed on {self.ex.label}: {type(exc).__name__}: {exc}; what "
                                "was stored so far stays stored, and re-running the same run id scores the "
                                "rest") from exc
        for scored in chunk:
            self.writer.add_scored(scored)
        self.scored += len(chunk)
