"""Measure the ``unsupported_statements`` scorer on its hand-labelled cases, statement by statement.

    .venv/bin/python benchmarks/bench_unsupported.py [--cases tests/cases/unsupported.jsonl] [--errors] [--no-judge]

Each case (one JSON object per line) is an answer snippet with its gold context: ``gold`` (the gold
answer text), ``claims`` (``id``, ``text``, ``kind``), optional ``sources`` (registry entries with
``key_facts``, which the answer may cite), and ``unsupported``: the statements a careful reader
finds unsupported, each as a substring of the answer with its ``kind``. ``split`` is ``heldout``
(written before the scorer, never tuned on) or ``dev``.

Prints, per split: statement-level precision and recall of "unsupported" (a predicted unsupported
statement is a true positive when it contains a labelled substring; every labelled substring no
predicted statement contains is a false negative), overall and per kind (precision by the
predicted kind, recall by the labelled kind), and case-level accuracy of the pass/fail verdict.
``--errors`` lists every disagreement. Offline and deterministic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.battery import BatteryCard, GoldAnswer, Question, Source  # noqa: E402
from harness.core.records import Answer  # noqa: E402
from harness.score.base import ScoringContext, build_scorer  # noqa: E402

AS_OF = dt.date(2026, 11, 26)
KINDS = ("survival-figure", "approval-or-guideline", "time-frame", "number", "standard-of-care", "named-drug")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def context(case: dict[str, Any]) -> ScoringContext:
    """A scoring context built from the case alone: its gold text, claims and registry entries."""
    qid = "case"
    sources = {s["id"]: Source.model_validate({"publisher": "test", **s}) for s in case.get("sources", [])}
    gold = GoldAnswer.model_validate({
        "question_id": qid, "reviewed_by": "labelled case", "reviewed_on": AS_OF.isoformat(), "guideline_version": "labelled case", "answer": case["gold"],
        "claims": case["claims"], "sources": list(sources)})
    card = BatteryCard.model_validate({"name": "cases", "version": "1", "description": "labelled cases"})
    question = Question.model_validate({"id": qid, "question": "labelled case"})
    return ScoringContext(question=question, gold=gold, card=card, sources=sources, as_of=AS_OF)


def predict(scorer: Any, case: dict[str, Any]) -> list[dict[str, Any]]:
    """The statements the scorer calls unsupported in the case's answer."""
    score = scorer.score(Answer(question_id="case", generator="cases", text=case["answer"]), context(case))
    return [s for s in score.evidence["statements"] if s["status"] == "unsupported"]


def evaluate(cases: list[dict[str, Any]], scorer: Any) -> dict[str, Any]:
    tp_by: dict[str, int] = defaultdict(int)
    fp_by: dict[str, int] = defaultdict(int)
    fn_by: dict[str, int] = defaultdict(int)
    hit_by: dict[str, int] = defaultdict(int)
    errors: list[str] = []
    right_cases = 0
    for case in cases:
        got = predict(scorer, case)
        want = case["unsupported"]
        found = [any(w["text"] in g["text"] for g in got) for w in want]
        for w, ok in zip(want, found, strict=True):
            (hit_by if ok else fn_by)[w["kind"]] += 1
            if not ok:
                errors.append(f"{case['id']}: missed {w['text']!r} ({w['kind']})")
        for g in got:
            if any(w["text"] in g["text"] for w in want):
                tp_by[g["kind"]] += 1
            else:
                fp_by[g["kind"]] += 1
                errors.append(f"{case['id']}: flagged {g['text']!r} ({g['kind']}: {g['why']})")
        right_cases += bool(got) == bool(want)
    return {"tp": tp_by, "fp": fp_by, "fn": fn_by, "hit": hit_by, "errors": errors, "cases": len(cases),
            "right_cases": right_cases}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:5.3f}" if b else "  n/a"


def report(name: str, r: dict[str, Any], show_errors: bool) -> None:
    tp, fp = sum(r["tp"].values()), sum(r["fp"].values())
    hit, fn = sum(r["hit"].values()), sum(r["fn"].values())
    print(f"\n== {name}: {r['cases']} cases, {hit + fn} labelled unsupported statements")
    print(f"   precision {_ratio(tp, tp + fp)} ({tp}/{tp + fp})   recall {_ratio(hit, hit + fn)} ({hit}/{hit + fn})   "
          f"case verdict accuracy {_ratio(r['right_cases'], r['cases'])}")
    print(f"   {'kind':<22} {'precision':>14} {'recall':>14}")
    for kind in KINDS:
        p_n, r_n = r["tp"][kind] + r["fp"][kind], r["hit"][kind] + r["fn"][kind]
        if p_n or r_n:
            print(f"   {kind:<22} {_ratio(r['tp'][kind], p_n)} ({r['tp'][kind]:>2}/{p_n:<2})"
                  f" {_ratio(r['hit'][kind], r_n)} ({r['hit'][kind]:>2}/{r_n:<2})")
    if show_errors:
        for line in r["errors"]:
            print("   - " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "cases" / "unsupported.jsonl")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--split", choices=("heldout", "dev", "both"), default="both")
    parser.add_argument("--no-judge", action="store_true",
                        help="back statements by words and figures only (claim_judge=None)")
    args = parser.parse_args(argv)
    cases = load(args.cases)
    scorer = build_scorer("unsupported_statements", {"claim_judge": None} if args.no_judge else {})
    splits = ("heldout", "dev") if args.split == "both" else (args.split,)
    for split in splits:
        part = [c for c in cases if c.get("split", "dev") == split]
        if part:
            report(split, evaluate(part, scorer), args.errors)
    start = time.process_time()
    for case in cases:
        predict(scorer, case)
    per = (time.process_time() - start) / len(cases) * 1000
    print(f"\ncost: {per:.1f} ms CPU per case (scorer incl. the claim judge and the case's context; "
          "time.process_time, noisy on a shared machine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
