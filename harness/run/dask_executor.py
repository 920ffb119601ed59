"""``--executor dask:ADDRESS``: generation and scoring tasks on a Dask distributed cluster.

The run's job (battery snapshot, scorer specs, audit date, kept per-question facts, and the
generator) goes to every worker once, as a worker plugin: the scheduler sets it up on the workers
there now and on any that join later (a restarted worker included). Each task then carries one
question or one answer. Results stream back to this process, which alone writes the run store,
so the store stays the run's record and resume works exactly as locally: a task lost with its
worker is run again by the scheduler on another worker, and an answer is stored once however
often it was computed (keyed by question and sample).

Generators are sent as they are when they pickle (``gold``, ``recorded:``, ``command:``,
``python:``); one holding a connection (``openai:``) is rebuilt on each worker from its spec and
options, without the response cache (the cache lives in the store, which only this process
writes). Needs ``pip install 'answer-audit[scale]'`` here and on the workers (docs/scale.md).
"""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

from harness.battery import Question
from harness.core.records import Answer
from harness.errors import ConfigError
from harness.run import worker

try:
    from distributed import Client
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ConfigError("--executor dask:ADDRESS needs Dask distributed: pip install 'answer-audit[scale]' "
                      f"({exc})", parameters=("executor",)) from None

CONNECT_TIMEOUT_S = 20


class JobPlugin(WorkerPlugin):
    """Keeps one run's job on a worker for as long as the run is registered."""

    def __init__(self, job: worker.WorkerJob) -> None:
        self.job = job

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the Dask worker object is not needed
        from harness.run import worker as state

        state.start(self.job)

    def teardown(self, worker: Any) -> None:  # noqa: ARG002
        from harness.run import worker as state

        state.stop(self.job.token)


def portable_generator(generator: Any) -> Any:
    """The generator as it can travel to a worker: itself when it pickles, else how to rebuild it there."""
    import cloudpickle

    try:
        cloudpickle.dumps(generator)
        return generator
    except (TypeError, pickle.PicklingError, AttributeError):
        pass
    from harness.generate.base import GeneratorOptions

    options = getattr(generator, "options", None)
    if isinstance(options, GeneratorOptions):
        return ("rebuild", generator.spec, dataclasses.replace(options, cache_path=None))
    raise ConfigError(f"generator {generator.spec!r} cannot be sent to a Dask cluster (it does not pickle and "
                      "cannot be rebuilt from its options); run it with the local executor",
                      parameters=("executor",))


class DaskExecutor:
    """Both kinds of task on the cluster at ``address``; this process only stores."""

    inline = False

    def __init__(self, address: str) -> None:
        self.address = address
        self.label = f"dask:{address}"
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"could not reach the Dask scheduler at {address} within {CONNECT_TIMEOUT_S} s "
                              f"({type(exc).__name__}: {exc}); start one with `dask scheduler` and workers "
                              "with `dask worker ADDRESS`", parameters=("executor",)) from None
        threads = sum(self.client.nthreads().values())
        self.capacity = max(1, threads)
        self._token = ""
        self._plugin_name = ""

    def start(self, job: worker.WorkerJob, generator: Any, concurrency: int) -> None:  # noqa: ARG002
        job = dataclasses.replace(job, generator=portable_generator(generator))
        self._token = job.token
        self._plugin_name = f"answer-audit-{job.token}"
        self.client.register_plugin(JobPlugin(job), name=self._plugin_name)

    def submit_generate(self, question: Question, sample: int) -> Any:
        return self.client.submit(worker.generate, self._token, question, sample, pure=False)

    def submit_score(self, answers: list[Answer]) -> Any:
        return self.client.submit(worker.score_many, self._token, answers, pure=False)

    def score_inline(self, answer: Answer) -> Any:  # pragma: no cover - never inline
        raise NotImplementedError("the Dask executor scores on the cluster")

    def close(self) -> None:
        try:
            if self._plugin_name:
                self.client.unregister_worker_plugin(self._plugin_name)
        except Exception:  # noqa: BLE001, S110 - a cluster gone away has nothing left to tear down
            pass
        self.client.close()
