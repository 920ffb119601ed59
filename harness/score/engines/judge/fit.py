"""Fit the claim judge's combiner on labelled (answer, claim) pairs and write a judge profile.

Reproduces the shipped default profile (``harness/score/engines/judge/profiles/default.json``) from the K-QA and
HealthVer development files (third-party data, not shipped; ``DATA`` is the folder holding them)::

    python -m harness.score.engines.judge.fit --kqa DATA/kqa/kqa_nli_dev.csv \\
        --healthver DATA/healthver/healthver_dev.csv \\
        --cases tests/cases/judge_train.jsonl --out harness/score/engines/judge/profiles/default.json

and is what ``answer-audit calibrate`` runs on a user's own labelled pairs. Only fitted numbers
are written, never the rows. Cross-validation is grouped by question (GroupKFold), so a
question's pairs are never both trained and scored on, and the figures it prints are honest.

Steps: features for every pair; two scikit-learn ``LogisticRegression`` heads (supported vs
not on the coverage features ``SUPPORT_FEATURES``, contradicted vs not on all) on standardised features with balanced class weights, rows weighted
per source; Platt scaling of each head on out-of-fold scores (calibration); the two decision
thresholds tuned on out-of-fold probabilities for macro-F1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from harness.score.engines.judge import metrics
from harness.score.engines.judge.features import FEATURE_NAMES, featurize, prepare_answer, prepare_claim
from harness.score.engines.judge.model import (
    CLASSES,
    Combiner,
    Head,
    can_contradict,
    can_support,
    decide_verdict,
    write_combiner,
)

KQA_LABELS = {"Entailment": "supported", "Neutral": "missing", "Contradiction": "contradicted"}
HEALTHVER_LABELS = {"Supports": "supported", "Neutral": "missing", "Refutes": "contradicted"}
DEFAULT_C = 0.1
N_SPLITS = 5


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled (answer, claim) pair."""

    answer: str
    claim: str
    label: str
    group: str
    """Pairs sharing a group (a question) stay on one side of every cross-validation split."""
    source: str
    weight: float = 1.0


def read_kqa(path: Path, weight: float = 1.0) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [Pair(r["answer"], r["claim"], KQA_LABELS[r["majority_label"]], "kqa:" + r["Question"], "kqa", weight)
                for r in csv.DictReader(fh)]


def read_healthver(path: Path, weight: float = 1.0) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [Pair(r["evidence"], r["claim"], HEALTHVER_LABELS[r["label"]], "hv:" + r["question"], "healthver",
                     weight) for r in csv.DictReader(fh)]


def read_cases(path: Path, weight: float = 1.0) -> list[Pair]:
    """Hand-written cases: JSONL with ``answer``, ``claim``, ``label`` (supported|missing|contradicted)."""
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in CLASSES:
            raise ValueError(f"{path}:{i}: label must be one of {', '.join(CLASSES)}; found {row['label']!r}")
        out.append(Pair(row["answer"], row["claim"], row["label"], f"case:{row.get('group', i)}", "cases", weight))
    return out


def feature_matrix(pairs: Sequence[Pair]) -> list[list[float]]:
    return [featurize(prepare_answer(p.answer), prepare_claim(p.claim))[0] for p in pairs]


def _standardise(x: list[list[float]]) -> tuple[list[float], list[float]]:
    n = len(x)
    mean = [sum(col) / n for col in zip(*x, strict=True)]
    scale = []
    for j, col in enumerate(zip(*x, strict=True)):
        var = sum((v - mean[j]) ** 2 for v in col) / n
        scale.append(math.sqrt(var) if var > 1e-12 else 1.0)
    return mean, scale


def _z(x: Sequence[Sequence[float]], mean: Sequence[float], scale: Sequence[float]) -> list[list[float]]:
    return [[(v - m) / s for v, m, s in zip(row, mean, scale, strict=True)] for row in x]


SUPPORT_FEATURES: tuple[str, ...] = ("cov_best", "cov_focus", "top_missing", "top3_missing", "tsr_max")
"""The support head sees only how much of the claim's content the answer covers: with a few hundred
labelled pairs, the 5-feature head cross-validates better on K-QA than one over every feature
(supported-vs-not macro-F1 about 0.73 vs 0.69). The contradiction head sees every feature."""
HEAD_FEATURES: dict[str, tuple[str, ...]] = {"support": SUPPORT_FEATURES, "contradict": FEATURE_NAMES}


