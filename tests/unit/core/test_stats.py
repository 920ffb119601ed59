"""harness.core.stats on hand-computed examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from harness.core.stats import (
    bootstrap_mean_ci,
    cohens_dz,
    holm,
    matched_odds_ratio,
    mcnemar_exact,
    mcnemar_p,
    min_detectable_difference,
    paired_bootstrap,
    power_note,
    required_questions,
    sign_test,
)


def test_sign_test_exact_binomial():
    # 8 better, 2 worse, 3 ties: p = 2 * P(X <= 2 | n=10) = 2 * (1 + 10 + 45) / 1024
    st = sign_test([1] * 8 + [-0.5] * 2 + [0, 0, 0])
    assert (st.n_pos, st.n_neg, st.n_ties) == (8, 2, 3)
    assert st.p_value == pytest.approx(112 / 1024)


def test_sign_test_all_ties_is_no_evidence_and_empty_is_nan():
    assert sign_test([0.0, 0.0, 0.0]).p_value == 1.0
    assert math.isnan(sign_test([]).p_value)
    # 10 of 10 in one direction: 2 / 1024
    assert sign_test([0.1] * 10).p_value == pytest.approx(2 / 1024)


def test_mcnemar_exact_on_discordant_pairs():
    # b = 1 passed only in A, c = 6 passed only in B: p = 2 * P(X <= 1 | n=7) = 2 * 8 / 128
    a = [True, False, False, False, False, False, False, True, True, False]
    b = [False, True, True, True, True, True, True, True, True, False]
    m = mcnemar_exact(a, b)
    assert (m.n, m.b, m.c) == (10, 1, 6)
    assert m.p_value == pytest.approx(0.125)
    assert mcnemar_p(0, 0) == 1.0
    with pytest.raises(ValueError, match="differ in length"):
        mcnemar_exact([True], [True, False])


def test_holm_step_down_with_monotonicity_and_nan():
    # sorted 0.01, 0.03, 0.04 -> 0.03, 0.06, max(0.06, 0.04) = 0.06
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    out = holm([0.5, math.nan, 0.01])
    assert out[0] == pytest.approx(0.5) and math.isnan(out[1]) and out[2] == pytest.approx(0.02)
    assert holm([0.9, 0.8]) == pytest.approx([1.0, 1.0])


def test_bootstrap_ci_constant_degenerate_and_reproducible():
    assert bootstrap_mean_ci([0.7] * 5) == pytest.approx((0.7, 0.7))
    assert all(math.isnan(x) for x in bootstrap_mean_ci([1.0]))
    values = np.linspace(0, 1, 50)
    first = bootstrap_mean_ci(values, seed=3)
    assert bootstrap_mean_ci(values, seed=3) == first
    assert first[0] < values.mean() < first[1]
    # standard error of the mean is about 0.042 here; the 95% interval is about +-0.08
    assert 0.12 < first[1] - first[0] < 0.20


def test_cluster_bootstrap_uses_pooled_mean():
    # two questions: sums 2 (of 2 samples) and 0 (of 2 samples); every resample's mean is 0, 0.5 or 1
    low, high = bootstrap_mean_ci([2.0, 0.0], [2, 2], n_boot=500, seed=0)
    assert low == 0.0 and high == 1.0


def test_paired_bootstrap_and_effect_sizes():
    pb = paired_bootstrap([1.0, 2.0, 3.0])
    assert pb.n == 3 and pb.mean_diff == pytest.approx(2.0) and 1.0 <= pb.ci_low <= pb.ci_high <= 3.0
    assert cohens_dz([1.0, 2.0, 3.0]) == pytest.approx(2.0)  # mean 2 / sd 1
    assert cohens_dz([0.0, 0.0]) == 0.0
    assert math.isnan(cohens_dz([1.0]))
    assert matched_odds_ratio(2, 6) == 3.0 and math.isinf(matched_odds_ratio(0, 2))
    assert math.isnan(matched_odds_ratio(0, 0))


def test_minimum_detectable_difference_and_required_n():
    # (1.959964 + 0.841621) * 0.5 / sqrt(100) = 0.140079
    assert min_detectable_difference(0.5, 100) == pytest.approx(0.140079, abs=1e-5)
    # (2.801585 * 0.5 / 0.1) ** 2 = 196.2 -> 197
    assert required_questions(0.1, 0.5) == 197
    assert math.isnan(min_detectable_difference(0.5, 1))


def test_power_note_only_when_battery_too_small():
    assert power_note(0.3, 0.5, 100) is None
    note = power_note(0.05, 0.5, 20, what="claim_recall difference")
    assert note is not None and "battery too small" in note and "20 paired questions" in note
    assert "about 785 questions" in note  # (2.801585 * 0.5 / 0.05) ** 2 = 784.9
    assert "too few" in (power_note(0.1, 0.5, 1) or "")


def test_sign_test_false_alarm_rate_under_noise_and_power_under_real_change():
    """The gate's regression test: symmetric noise rarely alarms (exact test, <= alpha); a real drop is caught."""
    rng = np.random.default_rng(11)
    noise = [sign_test(rng.normal(0, 0.2, 40)).p_value < 0.05 for _ in range(400)]
    assert sum(noise) / len(noise) <= 0.06
    shifted = [sign_test(rng.normal(-0.15, 0.2, 40)).p_value < 0.05 for _ in range(100)]
    assert sum(shifted) / len(shifted) >= 0.8
