"""Opposites the judge should not call support: precision/recall of "contradicted" on our antonym dev pairs.

``tests/cases/judge_opposites_dev.jsonl`` holds patient-answer style pairs: half state the claim's opposite
with an antonym or opposite predicate ("painless" / "hurts", "before" / "after surgery"), half are
look-alikes (the same opposite words about different things, double negatives, comparisons, hedges).
Groups whose CRC32 is divisible by 4 are the *unseen* part: they were kept out of every rule choice and
are printed separately. Run: ``PYTHONPATH=$PWD python benchmarks/bench_opposites.py [--show] [--unseen]``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zlib
from pathlib import Path

from harness.battery import Claim
from harness.score.engines.judge import judge_answer

DEV = Path(__file__).resolve().parent.parent / "tests" / "cases" / "judge_opposites_dev.jsonl"
AS_OF = dt.date(2026, 11, 26)


def unseen(group: str) -> bool:
    """Whether a group belongs to the part kept out of every rule choice."""
    return zlib.crc32(group.encode()) % 4 == 0


def figures(rows: list[tuple[str, str]]) -> str:
    """Precision / recall of contradicted, and how many true opposites were still called supported."""
    tp = sum(g == "contradicted" and p == "contradicted" for g, p in rows)
    called = sum(p == "contradicted" for _, p in rows)
    true = sum(g == "contradicted" for g, _ in rows)
    supp = sum(g == "contradicted" and p == "supported" for g, p in rows)
    kept = sum(g != "contradicted" and p == "supported" for g, p in rows)
    other = sum(g != "contradicted" for g, _ in rows)
    prec = tp / called if called else 0.0
    return (f"pairs {len(rows)}: contradicted precision {prec:.2f} ({tp}/{called}), recall {tp / true if true else 0:.2f} "
            f"({tp}/{true}); opposites still supported {supp}/{true}; look-alikes supported {kept}/{other}")


def main() -> None:
    show = "--show" in sys.argv
    parts: dict[str, list[tuple[str, str]]] = {"tune": [], "unseen": []}
    for line in DEV.read_text().splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        (v,) = judge_answer(r["answer"], [Claim(id="c", text=r["claim"])], as_of=AS_OF)
        part = "unseen" if unseen(r["group"]) else "tune"
        parts[part].append((r["label"], v.verdict))
        if show and part == "tune" and (v.verdict == "contradicted") != (r["label"] == "contradicted"):
            print(f"  {r['label']:>12} -> {v.verdict:<12} {r['answer']!r} | {r['claim']!r} | {v.reason[:120]}")
    for part, rows in parts.items():
        if part == "tune" or "--unseen" in sys.argv:  # the unseen part is printed once, at the end of the work
            print(f"{part}: {figures(rows)}")


if __name__ == "__main__":
    main()
