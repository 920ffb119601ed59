"""The statistics behind summaries, comparisons and the gate: small, pure, hand-checkable functions.

Everything here works on plain numbers (NumPy arrays or sequences) so it can be tested on
hand-computed examples and reused by ``harness.results.table``, ``harness.results.compare`` and ``harness.gate``.

- ``bootstrap_mean_ci``: percentile bootstrap CI of a mean, seeded so every report is reproducible;
  it resamples *questions* (clusters), so several samples of one question never count as
  independent evidence.
- ``paired_bootstrap``: the same on per-question differences between two runs.
- ``sign_test``: exact two-sided sign test on paired differences (ties dropped).
- ``mcnemar_exact``: exact McNemar test for paired pass/fail outcomes (the binomial on the
  discordant pairs).
- ``holm``: Holm-Bonferroni step-down adjustment across a family of tests.
- ``cohens_dz`` / ``matched_odds_ratio``: effect sizes for paired means and paired pass rates.
- ``min_detectable_difference`` / ``required_questions`` / ``power_note``: whether the battery
  is big enough to detect the difference asked about (normal approximation of a paired test).

An undefined statistic is NaN, never 0 (no data is not the same as no difference).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as _sps

DEFAULT_N_BOOT = 2000
DEFAULT_CONFIDENCE = 0.95
DEFAULT_ALPHA = 0.05
DEFAULT_POWER = 0.8


def bootstrap_mean_ci(
    values: Sequence[float] | np.ndarray,
    counts: Sequence[float] | np.ndarray | None = None,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
) -> tuple[float, float]:
    """Percentile bootstrap CI of a mean; (NaN, NaN) with fewer than two clusters.

    With ``counts`` given, ``values`` are per-cluster *sums* and ``counts`` the number of
    observations in each cluster: clusters (questions) are resampled and the statistic is the
    pooled mean ``sum(values) / sum(counts)`` (a cluster bootstrap). Without it, each value is its
    own cluster. The generator is seeded, so the same inputs give the same interval.
    """
    sums = np.asarray(values, dtype=float)
    n = sums.shape[0]
    if n < 2:
        return (math.nan, math.nan)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1, got {n_boot}")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    if counts is None:
        means = sums[idx].mean(axis=1)
    else:
        cnt = np.asarray(counts, dtype=float)
        means = sums[idx].sum(axis=1) / cnt[idx].sum(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return (float(low), float(high))


@dataclass(frozen=True, slots=True)
class PairedBootstrap:
    """Mean of the per-question differences (B - A) with its bootstrap CI."""

    n: int
    mean_diff: float
    ci_low: float
    ci_high: float


def paired_bootstrap(
    diffs: Sequence[float] | np.ndarray, *, n_boot: int = DEFAULT_N_BOOT, seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
) -> PairedBootstrap:
    """Paired bootstrap: resample questions, keeping each question's two answers together."""
    d = np.asarray(diffs, dtype=float)
    if d.size == 0:
        return PairedBootstrap(0, math.nan, math.nan, math.nan)
    low, high = bootstrap_mean_ci(d, n_boot=n_boot, seed=seed, confidence=confidence)
    return PairedBootstrap(int(d.size), float(d.mean()), low, high)


@dataclass(frozen=True, slots=True)
class SignTest:
    """Exact two-sided sign test: counts of positive, negative and tied differences, and p."""

    n_pos: int
    n_neg: int
    n_ties: int
    p_value: float


def sign_test(diffs: Sequence[float] | np.ndarray, *, tol: float = 1e-12) -> SignTest:
    """Exact sign test of "median difference is 0"; |d| <= tol counts as a tie and is dropped.

    p is 1.0 when every difference is a tie (nothing changed is no evidence of change), and NaN
    only when there are no pairs at all.
    """
    d = np.asarray(diffs, dtype=float)
    pos = int((d > tol).sum())
    neg = int((d < -tol).sum())
    ties = int(d.size - pos - neg)
    if d.size == 0:
        return SignTest(0, 0, 0, math.nan)
    if pos + neg == 0:
        return SignTest(pos, neg, ties, 1.0)
    p = float(_sps.binomtest(pos, pos + neg, 0.5, alternative="two-sided").pvalue)
    return SignTest(pos, neg, ties, min(1.0, p))


@dataclass(frozen=True, slots=True)
class McNemar:
    """Exact McNemar test on paired pass/fail: ``b`` = passed in A only, ``c`` = passed in B only."""

    n: int
    b: int
    c: int
    p_value: float


