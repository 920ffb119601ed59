"""Markdown-aware sentence splitting and text normalisation shared by every scorer.

Patient-facing answers are markdown: headings, bullet lists, numbered steps, bold. Sentence
splitters written for prose merge a bullet list into one giant "sentence" (which is why textstat
rates the lymphoma seed answer grade 15.7). Here every heading and list item is its own unit,
abbreviations ("Dr.", "e.g.") and decimals ("2.5 mg") do not split sentences, and each sentence
keeps its character span into the original answer, so evidence can be highlighted exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

SentenceKind = Literal["heading", "item", "sentence"]

_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof st vs etc e.g i.e approx fig figs al inc ltd jr sr dept vol eds ca u.s cf".split()
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_ITEM = re.compile(r"^\s*(?:[-*+•▪◦‣–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then whitespace.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_INLINE_MARKUP = re.compile(r"(\*\*|__|\*|`)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, heading or list item: cleaned text plus its span in the original string."""

    text: str
    start: int
    end: int
    kind: SentenceKind = "sentence"
    block: int = 0
    """Index of the paragraph/list block it belongs to (adjacent items share context)."""


def split_sentences(text: str) -> list[Sentence]:
    """Split markdown or plain text into sentences, headings and list items, with spans.

    >>> [s.text for s in split_sentences("# Options\\n- CAR T\\n- Dr. Lee said 2.5 mg. Then stop.")]
    ['Options', 'CAR T', 'Dr. Lee said 2.5 mg.', 'Then stop.']

    Pure and uncached: callers that need an answer's sentences more than once hold the list
    (the per-answer analysis, ``harness.score.analysis.AnswerAnalysis.sentences``, splits once).
    """
    if not text:
        return []
    text = restore_lost_breaks(text)
    out: list[Sentence] = []
    block = 0
    pending: list[tuple[int, int]] = []  # spans of prose lines that form one paragraph

    def flush() -> None:
        nonlocal block
        if pending:
            start, end = pending[0][0], pending[-1][1]
            out.extend(_split_prose(text, start, end, block))
            pending.clear()
            block += 1

    pos = 0
    for raw_line in text.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(raw_line.rstrip("\r\n"))
        pos += len(raw_line)
        line = text[line_start:line_end]
        if not line.strip() or _TABLE_RULE.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        item = None if heading else _ITEM.match(line)
        if heading or item:
            flush()
            marker = heading or item
            assert marker is not None
            body_start = line_start + marker.end()
            kind: SentenceKind = "heading" if heading else "item"
            parts = _split_prose(text, body_start, line_end, block)
            out.extend(Sentence(p.text, p.start, p.end, kind if len(parts) == 1 else "sentence" if i else kind,
                                block) for i, p in enumerate(parts))
            if heading:
                block += 1
            continue
        if pending and _continues(text[pending[-1][0]:pending[-1][1]], line):
            pending.append((line_start, line_end))
            continue
        flush()
        pending.append((line_start, line_end))
    flush()
    return [s for s in out if s.text]


_LOST_BREAK = re.compile(r"n(?=[A-Z][a-z])")  # a literal first: the engine's fast scan (a look-behind first is 10x slower)
_BEFORE_BREAK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.:;!?)")


def restore_lost_breaks(text: str) -> str:
    """``text`` with line breaks that an export flattened to a bare letter n put back, at the same length.

    Scraped or exported answers (the K-QA model answers among them) carry ``"fluids.nUse a humidifier"`` and
    ``"when swallowingnHeartburnnNausea"``, where ``\\n`` lost its backslash: one run-on "word" hides a list of
    symptoms from every scorer. An ``n`` before a capitalised word is such a break after a sentence mark, or
    after a word that the ``n`` would turn into a non-word (``swallowing`` + n), never inside a compound name
    (``ReninAngiotensin``: ``renin`` is a word; ``CanSino``: ``can``). Replacing one character keeps every span.

    >>> restore_lost_breaks("plenty of fluids.nUse a humidifier; swallowingnHeartburn; ReninAngiotensin")
    'plenty of fluids.\\nUse a humidifier; swallowing\\nHeartburn; ReninAngiotensin'
    """
    candidates = [m.start() for m in _LOST_BREAK.finditer(text) if m.start() and text[m.start() - 1] in _BEFORE_BREAK]
    if not candidates:
        return text
    chars = list(text)
    for at in candidates:
        start = at
        while start > 0 and chars[start - 1].isascii() and chars[start - 1].isalpha():
            start -= 1  # the word before, back to the last break put back ("hungernFatiguen...")
        if _lost_break_after(text[start:at]):
            chars[at] = "\n"
    return "".join(chars)


