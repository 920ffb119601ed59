"""Benchmark: the comparison report at 2,000 questions x 5 generators (time and file size).

Builds a synthetic battery (tests/synth.py) and five runs written straight into a fresh run
store (answers of ~900 characters, six scores each, three claim verdicts with evidence spans),
then times ``to_frame``, ``compare_runs`` and ``write_comparison`` and prints the HTML size.
Scoring is not measured here (see the scorer benchmarks). Run: ``python benchmarks/bench_report.py
[--questions N] [--generators K]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.battery import load_battery  # noqa: E402
from harness.core.records import Answer, ClaimVerdict, Score, Span  # noqa: E402
from harness.report.comparison import write_comparison_files  # noqa: E402
from harness.results.compare import compare_runs  # noqa: E402
from harness.results.table import to_frame  # noqa: E402
from harness.store import RunRecord, RunStore  # noqa: E402
from tests.synth import write_battery  # noqa: E402

SCORERS = ("claim_recall", "claim_problems", "citation", "disclaimer", "reading_grade", "safety_flags")
FILLER = ("Treatment choices depend on the type and stage of the cancer, your general health and what matters "
          "to you. Your care team will explain the options, the likely benefits and the side effects. ")


def build(store: RunStore, battery_path: Path, n: int, k: int) -> list[str]:
    battery = load_battery(battery_path)
    rnd = random.Random(0)
    run_ids = []
    for g in range(k):
        run_id = f"bench-gen{g}"
        run_ids.append(run_id)
        store.create_run(RunRecord(
            run_id=run_id, battery=battery.name, battery_version="1", battery_fingerprint=battery.fingerprint,
            battery_path=str(battery_path), generator=f"recorded:gen{g}.jsonl",
            scorers=tuple({"name": s, "version": "1", "params": {}} for s in SCORERS),
            params={"as_of": "2026-11-26", "samples": 1}, status="finished"))
        quality = 0.5 + 0.08 * g
        for i, q in enumerate(battery.questions):
            first = f"Topic {i} is treated with plan {i}. "
            text = first + FILLER * 4 + "Talk with your care team; this is general information."
            err = "timeout after 120 s" if rnd.random() < 0.01 else None
            store.put_answer(run_id, Answer(question_id=q.id, generator=f"gen{g}", text=None if err else text,
                                            error=err))
            ok = rnd.random() < quality
            verdicts = (
                ClaimVerdict(claim_id="plan", claim_kind="essential", severity="high",
                             verdict="supported" if ok else "missing",
                             evidence=(Span(0, len(first) - 1, first.strip()),) if ok else ()),
                ClaimVerdict(claim_id="wrong", claim_kind="harmful", severity="high",
                             verdict="stated" if rnd.random() < 0.02 else "absent"),
            )
            scores = []
            for s in SCORERS:
                value = None if err else {"claim_recall": float(ok), "claim_problems": float(rnd.random() < 0.05),
                                          "reading_grade": round(rnd.gauss(8 + g * 0.3, 1.5), 2)}.get(
                                              s, float(rnd.random() < quality))
                scores.append(Score(scorer=s, question_id=q.id, value=value,
                                    passed=None if value is None else bool(value >= 0.5) if s != "reading_grade"
                                    else value <= 8, reason=f"{s}: synthetic benchmark value {value}",
                                    claim_verdicts=verdicts if s == "claim_problems" and not err else ()))
            store.put_scores(run_id, scores)
    return run_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--generators", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = write_battery(root, "bench", args.questions)
        store = RunStore(root / "bench.sqlite")
        t0 = time.perf_counter()
        run_ids = build(store, path, args.questions, args.generators)
        t1, c1 = time.perf_counter(), time.process_time()
        frame = to_frame(store, run_ids)
        t2, c2 = time.perf_counter(), time.process_time()
        comp = compare_runs(store, run_ids, frame=frame)
        t3, c3 = time.perf_counter(), time.process_time()
        html = write_comparison_files(store, comp, root / "out")
        t4, c4 = time.perf_counter(), time.process_time()
        size = html.stat().st_size
        print(f"bench_report: {args.questions} questions x {args.generators} generators "
              f"({len(frame)} result rows)")
        print(f"  build store     {t1 - t0:7.2f} s (not part of the report)")
        print(f"  to_frame        {t2 - t1:7.2f} s wall {c2 - c1:7.2f} s CPU")
        print(f"  compare_runs    {t3 - t2:7.2f} s wall {c3 - c2:7.2f} s CPU")
        print(f"  write report    {t4 - t3:7.2f} s wall {c4 - c3:7.2f} s CPU  "
              "(comparison.html, summary.md, comparison.csv, results.csv)")
        print(f"  comparison.html {size / 1e6:7.2f} MB; results.csv {(html.parent / 'results.csv').stat().st_size / 1e6:.2f} MB")
        store.close()


if __name__ == "__main__":
    main()
