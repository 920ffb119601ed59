"""``gold``: answers every question with its gold answer's own text.

A self-consistency check of the battery and the scorers: the gold generator must score clean
(every essential claim supported, no problems). If it does not, the gold answer or a scorer is
wrong, and the battery is not ready.
"""

from __future__ import annotations

import time
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.generate.base import GeneratorOptions, finish, register_generator


class GoldGenerator:
    spec = "gold"

    def __init__(self, battery: Battery, options: GeneratorOptions) -> None:
        self.battery = battery
        self.options = options

    def generate(self, question: Question, sample: int = 0) -> Answer:
        started = time.perf_counter()
        return finish(question, self.spec, sample, started, text=self.battery.gold[question.id].answer,
                      options=self.options)

    def info(self) -> dict[str, Any]:
        return {"kind": "gold", "battery": self.battery.name, "fingerprint": self.battery.fingerprint}


@register_generator("gold")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> GoldGenerator:
    return GoldGenerator(battery, options)
