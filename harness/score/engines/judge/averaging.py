"""Average the support heads of several candidate configurations instead of choosing one of them.

On the 141 physician-labelled K-QA pairs the candidates of ``fit.CONFIGS`` are near ties (grouped out-of-fold
scores within about 0.05 of each other), and which one grouped CV picks changes from one training part to the
next: in nested CV the picked candidate was worse on the held-out questions than most of the candidates it was
picked from (``docs/judge.md``, "Why the support heads are averaged"). Averaging removes that selection variance:

- the candidates are grouped by the sources their support head learns from (``Config.support_sources``: the
  physician-labelled pairs alone, or every patient-answer source); within a group, every candidate (column set x
  regularisation) is fitted as ``fit.fit_table`` fits one, and the group's support head is the **mean of their
  calibrated logits**. Each calibrated logit is linear in the standardised columns (``platt_a * (coef . z +
  intercept) + platt_b``), so the mean is again one logistic head over the union of the columns: a profile stores
  it like any other (``model.Head``, Platt 1 / 0) and scores it with the same few multiplications;
- its threshold is tuned on the out-of-fold rows of all ``fit.SELECTION_SEEDS`` fold assignments pooled (three
  times the rows one assignment gives, so a steadier level), by the same rule as ``fitting._thresholds``;
- grouped CV chooses between the groups (the physician-only one first; another replaces it only when its pooled
  out-of-fold score is higher by ``fit.SELECTION_MARGIN``).

The contradiction and substance heads do not depend on the support candidate (same columns, rows and
regularisation), so they and their thresholds come from the group's first candidate unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from harness.score.engines.judge import fit as F
from harness.score.engines.judge.fitting import _review_threshold, _selection_score, _sigmoid, _thresholds
from harness.score.engines.judge.metrics import summary
from harness.score.engines.judge.model import Combiner, Head, decide_verdict


def average(t: F.Table, rows: Sequence[int], configs: Sequence[F.Config], **kw: object) -> F.FitResult:
    """The best group (by ``Config.support_sources``, in ``configs`` order, with ``fit.SELECTION_MARGIN``) of
    ``configs`` with its candidates' support heads averaged; one configuration is fitted as it is."""
    if len(configs) == 1:
        return F.fit_table(t, rows, configs[0], **kw)  # type: ignore[arg-type]
    seed = kw.pop("cv_seed", None)
    groups: dict[tuple[str, ...] | None, list[F.Config]] = {}
    for config in configs:
        groups.setdefault(config.support_sources, []).append(config)
    best: F.FitResult | None = None
    for members in groups.values():
        result = averaged(t, rows, members, seed, **kw)  # type: ignore[arg-type]
        if best is None or result.score > best.score + F.SELECTION_MARGIN:
            best = result
    assert best is not None
    return best


