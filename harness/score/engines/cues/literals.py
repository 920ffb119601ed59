"""A regex alternation that runs only the alternatives whose required words occur in the text.

A cue pattern is a large alternation, each alternative opening with ``\\b`` or a look-behind, so the
regex engine cannot use a literal prefix search and tries every alternative at every position of every
sentence (issue 16). :class:`Alternation` wraps such a compiled pattern: it splits it into its top-level
alternatives, reads from each one the literal strings a match cannot do without (from the pattern
itself, so an edited rule keeps its own literals), finds which of them occur in the text in one
Aho-Corasick pass, and runs only those alternatives.

Results are the full pattern's, match for match: an alternative whose required literals are absent
from the whole string cannot match at any position, so leaving it out changes nothing; the leftmost
match of the union is the leftmost of the open alternatives' leftmost matches, the first alternative
winning a tie, as in the union; ``finditer`` repeats that from the end of each match (no alternative may
match the empty string). When many alternatives are open, the whole union runs (one scan is then
cheaper). The literals of every wrapped pattern sit in one automaton, scanned once per text and kept
for the last texts seen, so the many patterns that read one sentence share one pass. Patterns this
cannot split exactly (capturing groups, case-blind or verbose flags, an alternative that may match
empty) run whole. ``tests/unit/score/test_speed_paths.py`` compares both ways on every wrapped pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import ahocorasick

try:  # the regex module's own parser: the literals are read from the pattern as the engine reads it
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: every alternative runs
    _p = _c = None


def alternatives(source: str) -> list[str]:
    """The top-level ``|`` alternatives of a pattern's source (escapes, classes and groups stepped over); the judge's
    phrase dispatch (``judge.phrase_starts``) splits its group bodies with it too."""
    cuts, depth, j = [], 0, 0
    while j < len(source):
        ch = source[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j += 1
            if j < len(source) and source[j] == "^":
                j += 1
            if j < len(source) and source[j] == "]":
                j += 1
            while j < len(source) and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            cuts.append(j)
        j += 1
    return [source[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(source)], strict=True)]


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two sets of required literals (longer shortest member, then fewer members)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _needs(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains; None when none is sure."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.AT:  # zero-width (\b, ^): the literals on both sides stay adjacent
            continue
        if run:
            best = _better(best, frozenset(("".join(run),)))
            run = []
        found: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            _, add_flags, _, sub = av
            found = None if add_flags & re.IGNORECASE else _needs(sub)
        elif op is _c.BRANCH:
            branches = [_needs(b) for b in av[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found = _needs(av[2])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found = _needs(av)
        best = _better(best, found)
    if run:
        best = _better(best, frozenset(("".join(run),)))
    return best if best and all(best) else None


class _Scanner:
    """Every wrapped pattern's literals in one Aho-Corasick automaton: one pass per text serves them all.

    ``masks(text)`` gives, per pattern, the bit mask of its alternatives whose literals occur in ``text``;
    kept for the last texts seen (a sentence is searched by many patterns, one after another). A pure
    function of the text, so the cache cannot change a result; it is rebuilt when a pattern registers.
    """

    def __init__(self) -> None:
        self._owners: dict[str, dict[int, int]] = {}
        self._automaton: Any = None
        self._seen: dict[str, dict[int, int]] = {}
        self.count = 0

    def register(self, needs: list[frozenset[str] | None]) -> int:
        """Register one pattern's alternatives' literals; returns the pattern's number."""
        pid = self.count
        self.count += 1
        for i, need in enumerate(needs):
            for word in need or ():
                owner = self._owners.setdefault(word, {})
                owner[pid] = owner.get(pid, 0) | (1 << i)
        self._automaton = None
        self._seen = {}
        return pid

    def masks(self, text: str) -> dict[int, int]:
        found = self._seen.get(text)
        if found is not None:
            return found
        automaton = self._automaton
        if automaton is None:
            automaton = ahocorasick.Automaton()
            for word, owner in self._owners.items():
                automaton.add_word(word, tuple(owner.items()))
            automaton.make_automaton()
            self._automaton = automaton
        found = {}
        seen: set[tuple[tuple[int, int], ...]] = set()
        for _, owner in automaton.iter(text):
            if owner in seen:
                continue
            seen.add(owner)
            for pid, bits in owner:
                found[pid] = found.get(pid, 0) | bits
        if len(self._seen) >= 512:
            self._seen = {}
        self._seen[text] = found
        return found


_SCANNER = _Scanner()


