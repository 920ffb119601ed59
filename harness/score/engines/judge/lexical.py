"""The default offline judge: named feature columns (``protocol``) scored by a fitted combiner.

For each answer: compute the profile's feature columns for all its claims in one batch, turn each
row into calibrated class probabilities, decide, then let the verdict policy
(``harness.score.engines.judge.policy``: key terms, harmful/outdated mapping, "a contradiction needs
a stated reason", validity dates, needs_review) write the verdict.

The reason is written from what the signals saw: "opposite terms: answer says 'used only after two
or more lines', claim says 'second-line option'", "answer says 36 months, claim says 12 months",
"not mentioned: pericarditis".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.core.text import clean_inline, restore_lost_breaks
from harness.score.engines.judge import lexicon, polarity, policy, protocol, structure
from harness.score.engines.judge.contradiction import Disagreement
from harness.score.engines.judge.features import Details, PreparedAnswer, prepare_claim
from harness.score.engines.judge.model import Combiner, suspected
from harness.score.engines.judge.structure import Conflict

_SNIPPET = 140


STATED_MIN_CONFIDENCE = policy.STATED_MIN_CONFIDENCE


class CombinerJudge:
    """Judge claims with one fitted combiner (a judge profile)."""

    def __init__(self, combiner: Combiner) -> None:
        self.combiner = combiner
        self.name = combiner.name
        self.signals = protocol.signals_for(combiner.feature_names, origin=f"judge profile {combiner.name!r}")

    def judge(self, text: str, claims: Sequence[Claim], *, as_of: dt.date) -> list[ClaimVerdict]:
        text = restore_lost_breaks(text)  # same length: every span still points into the caller's text
        # a harmful claim made of parts ("X finds relapse a fixed 6-7 months early, so scans can be
        # skipped") is stated when the answer states one of its parts: each part is judged too
        parts = {c.id: harmful_parts(c.text) for c in claims if c.kind in ("harmful", "outdated")}
        texts = [c.text for c in claims] + [p for ps in parts.values() for p in ps]
        outcomes = self.outcomes(text, texts)
        keys = protocol.prepare_answer(text).keys
        verdicts = []
        extra = len(claims)
        for claim, o in zip(claims, outcomes, strict=False):
            verdict = self._verdict(text, keys, claim, o, as_of)
            for part in parts.get(claim.id, ()):
                sub = self._verdict(text, keys, claim.model_copy(update={"text": part}), outcomes[extra], as_of)
                extra += 1
                if verdict.verdict == "absent" and sub.verdict == "stated" and o[0] != "contradicted":
                    verdict = replace(sub, reason=f"answer states part of it ('{part}'): {sub.reason}")
            verdicts.append(verdict)
        return verdicts

    def outcomes(self, text: str, claim_texts: Sequence[str]) -> list[Outcome]:
        """(label, confidence, details, probabilities, conflict) for every claim, one batch per answer (``text``
        with its lost line breaks already put back, as ``judge`` and ``classify`` pass it)."""
        x, batch = protocol.compute(text, claim_texts, self.combiner.feature_names, self.signals)
        out: list[Outcome] = []
        cm = self.combiner
        for claim_text, row, details, conflict, found in zip(claim_texts, x, batch.details, batch.conflicts,
                                                             batch.disagreements, strict=True):
            if conflict is not None and (_stated_elsewhere(text, claim_text, details, conflict)
                                         or asked_or_quoted(text, *conflict.answer_span)):
                conflict = None
            supportable = details.values.get("core_drug_missing", 0.0) == 0
            if found is not None and asked_or_quoted(text, *found.answer_span):
                found = None  # a repeated question or a quotation asserts nothing to disagree with
            topical = found is not None and cm.may_learn(found)
            label, confidence, probs = cm.decide(row.tolist(), disagree=conflict is not None,
                                                 supportable=supportable, on_topic=topical)
            named: Conflict | Disagreement | None = conflict
            if label == "contradicted" and conflict is None:
                named = found  # a learned contradiction: the window about the claim, and what disagrees
            elif label != "contradicted" and topical and found is not None and \
                    suspected(learned := cm.learned(row.tolist()), cm.threshold_learned):
                named = replace(found, suspect=learned)
            out.append((label, confidence, details, probs, named))
        return out

    def classify(self, answer_text: str, claim_text: str, key_terms: Sequence[str] = ()
                 ) -> tuple[str, float, Details, list[float]]:
        """(supported | missing | contradicted, confidence, details, class probabilities) for one pair."""
        answer_text = restore_lost_breaks(answer_text)
        label, confidence, details, probs, _ = self.outcomes(answer_text, [claim_text])[0]
        if key_terms:
            keys = protocol.prepare_answer(answer_text).keys
            if any(not term_present_keys(t, keys) for t in key_terms) and label == "supported":
                label, confidence = "missing", 1.0 - confidence
        return label, confidence, details, probs

    def _verdict(self, text: str, keys: dict[str, float], claim: Claim, outcome: Outcome,
                 as_of: dt.date) -> ClaimVerdict:
        label, confidence, details, probs, conflict = outcome
        positive = claim.kind in ("essential", "supporting")
        if not positive and label == "contradicted":
            confidence = 1.0 - probs[0]  # P(not stated as the harmful claim says)
        if conflict is not None and label == "contradicted":
            evidence: tuple[Span, ...] = (Span(conflict.answer_span[0], conflict.answer_span[1],
                                               text[conflict.answer_span[0]:conflict.answer_span[1]]),)
        elif details.window is not None:
            evidence = tuple(Span(s, e, text[s:e]) for s, e in details.window.spans)
        else:
            evidence = ()
        verdict_word = label if positive else {"supported": "stated", "contradicted": "absent"}.get(label, "absent")
        reason = explain(verdict_word if label != "contradicted" else "contradicted", details, text, conflict)
        if label == "missing" and conflict is not None and not isinstance(conflict, Disagreement):  # refute2 hook
            reason = f"{reason}; not called contradicted (the contradiction head is not confident): {conflict.describe()}"
        suspect = isinstance(conflict, Disagreement) and conflict.suspect is not None and label != "contradicted"
        if suspect and isinstance(conflict, Disagreement):
            reason = f"{reason}; a contradiction is suspected (P {conflict.suspect:.2f}, below the level " \
                     f"at which it is reported): {conflict.describe()}"
        return policy.finalize(claim, label, confidence, as_of=as_of, evidence=evidence, reason=reason,
                               conflict=conflict is not None, suspect=suspect, names_core_drugs=_names_core_drugs(claim.text, details),
                               names_core_terms=positive or details.values.get("top3_missing", 0.0) <= 0.34
                               and details.coverage >= 0.5
                               and _same_polarity(text, claim.text, details)
                               and _says_the_point(text, claim.text, details)
                               and not _hedged_against(claim.text, details)
                               and _keeps_exclusivity(text, claim.text, details)
                               and not _figures_disagree(text, claim.text, details)
                               and not (details.window is not None
                                        and asked_or_quoted(text, details.window.spans[0][0], details.window.spans[-1][1])),
                               keys=keys, text=text, review_below=self.combiner.review_below,
                               only_asked=positive and label == "supported" and only_asks(text, claim.text, details))


STATED_ELSEWHERE_COVERAGE = 0.7
"""A window covering this share of a claim's content, with its polarity and figures, outweighs a
structural conflict named in another sentence."""

Outcome = tuple[str, float, Details, list[float], "Conflict | Disagreement | None"]


_STRONG_HEDGES = frozenset({"may", "might", "could", "possibly", "perhaps", "sometimes", "occasionally", "rarely",
                            "seldom", "in some cases", "not always", "uncommon", "uncommonly"})
"""Hedges that keep an answer from stating a firm harmful claim ("can" is ability, not doubt)."""
_CERTAIN = re.compile(r"\b(?:definitive\w*|always|certain\w*|guarantee\w*|never|everyone|all cases)\b", re.I)


def _hedged_against(claim_text: str, details: Details) -> bool:
    """The answer hedges where the claim is firm: any hedge ("can be an early sign") against a claim of
    certainty ("definitively means"), a strong hedge ("may", "sometimes") against any firm claim."""
    if not (details.hedge and details.hedge[0] == "answer"):
        return False
    return details.hedge[1] in _STRONG_HEDGES or _CERTAIN.search(claim_text) is not None


def _window_text(text: str, details: Details) -> str:
    """The evidence window's sentences, joined by a space ("" when there is no window)."""
    return " ".join(text[s:e] for s, e in details.window.spans) if details.window else ""


