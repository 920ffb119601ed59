"""The default offline judge: features (``harness.score.engines.judge.features``) scored by a fitted combiner.

For each claim: find the evidence window, compute the features, turn them into calibrated class
probabilities, decide, then apply two rules no model should overrule:

- a claim whose gold ``key_terms`` are not all mentioned (under any spelling the lexicon knows)
  cannot be supported or stated;
- the audit date decides whether the claim counts (``apply_validity``).

The reason is written from what the features saw: "answer says 36 months, claim says 12 months",
"answer negates: 'is not an option'", "not mentioned: pericarditis".
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.core.text import clean_inline
from harness.score.engines.judge import apply_validity, lexicon
from harness.score.engines.judge.features import Details, PreparedAnswer, featurize, prepare_answer, prepare_claim
from harness.score.engines.judge.model import Combiner

_SNIPPET = 140
_CACHE_SIZE = 4096


STATED_MIN_CONFIDENCE = 0.5
"""Harmful and outdated claims are 'stated' only when P(stated) reaches this bar (stricter than the
support threshold): on the demo sets it removes every false alarm on careful answers (5 -> 0)
while 76 of 80 outdated statements stay caught."""


class CombinerJudge:
    """Judge claims with one fitted combiner (a judge profile)."""

    def __init__(self, combiner: Combiner) -> None:
        self.combiner = combiner
        self.name = combiner.name
        # claim_recall and claim_problems judge the same (answer, claim) pairs: compute once
        self._cache: OrderedDict[tuple[str, str, tuple[str, ...]], tuple[str, float, Details, list[float]]] = \
            OrderedDict()

    def judge(self, text: str, claims: Sequence[Claim], *, as_of: dt.date) -> list[ClaimVerdict]:
        answer = prepare_answer(text)
        return [self._verdict(answer, claim, as_of) for claim in claims]

    def classify(self, answer_text: str, claim_text: str, key_terms: Sequence[str] = ()
                 ) -> tuple[str, float, Details, list[float]]:
        """(supported | missing | contradicted, confidence, details, class probabilities)."""
        key = (answer_text, claim_text, tuple(key_terms))
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        answer = prepare_answer(answer_text)
        x, details = featurize(answer, prepare_claim(claim_text))
        label, confidence, probs = self.combiner.decide(x)
        absent_terms = tuple(t for t in key_terms if not term_present(t, answer))
        if absent_terms and label == "supported":
            label = "missing"
            confidence = 1.0 - confidence
        if absent_terms:
            details = _with_absent_terms(details, absent_terms)
        result = (label, confidence, details, probs)
        self._cache[key] = result
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _verdict(self, answer: PreparedAnswer, claim: Claim, as_of: dt.date) -> ClaimVerdict:
        label, confidence, details, probs = self.classify(answer.text, claim.text, claim.key_terms)
        applies, note = apply_validity(claim, as_of)
        positive = claim.kind in ("essential", "supporting")
        if positive:
            verdict = label
        else:
            # harm is flagged only when the answer says it without disagreeing (no opposite number,
            # negation or word in the evidence): a false alarm on a careful answer costs trust
            disagrees = _disagrees(details, threshold=0.0)
            verdict = "stated" if label == "supported" and not disagrees else "absent"
            if verdict == "stated" and confidence < STATED_MIN_CONFIDENCE:
                verdict = "absent"  # a harmful claim needs a confident match, not half its words
            if verdict == "stated" and not _names_core_drugs(claim.text, details):
                # "tisagenlecleucel is a second-line option" is not stated by "CAR T is a standard
                # second-line option" just because tisagenlecleucel is named elsewhere in the answer
                verdict = "absent"
            if label == "contradicted":
                confidence = 1.0 - probs[0]  # P(not stated as the harmful claim says)
        evidence: tuple[Span, ...] = ()
        if details.window is not None and verdict in ("supported", "contradicted", "stated"):
            evidence = tuple(Span(s, e, answer.text[s:e]) for s, e in details.window.spans)
        reason = explain(verdict, details, answer.text)
        if note:
            reason = f"{reason}; {note}"
        return ClaimVerdict(claim_id=claim.id, claim_kind=claim.kind, severity=claim.severity, verdict=verdict,
                            confidence=round(confidence, 3), evidence=evidence, reason=reason, applies=applies)


def _names_core_drugs(claim_text: str, details: Details) -> bool:
    """Whether the evidence window itself names every drug the claim is about."""
    core = prepare_claim(claim_text).core_drugs
    if not core:
        return True
    return details.window is not None and all(k in details.window.keys for k in core)


def term_present(term: str, answer: PreparedAnswer) -> bool:
    """Whether every content word of a key term occurs in the answer (canonical spellings)."""
    keys = lexicon.content_keys(term)
    return bool(keys) and all(k in answer.keys for k in keys)


def _with_absent_terms(details: Details, terms: tuple[str, ...]) -> Details:
    from dataclasses import replace

    return replace(details, values={**details.values, "_absent_key_terms": 1.0},
                   missing_terms=tuple(dict.fromkeys((*terms, *details.missing_terms))))


def _snippet(text: str, details: Details) -> str:
    if details.window is None:
        return ""
    s = clean_inline(" ".join(text[a:b] for a, b in details.window.spans))
    s = " ".join(s.split())
    return s if len(s) <= _SNIPPET else s[: _SNIPPET - 1].rstrip() + "…"


def explain(verdict: str, details: Details, text: str) -> str:
    """The reason in words, from what the features saw."""
    cov = details.coverage
    missing = ", ".join(details.missing_terms[:4])
    key_absent = "_absent_key_terms" in details.values
    snippet = _snippet(text, details)
    if verdict in ("contradicted",) or (verdict == "absent" and _disagrees(details)):
        parts = []
        if details.number_conflict:
            said, claimed = details.number_conflict
            parts.append(f"answer says {said}, claim says {claimed}")
        if details.negation:
            side, phrase = details.negation
            parts.append(f"answer negates: '{phrase}'" if side == "answer"
                         else f"claim is negative ('{phrase}') but the answer states it positively")
        if details.antonym:
            claimed, said = details.antonym
            parts.append(f"answer says '{said}' where the claim says '{claimed}'")
        if details.hedge and not parts:
            side, cue = details.hedge
            parts.append(f"answer hedges ('{cue}') where the claim is firm" if side == "answer"
                         else f"claim hedges ('{cue}') where the answer is firm")
        head = "; ".join(parts) or "answer's closest statement disagrees"
        prefix = "" if verdict == "contradicted" else "answer rejects it: "
        return f"{prefix}{head}: '{snippet}'" if snippet else prefix + head
    if verdict in ("supported", "stated"):
        out = f"answer {'states' if verdict == 'stated' else 'supports'} it ({cov:.0%} of the claim's content): " \
              f"'{snippet}'"
        return out + (f"; not mentioned: {missing}" if missing else "")
    # missing / absent
    if key_absent:
        return f"key term not mentioned ({missing}), so it cannot be {'supported' if verdict == 'missing' else 'stated'}"
    if details.window is None or cov == 0:
        return "answer says nothing about it"
    return f"no sentence states it (closest covers {cov:.0%}: '{snippet}')" + \
        (f"; not mentioned: {missing}" if missing else "")


def _disagrees(details: Details, threshold: float = 0.5) -> bool:
    return bool(details.number_conflict or details.negation or details.antonym) and details.coverage >= threshold