def averaged(t: F.Table, rows: Sequence[int], members: Sequence[F.Config], cv_seed: int | None = None,
             **kw: object) -> F.FitResult:
    """``members`` fitted on ``rows`` with their calibrated support logits averaged (see the module docstring)."""
    seeds = (cv_seed, *(s for s in F.SELECTION_SEEDS if s != cv_seed))
    fits = {(k, s): F.fit_table(t, rows, config, cv_seed=s, **kw)  # type: ignore[arg-type]
            for k, config in enumerate(members) for s in seeds}
    base = fits[(0, cv_seed)]
    head, names, mean, scale = mean_head([fits[(k, cv_seed)].combiner for k in range(len(members))])
    rows = np.asarray(rows)  # type: ignore[assignment]
    y = np.array([t.pairs[i].label for i in rows])
    sources = np.array([t.pairs[i].source for i in rows])
    tune_on = kw.get("tune_on")
    tune_sources = list(tune_on) if isinstance(tune_on, (list, tuple)) else None
    # out of fold, per fold assignment: the members' mean calibrated support logit; contradiction and substance
    # probabilities as the first member has them (they do not depend on the support candidate)
    logit = [np.mean([fits[(k, s)].oof[:, 0] for k in range(len(members))], axis=0) for s in seeds]  # type: ignore[index]
    oof_c = [fits[(0, s)].oof[:, 1] for s in seeds]  # type: ignore[index]
    oof_l = [fits[(0, s)].oof[:, 2] for s in seeds]  # type: ignore[index]
    covered = [~np.isnan(v) for v in logit]
    tune = [cov & (np.isin(sources, tune_sources) if tune_sources else True) for cov in covered]
    n = len(seeds)
    s_all = _sigmoid(np.nan_to_num(np.concatenate(logit)))
    dis, sup = np.tile(t.disagree[rows], n), np.tile(t.supportable[rows], n)
    ts, _ = _thresholds(s_all, np.concatenate(oof_c), dis, sup, np.tile(y, n), np.concatenate(tune),
                        np.concatenate(covered), False)
    cm = base.combiner
    verdicts = [decide_verdict(float(s_all[i]), float(c), ts, cm.threshold_contradicted, bool(dis[i]), bool(sup[i]),
                               float(lv), cm.threshold_learned)
                for i, (c, lv) in enumerate(zip(np.concatenate(oof_c), np.concatenate(oof_l), strict=True))]
    tuned = np.flatnonzero(np.concatenate(tune))
    truth = np.tile(y, n)
    review = _review_threshold([verdicts[i][1] for i in tuned], [verdicts[i][0] == truth[i] for i in tuned])
    score = _selection_score([truth[i] for i in tuned], [verdicts[i][0] for i in tuned]) if len(tuned) else 0.0
    first = [v if covered[0][i] else "" for i, (v, _) in enumerate(verdicts[:len(rows)])]
    report = {src: summary([y[i] for i in rr], [first[i] for i in rr], [verdicts[i][1] for i in rr])
              for src in sorted(set(sources.tolist())) if len(rr := np.flatnonzero(covered[0] & (sources == src)))}
    fitted_with = dict((cm.meta or {}).get("fitted_with", {}))
    fitted_with.update(C=sorted({c.c for c in members}), support_features=sorted({len(c.support) for c in members}),
                       support="mean calibrated logit of " + str(len(members)) + " candidates",
                       support_sources=list(members[0].support_sources or ["every patient-answer source"]),
                       threshold_rows=f"out of fold, {n} fold assignments pooled")
    combiner = replace(cm, feature_names=names, mean=mean, scale=scale, support=head,
                       contradict=F._rebase(cm.contradict, cm, list(names)),
                       substance=F._rebase(cm.substance, cm, list(names)) if cm.substance is not None else None,
                       threshold_supported=ts, review_below=review,
                       meta={**(cm.meta or {}), "cv": report, "fitted_with": fitted_with})
    return F.FitResult(combiner, members[0], first, [v[1] for v in verdicts[:len(rows)]], report, score,
                       np.column_stack([logit[0], oof_c[0], oof_l[0]]), tuple(members))


def mean_head(combiners: Sequence[Combiner]) -> tuple[Head, tuple[str, ...], tuple[float, ...], tuple[float, ...]]:
    """One head whose logit is the mean of the combiners' calibrated support logits, over the union of their
    columns (each column standardised as they all standardise it: same rows, same mean and scale)."""
    names: dict[str, tuple[float, float]] = {}
    for cm in combiners:
        for name, m, s in zip(cm.feature_names, cm.mean, cm.scale, strict=True):
            if name in names and not np.allclose(names[name], (m, s)):
                raise ValueError(f"column {name} is standardised differently by the candidates")
            names.setdefault(name, (m, s))
    order = list(names)
    coef = np.zeros(len(order))
    intercept = 0.0
    for cm in combiners:
        h = cm.support
        for name, v in zip(cm.feature_names, h.coef, strict=True):
            coef[order.index(name)] += h.platt_a * v / len(combiners)
        intercept += (h.platt_a * h.intercept + h.platt_b) / len(combiners)
    head = Head(tuple(float(v) for v in coef), float(intercept))
    return head, tuple(order), tuple(names[n][0] for n in order), tuple(names[n][1] for n in order)
