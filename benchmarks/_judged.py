"""Our judge dev files with a held-back part, judged pair by pair (``bench_contra``, ``bench_register``).

Each line is ``{"answer", "claim", "label", ["split": "holdout"], ...}``; a question group marked
``holdout`` was kept out of every rule choice, so callers print only its aggregate.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness.battery import Claim
from harness.core.records import ClaimVerdict
from harness.score.engines.judge import judge_answer

AS_OF = dt.date(2026, 11, 26)
LABELS = ("supported", "missing", "contradicted")


def judged(path: Path) -> Iterator[tuple[int, str, dict[str, Any], ClaimVerdict]]:
    """(line number, part: ``dev`` or ``holdout``, the row, the default judge's verdict) for every pair."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("label") not in LABELS:
            raise ValueError(f"{path}:{n}: field 'label' must be supported, missing or contradicted, got {r.get('label')!r}")
        (v,) = judge_answer(r["answer"], [Claim(id="c", text=r["claim"])], as_of=AS_OF)
        yield n, "holdout" if r.get("split") == "holdout" else "dev", r, v
