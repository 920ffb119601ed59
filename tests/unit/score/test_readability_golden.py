"""Regression: reading_grade and citation scores on the shipped samples are byte-identical to a golden file.

The golden file (``tests/data/golden/readability_citation_scores.json``) was generated from the
code *before* the readability and citation engines were rewritten (own formula arithmetic instead
of a patched textstat, no process-global caches, literal prefilters in the citation extractor,
``resolve.py`` split). Every rewrite must reproduce it exactly: value, passed, reason, and the
evidence (formulas, counts, drivers, spans, citation statuses), bar the keys that name the tool
(``TOOL_KEYS``), which say what produced the numbers and so change when the producer does.

Covered: every answer of ``evals/samples/oncology/*.jsonl`` and every gold answer (the ``gold``
generator) against the ``oncology`` battery, audit date fixed.

The golden file is regenerated only on request::

    ANSWER_AUDIT_REGEN_GOLDEN=1 python -m pytest tests/unit/score/test_readability_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest

from harness.battery import load_battery
from harness.core.records import Answer
from harness.score import ScoringContext, build_scorer
from tests.paths import DATA, REPO

GOLDEN = DATA / "golden" / "readability_citation_scores.json"
REGEN = os.environ.get("ANSWER_AUDIT_REGEN_GOLDEN") == "1"
AS_OF = dt.date(2026, 11, 26)
SCORERS = ("reading_grade", "citation")
TOOL_KEYS = frozenset({"tool", "syllables", "preprocessing", "preprocessing_version", "lang"})
"""Evidence keys naming the producer of the figures (not figures): excluded from the comparison."""


def _answers() -> list[tuple[str, str, str]]:
    """(answer set, question id, text) for every shipped sample answer and every gold answer."""
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    out = [("gold", q.id, battery.gold[q.id].answer) for q in battery.questions]
    for path in sorted((REPO / "evals" / "samples" / "oncology").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((path.stem, row["question_id"], row["answer"]))
    return out


def _current() -> dict[str, Any]:
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    scorers = {name: build_scorer(name) for name in SCORERS}
    out: dict[str, Any] = {}
    for answer_set, qid, text in _answers():
        ctx = ScoringContext.for_question(battery, qid, AS_OF)
        answer = Answer(question_id=qid, generator=answer_set, text=text)
        for name, scorer in scorers.items():
            s = scorer.score(answer, ctx)
            evidence = {k: v for k, v in s.evidence.items() if k not in TOOL_KEYS}
            out[f"{answer_set}/{qid}/{name}"] = {
                "value": s.value, "passed": s.passed, "reason": s.reason,
                "evidence": json.loads(json.dumps(evidence, sort_keys=True)),
                "spans": [json.loads(json.dumps(sp, default=_plain, sort_keys=True)) for sp in s.spans],
            }
    return out


def _plain(obj: Any) -> Any:
    import dataclasses

    if dataclasses.is_dataclass(obj):
        return dataclasses.asdict(obj)  # type: ignore[arg-type]
    raise TypeError(type(obj))


def test_scores_match_the_golden_file():
    current = _current()
    text = json.dumps(current, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if REGEN:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
        pytest.skip(f"golden file regenerated: {GOLDEN}")
    assert GOLDEN.exists(), f"{GOLDEN} missing; generate it with ANSWER_AUDIT_REGEN_GOLDEN=1"
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(current) == set(golden)
    assert len(current) >= 2 * (41 * 3 + 41)  # every sample and gold answer, both scorers
    for key in sorted(golden):
        for field in ("value", "passed", "reason", "evidence", "spans"):
            assert current[key][field] == golden[key][field], f"{key}: {field} differs"
    # and the serialised form, so a float that prints differently fails too
    assert text == GOLDEN.read_text(encoding="utf-8")
