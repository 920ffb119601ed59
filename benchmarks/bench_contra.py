"""Contradictions in patient answers: precision/recall of "contradicted" on our contradiction dev pairs.

``tests/cases/judge_contra_dev.jsonl`` holds oncology patient-answer pairs written before the rules they
measure: about half state something a clinician would mark as contradicting the gold claim (another value
or time window for the same quantity, another line of therapy, "no longer recommended" against "standard",
the opposite recommendation, "before" against "after", "only X" against "everyone", a comparison with its
operands swapped), half are look-alikes that must not contradict (the same numbers about other things,
ranges that hold each other, "at least 2 weeks" against "2 weeks", hedges, "not only ... but also", double
negatives, a negation about another subject). Question groups marked ``"split": "holdout"`` (a random
quarter) were kept out of every rule choice: only their aggregate is printed, and only with ``--holdout``.

Run: ``PYTHONPATH=$PWD python benchmarks/bench_contra.py [--show] [--holdout]`` (``--show`` lists the dev
part's errors, never the holdout's).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._judged import judged  # noqa: E402

DEV = Path(__file__).resolve().parent.parent / "tests" / "cases" / "judge_contra_dev.jsonl"


def figures(rows: list[tuple[str, str]]) -> str:
    """Precision / recall of contradicted, and what the look-alikes got."""
    tp = sum(g == "contradicted" and p == "contradicted" for g, p in rows)
    called = sum(p == "contradicted" for _, p in rows)
    true = sum(g == "contradicted" for g, _ in rows)
    supp = sum(g == "contradicted" and p == "supported" for g, p in rows)
    others = [(g, p) for g, p in rows if g != "contradicted"]
    agree = sum(g == p for g, p in others)
    prec = tp / called if called else 0.0
    return (f"pairs {len(rows)}: contradicted precision {prec:.2f} ({tp}/{called}), recall "
            f"{tp / true if true else 0:.2f} ({tp}/{true}); contradictions called supported {supp}/{true}; "
            f"look-alikes falsely contradicted {called - tp}/{len(others)}, verdict agrees {agree}/{len(others)}")


def main() -> None:
    show = "--show" in sys.argv
    parts: dict[str, list[tuple[str, str]]] = {"dev": [], "holdout": []}
    for n, part, r, v in judged(DEV):
        parts[part].append((r["label"], v.verdict))
        if show and part == "dev" and (v.verdict == "contradicted") != (r["label"] == "contradicted"):
            print(f"  {n:>3} {r['label']:>12} -> {v.verdict:<12} [{r['note']}] {r['answer']!r} | {r['claim']!r}\n"
                  f"        {v.reason[:160]}")
    print(f"dev: {figures(parts['dev'])}")
    if "--holdout" in sys.argv:
        print(f"holdout: {figures(parts['holdout'])}")


if __name__ == "__main__":
    main()
