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
from collections.abc import Iterable, Mapping

_ASCII_TWINS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_ET_AL = re.compile(r"et\s+al")

# the words each pattern of ``extract`` cannot match without (see the table in ``Extractor.extract``)
URL_WORDS = ("://", "www.", ".gov", ".org", ".com", ".net", ".edu", ".int", ".uk", ".ca", ".au")
DOC_WORDS = ("guid", "recommendation", "consensus", "statement", "sheet")  # every DOC_NOUNS form
APA_WORDS = ("updated", "published", "accessed", "last")
LABEL_WORDS = ("label", "prescribing", "package")
# what the attribution pattern needs right before a publisher (one space for each \s+) or right after it
_LEADS = ("according to", "per", "source:", "as stated by", "as recommended by", "as noted by", "as reported by",
          "recommended by", "data from", "information from", "see")
BEFORE_ORG = tuple(f"{lead} " for lead in _LEADS) + tuple(f"{lead} the " for lead in _LEADS)
AFTER_ORG = tuple(f" {verb}" for verb in ("says", "states", "recommends", "notes", "reports", "advises", "suggests",
                                            "estimates", "explains"))
REGISTRY_TOKEN = re.compile(r"[\w.&'’-]+")
REGISTRY_CHAR = re.compile(r"[\w.&'’-]")
"""A token of the registry scan (``Extractor._registry_hits``) and one of its characters."""


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


def registry_token_starts(text: str, facts: TextFacts | None, index: Mapping[str, object]) -> list[int]:
    """Start of every token of ``text`` whose lower-case form (or that without trailing ``.'’-``) is in ``index``.

    The registry scan looks each token up in ``index`` (registry names by first word) and does
    nothing for the others, so visiting only these starts changes nothing. Every token start is
    returned when ``facts`` is None or when lower-casing changes the text's length (positions in
    the lower-cased text would not line up).
    """
    if facts is None or len(facts.lowered) != len(text):
        return [w.start() for w in REGISTRY_TOKEN.finditer(text)]
    present = [t for t in {w.lower() for w in set(REGISTRY_TOKEN.findall(text))}
               if t in index or t.rstrip(".'’-") in index]
    starts: set[int] = set()
    lowered = facts.lowered
    for token in present:
        pos = lowered.find(token)
        while pos >= 0:
            if pos == 0 or not REGISTRY_CHAR.match(text, pos - 1):
                word = REGISTRY_TOKEN.match(text, pos)
                if word is not None and word.group(0).lower() == token:
                    starts.add(pos)
            pos = lowered.find(token, pos + 1)
    return sorted(starts)