def _fit_head(z: list[list[float]], y: list[bool], w: list[float], c: float,
              features: Sequence[str] = FEATURE_NAMES) -> Head | None:
    """Balanced-weight logistic regression for one head on ``features`` (other coefficients are 0);
    None when a side has no rows."""
    from sklearn.linear_model import LogisticRegression

    pos = sum(wi for wi, yi in zip(w, y, strict=True) if yi)
    neg = sum(wi for wi, yi in zip(w, y, strict=True) if not yi)
    if pos <= 0 or neg <= 0:
        return None
    weights = [wi * (0.5 / pos if yi else 0.5 / neg) * (pos + neg) for wi, yi in zip(w, y, strict=True)]
    cols = [FEATURE_NAMES.index(f) for f in features]
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit([[row[j] for j in cols] for row in z], y, sample_weight=weights)
    coef = [0.0] * len(FEATURE_NAMES)
    for j, v in zip(cols, lr.coef_[0], strict=True):
        coef[j] = float(v)
    return Head(tuple(coef), float(lr.intercept_[0]))


def _platt(scores: list[float], y: list[bool], w: list[float]) -> tuple[float, float]:
    """Platt scaling: a one-feature logistic fit of the labels on out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit([[v] for v in scores], y, sample_weight=w)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


_NEVER = Head((0.0,) * len(FEATURE_NAMES), -6.0)
"""A head for a class the labels never show: probability ~0.002 whatever the features."""


def _decide(s: float, c: float, ts: float, tc: float, gate: tuple[bool, bool]) -> str:
    """``Combiner.decide`` on precomputed head probabilities (``gate``: can_contradict, can_support)."""
    return decide_verdict(s, c, ts, tc, gate[0], gate[1])[0]


def _tune_thresholds(s: list[float], c: list[float], gates: list[tuple[bool, bool]], truth: list[str],
                     mask: Sequence[bool],
                     can_contradict: bool) -> tuple[float, float]:
    """Thresholds maximising out-of-fold macro-F1 on ``mask`` rows, averaged over the 3-verdict and the
    supported-vs-not views (ties: the values nearest 0.5)."""
    rows = [i for i, m in enumerate(mask) if m]
    gold = [truth[i] for i in rows]
    labels = [k for k in CLASSES if k in set(truth)]
    grid = [v / 20 for v in range(2, 19)]
    best, best_key = (0.5, 0.5 if can_contradict else 1.01), (-1.0, 0.0)
    for tc in (grid if can_contradict else [1.01]):
        for ts in grid:
            pred = [_decide(s[i], c[i], ts, tc, gates[i]) for i in rows]
            # both views count: the three verdicts, and supported vs not (HealthBench's met / not met)
            f1 = (metrics.macro_f1(gold, pred, labels) or 0.0) + (metrics.macro_f1(
                [g == "supported" for g in gold], [v == "supported" for v in pred], [True, False]) or 0.0)
            key = (round(f1, 6), -abs(ts - 0.5) - abs(min(tc, 1.0) - 0.5))
            if key > best_key:
                best, best_key = (ts, tc), key
    return best


def _groups_folds(groups: Sequence[str], n_splits: int, seed: int | None = None) -> list[tuple[list[int], list[int]]]:
    """GroupKFold splits (deterministic; ``seed`` shuffles which groups share a fold, for repeated CV)."""
    from sklearn.model_selection import GroupKFold

    unique = sorted(set(groups))
    n = min(n_splits, len(unique))
    if n < 2:
        return []
    idx = list(range(len(groups)))
    splitter = GroupKFold(n_splits=n) if seed is None else GroupKFold(n_splits=n, shuffle=True, random_state=seed)
    return [(list(tr), list(te)) for tr, te in splitter.split(idx, groups=groups)]


@dataclass(frozen=True, slots=True)
class FitResult:
    combiner: Combiner
    oof_pred: list[str]
    """Out-of-fold verdicts (empty when there were too few groups to cross-validate)."""
    oof_probs: list[list[float]]
    report: dict[str, dict[str, object]]


def fit(pairs: Sequence[Pair], *, name: str = "default", c: float = DEFAULT_C, n_splits: int = N_SPLITS,
        tune_on: Sequence[str] | None = None, base: Combiner | None = None,
        contradiction_only: Sequence[str] = (), cv_seed: int | None = None) -> FitResult:
    """Fit a combiner on ``pairs`` and cross-validate it by group.

    ``tune_on`` names the sources whose out-of-fold macro-F1 the thresholds maximise (all sources
    when None). When the labels never say "contradicted", the contradiction head of ``base`` (if
    given) is kept, else contradiction is never predicted. Rows of the ``contradiction_only``
    sources train only the contradiction head (HealthVer: its supports/neutral line is drawn on
    scientific abstracts, unlike patient answers, while its refutations still teach disagreement).
    """
    labels = {p.label for p in pairs}
    if len(labels) < 2:
        raise ValueError("calibration needs pairs with at least two different labels; found only "
                         + ", ".join(sorted(labels)))
    x = feature_matrix(pairs)
    y = [p.label for p in pairs]
    w = [p.weight for p in pairs]
    w_head = {"support": [0.0 if p.source in contradiction_only else p.weight for p in pairs], "contradict": w}
    groups = [p.group for p in pairs]
    mean, scale = _standardise(x)
    z = _z(x, mean, scale)
    targets = {"support": [v == "supported" for v in y], "contradict": [v == "contradicted" for v in y]}
    has_contra = "contradicted" in labels
    folds = _groups_folds(groups, n_splits, cv_seed)
    oof = {head: [0.0] * len(pairs) for head in targets}
    covered = [False] * len(pairs)
    for train, test in folds:
        m, sc = _standardise([x[i] for i in train])
        zt = _z([x[i] for i in train], m, sc)
        ze = _z([x[i] for i in test], m, sc)
        fitted = {h: _fit_head(zt, [t[i] for i in train], [w_head[h][i] for i in train], c, HEAD_FEATURES[h])
                  for h, t in targets.items()}
        if fitted["support"] is None or (has_contra and fitted["contradict"] is None):
            continue
        for h, head in fitted.items():
            for i, row in zip(test, ze, strict=True):
                oof[h][i] = head.score(row) if head is not None else -6.0
        for i in test:
            covered[i] = True
    heads: dict[str, Head] = {}
    for h, t in targets.items():
        head = _fit_head(z, t, w_head[h], c, HEAD_FEATURES[h])
        if head is None:
            heads[h] = base.contradict if (base is not None and h == "contradict") else _NEVER
            continue
        rows = [i for i in range(len(pairs)) if covered[i]]
        a, b = _platt([oof[h][i] for i in rows], [t[i] for i in rows], [w_head[h][i] for i in rows]) \
            if rows else (1.0, 0.0)
        heads[h] = Head(head.coef, head.intercept, a, b)
    ts, tc = 0.5, 0.5 if (has_contra or base is not None) else 1.01
    oof_probs: list[list[float]] = []
    oof_pred: list[str] = []
    report: dict[str, dict[str, object]] = {}
    if any(covered):
        s_cal = [_sigmoid(heads["support"].platt_a * oof["support"][i] + heads["support"].platt_b)
                 for i in range(len(pairs))]
        c_cal = [_sigmoid(heads["contradict"].platt_a * oof["contradict"][i] + heads["contradict"].platt_b)
                 if has_contra else 0.0 for i in range(len(pairs))]
        mask = [covered[i] and (tune_on is None or p.source in tune_on) for i, p in enumerate(pairs)]
        gates = [(can_contradict(row), can_support(row)) for row in x]
        ts, tc = _tune_thresholds(s_cal, c_cal, gates, y, mask, has_contra)
        oof_probs = [[(1 - cc) * ss, (1 - cc) * (1 - ss), cc] for ss, cc in zip(s_cal, c_cal, strict=True)]
        oof_pred = [_decide(ss, cc, ts, tc, gates[i]) if covered[i] else ""
                    for i, (ss, cc) in enumerate(zip(s_cal, c_cal, strict=True))]
        for source in sorted({p.source for p in pairs}):
            rows = [i for i, p in enumerate(pairs) if p.source == source and covered[i]]
            if rows:
                report[source] = _summary([y[i] for i in rows], [oof_pred[i] for i in rows],
                                          [oof_probs[i] for i in rows])
    combiner = Combiner(
        name=name, feature_names=FEATURE_NAMES, mean=tuple(mean), scale=tuple(scale), support=heads["support"],
        contradict=heads["contradict"], threshold_supported=ts, threshold_contradicted=tc,
        meta={"trained_on": _provenance(pairs), "cv": report,
              "fitted_with": {"C": c, "n_splits": len(folds), "tune_on": list(tune_on) if tune_on else "all"}},
    )
    return FitResult(combiner, oof_pred, oof_probs, report)


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def _summary(truth: list[str], pred: list[str], probs: list[list[float]]) -> dict[str, object]:
    classes = CLASSES
    binary_t = ["supported" if t == "supported" else "not" for t in truth]
    binary_p = ["supported" if p == "supported" else "not" for p in pred]
    conf = [_confidence(p, v) for p, v in zip(probs, pred, strict=True)]
    correct = [t == p for t, p in zip(truth, pred, strict=True)]
    return {
        "n": len(truth),
        "macro_f1": _round(metrics.macro_f1(truth, pred, classes)),
        "kappa": _round(metrics.cohen_kappa(truth, pred, classes)),
        "macro_f1_supported_vs_not": _round(metrics.macro_f1(binary_t, binary_p, ["supported", "not"])),
        "contradicted_recall": _round(metrics.per_class(metrics.confusion(truth, pred, classes), classes)
                                      .get("contradicted", {}).get("recall")),
        "ece": _round(expected_calibration_error(conf, correct)),
    }


def _confidence(probs: Sequence[float], verdict: str) -> float:
    """The probability of the decided verdict, as ``Combiner.decide`` reports it."""
    c = probs[2]
    s = probs[0] / (1 - c) if c < 1 else 0.0
    return c if verdict == "contradicted" else s if verdict == "supported" else 1 - s


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float | None:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not confidence:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            conf = sum(confidence[i] for i in idx) / len(idx)
            total += len(idx) * abs(acc - conf)
    return total / len(confidence)


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def _provenance(pairs: Sequence[Pair]) -> dict[str, object]:
    out: dict[str, object] = {}
    for source in sorted({p.source for p in pairs}):
        rows = [p for p in pairs if p.source == source]
        digest = hashlib.sha256()
        for p in rows:
            digest.update(f"{p.answer}\x1f{p.claim}\x1f{p.label}\x1e".encode())
        out[source] = {"pairs": len(rows), "questions": len({p.group for p in rows}),
                       "labels": {k: sum(p.label == k for p in rows) for k in CLASSES},
                       "weight": rows[0].weight, "sha256": digest.hexdigest()[:16]}
    return out


def read_recipe(kqa: Path | None, healthver: Path | None, cases: Sequence[Path] = (), *, kqa_weight: float = 1.0,
                healthver_weight: float = 0.3, cases_weight: float = 1.0) -> list[Pair]:
    """The labelled pairs of the default recipe (see the module docstring), in a fixed order."""
    pairs: list[Pair] = []
    if kqa:
        pairs += read_kqa(kqa, kqa_weight)
    if healthver:
        pairs += read_healthver(healthver, healthver_weight)
    for path in cases:
        pairs += read_cases(path, cases_weight)
    return pairs


def fit_recipe(pairs: Sequence[Pair], *, name: str = "default", c: float = DEFAULT_C,
               cv_seed: int | None = None) -> FitResult:
    """The default recipe: thresholds tuned on K-QA when present; HealthVer trains only the contradiction head."""
    has_kqa = any(p.source == "kqa" for p in pairs)
    return fit(pairs, name=name, c=c, tune_on=["kqa"] if has_kqa else None, contradiction_only=["healthver"],
               cv_seed=cv_seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.score.engines.judge.fit", description=__doc__.split("\n")[0])
    parser.add_argument("--kqa", type=Path, help="K-QA NLI pairs (kqa_nli_dev.csv)")
    parser.add_argument("--healthver", type=Path, help="HealthVer pairs (healthver_dev.csv)")
    parser.add_argument("--cases", type=Path, action="append", default=[], help="hand-written JSONL cases")
    parser.add_argument("--kqa-weight", type=float, default=1.0)
    parser.add_argument("--healthver-weight", type=float, default=0.3,
                        help="HealthVer rows train the contradiction head only")
    parser.add_argument("--cases-weight", type=float, default=1.0)
    parser.add_argument("--C", type=float, default=DEFAULT_C)
    parser.add_argument("--name", default="default")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    pairs = read_recipe(args.kqa, args.healthver, args.cases, kqa_weight=args.kqa_weight,
                        healthver_weight=args.healthver_weight, cases_weight=args.cases_weight)
    if not pairs:
        parser.error("give at least one of --kqa, --healthver, --cases")
    result = fit_recipe(pairs, name=args.name, c=args.C)
    write_combiner(result.combiner, args.out)
    print(json.dumps(result.report, indent=1))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
