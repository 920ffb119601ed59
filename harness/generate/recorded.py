"""``recorded:<file.jsonl>``: answers written earlier (by a model, a person, or an export).

Each line is ``{"question_id": ..., "answer": ...}`` (optionally ``"sample"`` and ``"error"``, so a
run's own ``answers.jsonl`` export replays). The whole file is checked when the generator is
built (read by ``harness.io.tables``): malformed JSON, missing fields and lines for unknown
questions are all reported at once, in line order, each naming file:line and field. A question with no line gets a recorded error, never a blank answer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import InputError, Problem, sort_problems, suggest
from harness.generate.base import GeneratorOptions, finish, register_generator, require_argument
from harness.io.tables import Row, read_table


class RecordedGenerator:
    """Replays answers from a JSONL file."""

    def __init__(self, path: Path, battery: Battery, options: GeneratorOptions) -> None:
        self.path = path
        self.spec = f"recorded:{path}"
        self.options = options
        self._answers: dict[tuple[str, int], tuple[str | None, str | None]] = _read(path, battery)

    def generate(self, question: Question, sample: int = 0) -> Answer:
        started = time.perf_counter()
        found = self._answers.get((question.id, sample))
        if found is None:
            return finish(question, self.spec, sample, started, options=self.options,
                          error=f"no recorded answer for question {question.id!r} (sample {sample}) in {self.path}")
        text, error = found
        return finish(question, self.spec, sample, started, text=text, error=error, options=self.options,
                      prompt=None)

    def info(self) -> dict[str, Any]:
        return {"kind": "recorded", "path": str(self.path), "answers": len(self._answers)}


def _read(path: Path, battery: Battery) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    """Every recorded answer by (question, sample); InputError listing every bad line, in line order."""
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "recorded answers file does not exist")])
    problems: list[Problem] = []
    table = read_table(path, format="jsonl", problems=problems)
    known = set(battery.question_ids())
    out: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for row in table.rows:  # every problem of a line, not only its first
        record = row.data
        before = len(problems)

        def bad(field: str | None, message: str, row: Row = row) -> None:
            problems.append(table.problem(row, field, message))

        qid = record.get("question_id")
        if not isinstance(qid, str) or not qid:
            bad("question_id", f"field 'question_id' must be a non-empty string, found {qid!r}")
        elif qid not in known:
            bad("question_id", f"question_id {qid!r} is not a question of battery {battery.name!r}"
                               f"{suggest(qid, known)}")
        answer, error = record.get("answer"), record.get("error")
        if answer is not None and not isinstance(answer, str):
            bad("answer", f"field 'answer' must be a string, found {type(answer).__name__}")
        elif answer is None and error is None:
            bad("answer", "line needs an 'answer' (or an 'error') field")
        sample = record.get("sample", 0)
        if isinstance(sample, bool) or not isinstance(sample, int) or sample < 0:
            bad("sample", f"field 'sample' must be a non-negative integer, found {sample!r}")
        if len(problems) > before:
            continue
        assert isinstance(qid, str)
        if (qid, sample) in out:
            bad("question_id", f"a second answer for question {qid!r} (sample {sample})")
            continue
        out[(qid, sample)] = (answer, None if error is None else str(error))
    if problems:
        raise InputError(sort_problems(problems))
    return out


@register_generator("recorded")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> RecordedGenerator:
    require_argument("recorded", argument, "recorded:evals/samples/oncology/careful.jsonl")
    return RecordedGenerator(Path(argument), battery, options)
