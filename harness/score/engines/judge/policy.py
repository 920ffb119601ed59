"""The verdict policy: rules no model may overrule, applied in one place to every judge backend.

A backend (the offline combiner, the LLM judge, a plug-in) decides a three-way *label* for each
claim: the answer states it (``supported``), does not (``missing``), or states the opposite
(``contradicted``). ``finalize`` turns that label into the claim's verdict:

1. **Key terms**: a claim whose gold ``key_terms`` are not all mentioned (under any spelling the
   lexicon knows) cannot be supported or stated.
2. **A contradiction needs a stated reason**: "contradicted" stands only with evidence in the answer
   and a reason a reviewer can check (for the offline judge a pair of conflicting spans; for the LLM
   judge a quoted passage found in the answer); otherwise the claim is "missing" and needs review.
3. **Harmful and outdated claims** are ``stated`` or ``absent``: stated only when the answer states
   them (label supported) with at least ``STATED_MIN_CONFIDENCE`` and, for a claim naming a drug, with
   the drug and the claim's weightiest words in the evidence itself; a contradiction of a harmful claim is the answer rejecting it.
   A passage that names another label number than the claim for the same noun ("stage 4 means ..." for a
   claim "stage 3 means ...") is about something else: it cannot support or state the claim.
4. **Validity dates** (``apply_validity``): whether the claim counts on the audit date.
5. **Say when unsure**: a verdict whose confidence is under the backend's calibrated
   ``review_below`` carries ``needs_review`` (so does every demoted contradiction, and a learned
   contradiction whose calibrated probability is at least even but under the profile's
   ``threshold_learned``: ``suspect``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.score.engines.judge import apply_validity, lexicon, signals

STATED_MIN_CONFIDENCE = 0.5
"""Harmful and outdated claims are 'stated' only when P(stated) reaches this bar (stricter than the
support threshold): a false alarm on a careful answer costs reviewers' trust."""
LABELS = ("supported", "missing", "contradicted")
_STATES = re.compile(r"^answer states it \((\d+%) of the claim's content\)")


def absent_key_terms(claim: Claim, answer_keys: dict[str, float] | frozenset[str], text: str = "") -> tuple[str, ...]:
    """The claim's key terms the answer never mentions.

    A term is mentioned when all its canonical keys are among the answer's, or when the answer
    contains it word for word: a phrase table entry may fold a term into a larger token ("call 911"
    becomes one 'call emergency' key), and the term is then still plainly there.
    """
    out = []
    low = text.lower()
    for term in claim.key_terms:
        keys = lexicon.content_keys(term)
        if keys and all(k in answer_keys for k in keys):
            continue
        if low and re.search(r"(?<![\w-])" + re.escape(term.lower()) + r"(?![\w-])", low):
            continue
        out.append(term)
    return tuple(out)


def answer_keys(text: str) -> frozenset[str]:
    return frozenset(lexicon.content_keys(text))


def finalize(claim: Claim, label: str, confidence: float | None, *, as_of: dt.date, evidence: Sequence[Span] = (),
             reason: str = "", conflict: bool = False, names_core_drugs: bool = True, names_core_terms: bool = True,
             keys: dict[str, float] | frozenset[str] | None = None, text: str = "",
             review_below: float | None = None, suspect: bool = False, only_asked: bool = False) -> ClaimVerdict:
    """The claim's verdict from a backend's three-way ``label`` (see the module docstring).

    ``only_asked``: the passage that would support the claim only asks or quotes it (a question, advice to ask
    the team whether it holds, a quotation): it asserts nothing, so the claim is missing, for review."""
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}; got {label!r}")
    review = suspect  # a learned contradiction below its reporting level: missing, for a reviewer to check
    notes: list[str] = []
    if label == "contradicted" and not (conflict and evidence):
        label, review = "missing", True
        notes.append("a contradiction was suspected but no conflicting passage could be named; needs review")
    if label == "supported" and only_asked and claim.kind in ("essential", "supporting"):
        label, review = "missing", True
        confidence = None if confidence is None else 1.0 - confidence
        notes.append("not supported: the closest passage only asks or quotes it, it does not say it")
    other = signals.other_label(claim.text, " ".join(e.text for e in evidence)) if label == "supported" and evidence \
        else None
    if other is not None:  # "stage 4 means ..." is about another stage than "stage 3 means ..."
        label, review = "missing", True
        confidence = None if confidence is None else 1.0 - confidence
        notes.append(f"not supported: the closest passage is about {other}, not the claim's")
    absent = absent_key_terms(claim, keys if keys is not None else answer_keys(text), text) if claim.key_terms else ()
    if absent and label != "contradicted":
        if label == "supported":
            label = "missing"
            confidence = None if confidence is None else 1.0 - confidence
        notes.insert(0, f"key term not mentioned ({', '.join(absent)}), so it cannot be "
                        f"{'supported' if claim.kind in ('essential', 'supporting') else 'stated'}")
        reason = ""
    if claim.kind in ("essential", "supporting"):
        verdict = label
    else:
        verdict = "stated" if label == "supported" else "absent"
        why = ""
        if verdict == "stated" and confidence is not None and confidence < STATED_MIN_CONFIDENCE:
            why = "the match is not confident"  # a harmful claim needs a confident match, not half its words
        elif verdict == "stated" and not names_core_drugs:
            # "tisagenlecleucel is a second-line option" is not stated by "CAR T is a standard second-line
            # option" just because tisagenlecleucel is named elsewhere in the answer
            why = "the closest sentence does not name the claim's drug"
        elif verdict == "stated" and not names_core_terms:
            # "TP53 means the CLL is untreatable" is not stated by a sentence about TP53 without "untreatable",
            # nor an outdated "within 2 hours for 4 weeks" by "near the center for 2 weeks"
            why = "the closest sentence shares words but not the claim's point, polarity or figures, or only asks or quotes it"
        if why:
            verdict = "absent"
            reason = _STATES.sub(rf"not stated ({why}); the closest sentence covers \1 of the claim's content", reason, 1)
        if label == "contradicted" and reason:
            reason = "answer rejects it: " + reason
    if review_below is not None and confidence is not None and confidence < review_below:
        review = True
    applies, note = apply_validity(claim, as_of)
    kept = tuple(evidence) if verdict in ("supported", "contradicted", "stated") else ()
    text_reason = "; ".join(p for p in (reason, *notes, note) if p)
    return ClaimVerdict(claim_id=claim.id, claim_kind=claim.kind, severity=claim.severity,
                        verdict=verdict,  # type: ignore[arg-type]  # one of the five verdict words
                        confidence=None if confidence is None else round(confidence, 3), evidence=kept,
                        reason=text_reason, applies=applies, needs_review=review)
