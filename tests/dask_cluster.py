"""A real Dask cluster on 127.0.0.1 for tests: a ``dask scheduler`` and ``dask worker`` processes.

Nothing is mocked: the scheduler and each worker are separate processes started from the venv's
``dask`` command, with this checkout on ``PYTHONPATH`` (a real deployment installs answer-audit on
the workers). Workers run without a nanny, one thread each, so killing a worker's process removes
it from the cluster for good and the scheduler must move its tasks.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import REPO

DASK = Path(sys.executable).parent / "dask"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalDaskCluster:
    address: str
    log_dir: Path
    scheduler: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def add_worker(self) -> subprocess.Popen[bytes]:
        n = len(self.workers)
        log = (self.log_dir / f"worker{n}.log").open("wb")
        proc = subprocess.Popen([str(DASK), "worker", self.address, "--nthreads", "1", "--no-nanny",
                                 "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{n}"],
                                env=_env(), stdout=log, stderr=subprocess.STDOUT, cwd=self.log_dir)
        self.workers.append(proc)
        return proc

    def wait_for_workers(self, n: int, timeout: float = 45) -> None:
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(n, timeout=timeout)

    def kill_worker(self, index: int) -> None:
        self.workers[index].send_signal(signal.SIGKILL)
        self.workers[index].wait(timeout=10)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            if proc is not None:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}


@contextmanager
def local_dask_cluster(log_dir: Path, workers: int = 2) -> Iterator[LocalDaskCluster]:
    """Start a scheduler and ``workers`` workers on 127.0.0.1; stop them all on exit."""
    port = _free_port()
    cluster = LocalDaskCluster(address=f"tcp://127.0.0.1:{port}", log_dir=log_dir)
    log = (log_dir / "scheduler.log").open("wb")
    cluster.scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                          "--no-dashboard"], env=_env(), stdout=log, stderr=subprocess.STDOUT,
                                         cwd=log_dir)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or cluster.scheduler.poll() is not None:
                    raise RuntimeError(f"the dask scheduler did not start: {(log_dir / 'scheduler.log').read_text()}") from None
                time.sleep(0.1)
        for _ in range(workers):
            cluster.add_worker()
        cluster.wait_for_workers(workers)
        yield cluster
    finally:
        cluster.stop()
