"""Where a run's generation and scoring tasks execute; the runner stays the store's one writer.

An executor takes two kinds of task and hands back futures (anything with ``result()`` and
``add_done_callback()``: ``concurrent.futures`` and Dask futures both are):

- ``submit_generate(question, sample) -> Future[Answer]``: I/O-bound, many at once;
- ``submit_score(answers) -> Future[list[ScoredAnswer]]``: CPU-bound, a pure function of the answers and
  of what ``start(job)`` shipped once (battery snapshot, scorer specs, audit date, kept facts).

``LocalExecutor`` generates on a thread pool and scores in-process (``workers=1``: the runner
scores between storing answers) or in a process pool of ``workers`` processes started with the job
as initializer argument. ``harness.run.dask_executor.DaskExecutor`` sends both kinds of task to a
Dask cluster. Another engine (Ray, a batch queue) plugs in by implementing the same five members
(docs/scale.md).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, Protocol

from harness.battery import Question
from harness.core.records import Answer
from harness.errors import ConfigError
from harness.run import worker
from harness.score.session import ScoredAnswer

SMALL_RUN_ANSWERS_PER_WORKER = 32
"""With the default worker count, a run scores in-process unless each worker gets this many answers."""


class Executor(Protocol):
    """The runner's view of where tasks run."""

    label: str
    """Shown to the user and recorded in the run's parameters (e.g. ``local:2``, ``dask:tcp://...``)."""
    inline: bool
    """True: the runner scores in its own process (``score_inline``), between storing answers."""
    capacity: int
    """How many scoring tasks may usefully run at once (sizes the runner's window of work in flight)."""

    def start(self, job: worker.WorkerJob, generator: Any, concurrency: int) -> None: ...

    def submit_generate(self, question: Question, sample: int) -> Any: ...

    def submit_score(self, answers: list[Answer]) -> Any: ...

    def score_inline(self, answer: Answer) -> ScoredAnswer: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def planned_workers(workers: int | None, to_score: int) -> int:
    """How many scoring processes a local run uses: ``workers`` as given, or by default the machine's
    cores, but in-process (1) unless each worker gets :data:`SMALL_RUN_ANSWERS_PER_WORKER` answers."""
    if workers is not None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}", parameters=("workers",))
        return workers
    return max(1, min(default_workers(), to_score // SMALL_RUN_ANSWERS_PER_WORKER))


def check_spec(spec: str | None) -> tuple[str, str]:
    """``(kind, address)`` of an executor spec, or a ConfigError naming what is wrong with it."""
    kind, _, address = (spec or "local").partition(":")
    if kind == "local" and not address:
        return kind, ""
    if kind == "dask":
        if not address:
            raise ConfigError("executor 'dask:' needs the scheduler's address, e.g. dask:tcp://10.0.0.5:8786",
                              parameters=("executor",))
        return kind, address
    raise ConfigError(f"unknown executor {spec!r}; expected 'local' or 'dask:ADDRESS'", parameters=("executor",))


def make_executor(spec: str | None, workers: int | None, to_score: int) -> Executor:
    """The executor a ``--executor`` spec names: ``local`` (default) or ``dask:ADDRESS``."""
    kind, address = check_spec(spec)
    if kind == "local":
        return LocalExecutor(planned_workers(workers, to_score))
    from harness.run.dask_executor import DaskExecutor

    return DaskExecutor(address)


def _pool_context() -> Any:
    """The process pool's start method: a fork server that has imported and warmed the scorers.

    Workers fork from a clean server process, never from the run's process while its generation
    threads run (fork with threads can deadlock); the server imports :mod:`harness.run.warm` once,
    so every worker starts with the scorers' static data loaded.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["harness.run.warm"])
    return ctx


def prestart(spec: str | Executor | None, workers: int | None, most: int) -> None:
    """Start the warm fork server now, while the run is being opened, when a local pool will be needed.

    ``most`` bounds the answers to score (questions x samples): a run too small for a pool starts nothing.
    """
    if spec not in (None, "local") or planned_workers(workers, most) < 2:
        return
    if _pool_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class LocalExecutor:
    """Generation on a thread pool; scoring in-process (1 worker) or on a pool of worker processes."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}", parameters=("workers",))
        self.workers = workers
        self.label = f"local:{workers}"
        self.inline = workers == 1
        self.capacity = workers
        self._threads: ThreadPoolExecutor | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._token = ""
        self._generator: Any = None

    def start(self, job: worker.WorkerJob, generator: Any, concurrency: int) -> None:
        self._generator = generator
        self._threads = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="generate")
        self._token = job.token
        if self.inline:
            worker.start(job)
            return
        job = dataclasses.replace(job, env={k: v for k, v in os.environ.items() if k.startswith("ANSWER_AUDIT_")})
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context(),
                                         initializer=worker.init_pool,
                                         initargs=(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL),
                                                   os.getpid()))

    def submit_generate(self, question: Question, sample: int) -> Future[Answer]:
        assert self._threads is not None
        return self._threads.submit(worker.ask, self._generator, question, sample)

    def submit_score(self, answers: list[Answer]) -> Future[list[ScoredAnswer]]:
        assert self._pool is not None
        return self._pool.submit(worker.score_in_pool, answers)

    def score_inline(self, answer: Answer) -> ScoredAnswer:
        return worker.score(self._token, answer)

    def close(self) -> None:
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self.inline:
            worker.stop(self._token)
