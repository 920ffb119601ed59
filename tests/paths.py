"""Where the tests find their files: one place, so moving a test never breaks a path.

``SHARED`` is the workplace's shared development data (third-party, never committed). It is
``$ANSWER_AUDIT_SHARED`` when set, else ``shared/`` beside the repository (``../shared`` from the
repo root); tests that need it skip when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
CASES = TESTS / "cases"
SHARED = Path(os.environ.get("ANSWER_AUDIT_SHARED") or REPO.parent / "shared")
SHARED_DATA = SHARED / "data"
SEED_ANSWER = SHARED / "examples" / "lymphoma_relapse_answer.txt"
"""The real chatbot answer to the lymphoma relapse question (DEVELOPERS' example)."""
