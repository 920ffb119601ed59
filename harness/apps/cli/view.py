"""``answer-audit view [--port 8766]``: browse every run in the store and open any report or comparison.

Local and read-only: it binds 127.0.0.1 only, serves GET requests only, opens the store read-only
and renders every page from the store (``harness.apps.view``); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from harness.apps.cli.common import add_store_option
from harness.store import DEFAULT_STORE

HOST = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("view", help="browse every stored run and open any report or comparison (local, read-only)",
                       description=__doc__)
    p.add_argument("--port", type=int, default=8766, help="port on 127.0.0.1 (default 8766)")
    add_store_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    import uvicorn

    from harness.apps.cli.review import check_port_free
    from harness.apps.view import create_view_app

    path = args.store or Path(os.environ.get("ANSWER_AUDIT_STORE", DEFAULT_STORE))
    app = create_view_app(path)
    check_port_free(HOST, args.port)
    print(f"answer-audit view on http://{HOST}:{args.port}/ (store {path}, read-only; Ctrl-C stops it)")
    uvicorn.run(app, host=HOST, port=args.port, log_level="warning")
    return 0
