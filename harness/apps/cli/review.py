"""Reviewer subcommands: ``review`` (the web app), ``reviewers``, ``reviews export``, ``audit verify|log``."""

from __future__ import annotations

import argparse
import csv
import shlex
import socket
import sys
from pathlib import Path

from harness.apps.cli import audit_log
from harness.apps.cli.common import add_store_option, open_store
from harness.errors import ConfigError
from harness.results import reviews as rv


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("review", help="serve the reviewer web app (localhost by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--blind", action="store_true",
                   help="blinded double review: hide generator and run names, shuffle the queue per reviewer")
    p.add_argument("--run", action="append", dest="runs", metavar="RUN_ID", help="only these runs (repeatable)")
    p.add_argument("--include-self-check", action="store_true",
                   help="also queue `gold` self-check runs in blind review (left out by default: their answers "
                        "are the gold text)")
    add_store_option(p)
    p.set_defaults(func=serve)

    p = sub.add_parser("reviewers", help="manage reviewer accounts (tokens are shown once, stored hashed)")
    rsub = p.add_subparsers(dest="action", required=True)
    add = rsub.add_parser("add", help="add a reviewer and print their login token")
    add.add_argument("name")
    add.add_argument("--role", choices=rv.ROLES, default="reviewer")
    add_store_option(add)
    add.set_defaults(func=add_reviewer)
    token = rsub.add_parser("token", help="issue a new token for a reviewer (old sessions end)")
    token.add_argument("name")
    add_store_option(token)
    token.set_defaults(func=new_token)
    ls = rsub.add_parser("list", help="list reviewers")
    add_store_option(ls)
    ls.set_defaults(func=list_reviewers)

    p = sub.add_parser("reviews", help="export reviewer decisions")
    esub = p.add_subparsers(dest="action", required=True)
    export = esub.add_parser("export", help="reviewed claim verdicts as labelled pairs (for `calibrate`)")
    export.add_argument("--run", required=True, dest="run_id")
    export.add_argument("--output", type=Path, required=True, help="CSV file to write")
    add_store_option(export)
    export.set_defaults(func=export_pairs)

    p = sub.add_parser("audit", help="check the reviewers' hash-chained audit trail")
    asub = p.add_subparsers(dest="action", required=True)
    verify = asub.add_parser("verify", help="prove the audit trail intact or name the first tampered entry")
    add_store_option(verify)
    verify.set_defaults(func=verify_chain)
    audit_log.add_parser(asub)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from harness.apps.review import create_app

    with open_store(args) as store:
        path = store.path
        if not rv.list_reviewers(store):
            print("answer-audit: no reviewers yet; add one with `answer-audit reviewers add NAME`", file=sys.stderr)
            return 2
        if args.runs:
            for run_id in args.runs:
                store.require_run(run_id)
    check_port_free(args.host, args.port)
    app = create_app(path, blind=args.blind, runs=args.runs, self_check=True if args.include_self_check else None)
    print(f"reviewer app on http://{args.host}:{args.port}/ (store {path}{', blind' if args.blind else ''})")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def check_port_free(host: str, port: int) -> None:
    """A ConfigError (exit 2) naming the port when something already listens there, before any banner."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc} (another program, or another "
                              f"`answer-audit review`, is using port {port}); pick another with --port") from None


def add_reviewer(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if any(name == args.name.strip() for name, _, _ in rv.list_reviewers(store)):
            raise ConfigError(f"Reviewer {args.name.strip()!r} already exists; to issue a new token run: "
                              f"answer-audit reviewers token {shlex.quote(args.name.strip())}")
        token = rv.add_reviewer(store, args.name, args.role)
    print(f"reviewer {args.name!r} ({args.role}) added. Login token (shown once, stored hashed):\n{token}")
    return 0


def new_token(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        token = rv.reissue_token(store, args.name)
    print(f"new login token for {args.name!r} (shown once):\n{token}")
    return 0


def list_reviewers(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        for name, role, created in rv.list_reviewers(store):
            print(f"{name}\t{role}\t{created}")
    return 0


def export_pairs(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = rv.labelled_pairs(store, args.run_id)
    columns = ["run_id", "question_id", "sample", "claim_id", "claim_kind", "answer", "claim", "label"]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} labelled pairs written to {args.output} (answer column 'answer', claim column 'claim', "
          "label column 'label')")
    return 0


def verify_chain(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = rv.verify_chain(store)
    print(report.message, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1
