"""``recorded:<file.jsonl>``: answers written earlier (by a model, a person, or an export).

Each line is ``{"question_id": ..., "answer": ...}`` (optionally ``"sample"`` and ``"error"``, so a
run's own ``answers.jsonl`` export replays). The whole file is checked when the generator is
built: malformed JSON, missing fields and lines for unknown questions are errors naming
file:line. A question with no line gets a recorded error, never a blank answer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import ConfigError, did_you_mean
from harness.generate.base import GeneratorOptions, finish, register_generator, require_argument


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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"Recorded answers file {path} does not exist") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: file is not valid UTF-8; save it as UTF-8") from None
    known = set(battery.question_ids())
    out: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: malformed JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise ConfigError(f"{path}:{number}: expected a JSON object, found {type(record).__name__}")
        qid = record.get("question_id")
        if not isinstance(qid, str) or not qid:
            raise ConfigError(f"{path}:{number}: field 'question_id' must be a non-empty string, found {qid!r}")
        if qid not in known:
            hint = did_you_mean(qid, known)
            extra = f"; did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(f"{path}:{number}: question_id {qid!r} is not a question of battery "
                              f"{battery.name!r}{extra}")
        answer, error = record.get("answer"), record.get("error")
        if answer is not None and not isinstance(answer, str):
            raise ConfigError(f"{path}:{number}: field 'answer' must be a string, found {type(answer).__name__}")
        if answer is None and error is None:
            raise ConfigError(f"{path}:{number}: line needs an 'answer' (or an 'error') field")
        sample = record.get("sample", 0)
        if not isinstance(sample, int) or sample < 0:
            raise ConfigError(f"{path}:{number}: field 'sample' must be a non-negative integer, found {sample!r}")
        if (qid, sample) in out:
            raise ConfigError(f"{path}:{number}: a second answer for question {qid!r} (sample {sample})")
        out[(qid, sample)] = (answer, None if error is None else str(error))
    return out


@register_generator("recorded")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> RecordedGenerator:
    require_argument("recorded", argument, "recorded:evals/samples/oncology/careful.jsonl")
    return RecordedGenerator(Path(argument), battery, options)
