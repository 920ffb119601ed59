"""Fit the claim judge's combiner on labelled (answer, claim) pairs and write a judge profile.

Reproduces the shipped default profile (``harness/score/engines/judge/profiles/default.json``) from
the development files (third-party data, not shipped; ``DATA`` is the folder holding them)::

    python -m harness.score.engines.judge.fit --kqa DATA/kqa/kqa_nli_dev.csv \\
        --healthver DATA/healthver/healthver_dev.csv --checkcovid DATA/check_covid/check_covid_train_dev.jsonl \\
        --silver DATA/kqa/kqa_gold_answers.jsonl --cases tests/cases/judge_train.jsonl \\
        --cases tests/cases/judge_oncology_paraphrase.jsonl --cases tests/cases/judge_patient_train.jsonl \\
        --out harness/score/engines/judge/profiles/default.json

and is what ``answer-audit calibrate`` runs on a user's own labelled pairs. Only fitted numbers
are written, never the rows.

Steps: the named feature columns of every pair (``protocol.compute``, one batch per answer); for
each candidate configuration (``CONFIGS``: which columns the support head sees, regularisation),
two scikit-learn ``LogisticRegression`` heads (supported vs not; contradicted vs not) with balanced
class weights and per-source row weights, scored out of fold with GroupKFold by question; Platt
scaling of each head on its out-of-fold scores; the support threshold tuned for supported-vs-not
macro-F1 on the patient-answer sources, the contradiction threshold for contradiction F1 on every
source; the *substance* head (``fitting._substance``: learned contradictions, fitted on the pairs whose
window is about an affirmative claim and names a clash) and its threshold (best contradiction F1 out of
fold, from a calibrated 0.5 up); the confidence under which a verdict needs review. With ``--gate open`` or
``auto`` (``answer-audit calibrate --contradiction-gate``, default auto there; the shipped default is ``named``)
the substance head may also contradict from any answer window about the claim, at the lowest calibrated level
whose out-of-fold precision reaches 0.6, its columns and regularisation chosen by grouped CV
(``select_gated``); ``auto`` keeps ``named`` unless ``open`` has the better out-of-fold refutation F1. The support
heads of the candidates are not selected but averaged (``averaging``: the mean of their calibrated logits, per
group of training sources, its threshold on pooled out-of-fold rows); the group is chosen by the same grouped
cross-validation, never on rows it is then measured on (``benchmarks/bench_judge.py`` nests this whole procedure
inside outer folds).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from harness.score.engines.judge import contradiction, refutation
from harness.score.engines.judge.fitting import (
    _folds,
    _head,
    _learned_threshold,
    _platt,
    _review_threshold,
    _selection_score,
    _sigmoid,
    _substance,
    _thresholds,
    choose_gate,
    refutation_f1,
)
from harness.score.engines.judge.metrics import summary
from harness.score.engines.judge.model import (
    LEARNED_GATES,
    NEVER,
    ON_TOPIC,
    Combiner,
    Head,
    decide_verdict,
    write_combiner,
)
from harness.score.engines.judge.protocol import ALL_COLUMNS, compute
from harness.score.engines.judge.training import (
    Pair,
    provenance,
    read_cases,
    read_recipe,
)

__all__ = ["CONFIGS", "DEFAULT_C", "N_SPLITS", "Config", "FitResult", "Pair", "Table", "build_table", "fit",
           "fit_table", "predict", "read_cases", "read_recipe", "select_gated"]

DEFAULT_C = 0.1
N_SPLITS = 5
LEXICAL_SUPPORT = ("cov_best", "cov_focus", "top_missing", "top3_missing", "tsr_max")
CONTRADICT = ("cov_best", "emb_max", "conf_polarity", "conf_threshold", "conf_quantity", "conf_opposite",
              "conf_any", "neg_mismatch_cov", "antonym_cov", "conflict_cov", "hedge_mismatch_cov")
SUBSTANCE = (*CONTRADICT, *contradiction.COLUMNS, *refutation.COLUMNS)
"""What the substance (learned-contradiction) head sees: the contradiction columns, the contradiction signal's
own and the refutation signal's (``refutation``: ways research evidence refutes a claim)."""
OPEN_SUBSTANCE: tuple[tuple[str, ...], ...] = (
    SUBSTANCE,
    (*SUBSTANCE, "emb_at_best", "emb_answer", "cov_focus", "top_missing", "top3_missing", "tsr_max", "covered"),
    ALL_COLUMNS,
)
OPEN_SUBSTANCE_C: tuple[float, ...] = (0.03, 0.3)
"""With the ``open`` gate the substance head reads every window about the claim, so how much of the claim the
window says (the support columns, or every column) matters too: grouped CV chooses among these column sets and
regularisations (``select_gated``), by out-of-fold refutation F1."""


