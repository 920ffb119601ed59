"""Benchmark the claim judge on held-out questions, side by side with its baselines (prints; no asserts).

Every figure is measured on rows held out of every choice (features, regularisation, thresholds,
calibration), by nested grouped cross-validation:

1. **K-QA dev** (physician majority labels, 20 questions): outer GroupKFold by question; inside each
   outer training part, ``fit.select_gated`` averages the candidates' support heads (``averaging``), chooses
   their training sources and fits thresholds and calibration
   by inner grouped folds; the outer questions are only predicted. The training part also holds the
   other sources (HealthVer, Check-COVID train, silver pairs from K-QA gold answers of *other*
   questions, hand-written cases). Printed: supported-vs-not macro-F1 and kappa, 3-class macro-F1
   and kappa, per-class precision/recall, bootstrap 95% CIs; beside it, on the same outer folds,
   the rapidfuzz ``token_set_ratio`` baseline and the best single embedding signal (``emb_max``),
   each with its threshold tuned on the outer training rows only.
2. **HealthVer dev**: outer GroupKFold by question (HealthVer's own questions held out of
   training); 3-class figures and refutation precision/recall.
3. **Check-COVID**: fitted with its train split, reported on its dev split (refutation P/R).
   Both also **calibrated on their own data** (``calibrated`` section), as ``answer-audit calibrate`` fits a
   user's pairs: HealthVer by grouped CV on HealthVer alone, Check-COVID fitted on its train split alone and
   reported on dev, each with ``--contradiction-gate auto`` (the learned-contradiction gate chosen by that fit's
   own out-of-fold figures), side by side with the default recipe and the rapidfuzz baseline.
4. **Shipped samples**: claim_recall of careful / jargon / outdated over the oncology battery, and
   the contradicted / stated-harmful verdicts they get, with the shipped profile.
5. **Refutation columns** (``refutations`` section): what each column of the ``refutation`` signal fires on in
   HealthVer dev and Check-COVID train, and how often those pairs are refutations.
6. **Cost** per (answer, claim), cold caches, one core.

Run from the repository root: ``.venv/bin/python benchmarks/bench_judge.py`` (a few minutes).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import numpy as np  # noqa: E402

from benchmarks._paths import SHARED_DATA as DATA  # noqa: E402
from harness.score.engines.judge import fit as F  # noqa: E402
from harness.score.engines.judge import metrics, training  # noqa: E402

LABELS = ("supported", "missing", "contradicted")
CASES = [ROOT / "tests" / "cases" / "judge_train.jsonl", ROOT / "tests" / "cases" / "judge_oncology_paraphrase.jsonl",
         ROOT / "tests" / "cases" / "judge_patient_train.jsonl"]
AS_OF = dt.date(2026, 11, 26)


def load() -> F.Table:
    pairs = F.read_recipe(DATA / "kqa" / "kqa_nli_dev.csv", DATA / "healthver" / "healthver_dev.csv",
                          [c for c in CASES if c.exists()], checkcovid=DATA / "check_covid" / "check_covid_train_dev.jsonl",
                          silver=DATA / "kqa" / "kqa_gold_answers.jsonl")
    pairs += training.read_checkcovid(DATA / "check_covid" / "check_covid_train_dev.jsonl", 0.3, split="dev")
    return F.build_table(pairs)


def _fmt_ci(a: metrics.Agreement, key: str) -> str:
    lo, hi = a.ci.get(key, (None, None))
    return "" if lo is None or hi is None else f" [{lo:.2f}-{hi:.2f}]"


def report(name: str, truth: list[str], pred: list[str], *, three_way: bool = True) -> None:
    bt = ["supported" if t == "supported" else "not" for t in truth]
    bp = ["supported" if p == "supported" else "not" for p in pred]
    b = metrics.agreement(bt, bp, ["supported", "not"], n_boot=1000, seed=0)
    print(f"  {name:<40} n={len(truth):<5} supported-vs-not macro-F1 {b.macro_f1:.3f}{_fmt_ci(b, 'macro_f1')}  "
          f"kappa {b.kappa:.3f}{_fmt_ci(b, 'kappa')}")
    if three_way:
        labels = [k for k in LABELS if k in set(truth) | set(pred)]
        a = metrics.agreement(truth, pred, labels, n_boot=1000, seed=0)
        per = "  ".join(f"{k[:5]} P {_f(a.classes[k]['precision'])} R {_f(a.classes[k]['recall'])}" for k in labels)
        print(f"  {'':<40} {'':<7} 3-class macro-F1 {a.macro_f1:.3f}{_fmt_ci(a, 'macro_f1')}  kappa {a.kappa:.3f}  "
              f"{per}")


def _f(v: float | None) -> str:
    return " n/a" if v is None else f"{v:.2f}"


def _rows(t: F.Table, source: str, split: str | None = None) -> np.ndarray:
    return np.array([i for i, p in enumerate(t.pairs) if p.source == source and (split is None or p.split == split)])


def _threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold with the best supported-vs-not macro-F1 on these (training) rows."""
    best, best_f1 = 0.5, -1.0
    gold = ["s" if v else "n" for v in truth]
    for thr in np.unique(np.round(scores, 3)):
        f1 = metrics.macro_f1(gold, ["s" if s >= thr else "n" for s in scores], ["s", "n"]) or 0.0
        if f1 > best_f1:
            best, best_f1 = float(thr), f1
    return best


