"""Contradiction from structure: the pair of spans where an answer sentence and a claim disagree.

Similar words are not agreement: "CAR T is a standard second-line option" and "CAR T is used only after two or more
lines of therapy" share most of their words and say opposite things. This module finds, for one answer sentence and one
claim, a *conflict* a reviewer can check, always naming the two spans that conflict:

- **polarity**: a content word the two share is negated on one side only. Negation scope is the ConText-style scope of
  the cue scorers (``harness.score.engines.cues.context.negator_before``: a negator earlier in the same clause,
  conjunctions of predicates included, so "neither offered nor given at this stage" negates "stage" and "given"); "no
  longer" and "not yet" are negators. Reported or refuted claims ("websites claim") count as negated (``reported``).
- **thresholds**: a time window on one side and the opposite bound on the other ("within 12 months" vs "more than 12
  months");
- **quantities**: the same dimension with a different value (``signals.compare_numbers``; bare numbers only when they
  count the same noun, so "[3]", "CheckMate 067", "ANC < 500" and "911" are never compared with "two options");
- **opposites**: antonym pairs and lines of therapy (first-line / second-line / after two or more lines), "curable" /
  "incurable", from ``signals.antonym_clash``.

Everything is regex over folded text; cost is linear in the sentence length."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from harness.score.engines.cues.context import fold
from harness.score.engines.judge import lexicon, opposites, polarity, signals, slots, waiting

KINDS: tuple[str, ...] = ("polarity", "threshold", "quantity", "opposite")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Where an answer sentence and a claim disagree, and why (for the verdict's reason)."""

    kind: str
    """One of ``KINDS``."""
    answer_span: tuple[int, int]
    """Character offsets into the answer text."""
    claim_span: tuple[int, int]
    """Character offsets into the claim text."""
    answer_text: str
    claim_text: str
    negated_side: str = ""
    """For a polarity conflict: "answer" or "claim", the side that negates."""
    values: tuple[str, str] | None = None
    """For a quantity or threshold conflict: (what the answer says, what the claim says)."""

    def describe(self) -> str:
        if self.kind == "polarity":
            what = "answer negates" if self.negated_side == "answer" else \
                "claim is negative but the answer states it positively"
        elif self.values is not None and self.kind == "opposite":
            return (f"opposite terms: answer says '{self.values[0]}', claim says '{self.values[1]}' "
                    f"('{self.answer_text}' vs '{self.claim_text}')")
        elif self.values is not None:
            return (f"answer says {self.values[0]}, claim says {self.values[1]} "
                    f"('{self.answer_text}' vs '{self.claim_text}')")
        else:
            what = {"threshold": "opposite bounds", "quantity": "different values", "opposite": "opposite terms"}[self.kind]
        return f"{what}: answer says '{self.answer_text}', claim says '{self.claim_text}'"


_UPPER = r"within|less than|under|fewer than|up to|no more than|at most|before|in the first|inside|<|≤"
_LOWER = r"more than|over|after|beyond|at least|later than|longer than|greater than|>|≥|or more"
_BOUND = re.compile(
    rf"(?P<cmp>{_UPPER}|{_LOWER})\s+(?:about\s+|approximately\s+|around\s+)?(?P<num>\d+(?:\.\d+)?)\s*"
    rf"(?P<unit>days?|weeks?|months?|years?)\b"
    rf"|(?P<num2>\d+(?:\.\d+)?)\s*(?P<unit2>days?|weeks?|months?|years?)\s+or\s+(?P<cmp2>more|longer|later|less|fewer)\b"
)
_LOWER_SET = frozenset({"more than", "over", "after", "beyond", "at least", "later than", "longer than",
                        "greater than", ">", "≥", "or more", "more", "longer", "later"})


@dataclass(frozen=True, slots=True)
class Bound:
    direction: str  # "upper" | "lower"
    days: float
    span: tuple[int, int]


@lru_cache(maxsize=16384)
def bounds(low: str) -> tuple[Bound, ...]:
    """Time windows with a direction in folded text: "within 12 months" (upper), "after 1 year" (lower)."""
    out = []
    for m in _BOUND.finditer(low):
        cmp_, num, unit = (m.group("cmp"), m.group("num"), m.group("unit")) if m.group("cmp") else \
            (m.group("cmp2"), m.group("num2"), m.group("unit2"))
        factor = signals.UNITS.get(unit, signals.UNITS.get(unit + "s", ("time", 1.0)))[1]
        out.append(Bound("lower" if cmp_ in _LOWER_SET else "upper", float(num) * factor, (m.start(), m.end())))
    return tuple(out)