@dataclass(frozen=True, slots=True)
class Config:
    """What the support head sees, and how strongly both heads are regularised."""

    support: tuple[str, ...]
    c: float
    contradict: tuple[str, ...] = CONTRADICT
    support_sources: tuple[str, ...] | None = None
    """Sources whose rows train the support head (None: every patient-answer source given)."""
    substance: tuple[str, ...] = SUBSTANCE
    learned: bool = True
    """Whether an on-topic window may contradict without a structural rule (``threshold_learned``)."""
    substance_c: float | None = None
    """The substance head's regularisation (None: ``c``)."""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.support, *self.contradict, *(self.substance if self.learned else ()))))


SUPPORT_SETS: tuple[tuple[str, ...], ...] = (
    ("emb_max", "emb_at_best", "cov_best", "cov_focus", "top3_missing", "covered"),
    (*LEXICAL_SUPPORT, "emb_max", "emb_at_best", "covered"),
    ("emb_max", "emb_at_best", "emb_answer", "cov_best", "cov_focus", "top_missing", "top3_missing", "tsr_max",
     "covered"),
)
CONFIGS: tuple[Config, ...] = tuple(
    Config(support, c, support_sources=sources) for sources in (("kqa", "user"), None)
    for support in SUPPORT_SETS for c in (0.03, 0.3))
"""The candidates (few, simple, regularised): which columns the support head sees, its regularisation, and
whether it learns from the physician-labelled pairs only or also from the silver and hand-written pairs. Those
sharing their training sources are averaged (``averaging``); grouped cross-validation chooses between the two
groups, the physician-labelled pairs alone first (``SELECTION_MARGIN``)."""


@dataclass(slots=True)
class Table:
    """Every pair's feature columns (``ALL_COLUMNS``), decision gates and label."""

    pairs: list[Pair]
    x: np.ndarray
    disagree: np.ndarray
    """A conflict with a pair of spans was found (a contradiction can be stated)."""
    supportable: np.ndarray
    """No drug the claim is about is absent from the answer."""
    on_topic: np.ndarray
    """An answer window about the claim was read for disagreement (a learned contradiction can be stated)."""

    def column(self, name: str) -> np.ndarray:
        return self.x[:, ALL_COLUMNS.index(name)]


def build_table(pairs: Sequence[Pair]) -> Table:
    """Feature columns for every pair, each answer's claims computed in one batch."""
    by_answer: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        by_answer.setdefault(p.answer, []).append(i)
    x = np.zeros((len(pairs), len(ALL_COLUMNS)))
    disagree = np.zeros(len(pairs), dtype=bool)
    for text, idx in by_answer.items():
        m, batch = compute(text, [pairs[i].claim for i in idx])
        x[idx] = m
        disagree[idx] = [c is not None for c in batch.conflicts]
    supportable = x[:, ALL_COLUMNS.index("core_drug_missing")] == 0
    return Table(list(pairs), x, disagree, supportable, on_topic(x))


def on_topic(x: np.ndarray, gate: str = "named") -> np.ndarray:
    """Rows whose disagreement window is about the claim (``model.ON_TOPIC``) and names a clash (the words
    that conflict): the rows a learned contradiction may be stated for (``contradiction.Disagreement.named``).
    With the ``open`` gate (``model.LEARNED_GATES``): every row with an answer window sharing the claim's content."""
    col = ALL_COLUMNS.index
    if gate == "open":
        return x[:, col("ctr_topic")] > 0
    return (x[:, col("ctr_topic")] >= ON_TOPIC) & ((x[:, col("ctr_clash")] > 0) | (x[:, col("ctr_absolute")] > 0)) \
        & (x[:, col("ctr_affirmed")] > 0)


@dataclass(frozen=True, slots=True)
class FitResult:
    combiner: Combiner
    config: Config
    oof_pred: list[str]
    """Out-of-fold verdicts of the fitted rows (empty strings where a row was never held out)."""
    oof_conf: list[float]
    report: dict[str, dict[str, object]]
    score: float
    """The selection score: mean of supported-vs-not macro-F1 and kappa on the tuned rows, out of fold."""
    oof: np.ndarray | None = None
    """Per fitted row, out of fold: the support head's calibrated logit (NaN where never held out), the
    contradiction head's and the substance head's calibrated probabilities (``averaging`` pools them)."""
    members: tuple[Config, ...] = ()
    """The configurations whose support heads were averaged (``averaging.average``; empty: ``config`` alone)."""