def nested(t: F.Table, test_source: str, outer: list[tuple[np.ndarray, np.ndarray]],
           base_train: np.ndarray) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Outer predictions of the judge and of the single-signal baselines; configurations chosen."""
    test_all = _rows(t, test_source)
    pred = [""] * len(test_all)
    baselines: dict[str, list[str]] = {"rapidfuzz token_set_ratio": [""] * len(test_all),
                                       "embedding emb_max (WordLlama)": [""] * len(test_all)}
    scores = {"rapidfuzz token_set_ratio": t.column("tsr_max"), "embedding emb_max (WordLlama)": t.column("emb_max")}
    sources = sorted({p.source for p in t.pairs if p.source in F.PATIENT_SOURCES})
    chosen = []
    for tr, te in outer:
        train = np.concatenate([base_train, test_all[tr]])
        tune = [test_source] if test_source == "kqa" else None
        result = F.select_gated(t, train, F.CONFIGS, "named", tune_on=tune, support_sources=sources)
        chosen.append(f"{len(result.members) or 1} averaged/{'kqa' if result.config.support_sources else 'all'}/"
                      f"ts={result.combiner.threshold_supported:.2f}")
        got, _ = F.predict(result.combiner, t, test_all[te])
        truth_tr = np.array([t.pairs[i].label == "supported" for i in test_all[tr]])
        for j, i in enumerate(te):
            pred[i] = got[j]
        for name, col in scores.items():
            thr = _threshold(col[test_all[tr]], truth_tr)
            for i in te:
                baselines[name][i] = "supported" if col[test_all[i]] >= thr else "missing"
    return pred, baselines, chosen


def kqa_section(t: F.Table) -> None:
    rows = _rows(t, "kqa")
    groups = [t.pairs[i].group for i in rows]
    others = np.array([i for i, p in enumerate(t.pairs) if p.source not in ("kqa",) and p.split != "dev"])
    truth = [t.pairs[i].label for i in rows]
    print("K-QA dev, nested grouped CV (5 outer folds by question; choices made on inner folds only)")
    for seed in (None, 1, 2):
        outer = F._folds(groups, 5, seed)
        pred, base, chosen = nested(t, "kqa", outer, others)
        tag = "fold assignment " + ("default" if seed is None else f"shuffled seed {seed}")
        print(f" {tag}; configurations chosen: {', '.join(chosen)}")
        report("judge (this profile's recipe)", truth, pred)
        for name, p in base.items():
            report(name, truth, p, three_way=False)


def healthver_section(t: F.Table) -> None:
    rows = _rows(t, "healthver")
    groups = [t.pairs[i].group for i in rows]
    others = np.array([i for i, p in enumerate(t.pairs) if p.source != "healthver" and p.split != "dev"])
    pred, _, _ = nested(t, "healthver", F._folds(groups, 5), others)
    print("HealthVer dev, grouped CV by question (5 folds; its held-out questions never trained on)")
    report("judge", [t.pairs[i].label for i in rows], pred)
    print(f"  {'':<48} {_refutations([t.pairs[i].label for i in rows], pred)}")


def checkcovid_section(t: F.Table) -> None:
    train = np.array([i for i, p in enumerate(t.pairs) if p.split != "dev"])
    dev = _rows(t, "checkcovid", "dev")
    sources = sorted({p.source for p in t.pairs if p.source in F.PATIENT_SOURCES})
    result = F.select_gated(t, train, F.CONFIGS, "named", tune_on=["kqa"], support_sources=sources)
    pred, _ = F.predict(result.combiner, t, dev)
    print("Check-COVID: fitted with its train split (and the other sources), reported on its dev split")
    report("judge", [t.pairs[i].label for i in dev], pred)
    print(f"  {'':<48} {_refutations([t.pairs[i].label for i in dev], pred)}")


def _refutations(truth: list[str], pred: list[str]) -> str:
    from harness.score.engines.judge.fitting import refutation_f1

    p, r, _ = refutation_f1(truth, pred)
    said = sum(v == "contradicted" for v in pred)
    return f"refutations: recall {r:.2f} at precision {p:.2f} ({said} called contradicted)"


def calibrated_section(t: F.Table) -> F.FitResult | None:
    """HealthVer and Check-COVID each fitted on their own data as ``answer-audit calibrate`` does (gate auto),
    beside the default recipe (trained on every source) and the rapidfuzz baseline on the same rows."""
    import dataclasses

    from harness.score.engines.judge.model import write_combiner

    config = (F.Config(F.SUPPORT_SETS[1], F.DEFAULT_C),)  # what `calibrate` fits (fixed C, lexical+embedding)
    # a user's pairs, as `calibrate` reads them: source "user", weight 1 (the recipe down-weights these sources)
    t = F.build_table([dataclasses.replace(p, source="user", weight=1.0, split=p.split + ":" + p.source)
                       for p in t.pairs if p.source in ("healthver", "checkcovid")])
    kw = {"support_sources": ["user"]}
    tsr = t.column("tsr_max")
    print("Calibrated on their own data (answer-audit calibrate --contradiction-gate auto), refutations held out")
    rows = np.array([i for i, p in enumerate(t.pairs) if p.split == ":healthver"])
    truth = [t.pairs[i].label for i in rows]
    pred, gates, base = [""] * len(rows), [], [""] * len(rows)
    for tr, te in F._folds([t.pairs[i].group for i in rows], 5):
        result = F.select_gated(t, rows[tr], config, "auto", **kw)  # type: ignore[arg-type]
        gates.append(f"{result.combiner.learned_gate}/{result.combiner.threshold_learned:.2f}")
        for j, v in zip(te, F.predict(result.combiner, t, rows[te])[0], strict=True):
            pred[j] = v
        thr = _threshold(tsr[rows[tr]], np.array([truth[j] == "supported" for j in tr]))
        for j in te:
            base[j] = "supported" if tsr[rows[j]] >= thr else "missing"
    print(f" HealthVer dev, 5 grouped folds by question, fitted on HealthVer only; gate/threshold per fold: "
          f"{', '.join(gates)}")
    report("judge calibrated on HealthVer", truth, pred)
    print(f"  {'':<48} {_refutations(truth, pred)}")
    report("rapidfuzz token_set_ratio (same folds)", truth, base, three_way=False)
    train = np.array([i for i, p in enumerate(t.pairs) if p.split == "train:checkcovid"])
    dev = np.array([i for i, p in enumerate(t.pairs) if p.split == "dev:checkcovid"])
    result = F.select_gated(t, train, config, "auto", **kw)  # type: ignore[arg-type]
    pred, _ = F.predict(result.combiner, t, dev)
    truth = [t.pairs[i].label for i in dev]
    thr = _threshold(tsr[train], np.array([t.pairs[i].label == "supported" for i in train]))
    gate = (result.combiner.meta or {}).get("fitted_with", {}).get("gate_choice")
    print(f" Check-COVID, fitted on its train split only, reported on dev; gate {result.combiner.learned_gate} "
          f"(threshold {result.combiner.threshold_learned:.2f}; out of fold on train: {gate})")
    report("judge calibrated on Check-COVID train", truth, pred)
    print(f"  {'':<48} {_refutations(truth, pred)}")
    report("rapidfuzz token_set_ratio (threshold from train)", truth,
           ["supported" if tsr[i] >= thr else "missing" for i in dev], three_way=False)
    out = ROOT / "reports" / "judges" / "bench_checkcovid.json"
    write_combiner(result.combiner, out)
    print(f"  (the Check-COVID-calibrated profile is saved as {out.relative_to(ROOT)} for the samples section)")
    return result


def refutations_section(t: F.Table) -> None:
    """What each column of the ``refutation`` signal fires on: HealthVer dev and Check-COVID train (the parts
    the columns were written from and fitted on), how often a pair it fires on is a refutation."""
    from harness.score.engines.judge import refutation

    print("Refutation signal columns (pairs each fires on; share of them labelled refutes)")
    for name, rows in (("HealthVer dev", _rows(t, "healthver")), ("Check-COVID train", _rows(t, "checkcovid", "train"))):
        truth = np.array([t.pairs[i].label == "contradicted" for i in rows])
        cells = []
        for col in refutation.COLUMNS:
            fired = t.column(col)[rows] > 0
            share = f"{truth[fired].mean():.2f}" if fired.any() else "-"
            cells.append(f"{col.removeprefix('ref_')} {int(fired.sum())}/{share}")
        print(f"  {name:<18} base rate {truth.mean():.2f}; " + ", ".join(cells))


def samples_section(profile: str = "default") -> None:
    from harness.battery import load_battery
    from harness.score.engines.judge import judge_answer

    battery = load_battery(ROOT / "evals" / "oncology.yaml")
    print(f"Shipped samples with the {profile} profile (audit date 2026-11-26)")
    for name in ("careful", "jargon", "outdated"):
        path = ROOT / "evals" / "samples" / "oncology" / f"{name}.jsonl"
        recalls, flagged, review, total = [], [], 0, 0
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            gold = battery.gold.get(row["question_id"])
            if gold is None or not row.get("answer"):
                continue
            verdicts = judge_answer(row["answer"], gold.claims, as_of=AS_OF, profile=profile)
            ess = [v for v in verdicts if v.claim_kind == "essential" and v.applies]
            if ess:
                recalls.append(sum(v.verdict == "supported" for v in ess) / len(ess))
            review += sum(v.needs_review for v in verdicts)
            total += len(verdicts)
            flagged += [(row["question_id"], v) for v in verdicts if v.verdict == "contradicted" or
                        (v.verdict == "stated" and v.applies)]
        print(f"  {name:<9} claim_recall (mean over questions) {statistics.mean(recalls):.3f}; "
              f"{len(flagged)} contradicted or stated harmful/outdated; {review / max(total, 1):.0%} need review")
        if name != "outdated" and profile == "default":
            for qid, v in flagged:
                print(f"     {v.verdict:<12} {qid}/{v.claim_id}: {v.reason[:150]}")


def cost_section(t: F.Table) -> None:
    from harness.battery import Claim
    from harness.score.engines.judge import embedding, features, get_judge, lexicon, refutation, signals, structure

    judge = get_judge("default")
    by_answer: dict[str, list[str]] = {}
    for p in t.pairs:
        if p.source == "kqa":
            by_answer.setdefault(p.answer, []).append(p.claim)
    judge.judge("warm up.", [Claim(id="w", text="warm up")], as_of=AS_OF)
    per_claim = []
    for rep in range(3):
        for text, claims in by_answer.items():
            for fn in (features.prepare_answer, features.prepare_claim, lexicon.tokens, lexicon.prepare,
                       signals.quantities, signals.negations, signals.hedges, signals.vague_times,
                       structure.polarity_reading, structure.folded, lexicon._word_tokens, embedding.token_ids, lexicon.plain, refutation._flags,
                       refutation._denials,
                       refutation.stance):
                fn.cache_clear()  # per-text caches; word-level ones (stems, weights, word ids) stay warm
            objs = [Claim(id=f"c{i}", text=c + " " * rep) for i, c in enumerate(claims)]
            t0 = time.perf_counter()
            judge.judge(text + " " * rep, objs, as_of=AS_OF)
            per_claim.append((time.perf_counter() - t0) * 1000 / len(objs))
    print(f"Cost: {statistics.median(per_claim):.2f} ms per (answer, claim), median over K-QA answers, cold caches, "
          f"one process (machine shared with other jobs: noisy)")


def main() -> int:
    if not (DATA / "kqa" / "kqa_nli_dev.csv").exists():
        print(f"dev data not found under {DATA}")
        return 1
    t0 = time.perf_counter()
    t = load()
    print(f"{len(t.pairs)} labelled pairs, features in {time.perf_counter() - t0:.1f} s; sources: "
          + ", ".join(f"{k} {v}" for k, v in sorted(_count(t).items())))
    sections = sys.argv[1:] or ["kqa", "healthver", "checkcovid", "calibrated", "refutations", "samples", "cost"]
    if "kqa" in sections:
        kqa_section(t)
    if "healthver" in sections:
        healthver_section(t)
    if "checkcovid" in sections:
        checkcovid_section(t)
    if "calibrated" in sections:
        calibrated_section(t)
    if "refutations" in sections:
        refutations_section(t)
    if "samples" in sections:
        samples_section()
        if "calibrated" in sections:  # why the default keeps the named gate: an open-gate profile on patient answers
            samples_section(str(ROOT / "reports" / "judges" / "bench_checkcovid.json"))
    if "cost" in sections:
        cost_section(t)
    return 0


def _count(t: F.Table) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in t.pairs:
        key = p.source + (f"/{p.split}" if p.split else "")
        out[key] = out.get(key, 0) + 1
    return out


if __name__ == "__main__":
    sys.exit(main())