_NUMBER_WORD = re.compile(r"\b(" + "|".join(lexicon.NUMBER_WORDS) + r")\b")


def number_words(text: str) -> str:
    """Number words as digits, keeping offsets (digits padded with spaces to the word's length)."""
    return _NUMBER_WORD.sub(lambda m: lexicon.NUMBER_WORDS[m.group(1)].ljust(len(m.group(0))), text)


@lru_cache(maxsize=16384)
def folded(text: str) -> str:
    """``fold(number_words(text))``, the form every rule here reads (offsets kept), cached by text."""
    return fold(number_words(text))


def polarity_words(text: str) -> dict[str, tuple[bool, int, int]]:
    """Content token key -> (negated, start, end) of its first occurrence in ``text``.
    Multi-word phrases of the lexicon ("cannot be cured" -> incurable, "second-line") are keyed by
    their canonical token and are never read as negated by a cue inside them.
    """
    return polarity_reading(text)[0]


@lru_cache(maxsize=16384)
def polarity_reading(text: str) -> tuple[dict[str, tuple[bool, int, int]], dict[str, bool]]:
    """(``polarity_words``, key -> whether ``opposites.negation`` alone governs that first occurrence)."""
    low = folded(text)  # fold reads a line break as a space: "better\nthan chemo" when hard-wrapped
    out: dict[str, tuple[bool, int, int]] = {}
    by_cue: dict[str, bool] = {}
    pos = 0
    terms: list[tuple[int, int]] = []  # multi-word terms: a negator inside one ("did not respond") is the term's
    denied: set[str] = set()
    against = any(w in low for w in _AGAINST_WORDS)  # no word of a judge-specific cue: it denies no token here
    for tok in lexicon.tokens(text):
        if not tok.content or not tok.surface:
            continue
        first = tok.surface.split()[0]
        start = low.find(first, pos)
        if start < 0:
            start = low.find(first)
        if start < 0:
            continue
        end = start + len(tok.surface)
        pos = start + len(first)
        if " " in tok.surface:
            terms.append((start, end))
        if tok.key in out:
            continue
        cue = opposites.negation(low, start)
        by_cue[tok.key] = cue is not None
        if cue is not None and _inside_term(low, cue, start, terms):
            cue = None  # "did not respond to the first treatment": the term 'refractory' holds the negation
        neg = cue is not None or (against and _judged_against(low, start, end))
        if tok.key.startswith("no") and " " in tok.surface:
            denied.add(tok.surface)  # a prohibition concept ("do not drive" -> nodrive, drive) ...
        elif tok.surface in denied:
            neg = True  # ... denies the plain word that shares its wording
        out[tok.key] = (neg, start, end)
    return out, by_cue


def _inside_term(low: str, cue: str, start: int, terms: list[tuple[int, int]]) -> bool:
    """Whether the negation ``cue`` governing the word at ``start`` is part of a multi-word term before it."""
    at = low.rfind(cue, 0, start)
    return at >= 0 and any(a <= at < b <= start for a, b in terms)


# Beyond ConText's negators: "driver-negative" / "MRD-negative" / "event-free" deny the word they end; "failed in
# the second line" denies what follows; "preferred over crizotinib", "rather than surgery" put it on the rejected side.
_AGAINST_BEFORE = re.compile(
    r"(?:\bfail(?:ed|s|ure)?\s+(?:in|to|as|at)|\b(?:inability|unable|unfit)\s+to|\b(?:rather than|instead of|in place of|in preference to|"
    r"superior to|better than)|\b(?:preferred|recommended|favou?red|chosen|established|selected|superior|better)\b[^,;.]{0,60}\bover)\s+(?:the\s+|a\s+)?"
    r"(?:[a-z0-9-]+\s+){0,2}$")
_AGAINST_AFTER = re.compile(r"^[a-z0-9]*(?:/[a-z0-9]+)*-?(?:negative|free)\b|^[^.;:]{0,50}?\b(?:is|are)\s+(?:contraindicated|"
                            r"ineffective|not (?:recommended|effective|indicated|an option))\b")


