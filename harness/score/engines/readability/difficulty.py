"""The learned ``difficulty`` estimate: a linear model over interpretable features.

Scale: an estimate of how hard people rate the text on MedReadMe's scale, **1 (very easy) to
6 (very hard)**, for a text as a whole (features are per-word and per-sentence rates, so one
sentence and a long answer are on the same scale). Reference points from the development data
(``benchmarks/bench_readability.py``): Cochrane technical abstracts average 4.7 and their
plain-language summaries 4.2; MedReadMe sources range from 4.1 (Wikipedia) to 5.0 (PNAS); the
lymphoma seed answer scores 4.0; three short plain instructions to a patient about 2.7.
Values a little outside 1-6 are possible (the model is linear and not clipped, so two texts
beyond the ends still compare correctly). Use it to compare texts (an answer against its gold
answer, one generator against another); it is not a school grade.

The parameters live in ``difficulty_model.json`` beside this module and are produced by
``python -m harness.score.engines.readability.fit`` (see that module for the data and the selection). Nothing
is learned at run time; prediction is a dot product.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from harness.score.engines.readability.features import FEATURE_NAMES

MODEL_FILE = "difficulty_model.json"
SCALE = "MedReadMe human rating, 1 (very easy) to 6 (very hard)"

_TRANSFORMS = {"identity": lambda x: x, "log1p": math.log1p}


@dataclass(frozen=True, slots=True)
class DifficultyModel:
    """Fitted parameters: ``difficulty = intercept + sum(coef[f] * transform[f](x[f]))``."""

    features: tuple[str, ...]
    transforms: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    """Feature means (after transform) on the training sentences: the reference for 'drivers'."""
    scale: tuple[float, ...]
    version: str
    meta: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DifficultyModel:
        feats = tuple(data["features"])
        if feats != FEATURE_NAMES:
            raise ValueError(f"{MODEL_FILE}: features {list(feats)} do not match the code's {list(FEATURE_NAMES)}; "
                             "refit with python -m harness.score.engines.readability.fit")
        return cls(features=feats, transforms=tuple(data["transforms"]), coef=tuple(data["coef"]),
                   intercept=float(data["intercept"]), mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                   version=str(data["version"]), meta=dict(data.get("meta", {})))

    def transformed(self, feats: dict[str, float]) -> list[float]:
        return [_TRANSFORMS[t](feats[f]) for f, t in zip(self.features, self.transforms, strict=True)]

    def predict(self, feats: dict[str, float]) -> float:
        x = self.transformed(feats)
        return self.intercept + sum(c * v for c, v in zip(self.coef, x, strict=True))

    def drivers(self, feats: dict[str, float], top: int = 3) -> list[dict[str, float | str]]:
        """The features that push this text furthest above the training average (rating points)."""
        x = self.transformed(feats)
        parts = [(f, c * (v - m)) for f, c, v, m in zip(self.features, self.coef, x, self.mean, strict=True)]
        parts.sort(key=lambda p: -p[1])
        return [{"feature": f, "points": round(p, 3), "value": round(feats[f], 4)} for f, p in parts[:top] if p > 0]


@lru_cache(maxsize=1)
def load_model() -> DifficultyModel:
    """The shipped model (read once)."""
    text = resources.files("harness.score.engines.readability").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return DifficultyModel.from_json(json.loads(text))