def _lost_break_after(word: str) -> bool:
    if not word:
        return True  # after a sentence mark: ".nUse"
    from wordfreq import zipf_frequency  # only when a candidate occurs: clean text never loads it

    piece = word.lower()
    return zipf_frequency(piece, "en") >= 1.5 and zipf_frequency(piece + "n", "en") == 0.0


WRAP_WIDTH = 60
"""A line at least this long that ends without a sentence mark was hard-wrapped (YAML blocks, email)."""
MAX_WRAP_WIDTH = 110
"""Lines longer than this were not hard-wrapped (editors and e-mail wrap at 72-100 columns)."""
_HAS_END_MARK = re.compile(r"[.!?]")


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph line continues the previous one.

    It does when the previous line has no end mark and either the next line starts in lower case
    or the previous line is as long as wrapped prose; a short unpunctuated line ("Treatment
    options") is a heading-like line of its own.
    """
    prev = previous.rstrip()
    nxt = line.lstrip()
    if not prev or not nxt or prev[-1] in ".!?:;":
        return False
    if nxt[0].islower() or nxt[0] in ",(":
        return True
    # A wrapped line is about as long as the wrap width, never far longer (a 165-character line
    # without a full stop is a logical line: a label or item of a plain-text answer), and what
    # follows it is more prose: it has a sentence mark or is itself a full line. A short
    # unpunctuated next line ("Monitoring for Early Detection") is a heading of its own.
    return WRAP_WIDTH <= len(prev) <= MAX_WRAP_WIDTH and (len(nxt) >= WRAP_WIDTH or _HAS_END_MARK.search(nxt) is not None)


def _split_prose(text: str, start: int, end: int, block: int) -> list[Sentence]:
    """Split text[start:end] into sentences, respecting abbreviations and decimals."""
    segment = text[start:end]
    cuts: list[int] = []
    for match in _END.finditer(segment):
        stop = match.end()
        dot = match.group(0)
        if dot.startswith(".") and len(dot.rstrip("\"'”’)]")) == 1:
            word = _word_before(segment, match.start())
            if word and (word.lower() in _ABBREVIATIONS or len(word) == 1):
                continue
        # look only at the next non-space character: slicing the rest of the segment here made
        # splitting quadratic (minutes for a 400 kB paragraph)
        nxt = _NEXT_CHAR.match(segment, stop)
        if nxt and nxt.group(1).islower():
            continue  # "e.g. something" style continuation
        cuts.append(stop)
    pieces: list[Sentence] = []
    prev = 0
    for cut in [*cuts, len(segment)]:
        piece = segment[prev:cut]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + prev + lead, start + prev + len(piece.rstrip())
        prev = cut
        if e > s:
            pieces.append(Sentence(clean_inline(text[s:e]), s, e, "sentence", block))
    return pieces


_NEXT_CHAR = re.compile(r"\s*(\S)")
_MAX_ABBREVIATION = 32


def _word_before(segment: str, dot: int) -> str:
    """The run of ASCII letters and dots just before ``segment[dot]`` ("e.g", "Dr"), starting at a letter.

    Scans back at most ``_MAX_ABBREVIATION`` characters, so splitting stays linear in the text length.
    """
    j = dot
    floor = max(0, dot - _MAX_ABBREVIATION)
    while j > floor and segment[j - 1].isascii() and (segment[j - 1].isalpha() or segment[j - 1] == "."):
        j -= 1
    return segment[j:dot].lstrip(".")


_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")


def clean_inline(text: str) -> str:
    """Remove inline markdown (bold, italics, code ticks, link syntax) and squeeze spaces.

    Each substitution runs only when its marker character is present (most sentences have none);
    ``" ".join(text.split())`` is the same squeeze as ``re.sub(r"\\s+", " ", text).strip()``.
    """
    if "[" in text:
        text = _LINK.sub(r"\1 (\2)", text)
    if "*" in text or "_" in text or "`" in text:
        text = _INLINE_MARKUP.sub("", text)
    return " ".join(text.split())


_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = {ord("‘"): "'", ord("’"): "'", ord("“"): '"', ord("”"): '"'}


def normalize(text: str) -> str:
    """Lower-case, NFKC, unify dashes and quotes, squeeze spaces: the form matchers compare."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().lower()


def plain_text(text: str) -> str:
    """The answer as plain prose: one unit per line, markdown markers removed."""
    return "\n".join(s.text for s in split_sentences(text))
