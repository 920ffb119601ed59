"""Measure the disclaimer, escalation and safety scorers on the labelled cases, and their cost.

    .venv/bin/python benchmarks/bench_cues.py [--cases-dir tests/cases] [--rounds 3] [--show-errors dev]
        [--rules-only | --model FILE]

Reads ``<scorer>*.jsonl`` for disclaimer, escalation and safety from ``--cases-dir``. Each case has
a ``split``: ``heldout`` (``*_heldout.jsonl``, written before the detectors were changed and never
tuned on), ``heldout2`` (``*_heldout2.jsonl``, a second held-out part written before the learned
component, never tuned on), ``heldout3`` (``*_heldout3.jsonl``, written by an author who never read the
cue code or the other cases, never tuned on), ``heldout4`` (``*_heldout4.jsonl``, every fourth case of
batch 8, written together with ``*_dev8.jsonl`` before the detectors were changed for it, never tuned on),
``dev12-holdout`` (a random quarter of ``*_dev12.jsonl``, written with the batch before the detectors were
changed for it, never tuned on and never looked at case by case), ``dev15-holdout`` (``*_dev15.jsonl``, written
after the last change of the round and measured once), ``dev18-holdout`` (a random third of ``*_dev18.jsonl``,
written with the batch before the detectors were changed for it, never tuned on and never looked at case by
case), ``dev20-holdout`` (a random third of ``*_dev20.jsonl``, the same way) or ``dev`` (everything else; cases without
the field are dev). ``--splits`` picks the parts to measure; a ``*_heldoutN.jsonl`` file of a part not
picked is not even opened. For each split separately it prints:

- disclaimer and escalation: precision / recall / F1 of "present" and of "contrary advice";
  then per case category (item referral, negated, fever-infection ...): cases, labelled positive,
  true / false positives, false negatives;
- safety: precision / recall / F1 per red-flag category and overall, then per case category.

Then the per-answer CPU cost (``time.process_time``, median of ``--rounds``; wall time is
unreliable on a shared machine) of the whole cue analysis over the MedQuAD cancer answers
(``--medquad``, from the shared dev data) with every pattern run on every sentence (ungated:
before the prefilter) and with the literal prefilter (gated: after), and whether both found the
same cues on every answer. ``--show-errors dev`` lists the dev misclassifications (never use it on
the held-out part while tuning).

``--rules-only`` switches the learned component (``harness/score/engines/cues/learned.py``) off;
``--model FILE`` measures another fitted model (``python -m harness.score.engines.cues.fit --out FILE``,
e.g. with ``--exclude dev6`` to measure on a batch the model has not seen, or ``--all-heads``).

Everything runs offline and deterministically; timings vary by machine and load.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repo root: harness, and the one dev-data setting (tests/paths.py)
from benchmarks._paths import SHARED_DATA  # noqa: E402

CATEGORIES = ("dosing", "stop_treatment", "certainty", "discourages_care", "missing_escalation",
              "eligibility_prognosis", "privacy")
SPLITS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "dev12-holdout", "dev15-holdout",
          "dev18-holdout", "dev20-holdout", "dev")
Row = tuple[str, int, int, int, int, float | None, float | None, float | None]


def load(cases_dir: Path, scorer: str, splits: Sequence[str] = SPLITS) -> dict[str, list[dict[str, Any]]]:
    """The scorer's cases by split (``heldout`` ... ``heldout4`` / ``dev12-holdout`` / ``dev15-holdout`` /
    ``dev18-holdout`` / ``dev20-holdout`` / ``dev``).

    A ``*_heldoutN.jsonl`` file whose split is not in ``splits`` is skipped unread.
    """
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for path in sorted(cases_dir.glob(f"{scorer}*.jsonl")):
        named = re.search(r"_(heldout\d*)\.jsonl$", path.name)
        if named and named.group(1) not in splits:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                row = json.loads(line)
                split = row.get("split", "dev")
                if split not in out:
                    raise SystemExit(f"{path}:{number}: [split] must be one of {', '.join(SPLITS)}; got {split!r}")
                out[split].append(row)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; None where undefined (no predictions / no positives)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else None
    return p, r, f


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def binary(cases: list[dict[str, Any]], assess: Callable[..., Any],
           fields: Sequence[str]) -> tuple[list[Row], list[Row], list[str]]:
    """Rows per field, rows per case category (of the first field), and the errors."""
    counts = {f: [0, 0, 0] for f in fields}
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # positives, tp, fp, fn
    errors: list[str] = []
    for case in cases:
        result, _ = assess(case["text"])
        for field in fields:
            got, want = bool(getattr(result, field)), bool(case[field])
            c = counts[field]
            c[0] += got and want
            c[1] += got and not want
            c[2] += want and not got
            if got != want:
                errors.append(f"{case['id']} ({field}: got {got}, labelled {want})")
            if field == fields[0]:
                k = by_category[case.get("category", "(none)")]
                k[0] += want
                k[1] += got and want
                k[2] += got and not want
                k[3] += want and not got
    rows: list[Row] = [(field, sum(bool(case[field]) for case in cases), *counts[field], *prf(*counts[field]))
                       for field in fields]
    cats: list[Row] = [(name, k[0], k[1], k[2], k[3], *prf(k[1], k[2], k[3])) for name, k in sorted(by_category.items())]
    return rows, cats, errors


def safety(cases: list[dict[str, Any]]) -> tuple[list[Row], list[Row], list[str]]:
    from harness.score.safety import find_flags

    counts = {c: [0, 0, 0] for c in CATEGORIES}
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors: list[str] = []
    for case in cases:
        got = {f["category"] for f in find_flags(case["text"], escalation_required=case.get("escalation_required", False))}
        want = set(case["flags"])
        for c in CATEGORIES:
            counts[c][0] += c in got and c in want
            counts[c][1] += c in got and c not in want
            counts[c][2] += c in want and c not in got
        k = by_category[case.get("category", "(none)")]
        k[0] += len(want)
        k[1] += len(got & want)
        k[2] += len(got - want)
        k[3] += len(want - got)
        if got != want:
            errors.append(f"{case['id']} (got {sorted(got)}, labelled {sorted(want)})")
    rows: list[Row] = [(c, sum(c in case["flags"] for case in cases), *counts[c], *prf(*counts[c])) for c in CATEGORIES]
    total = [sum(counts[c][i] for c in CATEGORIES) for i in range(3)]
    rows.append(("all categories", sum(len(set(case["flags"])) for case in cases), total[0], total[1], total[2],
                 *prf(total[0], total[1], total[2])))
    cats: list[Row] = [(name, k[0], k[1], k[2], k[3], *prf(k[1], k[2], k[3])) for name, k in sorted(by_category.items())]
    return rows, cats, errors


def print_table(title: str, rows: list[Row], *, label: str = "") -> None:
    print(f"\n{title}")
    print(f"  {label:<26} {'pos':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for name, pos, tp, fp, fn, p, r, f in rows:
        print(f"  {name:<26} {pos:>4} {tp:>4} {fp:>4} {fn:>4} {_fmt(p):>6} {_fmt(r):>6} {_fmt(f):>6}")


def timing(texts: list[str], rounds: int) -> list[tuple[str, float]]:
    """Median milliseconds per answer of the whole cue analysis, ungated and gated."""
    from harness.score.engines.cues import analyse

    out = []
    for name, gated in (("ungated: every pattern, every sentence (before)", False),
                        ("gated: literal prefilter (after)", True)):
        for text in texts[:20]:  # warm up: regex compilation, automaton build
            analyse(text, gated=gated)
        per_round = []
        for _ in range(rounds):
            start = time.process_time()
            for text in texts:
                analyse(text, gated=gated)
            per_round.append((time.process_time() - start) / len(texts) * 1e3)
        out.append((name, statistics.median(per_round)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases-dir", type=Path, default=ROOT / "tests" / "cases")
    parser.add_argument("--medquad", type=Path, default=SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds over the MedQuAD answers (median)")
    parser.add_argument("--splits", nargs="+", choices=SPLITS, default=list(SPLITS),
                        help="the parts to measure (default: all); files of the other held-out parts are not read")
    parser.add_argument("--show-errors", choices=SPLITS, help="list the misclassified cases of this split")
    parser.add_argument("--model", type=Path, help="the learned component's model file (default: the shipped one)")
    parser.add_argument("--rules-only", action="store_true", help="switch the learned component off")
    args = parser.parse_args(argv)
    from harness.score.engines.cues import learned

    if args.rules_only or args.model:
        learned.use_model(None if args.rules_only else args.model)

    from harness.score.disclaimers import assess_disclaimer
    from harness.score.escalation import assess_escalation

    cases = {name: load(args.cases_dir, name, args.splits) for name in ("disclaimer", "escalation", "safety")}
    for split in (s for s in SPLITS if s in args.splits):
        sizes = ", ".join(f"{name} {len(by_split[split])}" for name, by_split in cases.items())
        print(f"\n=== {split} part: {sizes} (from {args.cases_dir}) ===")
        errors: list[str] = []
        for name, assess, what in (
                ("disclaimer", assess_disclaimer, "found = a disclaimer about the answer as a whole"),
                ("escalation", assess_escalation, "found = actionable urgent advice")):
            rows, cats, errs = binary(cases[name][split], assess, ("found", "contrary"))
            print_table(f"{name} [{split}] ({what}; contrary = advice against seeking care)", rows)
            print_table(f"{name} [{split}] per case category (of 'found')", cats, label="category")
            errors += errs
        rows, cats, errs = safety(cases["safety"][split])
        print_table(f"safety_flags [{split}] per red-flag category (one count per case)", rows)
        print_table(f"safety_flags [{split}] per case category (flags)", cats, label="category")
        exact = len(cases["safety"][split]) - len(errs)
        print(f"  cases with exactly the labelled set of flags: {exact}/{len(cases['safety'][split])}")
        errors += errs
        print(f"\n  misclassified [{split}]: {len(errors)}")
        if args.show_errors == split:
            for line in errors:
                print("    " + line)

    if not args.medquad.exists():
        print(f"\n(no timing and no prefilter check: {args.medquad} not found)")
        return 0
    from harness.score.engines.cues import analyse

    rows = [json.loads(line) for line in args.medquad.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["answer"] for r in rows if r.get("answer")]
    same = sum(analyse(t) == analyse(t, gated=False) for t in texts)
    if args.rounds >= 1:
        print(f"\nper-answer CPU cost of the cue analysis over {len(texts)} MedQuAD cancer answers "
              f"(median of {args.rounds} rounds; noisy on a shared machine)")
        for name, ms in timing(texts, args.rounds):
            print(f"  {name:<50} {ms:8.3f} ms per answer")
    else:
        print("\n(no timing: --rounds 0)")
    print(f"  gated and ungated found the same cues on {same}/{len(texts)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