_AGAINST_WORDS = ("fail", "inability", "unable", "unfit", "rather", "instead", "place", "preference", "superior", "better",
                  "over", "negative", "free", "indicated", "effective", "recommended", "option")  # one in every match


def _judged_against(low: str, start: int, end: int) -> bool:
    """Whether the word at ``low[start:end]`` is denied by a judge-specific cue (see above)."""
    if _AGAINST_AFTER.match(low, end) or _AGAINST_AFTER.match(low[end:].lstrip(" -")):
        return True
    left = low[max(0, start - 90):start]
    left = re.split(r"[;:.!?()]", left)[-1]
    return _AGAINST_BEFORE.search(left) is not None


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` holding [start, end) (cut at , ; : and sentence ends), for a short span."""
    left = max(text.rfind(c, 0, start) for c in ",;:.!?\n")
    right_candidates = [i for i in (text.find(c, end) for c in ",;:.!?\n") if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    a, b = left + 1, right
    while a < b and text[a].isspace():
        a += 1
    return a, b


def find_conflict(sentence: str, offset: int, claim: str, *, topic: frozenset[str] = frozenset(),
                  claim_q: tuple[signals.Quantity, ...] | None = None) -> Conflict | None:
    """The first conflict between one answer sentence (starting at ``offset`` in the answer) and a claim.

    ``topic``: token keys the whole answer is about (a negation must touch something else, so that
    "stage 4 is not the end" does not deny every stage-4 claim through the word "stage").
    """
    s_words = polarity_words(sentence)
    c_words = polarity_words(claim)
    shared = [k for k in c_words if k in s_words and not k.startswith("rx_") and k not in topic
              and not k.isdigit() and lexicon.weight(k) >= 2.0]

    def conflict(kind: str, a: tuple[int, int], c: tuple[int, int], side: str = "",
                 values: tuple[str, str] | None = None) -> Conflict:
        a0, a1 = _clause_around(sentence, *a)
        c0, c1 = _clause_around(claim, *c)
        return Conflict(kind, (offset + a0, offset + a1), (c0, c1), sentence[a0:a1].strip(), claim[c0:c1].strip(),
                        side, values)

    if shared:  # polarity: the claim's predicate is negated on one side only
        hit = polarity.denied(s_words, c_words, shared, folded(sentence), folded(claim))
        if hit is not None and not opposites.agrees(sentence, claim):  # "does not work well" says "works poorly"
            return conflict("polarity", s_words[hit][1:], c_words[hit][1:],
                            "answer" if s_words[hit][0] else "claim")
    # opposite terms about the same thing ("the scan is painless" / "the scan hurts"); ``opposites.clash``
    # checks the shared subject itself, so the answer's topic words count here
    terms = opposites.clash(sentence, claim) or _clash_in_part(sentence, claim)
    if terms is not None:
        at, ct = terms  # the spans are the two terms; the reason quotes the clauses around them
        a0, a1 = _clause_around(sentence, at.start, at.end)
        c0, c1 = _clause_around(claim, ct.start, ct.end)
        return Conflict("opposite", (offset + at.start, offset + at.end), (ct.start, ct.end),
                        sentence[a0:a1].strip(), claim[c0:c1].strip(),
                        values=(_with_negation(sentence, at), _with_negation(claim, ct)))
    slot = slots.swapped_comparison(sentence, claim) or slots.scope_clash(sentence, claim)
    if slot is not None:  # the same statement with another filler in one slot (scope, comparison operands)
        return _slot_conflict(slot, sentence, offset, claim)
    if not shared and not any(k.startswith("rx_") for k in c_words if k in s_words):
        return None  # nothing in common: nothing to disagree about
    # opposites between the lexicon's tokens: lines of therapy
    clash = signals.antonym_clash(frozenset(c_words), frozenset(s_words))
    if clash is not None and set(clash) <= _TOKEN_OPPOSITES:
        key_c = _key_of(clash[0], c_words)
        key_s = _key_of(clash[1], s_words)
        if key_c and key_s:
            return conflict("opposite", s_words[key_s][1:], c_words[key_c][1:])
    # thresholds: opposite bounds on time ("within 12 months" vs "more than 12 months")
    low_s, low_c = folded(sentence), folded(claim)
    for bc in bounds(low_c):
        for bs in bounds(low_s):
            if bc.direction != bs.direction and (
                    (bc.direction == "upper" and bs.days >= bc.days * 0.999) or
                    (bc.direction == "lower" and bs.days <= bc.days * 1.001)):
                return conflict("threshold", bs.span, bc.span, values=(low_s[bs.span[0]:bs.span[1]],
                                                                       low_c[bc.span[0]:bc.span[1]]))
    # quantities of the same kind with different values
    cq = claim_q if claim_q is not None else signals.quantities(lexicon.prepare(claim))
    sq = signals.quantities(lexicon.prepare(sentence))
    vague_c, vague_s = signals.vague_times(low_c), signals.vague_times(low_s)
    if not any(q.dimension == "time" for q in cq):
        cq = cq + vague_c  # "usually takes a few weeks" against "about 6 months"
    if not any(q.dimension == "time" for q in sq):
        sq = sq + vague_s
    dirs_c, dirs_s = {b.direction for b in bounds(low_c)}, {b.direction for b in bounds(low_s)}
    if dirs_c and dirs_s and dirs_c != dirs_s:
        cq = tuple(q for q in cq if q.dimension != "time")  # "at least 5 years" agrees with "up to 10 years"
    if cq:
        check = signals.compare_numbers(cq, sq, roles=True)
        if check.conflict is not None and check.found is not None:
            a = _locate(sentence, check.found.surface)
            c = _locate(claim, check.conflict.surface)
            if a and c:
                return conflict("quantity", a, c, values=(check.found.surface, check.conflict.surface))
    return None


SENTENCE_COVER = 0.6
"""A sentence cut into clauses is also read whole for a denial when it holds this share of the claim."""


def sentence_polarity(text: str, units: Sequence[tuple[int, int, str]], keys_of: Sequence[dict[str, float]],
                      cut: Sequence[int], claim: str, claim_keys: dict[str, float],
                      topic: frozenset[str] = frozenset()) -> tuple[float, Conflict] | None:
    """A polarity conflict in a whole sentence whose clauses were read apart (``cut``: the sentences cut into
    more than one clause): "olaparib lowered relapse, but did not help people live longer" denies "olaparib
    helped people live longer" although no one clause holds enough of the claim. Only a denial counts here;
    opposite terms and figures stay with the clause that says them."""
    total = sum(claim_keys.values())
    if not total:
        return None
    for i in cut:
        cov = sum(w for k, w in claim_keys.items() if k in keys_of[i]) / total
        if cov < SENTENCE_COVER:
            continue
        start, end, _ = units[i]
        found = find_conflict(text[start:end], start, claim, topic=topic)
        if found is not None and found.kind == "polarity" and _same_clause_subject(text[start:end], claim,
                                                                                   found.negated_side):
            return cov, found
    return None


def _same_clause_subject(sentence: str, claim: str, negated_side: str) -> bool:
    """Whether the denial in a whole sentence is about what the claim states: the denying clause (between
    punctuation marks: "olaparib lowered relapse but did not help people live longer") shares a content word
    with the claim's clause that states the predicate, holds none of the claim's other clauses ("alectinib ...
    does not affect mood" against "lorlatinib can affect mood ..., and alectinib can cause aches"), and the
    sentence does not state the predicate itself elsewhere ("do not attack cancer directly; they help the
    immune system attack it")."""
    neg_text, pos_text = (sentence, claim) if negated_side == "answer" else (claim, sentence)
    nw, pw = polarity_words(neg_text), polarity_words(pos_text)
    head = polarity.head_of(nw)
    same = waiting.same_key(head, pw) if head is not None else None
    if head is None or same is None:
        return False
    n0, n1 = _clause_around(neg_text, nw[head][1], nw[head][2])
    p0, p1 = _clause_around(pos_text, pw[same][1], pw[same][2])
    n_keys = {k for k, (_n, st, _e) in nw.items() if n0 <= st < n1 and k != head and not k.isdigit()}
    p_keys = {k for k, (_n, st, _e) in pw.items() if p0 <= st < p1 and k != same and not k.isdigit()}
    others = {k for k, (_n, st, _e) in pw.items() if not p0 <= st < p1 and k not in p_keys}
    low = fold(neg_text)
    surface = low[nw[head][1]:nw[head][2]].split()[0]
    restated = any(opposites.negation(low, m.start()) is None
                   for m in re.finditer(rf"\b{re.escape(surface[:5])}", low) if m.start() > nw[head][1])
    return bool(n_keys & p_keys) and not n_keys & others and not restated


def _slot_conflict(slot: slots.Slot, text: str, offset: int, claim: str) -> Conflict:
    """A slot conflict as an "opposite" conflict naming the two clauses and the two fillers."""
    a0, a1 = _clause_around(text, *slot.answer_span)
    c0, c1 = _clause_around(claim, *slot.claim_span)
    return Conflict("opposite", (offset + slot.answer_span[0], offset + slot.answer_span[1]), slot.claim_span,
                    text[a0:a1].strip(), claim[c0:c1].strip(), values=(slot.answer_words, slot.claim_words))


def line_conflict(answer: str, clauses: list[tuple[int, int, dict[str, float]]], claim: str,
                  claim_keys: dict[str, float]) -> Conflict | None:
    """A line of therapy the answer gives for the claim's treatment in any of its ``clauses`` (start, end, keys)
    that the claim's line excludes (``slots.line_clash``): "CAR T is a second-line option" vs "CAR T ... after
    two or more lines of therapy"."""
    slot = slots.line_clash(answer, clauses, claim, claim_keys)
    return None if slot is None else _slot_conflict(slot, answer, 0, claim)


def same_wait(answer: str, claim: str) -> bool:
    """Whether one side forbids something for a time and the other says to wait that long before it
    (``waiting.deferred``, either way round): then words negated on one side only are not a disagreement."""
    a_words, c_words = polarity_words(answer), polarity_words(claim)
    a_low, c_low = folded(answer), folded(claim)
    for neg_words, pos_words, neg_low, pos_low in ((a_words, c_words, a_low, c_low), (c_words, a_words, c_low, a_low)):
        head = polarity.head_of(neg_words)
        same = waiting.same_key(head, pos_words) if head is not None else None
        if same is not None and waiting.deferred(neg_low, pos_low, pos_words[same][1]):
            return True
    return False


_PART = re.compile(r",\s+(?:and|but)\s+|;\s+")


def _clash_in_part(sentence: str, claim: str) -> tuple[opposites.Term, opposites.Term] | None:
    """``opposites.clash`` with one part of a compound claim ("X is not the same as Y, and Z does not mean W"):
    the answer may speak to one part only, and the clash then needs only that part's words."""
    cuts = [0, *(m.end() for m in _PART.finditer(claim))]
    if len(cuts) < 2:
        return None
    for a, b in zip(cuts, [*cuts[1:], len(claim)], strict=True):
        terms = opposites.clash(sentence, claim[a:b])
        if terms is not None:
            at, ct = terms
            return at, replace(ct, start=ct.start + a, end=ct.end + a)
    return None


_TOKEN_OPPOSITES = frozenset({*signals.READABLE.values(), "chemotherapy", "chemoimmunotherapy", "chemoresist"})
"""Opposites between the lexicon's own tokens (lines of therapy; chemotherapy / chemoresistant), read from
``signals.ANTONYMS``; every other opposite term comes from ``opposites.txt``."""


def _with_negation(text: str, term: opposites.Term) -> str:
    """The term with the negation that turns it ("not rare"), for the reason."""
    if not term.negated:
        return term.surface
    low = fold(text)
    neg = opposites.negation(low, term.start)
    at = low.rfind(neg, max(0, term.start - 64), term.start) if neg else -1
    return " ".join(text[at:term.end].split()) if at >= 0 else term.surface


def _key_of(readable: str, words: dict[str, tuple[bool, int, int]]) -> str | None:
    inverse = {v: k for k, v in signals.READABLE.items()}
    key = inverse.get(readable, lexicon.stem(readable))
    if key in words:
        return key
    return next((k for k in words if k.startswith(key[:5])), None)


def _locate(text: str, surface: str) -> tuple[int, int] | None:
    low = folded(text)
    i = low.find(surface.lower())
    if i < 0:
        digits = re.search(r"\d+(?:[.,]\d+)?", surface)
        i = low.find(digits.group(0)) if digits else -1
        return (i, i + len(digits.group(0))) if digits and i >= 0 else None
    return i, i + len(surface)
