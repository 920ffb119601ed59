"""The learned ``difficulty`` estimate: a linear model over interpretable features.

Scale: an estimate of how hard people rate the text on MedReadMe's scale, **1 (very easy) to
6 (very hard)**, averaged over the text's sentences. On the development data a Wikipedia
simple-side sentence is about 3.5, a PLOS Genetics abstract sentence about 5, a Cochrane
plain-language summary about 4.5 and its technical abstract about 5.2. Values a little outside
1-6 are possible (the model is linear and not clipped, so two texts beyond the ends still
compare correctly); read them as "easier/harder than anything rated".

The parameters live in ``difficulty_model.json`` beside this module and are produced by
``python -m harness.readability.fit`` (see that module for the data and the selection). Nothing
is learned at run time; prediction is a dot product.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from harness.readability.features import FEATURE_NAMES

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
                             "refit with python -m harness.readability.fit")
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
    text = resources.files("harness.readability").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return DifficultyModel.from_json(json.loads(text))
