"""``answer-audit report RUN_ID``: rebuild a run's exports and reports from the store alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from harness.apps.cli.common import add_reports_option, add_store_option, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="(re)write reports/<run_id>/ from the run store")
    p.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    p.add_argument("--out", type=Path, default=None, help="output directory (single run only)")
    p.add_argument("--use-reviews", action="store_true",
                   help="also write the reviewed report beside the automatic one, in <out>/reviewed/: every number, "
                        "verdict and CSV row uses reviewed values where reviewers settled them, each marked")
    add_store_option(p)
    add_reports_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from harness.report.run_files import write_exports

    with open_store(args) as store:
        for run_id in args.run_ids:
            out = args.out if (args.out and len(args.run_ids) == 1) else Path(args.reports_dir) / run_id
            write_exports(store, run_id, out, use_reviews=args.use_reviews)
            print(f"{run_id}: reports written to {out}/"
                  + (f"; reviewed report in {out / 'reviewed'}/" if args.use_reviews else ""))
    return 0
