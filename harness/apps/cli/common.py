"""Options and helpers shared by several subcommands (store location, reports directory)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from harness.store import DEFAULT_STORE, RunStore


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=None,
                        help=f"run store (SQLite); default $ANSWER_AUDIT_STORE or {DEFAULT_STORE}")


def add_reports_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where reports/<run_id>/ exports are written (default: reports)")


def open_store(args: argparse.Namespace) -> RunStore:
    path = args.store or Path(os.environ.get("ANSWER_AUDIT_STORE", DEFAULT_STORE))
    return RunStore(path)
