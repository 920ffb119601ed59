"""Agreement between the judge and human labels: confusion matrix, per-class precision and recall,
macro-F1 and Cohen's kappa, each with a seeded bootstrap 95% confidence interval.

Used by ``answer-audit validate-judge`` (a hospital checking the judge against its own reviewers),
by the fitting script's cross-validation report and by ``benchmarks/bench_judge.py``.
Undefined values (a class never predicted, kappa with one class) are ``None``, never 0.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def confusion(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """``m[i][j]`` = rows labelled ``labels[i]`` that the judge called ``labels[j]``."""
    index = {label: i for i, label in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, pred, strict=True):
        if t in index and p in index:
            m[index[t]][index[p]] += 1
    return m


def per_class(m: list[list[int]], labels: Sequence[str]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for i, label in enumerate(labels):
        tp = m[i][i]
        predicted = sum(row[i] for row in m)
        actual = sum(m[i])
        precision = tp / predicted if predicted else None
        recall = tp / actual if actual else None
        f1 = (2 * precision * recall / (precision + recall) if precision and recall else
              (0.0 if precision is not None and recall is not None else None))
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(actual)}
    return out


def macro_f1(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float | None:
    """Mean F1 over the labels that occur in ``truth`` (a class never predicted scores F1 0)."""
    m = confusion(truth, pred, labels)
    scores = []
    for i in range(len(labels)):
        actual = sum(m[i])
        if not actual:
            continue
        tp, predicted = m[i][i], sum(row[i] for row in m)
        scores.append(2 * tp / (actual + predicted) if actual + predicted else 0.0)
    return sum(scores) / len(scores) if scores else None


def cohen_kappa(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float | None:
    m = confusion(truth, pred, labels)
    n = sum(map(sum, m))
    if not n:
        return None
    observed = sum(m[i][i] for i in range(len(labels))) / n
    expected = sum(sum(m[i]) * sum(row[i] for row in m) for i in range(len(labels))) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


@dataclass(frozen=True, slots=True)
class Agreement:
    labels: tuple[str, ...]
    n: int
    matrix: list[list[int]]
    classes: dict[str, dict[str, float | None]]
    macro_f1: float | None
    kappa: float | None
    accuracy: float | None
    ci: dict[str, tuple[float | None, float | None]]
    """95% bootstrap interval per statistic name ("macro_f1", "kappa", "accuracy", "<class>.recall", ...)."""

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "n": self.n, "confusion": self.matrix, "classes": self.classes,
                "macro_f1": self.macro_f1, "kappa": self.kappa, "accuracy": self.accuracy,
                "ci95": {k: list(v) for k, v in self.ci.items()}}


def _stats(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, float | None]:
    m = confusion(truth, pred, labels)
    out: dict[str, float | None] = {
        "macro_f1": macro_f1(truth, pred, labels), "kappa": cohen_kappa(truth, pred, labels),
        "accuracy": sum(t == p for t, p in zip(truth, pred, strict=True)) / len(truth) if truth else None,
    }
    for label, row in per_class(m, labels).items():
        out[f"{label}.precision"] = row["precision"]
        out[f"{label}.recall"] = row["recall"]
    return out


def agreement(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None, *,
              n_boot: int = 1000, seed: int = 0) -> Agreement:
    """All agreement statistics with percentile bootstrap CIs (resampling rows, seeded)."""
    if labels is None:
        labels = sorted(set(truth) | set(pred))
    labels = tuple(labels)
    m = confusion(truth, pred, labels)
    point = _stats(truth, pred, labels)
    rng = random.Random(seed)  # noqa: S311 - a seeded bootstrap, not cryptography
    n = len(truth)
    samples: dict[str, list[float]] = {k: [] for k in point}
    for _ in range(n_boot if n else 0):
        idx = [rng.randrange(n) for _ in range(n)]
        stats = _stats([truth[i] for i in idx], [pred[i] for i in idx], labels)
        for k, v in stats.items():
            if v is not None:
                samples[k].append(v)
    ci: dict[str, tuple[float | None, float | None]] = {}
    for k, values in samples.items():
        if len(values) < max(10, n_boot // 10):
            ci[k] = (None, None)
            continue
        values.sort()
        ci[k] = (values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))])
    return Agreement(labels, n, m, per_class(m, labels), point["macro_f1"], point["kappa"], point["accuracy"], ci)


def format_agreement(result: Agreement, title: str = "") -> str:
    """A plain-text report: confusion matrix, per-class precision/recall, macro-F1, kappa, CIs."""
    def f(v: float | None) -> str:
        return "  n/a" if v is None else f"{v:.3f}"

    def ci(key: str) -> str:
        lo, hi = result.ci.get(key, (None, None))
        return "" if lo is None or hi is None else f"  (95% CI {lo:.3f}-{hi:.3f})"

    width = max(12, *(len(lab) + 2 for lab in result.labels))
    lines = [title] if title else []
    lines.append(f"{result.n} labelled pairs")
    lines.append("confusion (rows = human label, columns = judge verdict):")
    lines.append(" " * width + "".join(f"{lab:>{width}}" for lab in result.labels))
    for lab, row in zip(result.labels, result.matrix, strict=True):
        lines.append(f"{lab:<{width}}" + "".join(f"{v:>{width}}" for v in row))
    lines.append("per class:")
    for lab, stats in result.classes.items():
        lines.append(f"  {lab:<{width}} precision {f(stats['precision'])}{ci(lab + '.precision')}  "
                     f"recall {f(stats['recall'])}{ci(lab + '.recall')}  n={int(stats['support'] or 0)}")
    lines.append(f"macro-F1 {f(result.macro_f1)}{ci('macro_f1')}")
    lines.append(f"Cohen's kappa {f(result.kappa)}{ci('kappa')}")
    lines.append(f"accuracy {f(result.accuracy)}{ci('accuracy')}")
    return "\n".join(lines)


def coverage_curve(truth: Sequence[str], pred: Sequence[str], confidence: Sequence[float | None],
                   levels: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)) -> list[dict[str, float | int | None]]:
    """Agreement at each confidence level: keeping only verdicts at least that confident, how many are
    kept (coverage) and how often they agree with the labels (accuracy) — what trusting the judge above
    a level, and reviewing the rest, would give. Verdicts without a confidence count as 0."""
    rows = []
    for level in levels:
        kept = [t == p for t, p, c in zip(truth, pred, confidence, strict=True) if c is not None and c >= level]
        rows.append({"level": level, "kept": len(kept), "coverage": len(kept) / len(truth) if truth else None,
                     "accuracy": sum(kept) / len(kept) if kept else None})
    return rows


def format_coverage(rows: Sequence[dict[str, float | int | None]]) -> str:
    lines = ["coverage curve (verdicts at or above each confidence level):",
             "  confidence  kept  coverage  agreement"]
    for r in rows:
        cov = "  n/a" if r["coverage"] is None else f"{r['coverage']:.0%}"
        acc = "  n/a" if r["accuracy"] is None else f"{r['accuracy']:.3f}"
        lines.append(f"  >= {r['level']:<7.2f} {r['kept']:>5}  {cov:>8}  {acc:>9}")
    return "\n".join(lines)


_VERDICTS = ("supported", "missing", "contradicted")


def summary(truth: Sequence[str], pred: Sequence[str], conf: Sequence[float]) -> dict[str, object]:
    bt = ["supported" if t == "supported" else "not" for t in truth]
    bp = ["supported" if p == "supported" else "not" for p in pred]
    m = per_class(confusion(truth, pred, _VERDICTS), _VERDICTS)
    return {"n": len(truth), "macro_f1": _round(macro_f1(truth, pred, _VERDICTS)),
            "kappa": _round(cohen_kappa(truth, pred, _VERDICTS)),
            "macro_f1_supported_vs_not": _round(macro_f1(bt, bp, ["supported", "not"])),
            "kappa_supported_vs_not": _round(cohen_kappa(bt, bp, ["supported", "not"])),
            "contradicted_precision": _round(m["contradicted"]["precision"]),
            "contradicted_recall": _round(m["contradicted"]["recall"]),
            "ece": _round(expected_calibration_error(conf, [t == p for t, p in zip(truth, pred, strict=True)]))}


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float | None:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not confidence:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if idx:
            total += len(idx) * abs(sum(correct[i] for i in idx) / len(idx) - sum(confidence[i] for i in idx) / len(idx))
    return total / len(confidence)


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)
