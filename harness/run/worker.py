"""What runs where the work is done: scoring and generation tasks, and the state they share per worker.

A scorer and the per-answer analysis are pure functions of (answer, battery snapshot, scorer specs,
audit date), so a worker needs those inputs once, not per task: ``start(job)`` builds a
``ScoringSession`` (and, on a cluster, the generator) from a ``WorkerJob`` and keeps it under the
job's token; each task then ships only an answer (or a question). The local process pool calls
``start`` as its initializer; a Dask cluster calls it from a worker plugin when the plugin is
registered and on every worker that joins later. Nothing here touches the store: results go back
to the one process that writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.score.session import ScoredAnswer, ScoringSession


@dataclass(frozen=True, slots=True)
class WorkerJob:
    """Everything a worker needs to score (and, on a cluster, generate) the answers of one run."""

    token: str
    """Names this job in the worker's state (run id plus a nonce: two runs never share a session)."""
    battery: Battery
    scorers: tuple[Mapping[str, Any], ...]
    """Scorer specs (``{"name", "params"}``), rebuilt and validated on the worker."""
    as_of: dt.date
    facts: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    """Per-question facts kept in the store for this battery (question id -> facts key -> facts)."""
    generator: Any = None
    """For cluster generation: a picklable generator, or ``("rebuild", spec, options)`` to make one there."""
    env: Mapping[str, str] = field(default_factory=dict)
    """``ANSWER_AUDIT_*`` settings of the run's process that a local worker must see too (the LLM judge's
    cache, the judge profiles' folder): pool workers fork from a server started before they may be set."""


@dataclass(slots=True)
class _State:
    job: WorkerJob
    session: ScoringSession | None = None
    generator: Any = None


_STATES: dict[str, _State] = {}


def start(job: WorkerJob) -> None:
    """Keep ``job`` for this worker process; the session and generator are built on first use."""
    one_blas_thread()
    if job.env:
        import os

        os.environ.update(job.env)
    _STATES[job.token] = _State(job)


def one_blas_thread() -> None:
    """Let numpy's BLAS (OpenBLAS) use one thread in this process, which scores one answer at a time.

    The judge and the learned cue component multiply small matrices (claims x windows, sentences x
    256); OpenBLAS splits even those over every core and its idle threads then spin, burning CPU that
    another scoring worker on the same machine needed (the embedding signal cost about 3x its own
    work so, and two workers on two cores fell far below 2x). Scoring is parallel by worker
    processes, not inside one. Scores are unchanged (each product is computed the same way; a
    test compares scores with and without).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn, a core dependency
        return
    threadpool_limits(limits=1, user_api="blas")


def stop(token: str) -> None:
    """Forget a job (a cluster worker outlives the run)."""
    state = _STATES.pop(token, None)
    if state is not None and hasattr(state.generator, "close"):
        state.generator.close()


def _state(token: str) -> _State:
    state = _STATES.get(token)
    if state is None:
        raise RuntimeError(f"this worker has no answer-audit job {token!r} (its set-up did not run here)")
    return state


def session(token: str) -> ScoringSession:
    """The job's scoring session in this process, built once from the job's snapshot and scorer specs."""
    state = _state(token)
    if state.session is None:
        from harness.score.base import build_scorers

        job = state.job
        state.session = ScoringSession(job.battery, build_scorers(job.scorers), job.as_of, facts=job.facts)
    return state.session


def score(token: str, answer: Answer) -> ScoredAnswer:
    """Score one answer with the job's session."""
    return session(token).score(answer)


def score_many(token: str, answers: list[Answer]) -> list[ScoredAnswer]:
    """Score a chunk of answers with the job's session (a task)."""
    scoring = session(token)
    return [scoring.score(a) for a in answers]


def generate(token: str, question: Question, sample: int) -> Answer:
    """Ask the job's generator one question (a task); a failure is recorded on the Answer, never raised."""
    state = _state(token)
    if state.generator is None:
        made = state.job.generator
        if isinstance(made, tuple) and made and made[0] == "rebuild":
            from harness.generate import make_generator

            made = make_generator(made[1], state.job.battery, made[2])
        state.generator = made
    return ask(state.generator, question, sample)


def ask(generator: Any, question: Question, sample: int) -> Answer:
    """``generator.generate(question, sample)``, with an exception turned into a recorded error."""
    try:
        answer: Answer = generator.generate(question, sample)
        return answer
    except Exception as exc:  # noqa: BLE001 - generator failures are data, recorded on the Answer
        return Answer(question_id=question.id, generator=generator.spec, text=None, sample=sample,
                      error=f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- the local process pool
_POOL_TOKEN: list[str] = []


def init_pool(job_bytes: bytes, run_pid: int) -> None:
    """ProcessPoolExecutor initializer: keep the job (pickled once by the runner, not once per worker),
    watch the run's process, and build the session before the first task."""
    import pickle

    _watch(run_pid)
    job: WorkerJob = pickle.loads(job_bytes)  # noqa: S301 - our own job, from the process that started us
    start(job)
    _POOL_TOKEN[:] = [job.token]
    session(job.token)


def _watch(run_pid: int, every_s: float = 1.0) -> None:
    """End this worker when the run's process is gone (killed with SIGKILL, say).

    A pool worker holds both ends of its task and result pipes, so it never sees them close when
    the run's process dies; it would wait (or block writing a result) forever, and keep the fork
    server alive with it. A daemon thread checks once a second that the run's process exists.
    """
    import os
    import threading
    import time

    if os.name != "posix":  # os.kill(pid, 0) is a probe only on POSIX (on Windows it would end the process)
        return

    def gone() -> bool:
        try:
            os.kill(run_pid, 0)
        except (ProcessLookupError, PermissionError):  # PermissionError: the pid is another user's now
            return True
        try:  # Linux: a killed process its parent has not reaped yet is a zombie, gone all the same
            with open(f"/proc/{run_pid}/stat", encoding="ascii") as f:
                return f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except (OSError, IndexError):
            return False

    def watch() -> None:
        while not gone():
            time.sleep(every_s)
        os._exit(1)

    threading.Thread(target=watch, name="watch run process", daemon=True).start()


def score_in_pool(answers: list[Answer]) -> list[ScoredAnswer]:
    """A pool task: score a chunk of answers with the session the initializer built."""
    return score_many(_POOL_TOKEN[0], answers)
