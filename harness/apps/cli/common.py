"""Options and helpers shared by several subcommands (store location, reports directory)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from harness.store import DEFAULT_STORE

if TYPE_CHECKING:
    from harness.store import RunStore


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=None,
                        help=f"run store (SQLite); default $ANSWER_AUDIT_STORE or {DEFAULT_STORE}")


def add_reports_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where reports/<run_id>/ exports are written (default: reports)")


def open_store(args: argparse.Namespace) -> RunStore:
    from harness.store import RunStore

    path = args.store or Path(os.environ.get("ANSWER_AUDIT_STORE", DEFAULT_STORE))
    return RunStore(path)


def iso_date(text: str) -> dt.date:
    """An ``--as-of`` style date: argparse's error is one clear sentence, not "invalid fromisoformat value"."""
    import calendar
    import re

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        why = "expected YYYY-MM-DD"
        parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
        if parts:
            year, month, day = (int(p) for p in parts.groups())
            if not 1 <= month <= 12:
                why = f"there is no month {month}"
            else:
                days = calendar.monthrange(year, month)[1]
                why = f"{calendar.month_name[month]} {year} has {days} days, not {day}"
        raise argparse.ArgumentTypeError(f"{text!r} is not a calendar date ({why})") from None
