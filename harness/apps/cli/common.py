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


def retypable_command(*, absolute: bool = False) -> str:
    """How the user can type this program again: ``answer-audit`` when that is on PATH, else the path they ran.

    After ``make demo`` without activating ``.venv``, plain ``answer-audit`` is "command not found", so
    hints such as ``init``'s next steps show ``.venv/bin/answer-audit`` (absolute with ``absolute``,
    for hints that start with a ``cd``); ``python -m harness`` when run as a module.
    """
    import shutil
    import sys

    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is None:
        return "answer-audit"
    if argv0.name == "__main__.py" and argv0.parent.name == "harness":
        return "python -m harness"
    on_path = shutil.which("answer-audit")
    if on_path and argv0.exists() and Path(on_path).resolve() == argv0.resolve():
        return "answer-audit"
    if argv0.name != "answer-audit":
        return "answer-audit"  # e.g. called from Python (tests, the pytest plugin)
    if absolute or argv0.is_absolute():
        return str(argv0.resolve()) if absolute else str(argv0)
    return str(argv0) if str(argv0).startswith((".", "/")) else f"./{argv0}"
