"""The ``answer-audit`` command line: one small module per subcommand, each a few lines over the library.

Every subcommand module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to a handler ``(args) -> int``. ``main(argv)`` returns the exit code, so tests call it
without a subprocess.

Exit codes (README "Exit codes"): 0 ok; 1 the check asked for failed (invalid battery, gate
failed); 2 usage error or bad input (unknown names, unreadable files); 3 internal error;
130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


# Subcommand modules, in the order `answer-audit --help` lists them (each exposes register(subparsers)).
COMMANDS: tuple[str, ...] = (
    "harness.apps.cli.run",
    "harness.apps.cli.report",
    "harness.apps.cli.validate",
    "harness.apps.cli.ls",
    "harness.apps.cli.demo",
    "harness.apps.cli.importer",
    "harness.apps.cli.compare",
    "harness.apps.cli.export",
    "harness.apps.cli.gate",
    "harness.apps.cli.judge",
    "harness.apps.cli.readability",
    "harness.apps.cli.review",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="answer-audit",
        description="Audit patient-facing cancer answers against clinician-written gold answers.",
        epilog="Exit codes: 0 ok, 1 check failed, 2 usage or input error, 3 internal error, 130 interrupted.",
    )
    from harness import __version__

    parser.add_argument("--version", action="version", version=f"answer-audit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code (errors become one clear sentence on stderr)."""
    from harness.errors import BatteryError, ConfigError, HarnessError, StoreError, UnknownNameError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # output piped into `head` and closed early: not an error of ours
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except KeyboardInterrupt:
        print("answer-audit: interrupted; everything finished so far is stored", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BatteryError as exc:
        print(f"answer-audit: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except (ConfigError, UnknownNameError, StoreError, FileNotFoundError) as exc:
        print(f"answer-audit: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except HarnessError as exc:
        print(f"answer-audit: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints, not a traceback
        import traceback

        traceback.print_exc()
        print(f"answer-audit: internal error: {exc}", file=sys.stderr)
        return ExitCode.INTERNAL
