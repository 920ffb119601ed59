"""The ``answer-audit`` command line: one small module per subcommand, each a few lines over the library.

Every subcommand module exposes ``register(subparsers)``, which only declares its parser and
sets ``func`` to a handler ``(args) -> int``; the handler imports the library it needs, so
building the parser (and ``answer-audit --help``) imports neither pandas, scipy nor matplotlib.
``main(argv)`` returns the exit code, so tests call it without a subprocess.

This module owns the exit codes and the error lines, in one place (README "Exit codes"):
0 ok; 1 the check asked for failed (invalid battery, gate failed); 2 usage error or bad input
(unknown names, unreadable or invalid files); 3 internal error; 130 interrupted. Every error
line starts with ``answer-audit: ``; library errors name API parameters (``base_url``), which
``error_line`` shows as this program's flags (``--base-url``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import typing
from collections.abc import Sequence
from enum import IntEnum

PROG = "answer-audit"
PREFIX = f"{PROG}: "
"""The one prefix of every error line the command line prints."""


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
    "harness.apps.cli.view",
    "harness.apps.cli.init",
)

PARAMETER_FLAGS: dict[str, str] = {
    "timeout_s": "--timeout",
    "essential_count": "--essential",
    "tag_fields": "--tag-field",
    "profile": "--judge",
    "scorers": "--scorer",
    "by": "--by",
    "use_reviews": "--use-reviews",
}
"""Library parameter -> flag, where the flag is not simply ``--`` plus the name with dashes."""


def flag_of(parameter: str) -> str:
    """The command-line flag for a library parameter (``run_id`` -> ``--run-id``)."""
    return PARAMETER_FLAGS.get(parameter, "--" + parameter.replace("_", "-"))


def error_line(exc: BaseException) -> str:
    """The error as this program prints it: the prefix, and library parameters as flags.

    Library messages quote the parameters they name in backticks (```base_url``` must ...) and
    list them in ``exc.parameters``; here each becomes its flag (``--base-url must ...``).
    """
    text = str(exc)
    for parameter in getattr(exc, "parameters", ()) or ():
        text = text.replace(f"`{parameter}`", flag_of(parameter))
    return PREFIX + text


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on the program's one error prefix (exit 2, as argparse does)."""

    def error(self, message: str) -> typing.NoReturn:
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix(PROG).strip()
        self.exit(ExitCode.USAGE, f"{PREFIX}{command + ': ' if command else ''}{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Audit patient-facing cancer answers against clinician-written gold answers.",
        epilog="Exit codes: 0 ok, 1 check failed, 2 usage or input error, 3 internal error, 130 interrupted.",
    )
    from harness import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def exit_code_of(exc: BaseException) -> int:
    """Which exit code an exception ends the program with (the one mapping of errors to codes)."""
    from harness.errors import ConfigError, HarnessError, ProblemsError, StoreError, UnknownNameError

    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(exc, ProblemsError | ConfigError | UnknownNameError | StoreError | FileNotFoundError):
        return ExitCode.USAGE
    if isinstance(exc, HarnessError):
        return ExitCode.FAILED
    return ExitCode.INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand and return its exit code (errors become one clear sentence on stderr)."""
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
        print(PREFIX + "interrupted; everything finished so far is stored", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints, not a traceback
        code = exit_code_of(exc)
        if code == ExitCode.INTERNAL:
            import traceback

            traceback.print_exc()
            print(f"{PREFIX}internal error: {exc}", file=sys.stderr)
        else:
            print(error_line(exc), file=sys.stderr)
        return code
