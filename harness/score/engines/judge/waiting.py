"""The waiting rule: a time-limited prohibition and the same wait said positively agree.

"Do not drive for 8 weeks" and "wait at least 8 weeks after CAR T before you drive" give the same
instruction, although "drive" is negated on one side only: the negation scopes the whole time-limited
instruction, and the positive side puts the predicate off ("before", "until", "avoid", "hold off").
``structure`` asks this before calling a polarity conflict (and ``structure.same_wait`` for the learned
contradiction signal).
"""

from __future__ import annotations

import re

_FOR_A_TIME = re.compile(r"\b(?:for|until|till|within|during)\b(?:\s+(?:at least|about|around|up to|the (?:first|next)))?"
                         r"\s+(?:\d+(?:\.\d+)?|a|an|one|several|a few|some)\s*(?:hours?|days?|weeks?|months?|years?)\b"
                         r"|\buntil\b")
_WAIT_BEFORE = re.compile(r"(?:\b(?:before|until|till|avoid(?:ing)?|refrain(?:ing)? from|hold off(?: on)?|postpone)"
                          r"\s+(?:[a-z'-]+\s+){0,3}|\bwait\b[^.;:!?]{0,40}\bto\s+(?:[a-z'-]+\s+){0,1})$")


def same_key(key: str, words: dict[str, tuple[bool, int, int]]) -> str | None:
    """``key`` among ``words``, or a word of the same stem the stemmer keyed apart ("drive" / "driv")."""
    if key in words:
        return key
    if len(key) < 4:
        return None
    return next((k for k in words if len(k) >= 4 and (k.startswith(key) or key.startswith(k))), None)


def deferred(neg_low: str, pos_low: str, pos_start: int) -> bool:
    """A time-limited prohibition and the same wait said positively: "do not drive for 8 weeks" on the negating
    side and "wait at least 8 weeks ... before you drive" on the other ("avoid driving for 8 weeks", "hold off
    on driving until ..."). The negation then scopes the whole instruction, not the shared predicate, so the
    two agree: the predicate on the positive side is put off (``before``/``until``/``avoid``), not done."""
    if not neg_low or not pos_low or _FOR_A_TIME.search(neg_low) is None:
        return False
    left = re.split(r"[;:.!?]", pos_low[max(0, pos_start - 80):pos_start])[-1]
    return _WAIT_BEFORE.search(left) is not None
