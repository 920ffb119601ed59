"""Clinician register against plain claims: how often the judge agrees on our dev pairs.

``tests/cases/judge_register_dev2.jsonl`` holds clinician-register answers (abbreviations, TNM, lines of
therapy, response terms, lab values and units, drug classes and brands, Latin-ish terms) against plain-word
gold claims of 20 battery questions: about half state the claim ("supported"), the rest use the same jargon
for a different fact ("missing": only "supported" counts as wrong for them). A random quarter of the groups
(whole questions) carry ``"split": "holdout"``; they were kept out of every choice and their individual
failures are never printed. ``tests/cases/judge_register_dev3.jsonl`` (round 3) is the same kind of file over 24
topics outside the battery; pass it with ``--file``. Run:
``PYTHONPATH=$PWD python benchmarks/bench_register.py [--file PATH] [--show] [--holdout]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._judged import judged  # noqa: E402

DEV = Path(__file__).resolve().parent.parent / "tests" / "cases" / "judge_register_dev2.jsonl"


def figures(rows: list[tuple[str, str]]) -> str:
    """Agreement, recall of the supported pairs and how many different-fact pairs were called supported."""
    sup = [p for g, p in rows if g == "supported"]
    mis = [p for g, p in rows if g != "supported"]
    hit = sum(p == "supported" for p in sup)
    false = sum(p == "supported" for p in mis)
    agree = hit + len(mis) - false
    contra = sum(p == "contradicted" for _, p in rows)
    if not rows:
        return "pairs 0"
    return (f"pairs {len(rows)}: agreement {agree / len(rows):.3f}; supported recall {hit / max(len(sup), 1):.3f} "
            f"({hit}/{len(sup)}); different-fact pairs called supported {false}/{len(mis)}; contradicted {contra}")


def main() -> None:
    show = "--show" in sys.argv
    path = Path(sys.argv[sys.argv.index("--file") + 1]) if "--file" in sys.argv else DEV
    parts: dict[str, list[tuple[str, str]]] = {"dev": [], "holdout": []}
    for n, part, r, v in judged(path):
        parts[part].append((r["label"], v.verdict))
        if show and part == "dev" and (v.verdict == "supported") != (r["label"] == "supported"):
            print(f"  {n:>3} {r['label']:>9} -> {v.verdict:<12} {r['answer']!r}\n      | {r['claim']!r}\n      | {v.reason[:150]}")
    print(f"dev: {figures(parts['dev'])}")
    if "--holdout" in sys.argv:  # aggregate only, never the individual pairs
        print(f"holdout: {figures(parts['holdout'])}")


if __name__ == "__main__":
    main()
