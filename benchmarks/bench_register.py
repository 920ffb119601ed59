"""Clinician register against plain claims: how often the judge agrees on our dev pairs.

``tests/cases/judge_register_dev2.jsonl`` holds clinician-register answers (abbreviations, TNM, lines of
therapy, response terms, lab values and units, drug classes and brands, Latin-ish terms) against plain-word
gold claims of 20 battery questions: about half state the claim ("supported"), the rest use the same jargon
for a different fact ("missing": only "supported" counts as wrong for them). A random quarter of the groups
(whole questions) carry ``"split": "holdout"``; they were kept out of every choice and their individual
failures are never printed. Run:
``PYTHONPATH=$PWD python benchmarks/bench_register.py [--show] [--holdout]``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from harness.battery import Claim
from harness.score.engines.judge import judge_answer

DEV = Path(__file__).resolve().parent.parent / "tests" / "cases" / "judge_register_dev2.jsonl"
AS_OF = dt.date(2026, 11, 26)


def figures(rows: list[tuple[str, str]]) -> str:
    """Agreement, recall of the supported pairs and how many different-fact pairs were called supported."""
    sup = [p for g, p in rows if g == "supported"]
    mis = [p for g, p in rows if g != "supported"]
    hit = sum(p == "supported" for p in sup)
    false = sum(p == "supported" for p in mis)
    agree = hit + len(mis) - false
    contra = sum(p == "contradicted" for _, p in rows)
    return (f"pairs {len(rows)}: agreement {agree / len(rows):.3f}; supported recall {hit / len(sup):.3f} "
            f"({hit}/{len(sup)}); different-fact pairs called supported {false}/{len(mis)}; contradicted {contra}")


def main() -> None:
    show = "--show" in sys.argv
    parts: dict[str, list[tuple[str, str]]] = {"dev": [], "holdout": []}
    for n, line in enumerate(DEV.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        (v,) = judge_answer(r["answer"], [Claim(id="c", text=r["claim"])], as_of=AS_OF)
        part = r.get("split", "dev")
        parts[part].append((r["label"], v.verdict))
        if show and part == "dev" and (v.verdict == "supported") != (r["label"] == "supported"):
            print(f"  {n:>3} {r['label']:>9} -> {v.verdict:<12} {r['answer']!r}\n      | {r['claim']!r}\n      | {v.reason[:150]}")
    print(f"dev: {figures(parts['dev'])}")
    if "--holdout" in sys.argv:  # aggregate only, never the individual pairs
        print(f"holdout: {figures(parts['holdout'])}")


if __name__ == "__main__":
    main()
