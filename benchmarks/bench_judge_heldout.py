"""Measure the claim judge on pairs written by an author who never saw the judge (``heldout3``).

    .venv/bin/python benchmarks/bench_judge_heldout.py [--cases tests/cases/judge_heldout3.jsonl]

``tests/cases/judge_heldout3.jsonl`` holds oncology (answer excerpt, gold claim) pairs written
independently of the judge's code, cases and samples: plain paraphrases, clinician register,
brand names, list items, hard "missing" look-alikes and natural contradictions. Nothing is ever
fitted or chosen on them. Side by side on the same pairs, this prints:

- the shipped judge (profile ``default``): supported-vs-not and 3-verdict agreement, per-class
  precision / recall;
- two single-signal baselines whose one threshold is tuned on every K-QA dev pair (physician labels,
  other questions), never on these pairs: the rapidfuzz ``token_set_ratio`` of the best answer
  window, and the WordLlama cosine of the best window (the judge's own embedding signal alone).

Offline and deterministic; needs the shared development data only for the baselines' K-QA threshold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from benchmarks._paths import ROOT, SHARED_DATA  # noqa: E402
from benchmarks.bench_judge import _threshold, report  # noqa: E402 - the same threshold and printed lines
from harness.battery import Claim  # noqa: E402
from harness.score.engines.judge import fit as F  # noqa: E402
from harness.score.engines.judge import get_judge, training  # noqa: E402

AS_OF = dt.date(2026, 11, 26)
LABELS = ("supported", "missing", "contradicted")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "cases" / "judge_heldout3.jsonl")
    parser.add_argument("--kqa", type=Path, default=SHARED_DATA / "kqa" / "kqa_nli_dev.csv")
    args = parser.parse_args(argv)

    held = training.read_cases(args.cases, source="heldout3")
    truth = [p.label for p in held]
    judge = get_judge("default")
    pred = []
    for i, p in enumerate(held):
        claim = Claim(id=f"row{i + 1}", text=p.claim, kind="essential")
        pred.extend(v.verdict for v in judge.judge(p.answer, [claim], as_of=AS_OF))
    counts = {k: truth.count(k) for k in LABELS}
    print(f"{args.cases}: {len(held)} pairs over {len({p.group for p in held})} questions {counts}")
    report("judge (profile default)", truth, pred, three_way=True)

    if not args.kqa.exists():
        print(f"  (baselines skipped: {args.kqa} not found)")
        return 0
    kqa = training.read_kqa(args.kqa)
    table = F.build_table(kqa + held)
    is_kqa = np.array([p.source == "kqa" for p in table.pairs])
    kqa_truth = np.array([p.label == "supported" for p in table.pairs])[is_kqa]
    for name, column in (("rapidfuzz token_set_ratio (K-QA threshold)", "tsr_max"),
                         ("WordLlama cosine alone (K-QA threshold)", "emb_max")):
        col = table.column(column)
        thr = _threshold(col[is_kqa], kqa_truth)
        report(name, truth, ["supported" if s >= thr else "missing" for s in col[~is_kqa]], three_way=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
