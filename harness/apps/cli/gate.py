"""``answer-audit gate --run ID [--baseline ID] [--config evals/gate.toml] [--junit PATH] [--summary PATH]``.

Exit codes: 0 every check passed, 1 the gate failed, 2 usage or input error (unknown run, bad
config, runs on different batteries), 3 internal error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from harness.apps.cli.common import add_store_option, open_store

DEFAULT_GATE_CONFIG = Path("evals") / "gate.toml"
"""The shipped gate config (``harness.gate.DEFAULT_GATE_CONFIG``; a test keeps them equal)."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "gate", help="check a run against thresholds, zero-tolerance rules and a baseline (CI)",
        description="Check one run against the gate config: absolute thresholds per scorer, zero-tolerance "
                    "rules (stated harmful claims, high-severity safety flags) and, with --baseline, a "
                    "statistically significant regression. Exit 0 pass, 1 gate failed, 2 usage error, "
                    "3 internal error.")
    p.add_argument("--run", required=True, metavar="RUN_ID", help="the run to gate")
    p.add_argument("--baseline", metavar="RUN_ID", default=None,
                   help="a stored run of the same battery to test for regressions against")
    p.add_argument("--config", type=Path, default=DEFAULT_GATE_CONFIG,
                   help=f"gate config TOML (default {DEFAULT_GATE_CONFIG})")
    p.add_argument("--junit", type=Path, default=None, metavar="PATH", help="write JUnit XML here")
    p.add_argument("--summary", type=Path, default=None, metavar="PATH",
                   help="write the Markdown summary here (e.g. then append it to $GITHUB_STEP_SUMMARY)")
    p.add_argument("--use-reviews", action="store_true",
                   help="gate on reviewed values where reviewers settled a verdict (answer-audit review)")
    add_store_option(p)
    p.set_defaults(func=handle)


MAX_FAIL_LINES = 20
"""FAIL lines printed on the terminal; the rest are counted and left to the JUnit and Markdown files."""


def handle(args: argparse.Namespace) -> int:
    from harness.errors import HarnessError
    from harness.gate import GateConfig, check_gate, print_lines, write_outputs
    from harness.report.junit import usage_error_junit

    try:
        config = GateConfig.load(args.config)
        with open_store(args) as store:
            result = check_gate(store, args.run, baseline=args.baseline, config=config,
                                use_reviews=args.use_reviews)
    except HarnessError as exc:
        if args.junit is not None:  # so the CI step's test report shows why the gate did not run
            args.junit.parent.mkdir(parents=True, exist_ok=True)
            args.junit.write_text(usage_error_junit(str(exc), run_id=args.run), encoding="utf-8", newline="\n")
        raise
    write_outputs(result, junit=args.junit, summary=args.summary)
    print("\n".join(capped_lines(print_lines(result), args)))
    return result.exit_code


def capped_lines(lines: list[str], args: argparse.Namespace, limit: int = MAX_FAIL_LINES) -> list[str]:
    """The verdict line and at most ``limit`` FAIL lines, then where the rest are."""
    head, fails = lines[:1], lines[1:]
    if len(fails) <= limit:
        return lines
    where = [str(p) for p in (args.junit, args.summary) if p is not None]
    see = f"see {' or '.join(where)}" if where else "re-run with --junit PATH or --summary PATH for every failure"
    return [*head, *fails[:limit], f"  ... and {len(fails) - limit} more; {see}"]
