"""Fit (or check) ``difficulty_model.json`` from the Cochrane and MedReadMe development data.

The data is third-party and not shipped; ``DATA`` is the folder holding it::

    python -m harness.score.engines.readability.fit --cochrane DATA/cochrane/cochrane_pairs_val.jsonl \\
        --medreadme DATA/medreadme/medreadme_dev.csv                      # writes the JSON
    python -m harness.score.engines.readability.fit ... --check                       # exit 1 if it differs

The model is a linear regression (scikit-learn ``Ridge`` on standardised features) fitted to two
kinds of evidence at once:

- MedReadMe sentences with their human rating (1-6): squared error to the rating;
- Cochrane pairs (technical abstract, plain-language summary of the same review): one extra row
  per pair, the feature *difference* abstract - summary, whose target is a margin ``m`` (the
  abstract should be rated ``m`` points harder). The pair rows have total weight
  ``pair_weight`` x the number of MedReadMe rows.

Hyperparameters (``alpha``, ``pair_weight``, ``margin``) come from a small grid; each setting is
scored on held-out data only: Cochrane pair accuracy in 5-fold cross-validation over pairs, and
the Pearson correlation with MedReadMe ratings when each *source* (journal) is left out in turn
(so sentences of one journal never inform their own predictions). The setting with the largest
margin over both targets (0.85 pair accuracy, Pearson 0.65) wins; the final model is refitted on
all rows. Deterministic: fixed folds, closed-form solver, parameters rounded to 8 significant
digits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from harness.errors import InputError
from harness.io.tables import read_table
from harness.score.engines.readability import prepared_features
from harness.score.engines.readability.difficulty import MODEL_FILE, SCALE
from harness.score.engines.readability.features import FEATURE_NAMES
from harness.score.engines.readability.formulas import prepare

TRANSFORMS: dict[str, str] = {"words_per_sentence": "log1p"}
GRID_ALPHA = (1.0, 10.0)
GRID_PAIR_WEIGHT = (0.1, 0.3, 1.0)
GRID_MARGIN = (0.5, 1.0, 2.0)
TARGET_PAIRS, TARGET_PEARSON = 0.85, 0.65
MODEL_VERSION = "1"


@dataclass(frozen=True, slots=True)
class DevData:
    """Feature matrices of the development data (after transforms)."""

    x_sent: np.ndarray
    y_sent: np.ndarray
    source: np.ndarray
    x_abstract: np.ndarray
    x_summary: np.ndarray
    files: dict[str, dict[str, Any]]


def _vector(text: str) -> list[float] | None:
    feats = prepared_features(prepare(text))
    if feats is None:
        return None
    return [math.log1p(feats[f]) if TRANSFORMS.get(f) == "log1p" else feats[f] for f in FEATURE_NAMES]


def _file_info(path: Path, rows: int) -> dict[str, Any]:
    return {"name": path.name, "rows": rows, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def load_dev_data(cochrane: Path, medreadme: Path) -> DevData:
    """Read both files (through the one table reader) and compute features; rows without words are skipped.

    A missing column or field is an ``InputError`` naming file, line and field.
    """
    med = read_table(medreadme, allowed=("csv",))
    med.require_columns("Sentence", "Readability", "Source")
    xs, ys, srcs = [], [], []
    for row in med.rows:
        vec = _vector(row.data["Sentence"] or "")
        if vec is not None and row.data["Readability"]:
            xs.append(vec)
            ys.append(float(row.data["Readability"]))
            srcs.append(row.data["Source"])
    pairs = read_table(cochrane, allowed=("jsonl",))
    missing = [pairs.missing_field(row, name) for row in pairs.rows
               for name in ("technical_abstract", "plain_language_summary") if name not in row.data]
    if missing:
        raise InputError(missing)
    xa, xp = [], []
    for row in pairs.rows:
        va, vp = _vector(row.data["technical_abstract"]), _vector(row.data["plain_language_summary"])
        if va is not None and vp is not None:
            xa.append(va)
            xp.append(vp)
    return DevData(np.array(xs), np.array(ys), np.array(srcs), np.array(xa), np.array(xp),
                   {"medreadme": _file_info(medreadme, len(med.rows)), "cochrane": _file_info(cochrane, len(pairs.rows))})


def fit_linear(x_sent: np.ndarray, y_sent: np.ndarray, x_abs: np.ndarray, x_sum: np.ndarray,
               alpha: float, pair_weight: float, margin: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """``(coef, intercept, mean, scale)`` in the transformed-feature space (see module docstring)."""
    from sklearn.linear_model import Ridge

    mean = x_sent.mean(axis=0)
    scale = x_sent.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x_sent - mean) / scale
    diff = (x_abs - x_sum) / scale
    ybar = float(y_sent.mean())
    design = np.vstack([z, diff]) if len(diff) else z
    target = np.concatenate([y_sent - ybar, np.full(len(diff), margin)])
    weights = np.concatenate([np.ones(len(z)), np.full(len(diff), pair_weight * len(z) / max(1, len(diff)))])
    ridge = Ridge(alpha=alpha, fit_intercept=False, solver="cholesky").fit(design, target, sample_weight=weights)
    coef = ridge.coef_ / scale
    return coef, ybar - float(mean @ coef), mean, scale


def evaluate(data: DevData, alpha: float, pair_weight: float, margin: float) -> dict[str, float]:
    """Held-out pair accuracy (k-fold over pairs) and Pearson (leave one MedReadMe source out)."""
    n_pairs = len(data.x_abstract)
    folds = min(5, n_pairs)
    order = np.random.default_rng(0).permutation(n_pairs)
    correct = 0
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        coef, _, _, _ = fit_linear(data.x_sent, data.y_sent, data.x_abstract[train], data.x_summary[train],
                                   alpha, pair_weight, margin)
        correct += int(np.sum(data.x_abstract[test] @ coef > data.x_summary[test] @ coef))
    pred = np.zeros_like(data.y_sent)
    for source in sorted(set(data.source.tolist())):
        test = data.source == source
        coef, b, _, _ = fit_linear(data.x_sent[~test], data.y_sent[~test], data.x_abstract, data.x_summary,
                                   alpha, pair_weight, margin)
        pred[test] = data.x_sent[test] @ coef + b
    pearson = float(np.corrcoef(pred, data.y_sent)[0, 1]) if len(set(data.source.tolist())) > 1 else float("nan")
    return {"cochrane_pair_accuracy_cv": correct / n_pairs if n_pairs else float("nan"),
            "medreadme_pearson_leave_source_out": pearson}


def _round(value: float) -> float:
    return float(f"{value:.8g}")


def fit_model(data: DevData) -> dict[str, Any]:
    """Select hyperparameters on held-out scores, refit on everything, return the JSON document."""
    results = []
    for alpha in GRID_ALPHA:
        for pair_weight in GRID_PAIR_WEIGHT:
            for margin in GRID_MARGIN:
                held_out = evaluate(data, alpha, pair_weight, margin)
                slack = min(held_out["cochrane_pair_accuracy_cv"] - TARGET_PAIRS,
                            held_out["medreadme_pearson_leave_source_out"] - TARGET_PEARSON)
                results.append((slack, alpha, pair_weight, margin, held_out))
    results.sort(key=lambda r: (-r[0] if not math.isnan(r[0]) else math.inf, r[1], r[2], r[3]))
    _, alpha, pair_weight, margin, held_out = results[0]
    coef, intercept, mean, scale = fit_linear(data.x_sent, data.y_sent, data.x_abstract, data.x_summary,
                                              alpha, pair_weight, margin)
    import sklearn

    return {
        "version": MODEL_VERSION,
        "target_scale": SCALE,
        "features": list(FEATURE_NAMES),
        "transforms": [TRANSFORMS.get(f, "identity") for f in FEATURE_NAMES],
        "coef": [_round(c) for c in coef],
        "intercept": _round(intercept),
        "mean": [_round(m) for m in mean],
        "scale": [_round(s) for s in scale],
        "meta": {
            "standardised_coef": {f: _round(c * s) for f, c, s in zip(FEATURE_NAMES, coef, scale, strict=True)},
            "hyperparameters": {"alpha": alpha, "pair_weight": pair_weight, "margin": margin},
            "held_out": {k: _round(v) for k, v in held_out.items()},
            "grid": [{"alpha": a, "pair_weight": w, "margin": m, **{k: _round(v) for k, v in h.items()}}
                     for _, a, w, m, h in sorted(results, key=lambda r: (r[1], r[2], r[3]))],
            "training": {**data.files, "sentences_used": len(data.y_sent), "pairs_used": len(data.x_abstract)},
            "fitted_with": f"scikit-learn {sklearn.__version__}",
        },
    }


def same_parameters(a: dict[str, Any], b: dict[str, Any], tol: float = 1e-6) -> bool:
    """True when two model documents predict the same (features, transforms and numbers agree)."""
    if a["features"] != b["features"] or a["transforms"] != b["transforms"]:
        return False
    nums_a = [*a["coef"], a["intercept"], *a["mean"], *a["scale"]]
    nums_b = [*b["coef"], b["intercept"], *b["mean"], *b["scale"]]
    return len(nums_a) == len(nums_b) and all(
        math.isclose(x, y, rel_tol=tol, abs_tol=tol) for x, y in zip(nums_a, nums_b, strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.score.engines.readability.fit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cochrane", type=Path, required=True, help="cochrane_pairs_val.jsonl")
    parser.add_argument("--medreadme", type=Path, required=True, help="medreadme_dev.csv")
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name(MODEL_FILE),
                        help=f"where to write the parameters (default: the shipped {MODEL_FILE})")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 unless the refit matches --output")
    args = parser.parse_args(argv)
    for path in (args.cochrane, args.medreadme):
        if not path.is_file():
            print(f"fit: {path} does not exist or is not a file", file=sys.stderr)
            return 2
    try:
        data = load_dev_data(args.cochrane, args.medreadme)
    except InputError as exc:
        print(f"fit: {exc}", file=sys.stderr)
        return 2
    doc = fit_model(data)
    held = doc["meta"]["held_out"]
    print(f"selected {doc['meta']['hyperparameters']}; held-out: Cochrane pairs ordered "
          f"{held['cochrane_pair_accuracy_cv']:.3f}, MedReadMe Pearson {held['medreadme_pearson_leave_source_out']:.3f}")
    if args.check:
        shipped = json.loads(args.output.read_text(encoding="utf-8"))
        if same_parameters(doc, shipped):
            print(f"reproduced: {args.output} matches the refit")
            return 0
        print(f"MISMATCH: {args.output} differs from the refit", file=sys.stderr)
        return 1
    args.output.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
