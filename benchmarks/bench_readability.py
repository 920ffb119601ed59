"""Reading level, measured: formulas vs the learned difficulty on human judgements, plus cost.

    .venv/bin/python benchmarks/bench_readability.py [--data ../shared/data] [--quick]

Prints, side by side for each formula (textstat as shipped -- its own CMU dictionary + pyphen on
the raw text, what it does online, run in its own offline process through public interfaces only
-- and the project pipeline) and for ``difficulty``:

- Cochrane: share of (technical abstract, plain-language summary) pairs where the summary is
  rated easier (higher Flesch Reading Ease counts as easier);
- MedReadMe: Pearson and Spearman correlation with the human ratings (FRE negated);
- ``difficulty`` figures are held out: 5-fold cross-validation over Cochrane pairs and
  leave-one-source-out over MedReadMe journals, with the shipped hyperparameters.

Then syllable accuracy of the fallbacks against the CMU dictionary, and per-answer cost of the
reading_grade scorer vs one raw textstat FKGL call (CPU time, best of several rounds), and the
time to score a 5 MB answer. ``bench_engines.py`` has the before/after cost over MedQuAD.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repo root: harness, and the one dev-data setting (tests/paths.py)
from benchmarks._paths import SEED_ANSWER, SHARED_DATA  # noqa: E402

FORMULAS = ("fkgl", "smog", "fre", "fog", "cli", "dale_chall")
SEED = SEED_ANSWER
# the engine rewrite's before/after cost over MedQuAD, and the whole-process comparison: bench_engines.py


def raw_textstat(texts: list[str], nltk_data: Path) -> dict[str, np.ndarray]:
    """textstat 0.7.13 as it behaves online (NLTK's CMU dictionary, pyphen for the rest) on the raw text.

    Run in its own offline process through public interfaces only (``tests/textstat_public.py``).
    """
    from tests.textstat_public import run_textstat

    names = {"fkgl": "flesch_kincaid_grade", "smog": "smog_index", "fre": "flesch_reading_ease",
             "fog": "gunning_fog", "cli": "coleman_liau_index", "dale_chall": "dale_chall_readability_score"}
    rows = run_textstat(texts, nltk_data, functions=tuple(names.values()))["results"]
    return {k: np.array([r[v] for r in rows], dtype=float) for k, v in names.items()}


def project(texts: list[str]) -> dict[str, np.ndarray]:
    from harness.score.engines.readability import analyze

    rows = [analyze(t) for t in texts]
    out = {k: np.array([np.nan if getattr(r.formulas, k) is None else getattr(r.formulas, k) for r in rows])
           for k in FORMULAS}
    out["difficulty"] = np.array([np.nan if r.difficulty is None else r.difficulty for r in rows])
    return out


def held_out_difficulty(cochrane: Path, medreadme: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Held-out predictions: (abstract, summary) by 5-fold CV; sentences by leaving each source out."""
    from harness.score.engines.readability.difficulty import load_model
    from harness.score.engines.readability.fit import fit_linear, load_dev_data

    hp = load_model().meta["hyperparameters"]
    data = load_dev_data(cochrane, medreadme)
    args = (hp["alpha"], hp["pair_weight"], hp["margin"])
    n = len(data.x_abstract)
    order = np.random.default_rng(0).permutation(n)
    pa, ps = np.zeros(n), np.zeros(n)
    for k in range(5):
        test = order[k::5]
        train = np.setdiff1d(order, test)
        coef, b, _, _ = fit_linear(data.x_sent, data.y_sent, data.x_abstract[train], data.x_summary[train], *args)
        pa[test], ps[test] = data.x_abstract[test] @ coef + b, data.x_summary[test] @ coef + b
    pred = np.zeros_like(data.y_sent)
    for source in sorted(set(data.source.tolist())):
        test = data.source == source
        coef, b, _, _ = fit_linear(data.x_sent[~test], data.y_sent[~test], data.x_abstract, data.x_summary, *args)
        pred[test] = data.x_sent[test] @ coef + b
    return pa, ps, pred, data.y_sent


def easier(abstract: np.ndarray, summary: np.ndarray, name: str) -> float:
    ok = ~(np.isnan(abstract) | np.isnan(summary))
    better = summary[ok] > abstract[ok] if name == "fre" else summary[ok] < abstract[ok]
    return float(np.mean(better))


def correlations(values: np.ndarray, ratings: np.ndarray, name: str) -> tuple[float, float]:
    ok = ~np.isnan(values)
    v = -values[ok] if name == "fre" else values[ok]
    return float(pearsonr(v, ratings[ok])[0]), float(spearmanr(v, ratings[ok])[0])


def syllable_accuracy(sample_size: int) -> None:
    import pyphen

    from harness.score.engines.readability.syllables import _cmu_counts, rule_syllables

    cmu = _cmu_counts()
    words = sorted(w for w in cmu if re.fullmatch(r"[a-z]+", w))
    sample = random.Random(0).sample(words, min(sample_size, len(words)))
    dic = pyphen.Pyphen(lang="en_US")
    py = np.mean([len(dic.positions(w)) + 1 == max(1, cmu[w]) for w in sample])
    rules = np.mean([rule_syllables(w) == max(1, cmu[w]) for w in sample])
    print(f"\nSyllable fallback agreement with the CMU dictionary on {len(sample):,} random words "
          f"(what each would say for a word the dictionary lacks):\n  pyphen (textstat's fallback) {py:.3f}   "
          f"project vowel rules {rules:.3f}")


def timing(rounds: int, nltk_data: Path) -> None:
    from harness.core.records import Answer
    from harness.score import build_scorer
    from tests.textstat_public import run_textstat

    texts = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    texts.append("Call your care team if you have a fever during chemotherapy. " * 5
                 + "\n- Take your temperature\n- Write it down\n- Call the 24-hour line")
    scorer = build_scorer("reading_grade")
    ctx = _context()
    counter = [0]

    def batch(text: str, n: int = 40) -> list[str]:
        out = []
        for _ in range(n):
            counter[0] += 1
            out.append(f"{text} z{counter[0]}q")  # a fresh string each call: textstat memoises per text
        return out

    def best(fn, text: str) -> float:
        result = float("inf")
        for _ in range(rounds):
            texts_ = batch(text)
            t0 = time.process_time()
            for t in texts_:
                fn(t)
            result = min(result, (time.process_time() - t0) / len(texts_))
        return result

    print(f"\nCost per answer (CPU ms, best of {rounds} rounds; static data warm, nothing cached per text):")
    for text in texts:
        fk = min(run_textstat(batch(text), nltk_data, functions=("flesch_kincaid_grade",))["cpu_s"] / 40
                 for _ in range(min(rounds, 2)))
        sc = best(lambda t: scorer.score(Answer(question_id=ctx.question.id, generator="bench", text=t),
                                         ctx.with_answer(Answer(question_id=ctx.question.id, generator="bench",
                                                                text=t))), text)
        print(f"  {len(text):>6} chars: textstat FKGL {fk * 1000:6.2f} ms   reading_grade scorer {sc * 1000:6.2f} ms"
              f"   ratio {sc / fk:4.1f}x")
    big = (texts[0] * (5_000_000 // len(texts[0]) + 1))[:5_000_000]
    t0 = time.perf_counter()
    s = scorer.score(Answer(question_id=ctx.question.id, generator="bench", text=big), ctx)
    print(f"  5 MB answer: scored in {time.perf_counter() - t0:.1f} s wall (value {s.value}, "
          f"{s.evidence['counts']['words']:,} words)")


def _context():
    import shutil
    import tempfile

    from harness.battery import load_battery
    from harness.score import ScoringContext

    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "tests" / "data" / "project", tmp / "project")
    battery = load_battery(tmp / "project" / "evals" / "tiny.yaml")
    return ScoringContext.for_question(battery, battery.questions[0].id, dt.date(2026, 11, 26))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--quick", action="store_true", help="fewer timing rounds and syllable samples")
    args = parser.parse_args()
    cochrane = args.data / "cochrane" / "cochrane_pairs_val.jsonl"
    medreadme = args.data / "medreadme" / "medreadme_dev.csv"
    import pandas as pd

    pairs = [json.loads(line) for line in cochrane.read_text(encoding="utf-8").splitlines() if line.strip()]
    med = pd.read_csv(medreadme)
    abstracts = [p["technical_abstract"] for p in pairs]
    summaries = [p["plain_language_summary"] for p in pairs]
    sentences, ratings = med["Sentence"].tolist(), med["Readability"].to_numpy(float)

    import tempfile

    from tests.textstat_public import write_cmudict

    nltk_data = write_cmudict(Path(tempfile.mkdtemp()) / "nltk")  # what nltk.download('cmudict') would fetch
    raw_a, raw_s, raw_m = (raw_textstat(abstracts, nltk_data), raw_textstat(summaries, nltk_data),
                           raw_textstat(sentences, nltk_data))
    our_a, our_s, our_m = project(abstracts), project(summaries), project(sentences)
    pa, ps, pred, y = held_out_difficulty(cochrane, medreadme)

    print(f"Cochrane pairs: {len(pairs)}; MedReadMe sentences: {len(sentences)} "
          f"from {med['Source'].nunique()} sources")
    print(f"\n{'':12s} | {'textstat as shipped (raw text)':34s} | {'project pipeline (markdown-aware)':34s}")
    print(f"{'measure':12s} | {'pairs ok':>10s} {'Pearson':>11s} {'Spearman':>11s} | "
          f"{'pairs ok':>10s} {'Pearson':>11s} {'Spearman':>11s}")
    for name in FORMULAS:
        rp, rs = correlations(raw_m[name], ratings, name)
        op, os_ = correlations(our_m[name], ratings, name)
        print(f"{name:12s} | {easier(raw_a[name], raw_s[name], name):10.3f} {rp:11.3f} {rs:11.3f} | "
              f"{easier(our_a[name], our_s[name], name):10.3f} {op:11.3f} {os_:11.3f}")
    hp, hs = pearsonr(pred, y)[0], spearmanr(pred, y)[0]
    blank = f"{'':10s} {'':11s} {'':11s}"
    print(f"{'difficulty':12s} | {blank} | {float(np.mean(ps < pa)):10.3f} {hp:11.3f} {hs:11.3f}   <- held out")
    ip, is_ = correlations(our_m["difficulty"], ratings, "difficulty")
    print(f"{'difficulty':12s} | {blank} | {easier(our_a['difficulty'], our_s['difficulty'], 'difficulty'):10.3f} "
          f"{ip:11.3f} {is_:11.3f}   <- shipped model, in-sample")
    smog_n = int(np.sum(~np.isnan(our_m["smog"])))
    print(f"(project SMOG is undefined below 3 sentences: MedReadMe items are single sentences, so its "
          f"correlation uses only the {smog_n} items that split into 3+ units)")
    print("Targets for difficulty on unseen data: pairs >= 0.85, Pearson >= 0.65 "
          "(README baselines: FKGL 0.26 of pairs, Pearson 0.43).")
    print(f"Mean difficulty: abstracts {np.nanmean(our_a['difficulty']):.2f}, summaries "
          f"{np.nanmean(our_s['difficulty']):.2f}; MedReadMe by source: "
          + ", ".join(f"{s} {np.nanmean(our_m['difficulty'][med['Source'].to_numpy() == s]):.2f}"
                      for s in sorted(med["Source"].unique())))

    syllable_accuracy(5_000 if args.quick else 20_000)
    timing(2 if args.quick else 5, nltk_data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
