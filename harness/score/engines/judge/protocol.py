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
- ``refutation`` (``refutation``): how research evidence refutes a claim (sameness against difference, no
  effect against an effect, certainty against a hedge, ...), for the substance head.

``compute(text, claims, columns)`` returns the matrix for the columns asked for, the lexical details
(evidence windows) and the conflicts: everything a verdict and its reason need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from harness.errors import ConfigError
from harness.score.engines.judge import contradiction, embedding, lexicon, structure
from harness.score.engines.judge.features import (
    FEATURE_NAMES,
    Details,
    PreparedAnswer,
    PreparedClaim,
    featurize,
    prepare_answer,
    prepare_claim,
)
from harness.score.engines.judge.model import COVERED_BEST, COVERED_FOCUS
from harness.score.engines.judge.refutation import RefutationSignal


@dataclass(slots=True)
class AnswerBatch:
    """One answer and all the claims judged against it, with what the signals found so far."""

    answer: PreparedAnswer
    claims: list[PreparedClaim]
    details: list[Details] = field(default_factory=list)
    conflicts: list[structure.Conflict | None] = field(default_factory=list)
    disagreements: list[contradiction.Disagreement | None] = field(default_factory=list)
    """Per claim: the window most about it and what disagrees (``contradiction``), for learned verdicts."""


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
    columns = (*FEATURE_NAMES, "covered")
    optional = False

    def unavailable(self) -> str | None:
        return None

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        rows = []
        batch.details = []
        for claim in batch.claims:
            x, details = featurize(batch.answer, claim)
            rows.append([*x, float(details.values.get("cov_best", 0.0) >= COVERED_BEST
                                   and details.values.get("cov_focus", 0.0) >= COVERED_FOCUS)])
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
        # long sentences also by clause: a clinician's one-sentence paragraph holds several claims
        clauses = [c for _, _, text in answer.units if len(text) > 160 for c in _split_clauses(text)]
        sims = embedding.similarity([u[2] for u in answer.units], [(a,) if a == b else (a, b) for a, b in windows],
                                    clauses, [c.text for c in batch.claims])
        span_index: dict[tuple[tuple[int, int], ...], int] = {((answer.units[a][0], answer.units[a][1]),) if a == b else
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
        by_sentence = Clauses(answer)
        for row, claim in enumerate(batch.claims):
            found = None
            for cov, start, end in _clauses(answer, claim, by_sentence):
                conflict = structure.find_conflict(answer.text[start:end], start, claim.text, topic=answer.topic,
                                                   claim_q=claim.quantities)
                if conflict is not None and cov < {"threshold": 0.65, "quantity": 0.4}.get(conflict.kind, 0.0):
                    conflict = None  # a bound or a number about something else the clause says
                if conflict is not None:
                    found = conflict
                    out[row, self.columns.index(f"conf_{conflict.kind}")] = cov
                    out[row, -1] = cov
                    break
            if found is None:  # a denial across the clauses of one sentence
                cut = [i for i in {i for k in claim.keys for i in answer.postings.get(k, ())} if len(by_sentence[i]) > 1]
                hit = structure.sentence_polarity(answer.text, answer.units, [u.keys for u in answer.singles], sorted(cut),
                                                  claim.text, claim.keys, answer.topic) if cut else None
                if hit is not None:
                    found = hit[1]
                    out[row, self.columns.index("conf_polarity")] = out[row, -1] = hit[0]
            if found is None:
                found = _line_conflict(answer, claim, by_sentence)
                if found is not None:
                    out[row, self.columns.index("conf_opposite")] = out[row, -1] = 0.5
            if found is None:
                found = contradiction.direction_conflict(answer, claim)
                if found is not None:
                    out[row, self.columns.index("conf_opposite")] = out[row, -1] = contradiction.DIRECTION_TOPIC
            batch.conflicts.append(found)
        return out


class ContradictionSignal:
    name = "contradiction"
    columns = contradiction.COLUMNS
    optional = False

    def unavailable(self) -> str | None:
        return None

    def compute(self, batch: AnswerBatch) -> np.ndarray:
        out = np.zeros((len(batch.claims), len(self.columns)))
        batch.disagreements = []
        for row, claim in enumerate(batch.claims):
            out[row], found = contradiction.measure(batch.answer, claim)
            batch.disagreements.append(found)
        return out


_CLAUSE = re.compile(r";|\s[-–—]\s|,?\s(?:whereas|albeit|although|though|while|but)\s|,\s(?:and|with)\s",
                     re.IGNORECASE)


def _line_conflict(answer: PreparedAnswer, claim: PreparedClaim, by_sentence: Clauses) -> structure.Conflict | None:
    """A line of therapy stated for the claim's treatment anywhere in the answer, other than the claim's
    (``structure.line_conflict``)."""
    return structure.line_conflict(answer.text, [c for i in range(len(by_sentence)) for c in by_sentence[i]],
                                   claim.text, claim.keys)


def _split_clauses(text: str) -> list[str]:
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(text)), len(text)]
    return [text[a:b].strip(" ;,") for a, b in zip(cuts, cuts[1:], strict=False) if len(text[a:b].strip()) > 20] \
        if len(cuts) > 2 else []


