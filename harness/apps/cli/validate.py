"""``answer-audit validate BATTERY``: check a battery's files; print every problem with file:line.

Exit 0 all valid, 1 a battery has problems, 2 a battery does not exist (usage error).
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("validate", help="validate a battery, its gold answers and the citation registry")
    p.add_argument("batteries", nargs="+", metavar="BATTERY", help="battery name or path")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from harness.apps.cli import PREFIX, ExitCode
    from harness.battery import load_battery
    from harness.errors import BatteryError, BatteryNotFoundError
    from harness.report.gold_status import GoldStatus

    status = ExitCode.OK
    for name in args.batteries:
        try:
            b = load_battery(name)
        except BatteryNotFoundError as exc:  # a usage error (README: exit 2), not an invalid battery
            print(f"{PREFIX}{exc}", file=sys.stderr)
            status = ExitCode.USAGE
            continue
        except BatteryError as exc:
            print(f"{PREFIX}{name}: {exc}", file=sys.stderr)
            status = max(status, ExitCode.FAILED)
            continue
        claims = sum(len(g.claims) for g in b.gold.values())
        personal = sum(q.context is not None for q in b.questions)
        unreviewed = sum(g.status == "unreviewed" for g in b.gold.values())
        print(f"{b.name} v{b.card.version}: OK — {len(b.questions)} questions ({personal} personalised), "
              f"{claims} claims, {len(b.sources)} registry sources, fingerprint {b.fingerprint}"
              + (f"; {unreviewed} gold answers unreviewed" if unreviewed else ""))
        print(f"  {GoldStatus.of(b.gold.values()).sentence()}")
    return int(status)
