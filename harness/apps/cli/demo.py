"""``answer-audit demo``: run the shipped sample generators over the default battery and write reports.

The demo is the quick start's main job: it is real (the same runner, store and scorers as any
run) and idempotent (its run ids are fixed and replaced on each call).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from harness.apps.cli.common import add_reports_option, add_store_option, iso_date, open_store

if TYPE_CHECKING:
    from harness.store import RunStore

DEFAULT_BATTERY = "oncology"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="run the shipped sample answer sets over the default battery")
    p.add_argument("--battery", default=DEFAULT_BATTERY, help=f"battery (default {DEFAULT_BATTERY})")
    p.add_argument("--as-of", type=iso_date, default="2026-11-26", help="audit date (fixed so the demo is reproducible)")
    add_store_option(p)
    add_reports_option(p)
    p.set_defaults(func=handle)


def demo_generators(battery_name: str) -> list[tuple[str, str]]:
    """(run_id, spec) for the gold self-check and every sample set shipped for the battery."""
    samples = sorted(Path("evals", "samples", battery_name).glob("*.jsonl"))
    pairs = [(f"demo-{battery_name}-{p.stem}", f"recorded:{p}") for p in samples]
    return [(f"demo-{battery_name}-gold", "gold"), *pairs]


def handle(args: argparse.Namespace) -> int:

    from harness.apps.cli.run import summary_line
    from harness.battery import load_battery
    from harness.generate import make_generator
    from harness.report.run_files import write_exports
    from harness.run import run_battery

    battery = load_battery(args.battery)
    as_of = args.as_of
    run_ids = []
    with open_store(args) as store:
        for run_id, spec in demo_generators(battery.name):
            store.delete_run(run_id)
            generator = make_generator(spec, battery)
            summary = run_battery(battery, generator, store, run_id=run_id, as_of=as_of)
            out = write_exports(store, run_id, Path(args.reports_dir) / run_id)
            print(f"{summary_line(summary)}\n  -> {out / 'report.html'}")
            run_ids.append(run_id)
        _compare(store, run_ids, Path(args.reports_dir))
    return 0


def _compare(store: RunStore, run_ids: list[str], reports_dir: Path) -> None:
    """Write the side-by-side comparison of the demo's runs."""
    from harness.report.comparison import write_comparison

    out = write_comparison(store, run_ids, reports_dir / "demo-comparison")
    print(f"comparison -> {out}")
