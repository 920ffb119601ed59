"""Polarity: which shared word one side denies and the other states.

"CAR T is not an option for late relapse" against "CAR T is an option": a content word the two share sits in
a negation's scope on one side only, and the negated predicate (the first negated word) is said on the other
side too (or both sides use a predicate of availability: offered / given / option). ``structure.find_conflict``
asks ``denied`` for its polarity conflicts; the negation scope is ``opposites.negation`` (ConText's
``negator_before`` with the judge's exceptions), read through ``structure.polarity_words``.
"""

from __future__ import annotations

import re

from harness.score.engines.cues.context import negator_before
from harness.score.engines.judge import lexicon, waiting

# predicates of availability and use: "is neither offered nor given" denies "is a standard option"
_OFFER = frozenset(lexicon.stem(w) for w in (
    "offered", "given", "option", "options", "used", "recommended", "available", "approved", "standard",
    "suitable", "choice", "treatment", "treated", "prescribed", "started", "needed", "effective", "works",
    "helps", "benefit", "safe"))


# availability denied in a word: such a side is not the positive side of an availability conflict
_UNOFFER = frozenset(lexicon.stem(w) for w in (
    "ineffective", "contraindicated", "unsafe", "unsuitable", "inappropriate", "unavailable", "useless", "futile",
    "unhelpful"))


NOT_HEADS = frozenset({"longer", "long", "yet", "even", "always", "necessarily", "usual", "routin", "current", "still",
                        "generally", "often", "need"})


def head_of(words: dict[str, tuple[bool, int, int]]) -> str | None:
    """The first negated content word (the head of the negated predicate), or None."""
    negated = [(start, k) for k, (neg, start, _end) in words.items() if neg and k not in NOT_HEADS]
    return min(negated)[1] if negated else None


def denied(s_words: dict[str, tuple[bool, int, int]], c_words: dict[str, tuple[bool, int, int]],
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
        head = head_of(neg_side)
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
        if b - a < 80 and CLAUSE_END.search(low, a, b) is None:
            return True
    return False


def _negates_near(words: dict[str, tuple[bool, int, int]], head: str, low: str) -> bool:
    """Whether the positive side negates anything: anywhere when it does not say ``head`` itself, else in the
    clause that says it ("when the cancer cannot be removed ..., chemo can help" still states "help")."""
    if head not in words:
        return any(v[0] for v in words.values())
    at = words[head][1]
    for neg, s, _e in words.values():
        if neg and (CLAUSE_END.search(low, min(s, at), max(s, at)) is None or not low):
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
    stop = CLAUSE_END.search(neg_low, start + 1) if neg_low else None
    end = stop.start() if stop is not None else 10 ** 9
    scope = [k for k, (neg, s, _e) in neg_side.items()
             if neg and start <= s < end and k not in NOT_HEADS and not k.isdigit()]
    if not scope:
        return False
    said = sum(1 for k in scope if k in pos_side or (offered and k in _OFFER))
    return 2 * said > len(scope)


CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:because|since|but|although|though|whereas|while|so that|which|unless)\b")
