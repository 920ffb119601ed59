"""How close does `openai:MODEL` generation get to the network's limit?

Synthesises a battery of N questions in a temporary directory, serves a fake OpenAI-compatible
endpoint with a fixed latency in a separate process (tests/fake_openai_server.py, so the server's
threads do not compete with the harness for the GIL), and runs the battery through
``run_battery`` at the given concurrency, with every default scorer, scoring on the default
workers (the machine's cores) so scoring overlaps the waiting. Prints:

- wall time against the ideal N x latency / concurrency (target: within 1.3x including scoring,
  the workers' start-up and first-use loads included);
- the same run scoring only one cheap scorer (generation and storage alone);
- per-request overhead: sequential requests at zero latency (ms per HTTP round trip, and per answer
  through the runner including storing);
- the scorers' one-off first-use load and the scoring cost per answer, in this process, for scale.

Usage: .venv/bin/python benchmarks/bench_generation.py [--questions 640] [--latency 1.0] [--concurrency 64]
       [--workers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.battery import load_battery  # noqa: E402
from harness.generate import GeneratorOptions, make_generator  # noqa: E402
from harness.io.openai_client import ChatClient  # noqa: E402
from harness.run import run_battery, score_answer  # noqa: E402
from harness.run.executors import default_workers  # noqa: E402
from harness.score.base import build_scorers  # noqa: E402
from harness.store import RunStore  # noqa: E402
from tests.synth import write_battery  # noqa: E402


def serve(latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.fake_openai_server", "--latency", str(latency)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def timed_run(battery, url: str, db: Path, run_id: str, concurrency: int, scorers,
              workers: int | None = None) -> tuple[float, int, int]:
    options = GeneratorOptions(base_url=url, timeout_s=30, concurrency=concurrency, cache_path=None)
    generator = make_generator("openai:bench-model", battery, options)
    with RunStore(db) as store:
        started = time.perf_counter()
        summary = run_battery(battery, generator, store, run_id=run_id, concurrency=concurrency, scorers=scorers,
                              workers=workers)
        wall = time.perf_counter() - started
    generator.close()
    return wall, summary.answered, summary.errored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=640)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=None, help="scoring processes (default: the machine's cores)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    n, latency, conc = args.questions, args.latency, args.concurrency
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_battery(root, name="bench", n=n)
        battery = load_battery(root / "evals" / "bench.yaml")

        # Scorers load their resources on first use; a real run pays this once per process.
        scorers = build_scorers(None)
        probe = make_generator("gold", battery).generate(battery.questions[0])
        started = time.perf_counter()
        score_answer(probe, battery, scorers, dt.date.today())
        warm = time.perf_counter() - started
        started = time.perf_counter()
        for q in battery.questions[:50]:
            score_answer(make_generator("gold", battery).generate(q), battery, scorers, dt.date.today())
        score_ms = (time.perf_counter() - started) / 50 * 1000

        proc, url = serve(latency)
        try:
            ideal = n * latency / conc
            wall, answered, errored = timed_run(battery, url, root / "s.sqlite", "full", conc, None, args.workers)
            gen_wall, _, gen_err = timed_run(battery, url, root / "s.sqlite", "gen-only", conc, ["safety_flags"], 1)
        finally:
            proc.terminate()
            proc.wait()
        proc, url = serve(0.0)
        try:
            seq = 100
            write_battery(root / "seq", name="seq", n=seq)
            seq_battery = load_battery(root / "seq" / "evals" / "seq.yaml")
            seq_wall, _, _ = timed_run(seq_battery, url, root / "t.sqlite", "seq", 1, ["safety_flags"], 1)
            per_answer_ms = seq_wall / seq * 1000
            client = ChatClient(base_url=url)
            messages = [{"role": "user", "content": "What should I know about topic number 1?"}]
            client.complete(messages, model="bench-model")
            started = time.perf_counter()
            for _ in range(seq):
                client.complete(messages, model="bench-model")
            per_request_ms = (time.perf_counter() - started) / seq * 1000
            client.close()
        finally:
            proc.terminate()
            proc.wait()

    waves = math.ceil(n / conc) * latency
    workers = args.workers or default_workers()
    print(f"questions {n}, server latency {latency:g} s, concurrency {conc}, scoring workers {workers}; load average "
          f"{load_before:.2f} at start, {os.getloadavg()[0]:.2f} at the end (a shared machine: noisy)")
    print(f"ideal N x latency / concurrency = {ideal:.2f} s (whole waves: {waves:.2f} s)")
    print(f"full run (all default scorers, {workers} workers): {wall:.2f} s = {wall / ideal:.2f}x ideal "
          f"(target <= 1.3x); answered {answered}, errors {errored}")
    print(f"generation + storage only (1 cheap scorer, in-process): {gen_wall:.2f} s = {gen_wall / ideal:.2f}x ideal; "
          f"errors {gen_err}")
    print(f"per-request overhead at zero latency, sequential: {per_request_ms:.1f} ms HTTP round trip "
          f"(client + local server); {per_answer_ms:.1f} ms per answer through the runner "
          f"(request, store, one cheap scorer)")
    print(f"scoring with all default scorers: {score_ms:.1f} ms per answer in one process (after a one-off "
          f"first-use load of {warm:.1f} s, which each worker pays inside the full run)")


if __name__ == "__main__":
    main()
