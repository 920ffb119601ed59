"""Where the benchmarks find the shared development data: the same single setting as the tests.

``$ANSWER_AUDIT_SHARED`` when set, else ``shared/`` beside the repository (``tests/paths.py``
defines it; this module only makes it importable from a benchmark run as a script).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.paths import SEED_ANSWER, SHARED, SHARED_DATA  # noqa: E402 - needs ROOT on sys.path

__all__ = ["ROOT", "SEED_ANSWER", "SHARED", "SHARED_DATA"]