class Alternation:
    """A compiled pattern whose ``search``, ``match`` and ``finditer`` run only the alternatives that can match.

    Anything else (``sub``, ``findall``, ``pattern``, ...) is the wrapped pattern's own.
    """

    __slots__ = ("full", "_sources", "_alts", "_id", "_always", "_every", "_subsets")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.full = pattern
        self._sources: tuple[str, ...] = ()
        self._alts: dict[int, re.Pattern[str]] = {}
        """Alternatives compiled when first needed (most never are)."""
        self._id: int | None = None
        """The pattern's number in the shared scanner once split; -1: it runs whole; None: not read yet."""
        self._always = self._every = 0
        self._subsets: dict[int, list[re.Pattern[str]] | None] = {}
        _CREATED.append(self)

    def _split(self) -> int:
        """Read the alternatives and their required literals (on first use, so importing stays cheap)."""
        pattern = self.full
        self._id = -1
        if _p is None or pattern.groups or pattern.flags & (re.IGNORECASE | re.VERBOSE) \
                or not isinstance(pattern.pattern, str):
            return -1
        try:
            sources = alternatives(pattern.pattern)
            parsed = [_p.parse(s, pattern.flags) for s in sources]
        except (re.error, TypeError, ValueError, AttributeError):  # pragma: no cover - run the pattern whole
            return -1
        if any(p.getwidth()[0] == 0 for p in parsed):
            return -1  # an alternative that may match empty: finditer's rules for empty matches are the union's own
        needs = [_needs(p) for p in parsed]
        if all(n is None for n in needs):
            return -1
        self._sources = tuple(sources)
        self._every = (1 << len(sources)) - 1
        self._always = sum(1 << i for i, n in enumerate(needs) if n is None)
        self._id = _SCANNER.register(needs)
        return self._id

    def _alt(self, i: int) -> re.Pattern[str]:
        found = self._alts.get(i)
        if found is None:
            found = self._alts[i] = re.compile(self._sources[i], self.full.flags)
        return found

    def __getattr__(self, name: str) -> Any:  # only for names not on the wrapper: the pattern's own
        if name.startswith("_") or name == "full":  # not set yet (a copy being rebuilt): no recursion
            raise AttributeError(name)
        return getattr(self.full, name)

    def open(self, string: str) -> list[re.Pattern[str]] | None:
        """The alternatives that can match somewhere in ``string``, in pattern order; None: run the whole
        pattern (every alternative may match, or so many that one scan of the union is cheaper)."""
        pid = self._id if self._id is not None else self._split()
        if pid < 0:
            return None
        mask = _SCANNER.masks(string).get(pid, 0) | self._always
        if mask in self._subsets:
            return self._subsets[mask]
        ids = [i for i in range(len(self._sources)) if mask >> i & 1]
        found = None if len(ids) > _MAX_SEPARATE else [self._alt(i) for i in ids]
        if len(self._subsets) < 4096:
            self._subsets[mask] = found
        return found

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        alts = self.open(string)
        if alts is None:
            return self.full.search(string, pos, endpos)
        best = None
        for rx in alts:
            m = rx.search(string, pos, endpos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        alts = self.open(string)
        if alts is None:
            return self.full.match(string, pos, endpos)
        for rx in alts:
            m = rx.match(string, pos, endpos)
            if m is not None:
                return m
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        alts = self.open(string)
        if alts is None:
            return self.full.finditer(string, pos, endpos)
        if len(alts) <= 1:
            return alts[0].finditer(string, pos, endpos) if alts else iter(())
        return _scan(alts, string, pos, endpos)


_MAX_SEPARATE = 12
"""More open alternatives than this: one scan of the whole union costs less than one scan per alternative."""


def _scan(alts: list[re.Pattern[str]], string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
    """The union's ``finditer`` from its alternatives' own searches: at each step the leftmost next match,
    the first alternative winning a tie, then on from its end (no alternative matches the empty string)."""
    ahead: list[re.Match[str] | None] = [rx.search(string, pos, endpos) for rx in alts]
    while True:
        best: re.Match[str] | None = None
        for m in ahead:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()
        for i, m in enumerate(ahead):
            if m is not None and m.start() < pos:  # overlapped by the match: the next one from its end
                ahead[i] = alts[i].search(string, pos, endpos)


_CREATED: list[Alternation] = []


def split_all() -> None:
    """Read every wrapped pattern's literals now (the scoring fork server does, so its workers inherit them)."""
    for rx in _CREATED:
        if rx._id is None:
            rx._split()


def alternation(pattern: re.Pattern[str]) -> Any:
    """``pattern`` wrapped as an :class:`Alternation` (typed as a pattern for its callers)."""
    return Alternation(pattern)
