"""Averaging the candidates' support heads: one head whose logit is their mean, and the group chosen with the margin."""

from __future__ import annotations

import numpy as np
import pytest

from harness.score.engines.judge import averaging
from harness.score.engines.judge import fit as F
from harness.score.engines.judge.fit import read_cases
from harness.score.engines.judge.model import Combiner, Head
from tests.paths import CASES as CASES_DIR


def _combiner(names: tuple[str, ...], mean: tuple[float, ...], scale: tuple[float, ...], support: Head) -> Combiner:
    zero = Head((0.0,) * len(names), -6.0)
    return Combiner(name="x", feature_names=names, mean=mean, scale=scale, support=support, contradict=zero)


def _logit(cm: Combiner, row: dict[str, float]) -> float:
    """The combiner's calibrated support logit for a row given by column name."""
    z = cm.standardise([row[n] for n in cm.feature_names])
    return cm.support.platt_a * cm.support.score(z) + cm.support.platt_b


def test_the_mean_head_gives_the_mean_of_the_calibrated_logits_over_the_union_of_columns():
    a = _combiner(("emb_max", "cov_best"), (0.5, 0.4), (0.2, 0.3), Head((1.5, -0.5), 0.2, 2.0, -0.3))
    b = _combiner(("cov_best", "tsr_max"), (0.4, 60.0), (0.3, 10.0), Head((0.8, 0.1), -0.4, 0.5, 0.7))
    head, names, mean, scale = averaging.mean_head([a, b])
    assert names == ("emb_max", "cov_best", "tsr_max") and mean == (0.5, 0.4, 60.0) and scale == (0.2, 0.3, 10.0)
    merged = _combiner(names, mean, scale, head)
    rng = np.random.default_rng(0)
    for _ in range(5):
        row = {"emb_max": rng.uniform(), "cov_best": rng.uniform(), "tsr_max": rng.uniform(0, 100)}
        assert _logit(merged, row) == pytest.approx((_logit(a, row) + _logit(b, row)) / 2)


def test_columns_standardised_differently_cannot_be_averaged():
    a = _combiner(("emb_max",), (0.5,), (0.2,), Head((1.0,), 0.0))
    b = _combiner(("emb_max",), (0.6,), (0.2,), Head((1.0,), 0.0))
    with pytest.raises(ValueError, match="emb_max"):
        averaging.mean_head([a, b])


def test_a_later_source_group_must_beat_the_first_by_the_margin(monkeypatch):
    """Groups are formed by the sources the support head learns from; the first group is kept unless another
    group's pooled out-of-fold score beats it by ``SELECTION_MARGIN``."""
    kqa = [c for c in F.CONFIGS if c.support_sources is not None]
    every = [c for c in F.CONFIGS if c.support_sources is None]
    seen: list[int] = []

    def fake(t, rows, members, seed=None, **kw):
        seen.append(len(members))
        return F.FitResult(combiner=None, config=members[0], oof_pred=[], oof_conf=[], report={},  # type: ignore[arg-type]
                           score=scores[members[0].support_sources is None], members=tuple(members))

    monkeypatch.setattr(averaging, "averaged", fake)
    scores = {False: 0.60, True: 0.60 + F.SELECTION_MARGIN / 2}
    assert averaging.average(None, [], F.CONFIGS).members == tuple(kqa)  # type: ignore[arg-type]
    scores = {False: 0.60, True: 0.60 + F.SELECTION_MARGIN * 2}
    assert averaging.average(None, [], F.CONFIGS).members == tuple(every)  # type: ignore[arg-type]
    assert seen == [len(kqa), len(every)] * 2


def test_an_averaged_fit_on_real_cases_scores_like_its_members_mean():
    """End to end on the hand-written cases: the averaged profile's support probability is the sigmoid of the
    members' mean calibrated logit, and its threshold is one of the fine grid's levels (steps of 0.01)."""
    pairs = read_cases(CASES_DIR / "judge_train.jsonl")
    t = F.build_table(pairs)
    rows = list(range(len(pairs)))
    members = [F.Config(F.SUPPORT_SETS[0], 0.03), F.Config(F.SUPPORT_SETS[1], 0.3)]
    result = averaging.averaged(t, rows, members)
    singles = [F.fit_table(t, rows, m).combiner for m in members]
    assert result.members == tuple(members)
    assert round(result.combiner.threshold_supported * 100) == pytest.approx(result.combiner.threshold_supported * 100)
    idx = {n: i for i, n in enumerate(F.ALL_COLUMNS)}
    for r in rows[:10]:
        row = {n: float(t.x[r, i]) for n, i in idx.items()}
        s, _ = result.combiner.heads([row[n] for n in result.combiner.feature_names])
        assert s == pytest.approx(1 / (1 + np.exp(-np.mean([_logit(cm, row) for cm in singles]))), abs=1e-9)
