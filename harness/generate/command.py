"""``command:<shell command>``: any program that reads a question and prints an answer.

The question goes to the command's stdin as one JSON object (``question_id``, ``question``,
``context``, ``tags``, ``system_prompt``); the answer is whatever it prints on stdout. A non-zero
exit, a timeout or empty output becomes a recorded error carrying the tail of stderr.
"""

from __future__ import annotations

import json
import subprocess
import time
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.generate.base import (
    GeneratorOptions,
    finish,
    question_payload,
    register_generator,
    require_argument,
)

STDERR_TAIL = 500


class CommandGenerator:
    def __init__(self, command: str, battery: Battery, options: GeneratorOptions) -> None:
        self.command = command
        self.spec = f"command:{command}"
        self.battery = battery
        self.options = options

    def generate(self, question: Question, sample: int = 0) -> Answer:
        payload = {**question_payload(question), "sample": sample, "system_prompt": self.battery.card.system_prompt}
        prompt = json.dumps(payload, ensure_ascii=False)
        started = time.perf_counter()
        try:
            done = subprocess.run(self.command, shell=True, input=prompt.encode(), capture_output=True,  # noqa: S602
                                  timeout=self.options.timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            tail = _tail(exc.stderr)
            return finish(question, self.spec, sample, started, prompt=prompt, options=self.options,
                          error=f"timed out after {self.options.timeout_s:g} s" + (f"; stderr: {tail}" if tail else ""))
        except OSError as exc:
            return finish(question, self.spec, sample, started, prompt=prompt, options=self.options,
                          error=f"could not start command: {exc}")
        if done.returncode != 0:
            tail = _tail(done.stderr)
            return finish(question, self.spec, sample, started, prompt=prompt, options=self.options,
                          error=f"command exited with status {done.returncode}" + (f"; stderr: {tail}" if tail else ""))
        text = done.stdout.decode("utf-8", errors="replace")
        if not text.strip():
            tail = _tail(done.stderr)
            return finish(question, self.spec, sample, started, prompt=prompt, options=self.options,
                          error="command printed nothing" + (f"; stderr: {tail}" if tail else ""))
        return finish(question, self.spec, sample, started, text=text.strip(), prompt=prompt, options=self.options)

    def info(self) -> dict[str, Any]:
        return {"kind": "command", "command": self.command, "timeout_s": self.options.timeout_s}


def _tail(stderr: bytes | None) -> str:
    if not stderr:
        return ""
    text = stderr.decode("utf-8", errors="replace").strip()
    return text[-STDERR_TAIL:]


@register_generator("command")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> CommandGenerator:
    require_argument("command", argument, "command:python my_model.py")
    return CommandGenerator(argument, battery, options)