def fit_table(t: Table, rows: Sequence[int], config: Config, *, name: str = "default",
              support_sources: Sequence[str] | None = None, tune_on: Sequence[str] | None = None,
              base: Combiner | None = None, n_splits: int = N_SPLITS, cv_seed: int | None = None,
              gate: str = "named") -> FitResult:
    """Fit one configuration on ``rows`` of the table, with out-of-fold calibration and thresholds.

    ``gate``: which windows the substance head may contradict from (``model.LEARNED_GATES``).

    ``support_sources``: sources whose rows train the support head (None: all); others train only the
    contradiction head. ``tune_on``: sources the support threshold and the selection score use.
    """
    rows = np.asarray(rows)  # type: ignore[assignment]
    cols = list(config.columns)
    idx = [ALL_COLUMNS.index(c) for c in cols]
    x = t.x[np.ix_(rows, idx)]
    pairs = [t.pairs[i] for i in rows]
    y = np.array([p.label for p in pairs])
    w = np.array([p.weight for p in pairs])
    groups = [p.group for p in pairs]
    sources = np.array([p.source for p in pairs])
    if config.support_sources is not None and np.isin(sources, list(config.support_sources)).any():
        support_sources = config.support_sources
    w_support = w * (np.isin(sources, list(support_sources)) if support_sources is not None else 1.0)
    targets = {"support": (y == "supported", w_support, [cols.index(c) for c in config.support]),
               "contradict": (y == "contradicted", w, [cols.index(c) for c in config.contradict])}
    mean = x.mean(axis=0)
    scale = _scale(x)
    oof = {h: np.zeros(len(rows)) for h in targets}
    covered = np.zeros(len(rows), dtype=bool)
    for tr, te in _folds(groups, n_splits, cv_seed):
        m = x[tr].mean(axis=0)
        s = _scale(x[tr])
        fitted = {h: _head((x[tr] - m) / s, yy[tr], ww[tr], _c(h, config), cc, len(cols)) for h, (yy, ww, cc) in
                  targets.items()}
        ze = (x[te] - m) / s
        for h, head in fitted.items():
            oof[h][te] = ze @ np.array(head.coef) + head.intercept if head is not None else -6.0
        covered[te] = fitted["support"] is not None
    z = (x - mean) / scale
    heads: dict[str, Head] = {}
    for h, (yy, ww, cc) in targets.items():
        head = _head(z, yy, ww, _c(h, config), cc, len(cols))
        if head is None:
            heads[h] = _rebase(base.contradict, base, cols) if (base is not None and h == "contradict") else \
                Head((0.0,) * len(cols), -6.0)
            continue
        a, b = _platt(oof[h][covered], yy[covered], ww[covered] + 1e-9) if covered.any() else (1.0, 0.0)
        heads[h] = Head(head.coef, head.intercept, a, b)
    top = t.on_topic[rows] if gate == "named" else on_topic(t.x[rows], gate)
    s_c = config.substance_c if config.substance_c is not None else CONTRADICTION_C
    substance, l_cal = _substance(x, z, y, w, groups, top, config.substance, s_c, cols, n_splits,
                                 cv_seed) \
        if config.learned else (None, np.zeros(len(rows)))
    s_cal = _sigmoid(heads["support"].platt_a * oof["support"] + heads["support"].platt_b)
    c_cal = _sigmoid(heads["contradict"].platt_a * oof["contradict"] + heads["contradict"].platt_b)
    if "contradicted" not in set(y.tolist()) and base is None:
        c_cal = np.zeros(len(rows))
    dis, sup = t.disagree[rows], t.supportable[rows]
    tune = covered & (np.isin(sources, list(tune_on)) if tune_on else True)
    can = "contradicted" in set(y.tolist()) or base is not None
    ts, tc = _thresholds(s_cal, c_cal, dis, sup, y, tune, covered, can)
    tl = _learned_threshold(c_cal, l_cal, dis, y, covered, tc, gate) if can and substance is not None else NEVER
    pred, conf = [], []
    for i in range(len(rows)):
        v, cf = decide_verdict(float(s_cal[i]), float(c_cal[i]), ts, tc, bool(dis[i]), bool(sup[i]), float(l_cal[i]),
                               tl)
        pred.append(v if covered[i] else "")
        conf.append(cf)
    review = _review_threshold([conf[i] for i in np.flatnonzero(tune)], [pred[i] == y[i] for i in np.flatnonzero(tune)])
    report = {src: summary([y[i] for i in rr], [pred[i] for i in rr], [conf[i] for i in rr])
              for src in sorted(set(sources.tolist())) if len(rr := np.flatnonzero(covered & (sources == src)))}
    tuned = np.flatnonzero(tune)
    # agreement minus miscalibration: between near-tied candidates, the one whose confidences mean what they say
    # (needs_review and the coverage curve read them); on 141 K-QA pairs agreement alone flips between
    # candidates with any small change of the features
    score = _selection_score([y[i] for i in tuned], [pred[i] for i in tuned]) if len(tuned) else 0.0
    combiner = Combiner(
        name=name, feature_names=tuple(cols), mean=tuple(float(v) for v in mean), scale=tuple(float(v) for v in scale),
        support=heads["support"], contradict=heads["contradict"], threshold_supported=ts, threshold_contradicted=tc,
        threshold_learned=tl, substance=substance, review_below=review, learned_gate=gate,
        meta={"signals": sorted({_owner(c) for c in cols}), "trained_on": provenance(pairs), "cv": report,
              "fitted_with": {"C": config.c, "support_features": list(config.support), "n_splits": n_splits,
                              "tune_on": list(tune_on) if tune_on else "all", "learned_gate": gate,
                              **({"substance_C": s_c, "substance_features": len(config.substance)}
                                 if gate != "named" else {})}})
    s_logit = np.where(covered, heads["support"].platt_a * oof["support"] + heads["support"].platt_b, np.nan)
    return FitResult(combiner, config, pred, conf, report, score, np.column_stack([s_logit, c_cal, l_cal]))


