"""Contradiction from structure: the pair of spans where an answer sentence and a claim disagree.

Similar words are not agreement: "CAR T is a standard second-line option" and "CAR T is used only
after two or more lines of therapy" share most of their words and say opposite things. This module
finds, for one answer sentence and one claim, a *conflict* a reviewer can check, always naming the
two spans that conflict:

- **polarity**: a content word the two share is negated on one side only. Negation scope is the
  ConText-style scope of the cue scorers (``harness.score.engines.cues.context.negator_before``:
  a negator earlier in the same clause, conjunctions of predicates included, so "neither offered
  nor given at this stage" negates "stage" and "given"); "no longer" and "not yet" are negators.
  Reported or refuted statements ("some websites claim ...") count as negated (``reported``).
- **thresholds**: a time window on one side and the opposite bound on the other ("within 12
  months" vs "more than 12 months");
- **quantities**: the same dimension with a different value (``signals.compare_numbers``; bare
  numbers only when they count the same noun, so "[3]", "CheckMate 067", "ANC < 500" and "911" are
  never compared with "two options");
- **opposites**: antonym pairs and lines of therapy (first-line / second-line / after two or more
  lines), "curable" / "incurable", from ``signals.antonym_clash``.

Everything is regex over folded text; cost is linear in the sentence length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from harness.score.engines.cues.context import fold, negator_before
from harness.score.engines.judge import lexicon, opposites, signals, slots, waiting

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


def number_words(text: str) -> str:
    """Number words as digits, keeping offsets (digits padded with spaces to the word's length)."""
    def sub(m: re.Match[str]) -> str:
        digits = lexicon.NUMBER_WORDS[m.group(1)]
        return digits + " " * (len(m.group(0)) - len(digits))

    return re.sub(r"\b(" + "|".join(lexicon.NUMBER_WORDS) + r")\b", sub, text)


@lru_cache(maxsize=16384)
def polarity_words(text: str) -> dict[str, tuple[bool, int, int]]:
    """Content token key -> (negated, start, end) of its first occurrence in ``text``.

    Multi-word phrases of the lexicon ("cannot be cured" -> incurable, "second-line") are keyed by
    their canonical token and are never read as negated by a cue inside them.
    """
    low = fold(number_words(text))  # fold reads a line break as a space: "better\nthan chemo" when hard-wrapped
    out: dict[str, tuple[bool, int, int]] = {}
    pos = 0
    terms: list[tuple[int, int]] = []  # multi-word terms: a negator inside one ("did not respond") is the term's
    denied: set[str] = set()
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
        if cue is not None and _inside_term(low, cue, start, terms):
            cue = None  # "did not respond to the first treatment": the term 'refractory' holds the negation
        neg = cue is not None or _judged_against(low, start, end)
        if tok.key.startswith("no") and " " in tok.surface:
            denied.add(tok.surface)  # a prohibition concept ("do not drive" -> nodrive, drive) ...
        elif tok.surface in denied:
            neg = True  # ... denies the plain word that shares its wording
        out[tok.key] = (neg, start, end)
    return out


def _inside_term(low: str, cue: str, start: int, terms: list[tuple[int, int]]) -> bool:
    """Whether the negation ``cue`` governing the word at ``start`` is part of a multi-word term before it."""
    at = low.rfind(cue, 0, start)
    return at >= 0 and any(a <= at < b <= start for a, b in terms)


# Beyond ConText's negators: "driver-negative" / "MRD-negative" / "event-free" deny the word they end;
# "failed in the second line" denies what follows; "preferred over crizotinib", "rather than surgery"
# put the word on the rejected side.
_AGAINST_BEFORE = re.compile(
    r"(?:\bfail(?:ed|s|ure)?\s+(?:in|to|as|at)|\b(?:inability|unable|unfit)\s+to|\b(?:rather than|instead of|in place of|in preference to|"
    r"superior to|better than)|\b(?:preferred|recommended|favou?red|chosen|established|selected|superior|better)\b[^,;.]{0,60}\bover)\s+(?:the\s+|a\s+)?"
    r"(?:[a-z0-9-]+\s+){0,2}$")
_AGAINST_AFTER = re.compile(r"^[a-z0-9]*(?:/[a-z0-9]+)*-?(?:negative|free)\b|^[^.;:]{0,50}?\b(?:is|are)\s+(?:contraindicated|"
                            r"ineffective|not (?:recommended|effective|indicated|an option))\b")


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

    # polarity: the claim's predicate is negated on one side only
    if shared and not opposites.agrees(sentence, claim):  # "does not work well" says "works poorly"
        hit = _polarity(s_words, c_words, shared, fold(number_words(sentence)), fold(number_words(claim)))
        if hit is not None:
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
        a0, a1 = _clause_around(sentence, *slot.answer_span)
        c0, c1 = _clause_around(claim, *slot.claim_span)
        return Conflict("opposite", (offset + slot.answer_span[0], offset + slot.answer_span[1]), slot.claim_span,
                        sentence[a0:a1].strip(), claim[c0:c1].strip(), values=(slot.answer_words, slot.claim_words))
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
    low_s, low_c = fold(number_words(sentence)), fold(number_words(claim))
    for bc in bounds(low_c):
        for bs in bounds(low_s):
            if bc.direction != bs.direction and (
                    (bc.direction == "upper" and bs.days >= bc.days * 0.999) or
                    (bc.direction == "lower" and bs.days <= bc.days * 1.001)):
                return conflict("threshold", bs.span, bc.span, values=(low_s[bs.span[0]:bs.span[1]],
                                                                       low_c[bc.span[0]:bc.span[1]]))
    # quantities of the same kind with different values
    cq = claim_q if claim_q is not None else signals.quantities(lexicon.prepare(claim))
    if {b.direction for b in bounds(low_c)} != {b.direction for b in bounds(low_s)}:
        cq = tuple(q for q in cq if q.dimension != "time")  # "at least 5 years" agrees with "up to 10 years"
    if cq:
        check = signals.compare_numbers(cq, signals.quantities(lexicon.prepare(sentence)), roles=True)
        if check.conflict is not None and check.found is not None:
            a = _locate(sentence, check.found.surface)
            c = _locate(claim, check.conflict.surface)
            if a and c:
                return conflict("quantity", a, c, values=(check.found.surface, check.conflict.surface))
    return None


# predicates of availability and use: "is neither offered nor given" denies "is a standard option"
_OFFER = frozenset(lexicon.stem(w) for w in (
    "offered", "given", "option", "options", "used", "recommended", "available", "approved", "standard",
    "suitable", "choice", "treatment", "treated", "prescribed", "started", "needed", "effective", "works",
    "helps", "benefit", "safe"))


# availability denied in a word: such a side is not the positive side of an availability conflict
_UNOFFER = frozenset(lexicon.stem(w) for w in (
    "ineffective", "contraindicated", "unsafe", "unsuitable", "inappropriate", "unavailable", "useless", "futile",
    "unhelpful"))


_NOT_HEADS = frozenset({"longer", "long", "yet", "even", "always", "necessarily", "usual", "routin", "current", "still",
                        "generally", "often", "need"})


def _head(words: dict[str, tuple[bool, int, int]]) -> str | None:
    """The first negated content word (the head of the negated predicate), or None."""
    negated = [(start, k) for k, (neg, start, _end) in words.items() if neg and k not in _NOT_HEADS]
    return min(negated)[1] if negated else None


def _polarity(s_words: dict[str, tuple[bool, int, int]], c_words: dict[str, tuple[bool, int, int]],
              shared: list[str], s_low: str = "", c_low: str = "") -> str | None:
    """The shared word through which one side negates what the other states, or None.

    On the negating side a shared word sits in a negation's ConText-style scope, and the negated
    predicate itself (the first negated word) is said on the other side too (or both sides use a
    predicate of availability: offered / given / option).
    A side that negates anything at all is not read as the positive side, and a time-limited prohibition
    is not denied by the same wait said positively (``waiting.deferred``).
    """
    for neg_side, pos_side, neg_low, pos_low in ((s_words, c_words, s_low, c_low), (c_words, s_words, c_low, s_low)):
        negated = [k for k in shared if neg_side[k][0]]
        head = _head(neg_side)
        if not negated and head is not None and head in pos_side and _subject_with(neg_side, shared, head, neg_low):
            negated = [head]  # an everyday predicate ("does not help") denied of a subject both sides name
        if not negated or head is None or _negates_near(pos_side, head, pos_low):
            continue
        same = waiting.same_key(head, pos_side)
        if same is not None and waiting.deferred(neg_low, pos_low, pos_side[same][1]):
            continue
        # the other side's availability word must be its predicate, not the negated side's object:
        # "do not start treatment" is not denied by "treatment is observation"
        offered = head in _OFFER and any(k in _OFFER and (k == head or k not in neg_side) for k in pos_side) \
            and not any(k in _UNOFFER for k in pos_side)  # "rendering these drugs ineffective" denies it too
        if (head in pos_side or offered) and (not _determiner_no(neg_low, neg_side[head][1])
                                              or _predicate_said(neg_side, pos_side, offered, head, neg_low)):
            return negated[0]
    return None


def _subject_with(words: dict[str, tuple[bool, int, int]], shared: list[str], head: str, low: str) -> bool:
    """Whether a weighty word both sides share sits in the clause of the negated ``head`` ("counseling does not
    help": the subject of the denied predicate, not a word of another clause)."""
    at = words[head][1]
    for k in shared:
        s = words[k][1]
        a, b = min(s, at), max(s, at)
        if b - a < 80 and _CLAUSE_END.search(low, a, b) is None:
            return True
    return False


def _negates_near(words: dict[str, tuple[bool, int, int]], head: str, low: str) -> bool:
    """Whether the positive side negates anything: anywhere when it does not say ``head`` itself, else in the
    clause that says it ("when the cancer cannot be removed ..., chemo can help" still states "help")."""
    if head not in words:
        return any(v[0] for v in words.values())
    at = words[head][1]
    for neg, s, _e in words.values():
        if neg and (_CLAUSE_END.search(low, min(s, at), max(s, at)) is None or not low):
            return True
    return False


def _determiner_no(low: str, start: int) -> bool:
    """Whether the word at ``start`` is negated by a determiner "no" ("no leukemia cells were found"): the noun
    after it is then the subject, and the negated point is the rest of its clause, not the noun."""
    return negator_before(low, start, cannot=True) == "no" and re.search(r"\bno\s+(?!longer\b|more\b)(?:[a-z0-9-]+\s+)?$",
                                                                          low[max(0, start - 40):start]) is not None


def _predicate_said(neg_side: dict[str, tuple[bool, int, int]], pos_side: dict[str, tuple[bool, int, int]],
                    offered: bool, head: str, neg_low: str = "") -> bool:
    """Whether the other side says most of what a determiner "no" negates, not only its noun.

    The negated point is the negated content words from the head to the end of the head's clause (a
    comma, a semicolon or "because" / "but" ... ends it): "no leukemia cells were found by the test"
    is not denied by "MRD means leukemia cells below what a microscope can see" through "leukemia
    cells" alone. More than half of those words (an availability word counting as said when the
    other side uses one as its predicate) must be on the other side.
    """
    start = neg_side[head][1]
    stop = _CLAUSE_END.search(neg_low, start + 1) if neg_low else None
    end = stop.start() if stop is not None else 10 ** 9
    scope = [k for k, (neg, s, _e) in neg_side.items()
             if neg and start <= s < end and k not in _NOT_HEADS and not k.isdigit()]
    if not scope:
        return False
    said = sum(1 for k in scope if k in pos_side or (offered and k in _OFFER))
    return 2 * said > len(scope)


_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:because|since|but|although|though|whereas|while|so that|which|unless)\b")


def same_wait(answer: str, claim: str) -> bool:
    """Whether one side forbids something for a time and the other says to wait that long before it
    (``waiting.deferred``, either way round): then words negated on one side only are not a disagreement."""
    a_words, c_words = polarity_words(answer), polarity_words(claim)
    a_low, c_low = fold(number_words(answer)), fold(number_words(claim))
    for neg_words, pos_words, neg_low, pos_low in ((a_words, c_words, a_low, c_low), (c_words, a_words, c_low, a_low)):
        head = _head(neg_words)
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
    low = fold(number_words(text))
    i = low.find(surface.lower())
    if i < 0:
        digits = re.search(r"\d+(?:[.,]\d+)?", surface)
        i = low.find(digits.group(0)) if digits else -1
        return (i, i + len(digits.group(0))) if digits and i >= 0 else None
    return i, i + len(surface)
