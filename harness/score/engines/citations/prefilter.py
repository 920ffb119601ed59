"""Cheap literal prefilters that decide which citation patterns can match a text at all.

Few answers cite anything (25 of the 1,377 MedQuAD cancer answers), yet every detailed pattern
used to scan every answer, and most begin with ``\\b`` or a look-behind before a large
alternation of publisher or journal names, which keeps the regex engine from searching for a
literal prefix. Each pattern is now run only when the words it cannot match without are in the
text (``Extractor.extract`` holds the table: e.g. the guideline pattern needs a publisher name
*and* one of "guid", "recommendation", "consensus", "statement", "sheet").

Every gate is a **necessary** condition of its pattern, so gating never changes what is found:

- words a pattern spells in lower case only are looked for in the text as is; words a pattern
  matches case-insensitively (``re.I``, ``(?i:...)``, ``[Gg]``) in :attr:`TextFacts.folded`, the
  text lower-cased with the four non-ASCII letters that Python's ``re`` case-insensitively equates
  with ASCII ones mapped to them (İ, ı -> i; ſ -> s; Kelvin sign -> k);
- names whose words a pattern joins with ``\\s+`` are looked for with single spaces in the text
  with every whitespace run squeezed to one space;
- a name that is not plain ASCII makes its gate always open (no fold subtleties to get wrong).

``tests/unit/score/test_citations.py`` checks gated and ungated extraction agree, on the labelled
cases and on generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ASCII_TWINS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_ET_AL = re.compile(r"et\s+al")


class TextFacts:
    """The forms of one text the gates look words up in, each computed on first use."""

    __slots__ = ("_folded", "_folded_spaced", "_has_year", "_lowered", "_spaced", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._lowered: str | None = None
        self._spaced: str | None = None
        self._folded_spaced: str | None = None
        self._has_year: bool | None = None

    @property
    def folded(self) -> str:
        """Lower-cased, with the ASCII twins mapped: where case-insensitive words are looked for."""
        if self._folded is None:
            self._folded = self.text.translate(_ASCII_TWINS).lower()
        return self._folded

    @property
    def lowered(self) -> str:
        """``str.lower()`` of the text (what the registry scan compares its tokens with)."""
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    @property
    def spaced(self) -> str:
        """Every whitespace run squeezed to one space (for names a pattern joins with ``\\s+``)."""
        if self._spaced is None:
            self._spaced = " ".join(self.text.split())
        return self._spaced

    @property
    def folded_spaced(self) -> str:
        if self._folded_spaced is None:
            self._folded_spaced = self.spaced.translate(_ASCII_TWINS).lower()
        return self._folded_spaced

    @property
    def has_year(self) -> bool:
        """A 19xx or 20xx digit group somewhere (every dated pattern needs one)."""
        if self._has_year is None:
            self._has_year = _YEAR.search(self.text) is not None
        return self._has_year

    def any_folded(self, words: Iterable[str]) -> bool:
        """One of these lower-case ASCII ``words`` occurs in the folded text."""
        folded = self.folded
        return any(w in folded for w in words)

    def any_exact(self, words: Iterable[str]) -> bool:
        """One of these ``words`` occurs in the text, case as written."""
        text = self.text
        return any(w in text for w in words)

    def et_al(self) -> bool:
        return _ET_AL.search(self.text) is not None


class NameGate:
    """Could one of these names (as ``extract._org_pattern`` writes them into a regex) occur in a text?

    Names in capitals (acronyms) are matched case-sensitively by the patterns, the others
    case-insensitively; spaces become ``\\s+`` and ``&`` becomes ``(?:&|and)``.
    """

    __slots__ = ("always", "cased", "folded")

    def __init__(self, names: Iterable[str]) -> None:
        cased: set[str] = set()
        folded: set[str] = set()
        self.always = False
        for name in names:
            if not name.isascii() or not name.strip():
                self.always = True
                continue
            spaced = " ".join(name.split())
            variants = {spaced, spaced.replace("&", "and")}
            if name.isupper():
                cased |= variants
            else:
                folded |= {v.lower() for v in variants}
        self.cased = tuple(sorted(cased, key=len))
        self.folded = tuple(sorted(folded, key=len))

    def found(self, facts: TextFacts) -> tuple[str, ...] | None:
        """The names written in the text, lower-cased with single spaces; None when the gate is always open."""
        if self.always:
            return None
        spaced = facts.spaced
        out = [n.lower() for n in self.cased if n in spaced]
        folded = facts.folded_spaced
        out += [n for n in self.folded if n in folded]
        return tuple(out)


def adjacent(facts: TextFacts, names: tuple[str, ...] | None, before: tuple[str, ...] = (),
             after: tuple[str, ...] = ()) -> bool:
    r"""One of ``names`` (from :meth:`NameGate.found`) written right after one of ``before`` or before one of ``after``.

    Looked for in :attr:`TextFacts.folded_spaced`, so ``before``/``after`` are lower-case and use one
    space wherever their pattern has ``\s+``. ``names`` None (gate always open): True.
    """
    if names is None:
        return True
    text = facts.folded_spaced
    return any(b + n in text for n in names for b in before) or any(n + a in text for n in names for a in after)