MIN_SCALE = 0.1
"""Floor of a column's standard deviation when it is standardised. A column that is nearly always 0 in
training (a threshold conflict: a handful of pairs) would otherwise get a scale of 0.01, and any real
value (0.9) would sit 90 deviations out and swamp the head whatever its small coefficient."""


def _scale(x: np.ndarray) -> np.ndarray:
    std = x.std(axis=0)
    return np.where(std > 1e-9, np.maximum(std, MIN_SCALE), 1.0)


CONTRADICTION_C = 0.03
"""Regularisation of the contradiction and substance heads. The candidates are chosen by supported-vs-not
agreement on K-QA (7 contradictions in 141 pairs), which says nothing about these heads, so they do not
inherit the chosen support head's C; 0.03 is the value their HealthVer / Check-COVID figures were measured
with."""


def _c(head: str, config: Config) -> float:
    return config.c if head == "support" else CONTRADICTION_C


def _owner(column: str) -> str:
    from harness.score.engines.judge.protocol import OWNER

    return OWNER[column]


def _rebase(head: Head, base: Combiner, cols: list[str]) -> Head:
    """``base``'s head re-expressed over ``cols`` (a column the base lacks gets weight 0)."""
    coef = [head.coef[base.feature_names.index(c)] if c in base.feature_names else 0.0 for c in cols]
    return Head(tuple(coef), head.intercept, head.platt_a, head.platt_b)


SELECTION_SEEDS: tuple[int | None, ...] = (None, 1, 2)
"""Fold assignments whose out-of-fold rows are pooled (``averaging``) to tune the averaged support head's
threshold and to choose its group of training sources: three times the rows of one assignment, a steadier
estimate than one (with one, the choice among near-tied candidates flipped with any small feature change)."""
SELECTION_MARGIN = 0.01
"""A later group of candidates (``averaging.average``: one learning from every patient-answer source rather than
the physician-labelled pairs alone) replaces the first only when its pooled out-of-fold score is higher by this
much, about the spread of one candidate's score across fold assignments: between choices the data cannot tell
apart, the simpler one (in the spirit of the one-standard-error rule of Breiman et al.)."""


def predict(combiner: Combiner, t: Table, rows: Sequence[int]) -> tuple[list[str], list[float]]:
    """The combiner's verdicts and confidences on table rows (as ``CombinerJudge`` decides them)."""
    idx = [ALL_COLUMNS.index(c) for c in combiner.feature_names]
    out, conf = [], []
    top = t.on_topic if combiner.learned_gate == "named" else on_topic(t.x, combiner.learned_gate)
    for i in rows:
        v, cf, _ = combiner.decide(t.x[i, idx].tolist(), disagree=bool(t.disagree[i]),
                                   supportable=bool(t.supportable[i]), on_topic=bool(top[i]))
        out.append(v)
        conf.append(cf)
    return out, conf


