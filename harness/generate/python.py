"""``python:<module>:<callable>``: a Python function that answers one question.

The callable receives the question as a dict (``question_id``, ``question``, ``context``,
``tags``, ``system_prompt``, ``sample``) and returns the answer text (or a dict with ``answer``).
An exception becomes a recorded error with its type and message. The module is imported from
the working directory or the installed packages.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import ConfigError
from harness.generate.base import GeneratorOptions, finish, question_payload, register_generator


class PythonGenerator:
    def __init__(self, target: str, battery: Battery, options: GeneratorOptions) -> None:
        self.spec = f"python:{target}"
        self.target = target
        self.battery = battery
        self.options = options
        self.fn = _resolve(target)

    def generate(self, question: Question, sample: int = 0) -> Answer:
        payload = {**question_payload(question), "sample": sample, "system_prompt": self.battery.card.system_prompt}
        started = time.perf_counter()
        try:
            result = self.fn(payload)
        except Exception as exc:  # noqa: BLE001 - any failure of user code is recorded, not raised
            return finish(question, self.spec, sample, started, options=self.options,
                          error=f"{type(exc).__name__}: {exc}")
        if isinstance(result, dict):
            result = result.get("answer")
        if result is not None and not isinstance(result, str):
            return finish(question, self.spec, sample, started, options=self.options,
                          error=f"callable returned {type(result).__name__}, expected str")
        return finish(question, self.spec, sample, started, text=result, options=self.options)

    def info(self) -> dict[str, Any]:
        return {"kind": "python", "target": self.target}


def _resolve(target: str) -> Callable[[dict[str, Any]], Any]:
    module_name, sep, attr = target.rpartition(":")
    if not sep or not module_name or not attr:
        raise ConfigError(f"Generator spec 'python:{target}' must look like 'python:package.module:function'")
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"Cannot import module {module_name!r} for generator 'python:{target}': {exc}") from None
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise ConfigError(f"Module {module_name!r} has no callable {attr!r} (generator 'python:{target}')")
    return fn


@register_generator("python")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> PythonGenerator:
    return PythonGenerator(argument, battery, options)
