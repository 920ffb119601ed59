"""Progress of ``answer-audit run``: a bar on a terminal, periodic plain lines everywhere else (CI logs).

Both are fed by the runner's progress hook ``(event, done, total, errors)``. The plain lines go
to stderr every ``every_s`` seconds and once at the end, e.g.
``progress: 12/41 answers, 0 errors, 2.1/s, ETA 14 s``, so a CI log shows a run is alive.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from harness.generate.failures import plural

PROGRESS_EVERY_S = 15.0
"""Seconds between plain progress lines when output is not a terminal."""

Hook = Callable[[str, int, int, int], None]


def progress_reporter(args: argparse.Namespace, generator: Any) -> Any:
    """The context manager giving the run's progress hook: a bar, plain lines, or nothing (``--no-progress``)."""
    if args.no_progress:
        return _Nothing()
    if sys.stderr.isatty():
        return BarProgress(generator)
    return LineProgress(every_s=args.progress_every, generator=generator)


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _eta(done: int, total: int, elapsed: float) -> str:
    if not done or elapsed <= 0 or total <= done:
        return ""
    seconds = (total - done) / (done / elapsed)
    return f"ETA {seconds:.0f} s" if seconds < 120 else f"ETA {seconds / 60:.0f} min"


class LineProgress:
    """Plain progress lines for logs: answers done / total, errors, rate, ETA (and tokens when counted)."""

    def __init__(self, *, every_s: float = PROGRESS_EVERY_S, generator: Any = None, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.every_s = every_s
        self.stream = stream
        self.clock = clock
        self.stats = getattr(generator, "stats", None)
        self.lines: list[str] = []

    def line(self, done: int, total: int, errors: int, elapsed: float) -> str:
        parts = [f"progress: {done}/{total} answers", f"{errors} error{'s' if errors != 1 else ''}"]
        if done and elapsed > 0:
            parts.append(f"{done / elapsed:.1f}/s")
        eta = _eta(done, total, elapsed)
        if eta:
            parts.append(eta)
        if self.stats is not None:
            parts.append(f"tokens {self.stats()['total_tokens']:,}")
        return ", ".join(parts)

    def __enter__(self) -> Hook:
        started = self.clock()
        last = [started]

        def hook(event: str, done: int, total: int, errors: int) -> None:
            now = self.clock()
            if event == "start" and total:
                self._emit(f"progress: {plural(total, 'answer')} to ask")
            elif event == "answer" and now - last[0] >= self.every_s:
                last[0] = now
                self._emit(self.line(done, total, errors, now - started))
            elif event == "end" and total:
                self._emit(self.line(done, total, errors, now - started))

        return hook

    def _emit(self, text: str) -> None:
        self.lines.append(text)
        print(text, file=self.stream or sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        return None


class BarProgress:
    """A rich progress bar: answers done, rate, ETA, errors so far and, where counted, tokens used."""

    def __init__(self, generator: Any = None) -> None:
        self.generator = generator
        self.bar: Any = None

    def __enter__(self) -> Hook:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                            TextColumn("errors {task.fields[errors]}"), TextColumn("{task.fields[tokens]}"),
                            transient=True)
        self.bar.start()
        task = self.bar.add_task("answering", total=None, errors=0, rate="", tokens="")
        started = time.monotonic()
        stats = getattr(self.generator, "stats", None)

        def hook(event: str, done: int, total: int, errors: int) -> None:
            elapsed = time.monotonic() - started
            rate = f"{done / elapsed:.1f}/s" if done and elapsed > 0 else ""
            tokens = f"tokens {stats()['total_tokens']:,}" if stats is not None else ""
            self.bar.update(task, completed=done, total=total, errors=errors, rate=rate, tokens=tokens)

        return hook

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
