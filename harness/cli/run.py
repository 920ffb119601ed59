"""``answer-audit run``: ask a generator every question of a battery, score, store, export."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from harness.battery import load_battery
from harness.cli.common import add_reports_option, add_store_option, open_store
from harness.exports import write_exports
from harness.generators import GeneratorOptions, make_generator
from harness.runner import default_run_id, run_battery


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("run", help="run a battery through a generator, score every answer, write reports",
                       description="Run a battery through a generator; every answer and score is stored at once, "
                                   "and re-running the same --run-id resumes.")
    p.add_argument("--battery", required=True, help="battery name (evals/<name>.yaml) or path")
    p.add_argument("--generator", required=True,
                   help="generator spec: recorded:FILE.jsonl | command:CMD | python:MODULE:FUNC | gold | openai:MODEL")
    p.add_argument("--run-id", help="resume or name the run (default: <battery>-<generator>-<timestamp>)")
    p.add_argument("--question", action="append", dest="questions", metavar="QID",
                   help="only this question (repeatable)")
    p.add_argument("--scorer", action="append", dest="scorers", metavar="NAME",
                   help="only these scorers (repeatable; default: all built-in)")
    p.add_argument("--judge", default=None, help="claim judge profile for the claim scorers (default: default)")
    p.add_argument("--samples", type=int, default=1, help="answers per question (default 1)")
    p.add_argument("--concurrency", type=int, default=4, help="questions generated at once (default 4)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per generation (default 120)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                   help="audit date for outdated claims and citation dates (default: today)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--no-report", action="store_true", help="skip writing reports/<run_id>/")
    add_store_option(p)
    add_reports_option(p)
    p.set_defaults(func=handle)


def scorer_specs(names: list[str] | None, judge: str | None) -> list[str | dict[str, object]] | None:
    """Scorer specs from --scorer/--judge; None keeps the defaults (or a resumed run's own)."""
    from harness.scorers.base import DEFAULT_SCORERS

    if names is None and judge is None:
        return None
    specs: list[str | dict[str, object]] = []
    for name in names or DEFAULT_SCORERS:
        if judge is not None and name in ("claim_recall", "claim_problems"):
            specs.append({"name": name, "params": {"judge": judge}})
        else:
            specs.append(name)
    return specs


def handle(args: argparse.Namespace) -> int:
    battery = load_battery(args.battery)
    options = GeneratorOptions(timeout_s=args.timeout)
    generator = make_generator(args.generator, battery, options)
    run_id = args.run_id or default_run_id(battery, generator.spec)
    with open_store(args) as store:
        with _progress(not args.no_progress and sys.stderr.isatty()) as hook:
            summary = run_battery(battery, generator, store, run_id=run_id,
                                  scorers=scorer_specs(args.scorers, args.judge), question_ids=args.questions,
                                  samples=args.samples, concurrency=args.concurrency, as_of=args.as_of,
                                  progress=hook)
        print(summary.line())
        if not args.no_report:
            out = write_exports(store, run_id, Path(args.reports_dir) / run_id)
            print(f"reports written to {out}/ (open {out / 'report.html'})")
    return 0


class _progress:
    """A rich progress bar fed by the runner's hook (a no-op when output is not a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.task = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("errors {task.fields[errors]}"), TimeRemainingColumn(), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("answering", total=None, errors=0)

        def hook(event: str, done: int, total: int, errors: int) -> None:
            assert self.bar is not None and self.task is not None
            self.bar.update(self.task, completed=done, total=total, errors=errors)

        return hook

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
