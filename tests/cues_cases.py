"""Load the labelled cue cases (tests/cases/<scorer>.jsonl) shared by the cue tests and the benchmark."""

from __future__ import annotations

import json
from typing import Any

from tests.paths import CASES


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


def context_requiring(tiny: Any, requirement: str, required: bool) -> Any:
    """The tiny battery's fever question, with one gold requirement (disclaimer/escalation) set."""
    import dataclasses
    import datetime as dt

    from harness.score import ScoringContext

    ctx = ScoringContext.for_question(tiny, "fever-chemo", dt.date(2026, 11, 26))
    gold = ctx.gold.model_copy(update={"requirements": ctx.gold.requirements.model_copy(
        update={requirement: required})})
    return dataclasses.replace(ctx, gold=gold)


def score_text(scorer: str, text: str, ctx: Any) -> Any:
    """The named scorer's Score for ``text`` as an answer to the fever question."""
    from harness.core.records import Answer
    from harness.score import build_scorer

    return build_scorer(scorer).score(Answer(question_id="fever-chemo", generator="test", text=text), ctx)