class Clauses:
    """Every answer sentence cut into clauses at ";", dashes and contrastive conjunctions ("whereas",
    "albeit", "but"), each as (start, end, content keys): cut when a claim first needs the sentence and
    kept for the answer's other claims. A sentence with no cut is one clause whose keys are the
    sentence's own (already tokenized by ``prepare_answer``) when its text is the sentence's text."""

    __slots__ = ("_answer", "_cut")

    def __init__(self, answer: PreparedAnswer) -> None:
        self._answer = answer
        self._cut: dict[int, tuple[tuple[int, int, dict[str, float]], ...]] = {}

    def __len__(self) -> int:
        return len(self._answer.units)

    def __getitem__(self, i: int) -> tuple[tuple[int, int, dict[str, float]], ...]:
        found = self._cut.get(i)
        if found is None:
            answer = self._answer
            start, end, text = answer.units[i]
            raw = answer.text[start:end]
            cuts = [0, *(m.start() for m in _CLAUSE.finditer(raw)), len(raw)]
            if len(cuts) == 2 and raw == text:
                found = ((start, end, answer.singles[i].keys),)
            else:
                found = tuple((start + a, start + b, lexicon.content_keys(raw[a:b]))
                              for a, b in zip(cuts, cuts[1:], strict=False))
            self._cut[i] = found
        return found


def _clauses(answer: PreparedAnswer, claim: PreparedClaim, by_sentence: Clauses) -> list[tuple[float, int, int]]:
    """The answer clauses that are *about* the claim, best covered first: (coverage, start, end).

    Sentences are cut into clauses at ";", dashes and contrastive conjunctions ("whereas", "albeit",
    "but"), so one clause's "rarely" does not oppose another clause's "common". A clause counts when it
    covers at least 40% of the claim's weighted content and nearly as much as the best one (a clause
    about something else that shares a word cannot deny the claim).
    """
    total = sum(claim.keys.values())
    if not total:
        return []
    sentences: set[int] = set()
    for k in claim.keys:
        sentences.update(answer.postings.get(k, ()))
    found = []
    weights = tuple(claim.keys.items())
    for i in sentences:
        for j, (start, end, keys) in enumerate(by_sentence[i]):
            cov = sum([w for k, w in weights if k in keys]) / total  # the claim's order: the same float sum
            if cov >= 0.4:
                found.append((cov, start, end))
            elif j == 0 and i > 0 and _ANAPHOR.match(answer.units[i][2]):
                # "Stage 4 is the last stage. It means ... cannot be cured": a sentence that opens with a
                # pronoun is about what the sentence before it names, so that sentence joins its first clause
                prev = answer.units[i - 1]
                cov = sum(w for k, w in claim.keys.items() if k in keys or k in answer.singles[i - 1].keys) / total
                if cov >= 0.4:
                    found.append((cov, prev[0], end))
    if not found:
        return []
    top = max(c for c, _, _ in found)
    return sorted((t for t in found if t[0] >= 0.85 * top), key=lambda t: (-t[0], t[1]))[:2]


_ANAPHOR = re.compile(r"(?:it|this|that|they|these|those)\b", re.IGNORECASE)
"""A sentence opening that refers back to what the sentence before it names."""


_BUILT_IN: tuple[Signal, ...] = (LexicalSignal(), EmbeddingSignal(), StructureSignal(),
                                  ContradictionSignal(), RefutationSignal())  # type: ignore[assignment]
SIGNALS: dict[str, Signal] = {s.name: s for s in _BUILT_IN}
ORDER: tuple[str, ...] = ("lexical", "embedding", "structure", "contradiction", "refutation")
ALL_COLUMNS: tuple[str, ...] = tuple(c for name in ORDER for c in SIGNALS[name].columns)
OWNER: dict[str, str] = {c: name for name in ORDER for c in SIGNALS[name].columns}


def signals_for(columns: Sequence[str], *, origin: str = "judge profile") -> tuple[str, ...]:
    """The signals that compute ``columns`` (lexical, structure and contradiction always run: evidence and
    reasons).

    Raises ConfigError naming the column or the signal that this installation lacks.
    """
    unknown = [c for c in columns if c not in OWNER]
    if unknown:
        raise ConfigError(f"{origin} needs feature columns no signal computes ({', '.join(unknown)}); "
                          f"re-fit it with `answer-audit calibrate`")
    needed = {OWNER[c] for c in columns} | {"lexical", "structure", "contradiction"}
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
