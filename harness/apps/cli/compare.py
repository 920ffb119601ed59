"""``answer-audit compare RUN_ID RUN_ID [...]``: paired statistics for runs of the same battery.

Prints the comparison table (or Markdown / CSV / JSON with ``--format``) and writes the
comparison report (``comparison.html``, ``summary.md``, ``comparison.csv``, ``results.csv``) to
``--output`` (default ``reports/compare-<run ids>/``). Runs of different battery contents are
refused (exit 2).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from harness.apps.cli.common import add_reports_option, add_store_option, open_store
from harness.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "compare", help="compare runs of one battery with paired tests and CIs",
        description="Compare runs question by question: paired-bootstrap CIs of the differences, exact sign "
                    "test, McNemar for pass rates, Holm correction, effect sizes and a warning when the "
                    "battery is too small. The first run is the baseline.")
    p.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    p.add_argument("--output", type=Path, default=None,
                   help="report directory (default <reports-dir>/compare-<run ids>)")
    p.add_argument("--format", choices=("table", "markdown", "csv", "json"), default="table",
                   help="what is printed on stdout (default table)")
    p.add_argument("--no-report", action="store_true", help="print only; write no report files")
    p.add_argument("--all-pairs", action="store_true", help="compare every pair, not only against the first run")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    p.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples (default 2000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--min-difference", action="append", default=[], metavar="[SCORER=]VALUE",
                   help="smallest difference that matters (for the too-small-battery warning); repeatable")
    p.add_argument("--by", metavar="TAG", default=None,
                   help="also compare per category of this question tag (e.g. topic, cancer, risk)")
    p.add_argument("--use-reviews", action="store_true",
                   help="compare reviewed values where reviewers settled a verdict (answer-audit review)")
    add_store_option(p)
    add_reports_option(p)
    p.set_defaults(func=handle)


def parse_min_difference(items: list[str]) -> float | dict[str, float] | None:
    """``0.05`` applies to every scorer; ``claim_recall=0.05`` to one."""
    if not items:
        return None
    per: dict[str, float] = {}
    default: float | None = None
    for item in items:
        name, _, raw = item.rpartition("=")
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(f"--min-difference {item!r}: expected VALUE or SCORER=VALUE with a number, "
                              f"found {raw!r}") from None
        if name:
            per[name] = value
        else:
            default = value
    if not per:
        return default
    if default is not None:
        return _Defaulting(per, default)
    return per


class _Defaulting(dict[str, float]):
    def __init__(self, per: dict[str, float], default: float) -> None:
        super().__init__(per)
        self.default = default

    def get(self, key: str, fallback: float | None = None) -> float | None:  # type: ignore[override]
        return super().get(key, self.default)


def handle(args: argparse.Namespace) -> int:
    from harness.report.comparison import write_comparison_files
    from harness.results.compare import compare_runs, comparison_table, render_text_table
    from harness.results.table import review_overlay

    with open_store(args) as store:
        comp = compare_runs(store, args.run_ids, alpha=args.alpha, n_boot=args.n_boot, seed=args.seed,
                            min_difference=parse_min_difference(args.min_difference), all_pairs=args.all_pairs,
                            overlay=review_overlay() if args.use_reviews else None, by=args.by)
        out_dir = None
        if not args.no_report:
            out_dir = args.output or Path(args.reports_dir) / ("compare-" + "-vs-".join(comp.run_ids))[:150]
            write_comparison_files(store, comp, out_dir)
    if args.format == "table":
        from harness.report.wording import verdict_reason

        table = comparison_table(comp)  # the verdict's reason on the same line: Holm, sign test vs CI, margin
        table[0].append("why")
        for row, r in zip(table[1:], comp.rows, strict=True):
            row.append(verdict_reason(r, comp.alpha))
        sys.stdout.write(render_text_table(table))
        for note in comp.notes():
            print(f"warning: {note}")
    elif args.format == "markdown":
        from harness.report.markdown import render_comparison_markdown

        sys.stdout.write(render_comparison_markdown(comp))
    elif args.format == "csv":
        from harness.report.tables import comparison_csv

        sys.stdout.write(comparison_csv(comp))
    else:
        rows = [{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in r.row().items()}
                for r in comp.rows]  # strict JSON: undefined statistics (NaN, infinite odds) become null
        json.dump(rows, sys.stdout, indent=1, default=str, allow_nan=False)
        sys.stdout.write("\n")
    if out_dir is not None:
        print(f"comparison report -> {out_dir / 'comparison.html'}", file=sys.stderr)
    return 0
