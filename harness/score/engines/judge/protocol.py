"""Judge signals as a protocol: each signal computes named feature columns for one answer in one batch.

A *signal* turns (one answer, all of its claims) into a matrix with one row per claim and one
named column per feature. The combiner (``model.Combiner``) stores the column names it was fitted
on and selects them by name, so adding a signal never invalidates a saved profile, and a profile
that needs a signal this installation cannot run fails with one sentence naming it.

Signals, in the order they run (later ones read what earlier ones found):

- ``lexical`` (``features.featurize``): the evidence window and its coverage, TF-IDF cosine,
  rapidfuzz token-set ratio, rare and drug words absent, numbers, negation, hedges, opposites;
- ``embedding`` (``embedding``): WordLlama cosines of the claim with every window and with the whole
  answer, one matrix product per answer;
- ``structure`` (``structure``): the conflict (negation scope, thresholds, quantities, opposites)
  between the claim and the answer sentences that cover it, with the pair of spans.

``compute(text, claims, columns)`` returns the matrix for the columns asked for, the lexical details
(evidence windows) and the conflicts: everything a verdict and its reason need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from harness.errors import ConfigError
from harness.score.engines.judge import embedding, structure
from harness.score.engines.judge.features import (
    FEATURE_NAMES,
    Details,
    PreparedAnswer,
    PreparedClaim,
    featurize,
    prepare_answer,
    prepare_claim,
)


@dataclass(slots=True)
class AnswerBatch:
    """One answer and all the claims judged against it, with what the signals found so far."""

    answer: PreparedAnswer
    claims: list[PreparedClaim]
    details: list[Details] = field(default_factory=list)
    conflicts: list[structure.Conflict | None] = field(default_factory=list)


class Signal(Protocol):
    """Named feature columns for every claim of one answer, computed in one batch."""

    name: str
    columns: tuple[str, ...]
    optional: bool

    def unavailable(self) -> str | None:
        """None when the signal can run here, else one sentence saying why not."""

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        """(len(batch.claims), len(columns)) float matrix."""


class LexicalSignal:
    name = "lexical"
    columns = FEATURE_NAMES
    optional = False

    def unavailable(self) -> str | None:
        return None

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        rows = []
        batch.details = []
        for claim in batch.claims:
            x, details = featurize(batch.answer, claim)
            rows.append(x)
            batch.details.append(details)
        return np.asarray(rows, dtype=np.float64).reshape(len(batch.claims), len(self.columns))


class EmbeddingSignal:
    name = "embedding"
    columns = embedding.COLUMNS
    optional = True

    def unavailable(self) -> str | None:
        return embedding.available()

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        answer = batch.answer
        n = len(answer.units)
        out = np.zeros((len(batch.claims), len(self.columns)))
        if not n or not batch.claims:
            return out
        # windows: every sentence, every adjacent pair, every list item with its lead-in
        windows: list[tuple[int, int]] = [(i, i) for i in range(n)] + [(i, i + 1) for i in range(n - 1)]
        windows += [(lead, i) for i, lead in enumerate(answer.leads) if lead is not None and lead != i - 1]
        texts = [answer.units[a][2] if a == b else f"{answer.units[a][2]} {answer.units[b][2]}" for a, b in windows]
        sims = embedding.similarity(texts, answer.text, [c.text for c in batch.claims])
        span_index = {((answer.units[a][0], answer.units[a][1]),) if a == b else
                      ((answer.units[a][0], answer.units[a][1]), (answer.units[b][0], answer.units[b][1])): j
                      for j, (a, b) in enumerate(windows)}
        out[:, 0] = sims[:, :-1].max(axis=1)
        out[:, 2] = sims[:, -1]
        for row, details in enumerate(batch.details or [None] * len(batch.claims)):
            j = span_index.get(details.window.spans) if details is not None and details.window is not None else None
            out[row, 1] = sims[row, j] if j is not None else out[row, 0]
        return out


class StructureSignal:
    name = "structure"
    columns = ("conf_polarity", "conf_threshold", "conf_quantity", "conf_opposite", "conf_any")
    optional = False

    def unavailable(self) -> str | None:
        return None

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        out = np.zeros((len(batch.claims), len(self.columns)))
        batch.conflicts = []
        answer = batch.answer
        for row, claim in enumerate(batch.claims):
            found = None
            for cov, i in _candidates(answer, claim, batch.details[row] if batch.details else None):
                start, _end, text = answer.units[i]
                conflict = structure.find_conflict(answer.text[start:_end], start, claim.text, topic=answer.topic,
                                                   claim_q=claim.quantities)
                if conflict is not None:
                    found = conflict
                    out[row, self.columns.index(f"conf_{conflict.kind}")] = cov
                    out[row, -1] = cov
                    break
            batch.conflicts.append(found)
        return out


def _candidates(answer: PreparedAnswer, claim: PreparedClaim, details: Details | None) -> list[tuple[float, int]]:
    """Answer sentences that cover the claim well enough to disagree with it, best covered first:
    the evidence window's sentences and any sentence covering at least 40% of the claim's content."""
    total = sum(claim.keys.values())
    if not total:
        return []
    cov: dict[int, float] = {}
    for k, w in claim.keys.items():
        for i in answer.postings.get(k, ()):
            cov[i] = cov.get(i, 0.0) + w / total
    in_window = set()
    if details is not None and details.window is not None:
        in_window = {i for i, u in enumerate(answer.units) if (u[0], u[1]) in details.window.spans}
    picked = [(c, i) for i, c in cov.items() if c >= 0.4 or (i in in_window and c >= 0.25)]
    return sorted(picked, key=lambda t: (-t[0], t[1]))[:4]


SIGNALS: dict[str, Signal] = {s.name: s for s in (LexicalSignal(), EmbeddingSignal(), StructureSignal())}
ORDER: tuple[str, ...] = ("lexical", "embedding", "structure")
ALL_COLUMNS: tuple[str, ...] = tuple(c for name in ORDER for c in SIGNALS[name].columns)
OWNER: dict[str, str] = {c: name for name in ORDER for c in SIGNALS[name].columns}


def signals_for(columns: Sequence[str], *, origin: str = "judge profile") -> tuple[str, ...]:
    """The signals that compute ``columns`` (lexical and structure always run: evidence and reasons).

    Raises ConfigError naming the column or the signal that this installation lacks.
    """
    unknown = [c for c in columns if c not in OWNER]
    if unknown:
        raise ConfigError(f"{origin} needs feature columns no signal computes ({', '.join(unknown)}); "
                          f"re-fit it with `answer-audit calibrate`")
    needed = {OWNER[c] for c in columns} | {"lexical", "structure"}
    for name in ORDER:
        if name in needed:
            why = SIGNALS[name].unavailable()
            if why is not None:
                raise ConfigError(f"{origin} needs the '{name}' signal, which cannot run here: {why}")
    return tuple(n for n in ORDER if n in needed)


def compute(text: str, claims: Sequence[str], columns: Sequence[str] = ALL_COLUMNS,
            signals: Sequence[str] | None = None) -> tuple[np.ndarray, AnswerBatch]:
    """The (claims x columns) matrix for one answer, and the batch (evidence details, conflicts)."""
    batch = AnswerBatch(prepare_answer(text), [prepare_claim(c) for c in claims])
    names = signals if signals is not None else signals_for(columns)
    blocks: dict[str, np.ndarray] = {}
    for name in names:
        blocks[name] = SIGNALS[name].compute(batch)
    out = np.zeros((len(claims), len(columns)))
    for j, col in enumerate(columns):
        sig = OWNER[col]
        out[:, j] = blocks[sig][:, SIGNALS[sig].columns.index(col)]
    return out, batch
