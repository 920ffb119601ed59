"""``answer-audit audit log``: the reviewers' decision trail for an auditor, as a table, JSONL or CSV.

Each entry shows who decided what about which automatic result, when and why, with its SHA-256
and its predecessor's hash, so the chain can be followed outside the app. Filters: ``--run``,
``--reviewer``, ``--since`` / ``--until`` (UTC dates, inclusive). The chain is verified over the whole
log (not just the filtered rows) and the verdict is printed on stderr for the table form.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from harness.apps.cli.common import add_store_option, open_store
from harness.results import reviews as rv

LOG_COLUMNS = ("seq", "created_at", "reviewer", "role", "run_id", "question_id", "sample", "target_type",
               "target_id", "decision", "value", "automatic", "reason", "hash", "prev_hash")
FORMATS = ("table", "jsonl", "csv")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def add_parser(asub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``log`` under the ``audit`` command."""
    p = asub.add_parser("log", help="print the reviewers' decision trail with each entry's hash and predecessor",
                        description=__doc__)
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--run", dest="run_id", default=None, metavar="RUN_ID", help="only decisions on this run")
    p.add_argument("--reviewer", default=None, metavar="NAME", help="only this reviewer's decisions")
    p.add_argument("--since", type=_date, default=None, metavar="YYYY-MM-DD", help="decisions on or after this date")
    p.add_argument("--until", type=_date, default=None, metavar="YYYY-MM-DD", help="decisions on or before this date")
    add_store_option(p)
    p.set_defaults(func=handle)


def select(entries: Sequence[rv.Review], *, run_id: str | None = None, reviewer: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None) -> list[rv.Review]:
    """The entries matching every filter given, in log order."""
    out = []
    for e in entries:
        day = dt.date.fromisoformat(e.created_at[:10])
        if (run_id and e.run_id != run_id) or (reviewer and e.reviewer != reviewer):
            continue
        if (since and day < since) or (until and day > until):
            continue
        out.append(e)
    return out


def record(e: rv.Review) -> dict[str, Any]:
    return {c: getattr(e, c) for c in LOG_COLUMNS}


def write(entries: Sequence[rv.Review], fmt: str, out: TextIO) -> None:
    """Write the entries in ``fmt`` (table, jsonl, csv)."""
    if fmt == "jsonl":
        for e in entries:
            out.write(json.dumps(record(e), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=LOG_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(record(e) for e in entries)
    else:
        for e in entries:
            target = f"{e.target_type} {e.target_id}".strip()
            change = e.decision + (f" -> {e.value}" if e.value else "") + (f" (automatic {e.automatic})"
                                                                           if e.automatic else "")
            where = f"{e.run_id}/{e.question_id}" + (f"#{e.sample}" if e.sample else "")
            out.write(f"{e.seq:>4}  {e.created_at}  {e.reviewer} ({e.role})  {where}  {target}  {change}"
                      + (f"  reason: {e.reason}" if e.reason else "") + "\n")
            out.write(f"      hash {e.hash}  prev {e.prev_hash}\n")


def handle(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.run_id:
            store.require_run(args.run_id)
        entries = rv.reviews(store)
        chain = rv.verify_chain(store)
    chosen = select(entries, run_id=args.run_id, reviewer=args.reviewer, since=args.since, until=args.until)
    write(chosen, args.format, sys.stdout)
    if args.format == "table":
        print(f"{len(chosen)} of {len(entries)} entries shown; {chain.message}", file=sys.stderr)
    return 0 if chain.ok else 1
