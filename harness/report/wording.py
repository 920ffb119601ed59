"""Words the report puts beside numbers: what a scorer measures, and why a comparison reached its verdict.

``scorer_sentence`` is the one sentence a reviewer reads under a scorer's name (its registered
``description``).

The verdict on a mean comes from the exact sign test on how many questions got better or worse,
Holm-adjusted across scorers; the interval beside it is a paired bootstrap CI of the mean
difference. The two can disagree (a CI that excludes 0 beside "no significant difference"), and
the gate adds a ``min_difference`` margin, so a significant drop can still pass. Readers need the
reason on the same line, not in a footnote.
"""

from __future__ import annotations

import math
from typing import Any

from harness.results.compare import format_p


def scorer_sentence(scorer: str) -> str:
    """One sentence for reviewers saying what ``scorer`` measures (its ``description``); empty when it has none."""
    from harness.results.table import scorer_description

    return scorer_description(scorer)  # a scorer no longer installed: its stored numbers still show, without it


def verdict_reason(r: Any, alpha: float, margin: float = 0.0) -> str:
    """One clause explaining ``r.verdict`` (a ``ScorerComparison``); empty when there is nothing to explain."""
    if r.verdict == "no data" or math.isnan(r.p_value):
        return ""
    holm = f"p(Holm) {format_p(r.p_holm)}"
    if r.verdict in ("better", "worse"):
        drop = -r.diff if r.higher_is_better is not False else r.diff
        if r.verdict == "worse" and margin and not math.isnan(drop) and drop <= margin:
            return (f"significant ({holm} < {alpha:g}), but the drop {drop:.3g} is within the min_difference "
                    f"margin {margin:g}, so it does not count as a regression")
        return f"sign test {r.n_better} better / {r.n_worse} worse, {holm} < {alpha:g}"
    parts = []
    if r.p_value < alpha <= r.p_holm:
        parts.append(f"unadjusted p {format_p(r.p_value)} < {alpha:g}, but the Holm adjustment across scorers "
                     f"raises it to {format_p(r.p_holm)}")
    else:
        parts.append(f"sign test {r.n_better} better / {r.n_worse} worse ({r.n_ties} tied), {holm} ≥ {alpha:g}")
    lo, hi = r.diff_ci_low, r.diff_ci_high
    if not (math.isnan(lo) or math.isnan(hi)) and (lo > 0 or hi < 0):
        parts.append("the bootstrap CI excludes 0 because it weighs the size of each difference, while the "
                     "verdict's sign test counts only which way each question moved")
    return "; ".join(parts)
