"""Load the labelled cue cases (tests/cases/<scorer>.jsonl) shared by the cue tests and the benchmark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    """Rows of ``tests/cases/<name>.jsonl``; a malformed row raises with its file and line."""
    path = CASES / f"{name}.jsonl"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
            raise ValueError(f"{path}:{number}: each case needs string fields 'id' and 'text'")
        rows.append(row)
    return rows