_EXCLUSIVE = re.compile(r"\b(?:only|exclusively|reserved|except|solely|nothing but)\b", re.I)


def _keeps_exclusivity(text: str, claim_text: str, details: Details) -> bool:
    """A claim whose harm is its exclusivity ("CAR T is used *only* after two lines") is stated only by
    evidence that is exclusive too (not by "after two or more treatments, CAR T is an option")."""
    if _EXCLUSIVE.search(claim_text) is None:
        return True
    return _EXCLUSIVE.search(_window_text(text, details)) is not None


_PARTS = re.compile(r",\s+so\s+|;\s+|,\s+(?:which|and so|and therefore|therefore)\s+")


def harmful_parts(text: str) -> tuple[str, ...]:
    """The parts of a compound claim that are statements of their own (five content words or more)."""
    pieces = [p.strip(" .") for p in _PARTS.split(text)]
    if len(pieces) < 2:
        return ()
    return tuple(p for p in pieces if len(lexicon.content_keys(p)) >= 5)


_QUOTES = "\"“”«»"
_ASK_ABOUT = re.compile(r"\b(?:ask|asking|check with|find out from)\b[^.;:!?]{0,60}?\b(?:whether|if|what|when|how|which|about)\b",
                        re.I)
"""Advice to ask someone whether something holds ("ask the team whether the test is done on marrow"): an
embedded question, which leaves the thing asked open."""