def mcnemar_exact(a_passed: Sequence[bool] | np.ndarray, b_passed: Sequence[bool] | np.ndarray) -> McNemar:
    """Exact (binomial) McNemar test for two paired pass/fail vectors of equal length."""
    a = np.asarray(a_passed, dtype=bool)
    bb = np.asarray(b_passed, dtype=bool)
    if a.shape != bb.shape:
        raise ValueError(f"paired vectors differ in length: {a.shape[0]} vs {bb.shape[0]}")
    b = int((a & ~bb).sum())
    c = int((~a & bb).sum())
    return McNemar(int(a.size), b, c, mcnemar_p(b, c) if a.size else math.nan)


def mcnemar_p(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value from the discordant counts (1.0 when there are none)."""
    if b + c == 0:
        return 1.0
    return min(1.0, float(_sps.binomtest(b, b + c, 0.5, alternative="two-sided").pvalue))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order; NaN entries stay NaN and are not counted."""
    ps = [float(p) for p in p_values]
    valid = sorted((p, i) for i, p in enumerate(ps) if not math.isnan(p))
    m = len(valid)
    out = [math.nan] * len(ps)
    running = 0.0
    for rank, (p, i) in enumerate(valid):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = running
    return out


def cohens_dz(diffs: Sequence[float] | np.ndarray) -> float:
    """Standardised mean difference of paired data (mean / SD of the differences).

    NaN with fewer than two pairs or when every difference is identical and non-zero is not
    measurable; 0.0 when all differences are exactly zero (no change at all).
    """
    d = np.asarray(diffs, dtype=float)
    if d.size < 2:
        return math.nan
    sd = float(d.std(ddof=1))
    if sd == 0:
        return 0.0 if float(d.mean()) == 0 else math.nan
    return float(d.mean()) / sd


def matched_odds_ratio(b: int, c: int) -> float:
    """Conditional (matched-pairs) odds ratio c/b of passing in B rather than A; NaN when undefined."""
    if b == 0 and c == 0:
        return math.nan
    if b == 0:
        return math.inf
    return c / b


def min_detectable_difference(sd: float, n: int, *, alpha: float = DEFAULT_ALPHA,
                              power: float = DEFAULT_POWER) -> float:
    """Smallest mean paired difference a two-sided test at ``alpha`` detects with ``power``.

    Normal approximation: ``(z_{1-alpha/2} + z_{power}) * sd / sqrt(n)``; NaN when n < 2 or sd unknown.
    """
    if n < 2 or math.isnan(sd):
        return math.nan
    z = _sps.norm.ppf(1 - alpha / 2) + _sps.norm.ppf(power)
    return float(z * sd / math.sqrt(n))


def required_questions(delta: float, sd: float, *, alpha: float = DEFAULT_ALPHA,
                       power: float = DEFAULT_POWER) -> int | None:
    """Paired questions needed to detect a mean difference ``delta``; None when not computable."""
    if delta == 0 or math.isnan(delta) or math.isnan(sd) or sd <= 0:
        return None
    z = _sps.norm.ppf(1 - alpha / 2) + _sps.norm.ppf(power)
    return int(math.ceil((z * sd / abs(delta)) ** 2))


def power_note(delta: float, sd: float, n: int, *, alpha: float = DEFAULT_ALPHA,
               power: float = DEFAULT_POWER, what: str = "difference") -> str | None:
    """A warning sentence when ``n`` pairs are too few to detect ``|delta|``; None when they suffice.

    ``delta`` is the difference asked about (the user's smallest difference that matters, or the
    observed one); ``sd`` the SD of the per-question differences (or a planning value).
    """
    if n < 2:
        return f"only {n} paired question(s): too few to test any {what}"
    mdd = min_detectable_difference(sd, n, alpha=alpha, power=power)
    if math.isnan(mdd) or mdd == 0 or abs(delta) >= mdd:
        return None
    need = required_questions(delta, sd, alpha=alpha, power=power)
    more = f"; detecting {abs(delta):.3g} would need about {need} questions" if need else ""
    return (f"battery too small: with {n} paired questions (SD of differences {sd:.3g}) the smallest {what} "
            f"detectable with {power:.0%} power at alpha {alpha:g} is {mdd:.3g}, larger than the {abs(delta):.3g} "
            f"asked about{more}")
