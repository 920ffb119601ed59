"""``answer-audit ls [generators|scorers|batteries|runs]``: what is available and what is stored."""

from __future__ import annotations

import argparse
from pathlib import Path

from harness.apps.cli.common import add_store_option, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ls", help="list generators, scorers, batteries or stored runs")
    p.add_argument("what", nargs="?", choices=("generators", "scorers", "batteries", "runs"), default=None)
    add_store_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    wanted = [args.what] if args.what else ["generators", "scorers", "batteries", "runs"]
    for what in wanted:
        if len(wanted) > 1:
            print(f"{what}:")
        for line in _lines(what, args):
            print(("  " if len(wanted) > 1 else "") + line)
    return 0


def _lines(what: str, args: argparse.Namespace) -> list[str]:
    if what == "generators":
        import harness.generate as g

        return [f"{name}:" + ("" if name == "gold" else "ARG") for name in g.GENERATORS.names()]
    if what == "scorers":
        from harness.score import SCORERS

        out = []
        for name in SCORERS.names():
            cls = SCORERS.get(name)
            doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
            direction = "higher is better" if cls.higher_is_better else "lower is better"
            out.append(f"{name} (v{cls.version}, {direction}): {doc}")
        return out
    if what == "batteries":
        return sorted(p.stem for p in Path("evals").glob("*.yaml") if not p.stem.startswith("_")
                      and p.stem != "gate")
    with open_store(args) as store:
        return [f"{r.run_id}  {r.battery} v{r.battery_version}  {r.generator}  {r.status}  {r.created_at}"
                for r in store.list_runs()]