def only_asks(text: str, claim_text: str, details: Details) -> bool:
    """Whether every sentence of the claim's best window only asks or quotes what it shares with the claim (a
    question, advice to ask whether it holds, a quotation), so it asserts none of it. A claim that is itself
    advice to ask ("ask whether a trial fits you") is said by such a sentence."""
    if details.window is None or _ASK_ABOUT.search(claim_text) or re.search(r"\bask\b", claim_text, re.I):
        return False
    return all(asked_or_quoted(text, s, e) or _only_asking(text[s:e]) for s, e in details.window.spans)


def _only_asking(sentence: str) -> bool:
    """A sentence that opens with advice to ask and says nothing beside it (no second clause after ';')."""
    said = sentence.strip(" -*•\t")
    return _ASK_ABOUT.match(said) is not None and ";" not in said


def asked_or_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits in a question or inside quotation marks: an answer that repeats the
    patient's question ('I can't answer "Is a transplant the only cure?"') or quotes a claim to discuss it
    does not assert what it repeats."""
    said = text[start:end].rstrip()
    if said.endswith("?"):
        return True
    if not said or said[-1] not in ".!":
        ends = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
        if ends and text[min(ends)] == "?":
            return True
    # a quotation may run over several sentences and hard-wrapped lines of its paragraph
    paragraph = text.rfind("\n\n", 0, start)
    paragraph = paragraph + 2 if paragraph >= 0 else 0
    opened = sum(text.count(q, paragraph, start) for q in _QUOTES)
    marks = [i for i in range(start, end) if text[i] in _QUOTES]
    if opened % 2 == 1 or len(marks) % 2 == 1:
        return True  # inside a quotation, or reaching across its edge ("can't answer "Are trials ...")
    quoted = sum(b - a for a, b in zip(marks[::2], marks[1::2], strict=False))
    return quoted >= (end - start) / 2  # the window is mostly a quotation


def _stated_elsewhere(text: str, claim_text: str, details: Details, conflict: Conflict) -> bool:
    """Whether another sentence states the whole claim with its polarity, so that a conflict found in a
    different sentence is about something else ("If MRD is negative, no leukemia cells were found" does not
    deny "MRD means a few leukemia cells are still in the body" in an answer that says exactly that)."""
    if details.window is None or details.coverage < STATED_ELSEWHERE_COVERAGE:
        return False
    a0, a1 = conflict.answer_span
    if any(s < a1 and a0 < e for s, e in details.window.spans):
        return False
    return _same_polarity(text, claim_text, details) and not _figures_disagree(text, claim_text, details)


def _figures_disagree(text: str, claim_text: str, details: Details) -> bool:
    """Whether the evidence window gives other figures than the claim for the same thing ("stay near the
    center for about 2 weeks" against an outdated "stay within 2 hours for 4 weeks"): such a window
    does not state a harmful or outdated claim, however many of its words it shares."""
    if details.window is None:
        return False
    found = structure.find_conflict(_window_text(text, details), 0, claim_text)
    return found is not None and found.kind in ("quantity", "threshold")


def _same_polarity(text: str, claim_text: str, details: Details) -> bool:
    """Whether the evidence window and the claim agree in polarity on what they share: a claim that
    negates ("no treatment works") is not stated by a window that negates nothing, and a window that
    denies a shared word ("tisagenlecleucel, which failed in the second line") does not state a claim
    that affirms it."""
    if details.window is None:
        return False
    window = structure.polarity_words(_window_text(text, details))
    claim = structure.polarity_words(claim_text)
    negated_claim = any(v[0] for v in claim.values())
    if negated_claim and not any(v[0] for v in window.values()):
        return False
    shared = [k for k in claim if k in window]
    return negated_claim or not any(window[k][0] for k in shared)


_COPULA = re.compile(r"\b(?:means?|is|are|was|were|has|have|can|cannot|can't|will|should|must|does|do|need|needs)\b",
                     re.I)


def _says_the_point(text: str, claim_text: str, details: Details) -> bool:
    """Whether the evidence window says the harmful claim's point, not only its topic.

    The point is what the claim says of its subject, the words after its first verb ("Stage 3 *means* the
    lymphoma has spread to the bones and organs"): more than half of them must be in the window. And a word
    the claim denies ("can no longer be treated") must not be said plainly in the window ("achieve remissions
    with salvage treatment"): a negation elsewhere in the window is not the claim's.
    """
    if details.window is None:
        return False
    window_text = _window_text(text, details)
    window = structure.polarity_words(window_text)
    claim = structure.polarity_words(claim_text)
    denied = [k for k, (neg, _s, _e) in claim.items() if neg and k not in polarity.NOT_HEADS]
    if any(k in window and not window[k][0] for k in denied):
        return False
    verb = _COPULA.search(claim_text)
    if verb is None:
        return True
    point = [k for k, (_neg, start, _e) in claim.items() if start >= verb.end() and not k.isdigit()]
    if len(point) < 2:
        return True
    keys = details.window.keys
    return 2 * sum(1 for k in point if k in keys or k in window) > len(point)


def _names_core_drugs(claim_text: str, details: Details) -> bool:
    """Whether the evidence window itself names every drug the claim is about."""
    core = prepare_claim(claim_text).core_drugs
    if not core:
        return True
    return details.window is not None and all(k in details.window.keys for k in core)


def term_present(term: str, answer: PreparedAnswer) -> bool:
    """Whether every content word of a key term occurs in the answer (canonical spellings)."""
    return term_present_keys(term, answer.keys)


def term_present_keys(term: str, answer_keys: dict[str, float]) -> bool:
    keys = lexicon.content_keys(term)
    return bool(keys) and all(k in answer_keys for k in keys)


def _with_absent_terms(details: Details, terms: tuple[str, ...]) -> Details:
    from dataclasses import replace

    return replace(details, values={**details.values, "_absent_key_terms": 1.0},
                   missing_terms=tuple(dict.fromkeys((*terms, *details.missing_terms))))


def _snippet(text: str, details: Details) -> str:
    if details.window is None:
        return ""
    s = clean_inline(_window_text(text, details))
    s = " ".join(s.split())
    return s if len(s) <= _SNIPPET else s[: _SNIPPET - 1].rstrip() + "…"


def explain(verdict: str, details: Details, text: str, conflict: Conflict | Disagreement | None = None) -> str:
    """The reason in words, from what the features and the conflict finder saw."""
    if verdict == "contradicted" and conflict is not None:
        return conflict.describe()
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
