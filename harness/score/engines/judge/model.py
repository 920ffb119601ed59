"""The calibrated combiner: two logistic-regression heads over named feature columns (``protocol``).

- the *support* head: does the answer state the claim (supported) or not?
- the *contradiction* head: does the answer state the opposite (contradicted)?

Each head is a scikit-learn ``LogisticRegression`` fitted with balanced class weights on
standardised features, then calibrated with Platt scaling on out-of-fold scores (a one-feature
logistic fit), so its probability matches how often physicians agreed. The three verdict
probabilities are ``P(contradicted) = c``, ``P(supported) = (1 - c) * s``, ``P(missing) =
(1 - c) * (1 - s)``. The verdict is contradicted when ``c >= threshold_contradicted`` and an
explicit disagreement signal is present (numbers, negation or an opposite word: a contradiction
must come with a reason a reviewer can check), else
supported when ``s >= threshold_supported``, else missing; thresholds are tuned on out-of-fold
predictions for macro-F1. The confidence reported is the probability of the chosen verdict.

A judge *profile* is a small JSON file holding only these fitted numbers (no training rows)::

    {"format": "answer-audit-judge/2", "name": "default", "feature_names": [...],
     "mean": [...], "scale": [...],
     "support": {"coef": [...], "intercept": 0.1, "platt_a": 1.0, "platt_b": 0.0},
     "contradict": {...}, "threshold_supported": 0.5, "threshold_contradicted": 0.5,
     "trained_on": {...}, "cv": {...}}

A profile may also hold a third head, ``"substance"`` (learned contradictions, over the contradiction
columns and the ``contradiction`` signal's), with ``"threshold_learned"``: an answer window about an
affirmative claim that names the clashing words is contradicted when this head's calibrated probability
reaches that threshold (profiles without it never state a learned contradiction); ``"learned_gate"`` says
which windows may (``LEARNED_GATES``: ``named``, the default, or ``open`` for a profile fitted on a user's own
pairs that chose it from out-of-fold figures).

Scoring is a few dozen multiplications: no per-answer fitting.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import ConfigError

FORMAT = "answer-audit-judge/3"
READABLE_FORMATS = ("answer-audit-judge/2", FORMAT)
CLASSES: tuple[str, ...] = ("supported", "missing", "contradicted")
REVIEW_BELOW = 0.6
"""Default confidence under which a verdict carries ``needs_review`` (profiles calibrate their own)."""


NEVER = 1.01
"""A threshold no calibrated probability reaches (profiles without a learned-contradiction threshold)."""
SUSPECT = 0.35
"""A learned contradiction with a calibrated probability from here up to the profile's
``threshold_learned`` is not reported, but the verdict carries ``needs_review`` and says so."""
EVEN = 0.5
"""From even odds of a learned contradiction, a claim is never reported supported (missing at least)."""
ON_TOPIC = 0.3
"""A window holding this share of the claim's weighted content is about the claim (``ctr_topic``):
only such a window can contradict it without a structural rule."""

LEARNED_GATES: tuple[str, ...] = ("named", "open")
"""When the substance head may speak (a profile's ``learned_gate``). ``named`` (the shipped default, for patient
answers): only for an affirmative claim, in a window holding ``ON_TOPIC`` of it that names the clashing words.
``open`` (a profile fitted on a user's own labelled pairs may choose it, from out-of-fold figures on those pairs):
for any claim in the answer window most about it; the verdict names that window and the claim as the pair of
spans that disagree."""

COVERED_BEST, COVERED_FOCUS = 0.75, 0.65
"""A window holding this share of the claim's weighted content (and of its non-topic content) is
*covered* (the ``covered`` column the support head may use): on K-QA dev every such pair is labelled
supported, and coverage alone undervalues it next to the embedding cosines."""


def decide_verdict(s: float, c: float, ts: float, tc: float, disagree: bool, supportable: bool,
                   learned: float = 0.0, tl: float = NEVER) -> tuple[str, float]:
    """The decision rule, shared by scoring and fitting.

    contradicted: an explicit conflict (``disagree``: a pair of spans that disagree) and a confident
    contradiction head, or (a *learned* contradiction) the substance head's calibrated probability for an
    answer window about an affirmative claim that names a clash (``learned``, 0 without one) at least
    ``tl``; supported: the support head clears its threshold, no named drug is absent and no conflict was
    found in the sentences that cover the claim (a sentence that denies the claim is not outvoted by a
    neighbour that mentions it) and a learned contradiction is less likely than not (``EVEN``); else missing.
    """
    if disagree and c >= tc:
        return "contradicted", c
    if learned >= tl:
        return "contradicted", learned
    if s >= ts and supportable and not disagree and learned < EVEN:
        return "supported", s
    return "missing", 1 - s if (supportable and not disagree) else max(1 - s, 0.5)


def suspected(learned: float, tl: float) -> bool:
    """A learned contradiction short of ``tl`` but at least ``SUSPECT``: not reported; needs review."""
    return SUSPECT <= learned < tl


def _sigmoid(v: float) -> float:
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class Head:
    """One calibrated binary logistic model."""

    coef: tuple[float, ...]
    intercept: float
    platt_a: float = 1.0
    platt_b: float = 0.0

    def score(self, z: Sequence[float]) -> float:
        """The uncalibrated logit."""
        return sum(c * v for c, v in zip(self.coef, z, strict=True)) + self.intercept

    def proba(self, z: Sequence[float]) -> float:
        return _sigmoid(self.platt_a * self.score(z) + self.platt_b)

    def to_json(self) -> dict[str, Any]:
        return {"coef": _r(self.coef), "intercept": round(self.intercept, 6), "platt_a": round(self.platt_a, 6),
                "platt_b": round(self.platt_b, 6)}

    @classmethod
    def from_json(cls, data: dict[str, Any], n: int) -> Head:
        coef = tuple(float(v) for v in data["coef"])
        if len(coef) != n:
            raise ValueError(f"expected {n} coefficients, found {len(coef)}")
        return cls(coef, float(data["intercept"]), float(data.get("platt_a", 1.0)), float(data.get("platt_b", 0.0)))


@dataclass(frozen=True, slots=True)
class Combiner:
    """Fitted parameters of one judge profile, over the named feature columns it was fitted on."""

    name: str
    feature_names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    support: Head
    contradict: Head
    threshold_supported: float = 0.5
    threshold_contradicted: float = 0.5
    threshold_learned: float = NEVER
    """Calibrated P(contradicted) from which an on-topic window contradicts without a structural rule."""
    substance: Head | None = None
    """The learned-contradiction head, fitted on pairs with an on-topic window only (None: no learned verdicts)."""
    review_below: float = REVIEW_BELOW
    learned_gate: str = "named"
    """Which windows the substance head may contradict from (``LEARNED_GATES``)."""
    meta: dict[str, Any] | None = None
    classes: tuple[str, ...] = CLASSES

    def standardise(self, x: Sequence[float]) -> list[float]:
        return [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]

    def heads(self, x: Sequence[float]) -> tuple[float, float]:
        """(P(stated as the claim says), P(stated opposite)), each calibrated; ``x`` in ``feature_names`` order."""
        z = self.standardise(x)
        return self.support.proba(z), self.contradict.proba(z)

    def decide(self, x: Sequence[float], *, disagree: bool, supportable: bool,
               on_topic: bool = False) -> tuple[str, float, list[float]]:
        """(verdict, its probability, the probabilities of supported, missing, contradicted)."""
        s, c = self.heads(x)
        probs = [(1 - c) * s, (1 - c) * (1 - s), c]
        learned = self.learned(x) if on_topic else 0.0
        verdict, confidence = decide_verdict(s, c, self.threshold_supported, self.threshold_contradicted,
                                             disagree, supportable, learned, self.threshold_learned)
        if verdict == "contradicted" and not (disagree and c >= self.threshold_contradicted):
            probs = [(1 - learned) * s, (1 - learned) * (1 - s), learned]
        return verdict, confidence, probs

    def may_learn(self, found: Any) -> bool:
        """Whether the substance head may contradict from this window (a ``contradiction.Disagreement``)."""
        if self.learned_gate == "open":
            return found.topic > 0
        return bool(found.named)

    def learned(self, x: Sequence[float]) -> float:
        """Calibrated P(contradicted) from the substance head for a pair whose window is on-topic (0 without one)."""
        return self.substance.proba(self.standardise(x)) if self.substance is not None else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "name": self.name, "feature_names": list(self.feature_names),
            "mean": _r(self.mean), "scale": _r(self.scale), "support": self.support.to_json(),
            "contradict": self.contradict.to_json(), "threshold_supported": round(self.threshold_supported, 6),
            "threshold_contradicted": round(self.threshold_contradicted, 6),
            "threshold_learned": round(self.threshold_learned, 6),
            **({"substance": self.substance.to_json()} if self.substance is not None else {}),
            "review_below": round(self.review_below, 6), "learned_gate": self.learned_gate, **(self.meta or {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, origin: str) -> Combiner:
        from harness.score.engines.judge.protocol import signals_for

        if data.get("format") not in READABLE_FORMATS:
            raise ConfigError(f"{origin}: not a judge profile (expected format {FORMAT!r}, found "
                              f"{data.get('format')!r})")
        names = tuple(str(n) for n in data.get("feature_names", ()))
        signals_for(names, origin=origin)  # one sentence naming a missing signal or column
        try:
            n = len(names)
            mean = tuple(float(v) for v in data["mean"])
            scale = tuple(float(v) for v in data["scale"])
            if len(mean) != n or len(scale) != n:
                raise ValueError("mean/scale length does not match the features")
            return cls(
                name=str(data.get("name", "")), feature_names=names, mean=mean, scale=scale,
                support=Head.from_json(data["support"], n), contradict=Head.from_json(data["contradict"], n),
                threshold_supported=float(data.get("threshold_supported", 0.5)),
                threshold_contradicted=float(data.get("threshold_contradicted", 0.5)),
                threshold_learned=float(data.get("threshold_learned", NEVER)),
                substance=Head.from_json(data["substance"], n) if "substance" in data else None,
                review_below=float(data.get("review_below", REVIEW_BELOW)),
                learned_gate=_gate(data.get("learned_gate", "named")),
                meta={k: data[k] for k in ("signals", "trained_on", "cv", "fitted_with") if k in data},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: malformed judge profile ({exc})") from exc


def _gate(value: object) -> str:
    if value not in LEARNED_GATES:
        raise ValueError(f"learned_gate must be one of {', '.join(LEARNED_GATES)}; found {value!r}")
    return str(value)


def _r(values: Sequence[float]) -> list[float]:
    return [round(float(v), 6) for v in values]


def read_combiner(path: Path) -> Combiner:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read judge profile ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a judge profile must be a JSON object")
    return Combiner.from_json(data, origin=str(path))


def write_combiner(combiner: Combiner, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(combiner.to_json(), indent=1) + "\n", encoding="utf-8")