PATIENT_SOURCES = ("kqa", "silver", "cases", "paraphrase", "patient", "user")
"""Sources whose rows train the support head: patient-facing answers (the abstracts of HealthVer and
Check-COVID draw the supported/neutral line differently; their refutations still teach disagreement)."""


def fit(pairs: Sequence[Pair], *, name: str = "default", c: float | None = None, base: Combiner | None = None,
        cv_seed: int | None = None, configs: Sequence[Config] = CONFIGS, gate: str = "named") -> FitResult:
    """Fit on ``pairs``: average the candidates' support heads, the training sources chosen by grouped CV
    (``averaging``), or with ``c`` fit the lexical+embedding set alone.

    ``gate`` (``model.LEARNED_GATES`` or ``auto``): when the substance head may speak; ``auto`` keeps ``named``
    unless ``open`` gives a better out-of-fold refutation F1 on these pairs (``fitting.choose_gate``)."""
    labels = {p.label for p in pairs}
    if len(labels) < 2:
        raise ValueError("calibration needs pairs with at least two different labels; found only "
                         + ", ".join(sorted(labels)))
    t = build_table(pairs)
    sources = {p.source for p in pairs}
    tune = ["kqa"] if "kqa" in sources else None
    chosen = configs if c is None else (Config(SUPPORT_SETS[1], c),)
    return select_gated(t, range(len(pairs)), chosen, gate, name=name, base=base, cv_seed=cv_seed, tune_on=tune,
                        support_sources=[s for s in sources if s in PATIENT_SOURCES] or None)


def select_gated(t: Table, rows: Sequence[int], configs: Sequence[Config], gate: str, **kw: object) -> FitResult:
    """``averaging.average`` (the candidates' support heads averaged, per group of training sources; the group
    chosen by grouped CV) with the ``named`` gate, then (``gate`` ``open`` or ``auto``) its first configuration refitted
    with the ``open`` gate; ``auto`` keeps whichever has the better out-of-fold refutation F1 (recorded)."""
    if gate not in ("auto", *LEARNED_GATES):
        raise ValueError(f"gate must be auto, {' or '.join(LEARNED_GATES)}; got {gate!r}")
    from harness.score.engines.judge.averaging import average  # here: averaging imports this module

    named = average(t, rows, configs, **kw)
    if gate == "named":
        return named
    truth = [t.pairs[i].label for i in rows]
    opened = [fit_table(t, rows, replace(named.config, substance=cols, substance_c=c), gate="open",
                        **kw)  # type: ignore[arg-type]
              for cols in OPEN_SUBSTANCE for c in OPEN_SUBSTANCE_C]
    best = max(opened, key=lambda r: refutation_f1(truth, r.oof_pred)[2])  # ties: the first, smallest set
    return choose_gate(named, best, truth, force_open=gate == "open")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.score.engines.judge.fit", description=__doc__.split("\n")[0])
    parser.add_argument("--kqa", type=Path, help="K-QA NLI pairs (kqa_nli_dev.csv)")
    parser.add_argument("--healthver", type=Path, help="HealthVer pairs (healthver_dev.csv)")
    parser.add_argument("--checkcovid", type=Path, help="Check-COVID (check_covid_train_dev.jsonl; train split used)")
    parser.add_argument("--silver", type=Path, help="K-QA gold answers (kqa_gold_answers.jsonl) for silver pairs")
    parser.add_argument("--cases", type=Path, action="append", default=[], help="hand-written JSONL cases")
    parser.add_argument("--C", type=float, default=None, help="fix the regularisation instead of choosing it by CV")
    parser.add_argument("--gate", default="named", choices=("auto", *LEARNED_GATES),
                        help="when a learned contradiction may be stated (default: named, for patient answers)")
    parser.add_argument("--name", default="default")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    pairs = read_recipe(args.kqa, args.healthver, args.cases, checkcovid=args.checkcovid, silver=args.silver)
    if not pairs:
        parser.error("give at least one of --kqa, --healthver, --checkcovid, --silver, --cases")
    result = fit(pairs, name=args.name, c=args.C, gate=args.gate)
    write_combiner(result.combiner, args.out)
    chosen = result.members or (result.config,)
    print(json.dumps({"config": {"support": [list(c.support) for c in chosen], "C": [c.c for c in chosen],
                                 "learned_gate": result.combiner.learned_gate},
                      "cv": result.report}, indent=1))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
