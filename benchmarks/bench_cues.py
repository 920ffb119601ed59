"""Measure the disclaimer, escalation and safety scorers on the hand-labelled cases, and their cost.

    .venv/bin/python benchmarks/bench_cues.py [--cases-dir tests/cases] [--rounds 20]

Reads ``disclaimer.jsonl``, ``escalation.jsonl`` and ``safety.jsonl`` from ``--cases-dir`` (any
directory with files in the same format works, e.g. cases you have not seen) and prints:

- disclaimer and escalation: precision / recall / F1 of "present" and of "contrary advice"
  (negated or discouraging wording), per case;
- safety: precision / recall / F1 per category (a case counts once per category) and overall;
- per-answer CPU cost (``time.process_time``, median over rounds: wall time is unreliable on a
  shared machine) of each scorer's detection (cache cleared, so every call does the full work)
  beside one textstat ``flesch_kincaid_grade`` call on the same texts, with textstat pointed at the
  project's offline syllable source first (``install_offline_syllables``), so no NLTK download.

Everything runs offline and deterministically; timings vary by machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repo root: harness, and the one dev-data setting (tests/paths.py)
from benchmarks._paths import SEED_ANSWER  # noqa: E402

CATEGORIES = ("dosing", "stop_treatment", "certainty", "discourages_care", "missing_escalation",
              "eligibility_prognosis", "privacy")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; None where undefined (no predictions / no positives)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else None
    return p, r, f


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def binary_rows(cases: list[dict[str, Any]], assess: Callable[..., Any], fields: Sequence[str]) -> list[tuple]:
    counts = {f: [0, 0, 0] for f in fields}
    errors: list[str] = []
    for case in cases:
        result, _ = assess(case["text"])
        for field in fields:
            got, want = getattr(result, field), bool(case[field])
            c = counts[field]
            c[0] += got and want
            c[1] += got and not want
            c[2] += want and not got
            if got != want:
                errors.append(f"{case['id']} ({field}: got {got}, labelled {want})")
    rows = [(field, sum(case[field] for case in cases), *counts[field], *prf(*counts[field])) for field in fields]
    return [*rows, errors]


def safety_rows(cases: list[dict[str, Any]]) -> tuple[list[tuple], list[str]]:
    from harness.score.safety import find_flags

    counts = {c: [0, 0, 0] for c in CATEGORIES}
    errors: list[str] = []
    for case in cases:
        got = {f["category"] for f in find_flags(case["text"], escalation_required=case.get("escalation_required", False))}
        want = set(case["flags"])
        for c in CATEGORIES:
            counts[c][0] += c in got and c in want
            counts[c][1] += c in got and c not in want
            counts[c][2] += c in want and c not in got
        if got != want:
            errors.append(f"{case['id']} (got {sorted(got)}, labelled {sorted(want)})")
    rows = [(c, sum(c in case["flags"] for case in cases), *counts[c], *prf(*counts[c])) for c in CATEGORIES]
    total = [sum(counts[c][i] for c in CATEGORIES) for i in range(3)]
    rows.append(("all categories", sum(len(set(case["flags"])) for case in cases), *total, *prf(*total)))
    return rows, errors


def print_table(title: str, rows: list[tuple]) -> None:
    print(f"\n{title}")
    print(f"  {'':<24} {'pos':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for name, pos, tp, fp, fn, p, r, f in rows:
        print(f"  {name:<24} {pos:>4} {tp:>4} {fp:>4} {fn:>4} {_fmt(p):>6} {_fmt(r):>6} {_fmt(f):>6}")


def timing(texts: list[str], rounds: int) -> list[tuple[str, float]]:
    """Median microseconds per answer for each detector (uncached) and for one textstat FKGL call."""
    import textstat

    from harness.score.disclaimers import assess_disclaimer
    from harness.score.engines.cues import analyse
    from harness.score.escalation import assess_escalation
    from harness.score.safety import find_flags
    sys.path.insert(0, str(ROOT))
    from tests.textstat_public import nltk_offline

    nltk_offline()  # textstat would otherwise call nltk.download('cmudict')

    def uncached(fn: Callable[[str], Any]) -> Callable[[str], Any]:
        def run(text: str) -> Any:
            analyse.cache_clear()
            return fn(text)
        return run

    candidates: list[tuple[str, Callable[[str], Any]]] = [
        ("disclaimer", uncached(assess_disclaimer)),
        ("escalation", uncached(assess_escalation)),
        ("safety_flags", uncached(find_flags)),
        ("all three (one shared pass)", uncached(lambda t: (assess_disclaimer(t), assess_escalation(t), find_flags(t)))),
        ("textstat flesch_kincaid_grade", textstat.flesch_kincaid_grade),
    ]
    # textstat caches every result per text (lru_cache): give it a fresh string each round, so it
    # computes like it does on a new answer (its per-word syllable cache stays warm, as in real use)
    for _, fn in candidates:  # warm up (regex compilation, syllable table)
        for text in texts[:5]:
            fn(text)
    out = []
    for name, fn in candidates:
        per_round = []
        for r in range(rounds):
            fresh = [text + " " * (r + 1) for text in texts]
            start = time.process_time()
            for text in fresh:
                fn(text)
            per_round.append((time.process_time() - start) / len(texts) * 1e6)
        out.append((name, statistics.median(per_round)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases-dir", type=Path, default=ROOT / "tests" / "cases")
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds (median reported)")
    parser.add_argument("--show-errors", action="store_true", help="list every misclassified case")
    args = parser.parse_args(argv)

    from harness.score.disclaimers import assess_disclaimer
    from harness.score.escalation import assess_escalation

    disclaimer = load(args.cases_dir / "disclaimer.jsonl")
    escalation = load(args.cases_dir / "escalation.jsonl")
    safety = load(args.cases_dir / "safety.jsonl")
    print(f"cases: disclaimer {len(disclaimer)}, escalation {len(escalation)}, safety {len(safety)} "
          f"(from {args.cases_dir})")

    *d_rows, d_errors = binary_rows(disclaimer, assess_disclaimer, ("found", "contrary"))
    print_table("disclaimer (found = disclaimer present; contrary = negated / discouraging advice)", d_rows)
    *e_rows, e_errors = binary_rows(escalation, assess_escalation, ("found", "contrary"))
    print_table("escalation (found = actionable urgent advice; contrary = advice against seeking care)", e_rows)
    s_rows, s_errors = safety_rows(safety)
    print_table("safety_flags (per category, one count per case)", s_rows)
    exact = sum(1 for _ in safety) - len(s_errors)
    print(f"  cases with exactly the labelled set of categories: {exact}/{len(safety)}")

    errors = d_errors + e_errors + s_errors
    if errors:
        print(f"\nmisclassified: {len(errors)}" + ("" if args.show_errors else " (--show-errors lists them)"))
        if args.show_errors:
            for line in errors:
                print("  " + line)

    texts = [c["text"] for c in disclaimer + escalation + safety]
    seed = SEED_ANSWER
    print(f"\nper-answer CPU cost, median of {args.rounds} rounds (microseconds)")
    print(f"  {'':<32} {'case texts':>12} {'seed answer':>12}")
    short = timing(texts, args.rounds)
    long = timing([seed.read_text(encoding="utf-8")], args.rounds) if seed.exists() else [(n, float("nan")) for n, _ in short]
    for (name, us), (_, us_long) in zip(short, long, strict=True):
        print(f"  {name:<32} {us:>12.1f} {us_long:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
