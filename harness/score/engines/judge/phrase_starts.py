"""Where a phrase pattern of the judge's lexicon can start, and the dispatch that uses it.

The lexicon tries its phrase patterns only at word starts, and there only the phrases that can begin
with the text's first two characters (``PairDispatch``: about half the cost of trying every phrase of
the first character, which was about 20x faster than one big scan). ``first_chars`` reads the first
characters from the patterns as the lexicon writes them (a literal, a ``(?:...)`` group of alternatives
or a ``[...]`` class, each possibly optional); ``first_pairs`` reads the first two from the ``re``
module's own parse of the pattern. A pattern either cannot read is tried wherever its first character
(or any word start) allows, which keeps dispatch exact, only slower for that phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from harness.score.engines.cues.literals import alternatives

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
"""Where a phrase match can begin: ``_phrases`` tries phrases only at word starts."""


def _structure(pattern: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for the characters of ``pattern`` from ``i`` that can open,
    close or split a group: escapes and ``[...]`` classes are stepped over whole."""
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = pattern.index("]", j + 1) + 1
            continue
        depth += (ch == "(") - (ch == ")")
        yield j, ch, depth
        j += 1


def _group_end(pattern: str, i: int) -> int:
    """Index just past the parenthesis that closes the group opened at ``pattern[i]``."""
    for j, _, depth in _structure(pattern, i):
        if depth == 0:
            return j + 1
    raise ValueError(f"unbalanced group in phrase pattern {pattern!r}")


def first_chars(pattern: str) -> frozenset[str]:
    """Characters a match of ``pattern`` can start with, read from the phrase table's own simple syntax.

    Our phrase patterns begin with a literal, a ``(?:...)`` group of alternatives or a ``[...]`` class, each
    possibly optional. Anything else (an escape such as ``\\w``, a pattern that may match empty) may start
    anywhere a word starts, which keeps dispatch correct, only slower for that phrase.
    """
    def first(seq: str) -> tuple[set[str] | None, bool]:  # (chars or None for "any", can be empty)
        out: set[str] = set()
        i = 0
        while i < len(seq):
            ch = seq[i]
            if seq.startswith("(?:", i):
                j = _group_end(seq, i)
                chars: set[str] | None = set()
                empty = False
                for alt in alternatives(seq[i + 3:j - 1]):
                    a_chars, a_empty = first(alt)
                    chars = None if chars is None or a_chars is None else chars | a_chars
                    empty = empty or a_empty
            elif ch == "[" and not seq.startswith("[^", i):
                j = seq.index("]", i + 1) + 1
                body = seq[i + 1:j - 1]
                if "\\" in body:
                    return None, False
                chars = {c for c in body if c != "-"}
                for m in re.finditer(r"(.)-(.)", body):
                    chars.update(chr(v) for v in range(ord(m.group(1)), ord(m.group(2)) + 1))
                empty = False
            elif ch.isalnum() or ch in " '-":
                j, chars, empty = i + 1, {ch}, False
            else:
                return None, False
            if j < len(seq) and seq[j] in "?*":
                empty, j = True, j + 1
            if chars is None:
                return None, False
            out |= chars
            if not empty:
                return out, False
            i = j
        return out, True

    found: set[str] = set()
    for alternative in alternatives(pattern):
        chars, empty = first(alternative)
        if chars is None or empty:
            return _WORD_CHARS
        found |= chars
    return frozenset(found)




try:  # the regex module's parser, for the first two characters (a pattern it cannot read is tried everywhere)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: dispatch by the first character only
    _p = _c = None


def first_pairs(pattern: str) -> frozenset[str] | None:
    """The two-character strings a match of ``pattern`` can begin with; None when unsure (a match shorter than
    two characters, a class, a wildcard or a case-blind part at its start)."""
    if _p is None:
        return None
    try:
        parsed = _p.parse(pattern)
    except re.error:  # pragma: no cover - the lexicon compiles every pattern first
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _prefixes(parsed, 2)
    return None if found is None or any(len(p) < 2 for p in found) else frozenset(found)


def _prefixes(items: Any, m: int) -> set[str] | None:
    """Every string of at most ``m`` characters a match of the parsed sequence can begin with (a shorter one:
    the match can end there); None when unsure."""
    out = {""}
    for op, av in items:
        if all(len(p) >= m for p in out):
            break
        step = _item(op, av, m)
        if step is None:
            return None
        out = {p if len(p) >= m else (p + s)[:m] for p in out for s in (step if len(p) < m else {""})}
    return out


def _item(op: object, av: Any, m: int) -> set[str] | None:
    c = _c
    if op is c.LITERAL:
        return {chr(av)}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero width
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 64:
                chars.update(chr(v) for v in range(value[0], value[1] + 1))
            else:
                return None
        return chars
    if op is c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _prefixes(av[3], m)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _prefixes(branch, m)
            if found is None:
                return None
            out |= found
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        lo, hi, sub = av[0], av[1], av[2]
        one = _prefixes(sub, m)
        if one is None or "" in one:
            return None
        out, cur = ({""} if lo == 0 else set()), {""}
        for t in range(1, m + 1):
            cur = {p if len(p) >= m else (p + s)[:m] for p in cur for s in (one if len(p) < m else {""})}
            if t >= lo:
                out |= cur
            if t == hi:
                break
        return out
    return None


class PairDispatch:
    """Phrase patterns by the first two characters at a word start: only the phrases that can begin with them
    are tried there, in table order (a phrase that cannot begin with them cannot match there, so the first
    phrase that matches is the same as among all phrases of that first character)."""

    def __init__(self, patterns: list[str]) -> None:
        self._patterns = patterns
        self._by_char: dict[str, list[tuple[int, frozenset[str] | None]]] = {}
        for index, pattern in enumerate(patterns):
            pairs = first_pairs(pattern)
            for ch in first_chars(pattern):
                self._by_char.setdefault(ch, []).append(
                    (index, None if pairs is None else frozenset(p for p in pairs if p[0] == ch)))
        self._by_pair: dict[str, re.Pattern[str] | None] = {}
        for key in sorted({p for entries in self._by_char.values() for _, pairs in entries for p in pairs or ()}):
            self._compile(key)  # at import, so scoring workers inherit them compiled

    def _compile(self, key: str) -> re.Pattern[str] | None:
        chosen = [self._patterns[n] for n, pairs in self._by_char.get(key[0], []) if pairs is None or key in pairs]
        rx = re.compile(r"(?:" + "|".join(f"(?:{p})" for p in chosen) + r")\b") if chosen else None
        self._by_pair[key] = rx
        return rx

    def match(self, norm: str, i: int) -> re.Match[str] | None:
        """The first phrase (in table order, longest alternative as the regex prefers) matching at ``norm[i]``."""
        key = norm[i:i + 2]
        rx = self._by_pair[key] if key in self._by_pair else self._compile(key)
        return rx.match(norm, i) if rx is not None else None
