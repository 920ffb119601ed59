"""``answer-audit export RUN_ID... --format csv|parquet|datasets --output PATH``: the results table for researchers.

The table is ``harness.results.table.to_frame()`` of the runs (one row per run x question x sample x
scorer, tags as ``tag_<key>`` columns). ``csv`` writes one file. ``parquet`` writes a partitioned
dataset, a directory with one ``run_id=<id>/`` folder per run, streamed from the store a slice at a
time so runs of a million answers export in bounded memory (``harness.report.parquet_dataset``;
``pandas.read_parquet(PATH)`` reads it back). ``datasets`` writes a directory with
``Dataset.save_to_disk`` that ``datasets.load_from_disk(PATH)`` reads back offline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from harness.apps.cli.common import add_store_option, open_store

EXPORT_FORMATS: tuple[str, ...] = ("csv", "parquet", "datasets")
"""``harness.report.tables.EXPORT_FORMATS``, repeated so --help needs no pandas (a test keeps them equal)."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export the results table of runs as CSV, Parquet or a datasets dataset")
    p.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--output", type=Path, required=True, metavar="PATH",
                   help="file to write (csv) or directory (parquet: one run_id=<id>/ folder per run; datasets)")
    p.add_argument("--use-reviews", action="store_true",
                   help="reviewed values replace automatic ones (auto_value/auto_passed keep the originals)")
    add_store_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from harness.report.tables import export_frame
    from harness.results.table import review_overlay, to_frame

    if args.format == "parquet":
        from harness.report.parquet_dataset import write_parquet_dataset

        with open_store(args) as store:
            rows = write_parquet_dataset(store, args.run_ids, args.output,
                                         overlay=review_overlay() if args.use_reviews else None)
        print(f"{rows} rows ({len(args.run_ids)} run(s)) -> {args.output}/ (Parquet dataset, one run_id=<id>/ "
              "folder per run; pandas.read_parquet reads it)")
        return 0
    with open_store(args) as store:
        frame = to_frame(store, args.run_ids, overlay=review_overlay() if args.use_reviews else None)
    path = export_frame(frame, args.output, args.format)
    print(f"{len(frame)} rows ({len(args.run_ids)} run(s)) -> {path}")
    return 0
