"""The answer's checkable statements: its sentences that make a specific statement, with spans.

Works on the per-answer analysis' sentences (``harness.core.text.split_sentences``: headings and
list items are their own units, each with its span). Skipped, never checked: headings and
heading-like lines, questions, reference lists (everything after a "Sources" / "References"
line until the next heading or full prose sentence), "Source: ..." lines, bibliographic lines,
lines that are mostly a citation, figures reported in order to refute them ("Myth: ...", "some
sites claim ...; that is false"), and
disclaimers that state no number. What is left is checked for the kinds of
``harness.score.engines.statements.specific``; a sentence with none is general and not checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from harness.core.text import Sentence
from harness.score.engines.statements.numbers import Quantity, quantities
from harness.score.engines.statements.specific import (
    KINDS,
    is_disclaimer,
    is_reference_line,
    is_references_header,
    is_refuted,
    kinds_of,
    mask,
)

_END_MARK = re.compile(r"[.!?:;]\W*$")
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True, slots=True)
class Statement:
    """One specific statement of the answer: its text, span, kinds and the masked form compared."""

    text: str
    start: int
    end: int
    kinds: tuple[str, ...]
    masked: str
    """The sentence with non-figures and citations blanked (same length), what numbers are read from."""

    @property
    def id(self) -> str:
        """Stable within an answer: its character span (what a reviewer's override names)."""
        return f"s{self.start}-{self.end}"

    @property
    def kind(self) -> str:
        """The most telling of its kinds (``KINDS`` order)."""
        return next(k for k in KINDS if k in self.kinds)


def find_statements(text: str, sentences: Sequence[Sentence], citation_spans: Sequence[tuple[int, int]] = (),
                    given: Sequence[Quantity] = ()) -> list[Statement]:
    """The specific statements among ``sentences`` of ``text`` (see the module docstring).

    ``given`` are the quantities the patient stated (in the question or its context: an age, a
    score, how long ago): restating them is not a claim, so they are masked like non-figures.
    """
    out: list[Statement] = []
    in_references = False
    for i, s in enumerate(sentences):
        raw = text[s.start:s.end]
        if is_references_header(s.text):
            in_references = True
            continue
        if s.kind == "heading" or (in_references and _prose(s)):
            in_references = False  # a heading, or a full prose sentence, ends a reference list
            if s.kind == "heading":
                continue
        if in_references or _heading_like(text, s) or s.text.rstrip().endswith("?") or is_reference_line(s.text):
            continue
        local = [(max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b in citation_spans
                 if a < s.end and b > s.start]
        if _mostly(raw, local):
            continue
        following = sentences[i + 1].text if i + 1 < len(sentences) and sentences[i + 1].block == s.block else ""
        if is_refuted(s.text, following):
            continue
        masked = mask(raw, local)
        if given:
            mine = [(q.start, q.end) for q in quantities(masked) if q.carried_by(list(given))]
            masked = mask(masked, mine) if mine else masked
        if is_disclaimer(raw) and not any(ch.isdigit() for ch in masked):
            continue
        kinds = kinds_of(masked)
        if kinds:
            out.append(Statement(raw, s.start, s.end, kinds, masked))
    return out


_PROSE_WORDS = 15


def _prose(s: Sentence) -> bool:
    """A full sentence of prose (not a list item, ends with a mark, at least 15 words): no longer references."""
    return s.kind == "sentence" and s.text.rstrip()[-1:] in ".!?" and len(s.text.split()) >= _PROSE_WORDS


def _heading_like(text: str, s: Sentence) -> bool:
    """A short plain line without an end mark ("Lung cancer treatment in 2026"): a heading in all but markup."""
    if s.kind != "sentence" or _END_MARK.search(s.text) or len(s.text.split()) > _MAX_HEADING_WORDS:
        return False
    if "|" in s.text:  # a table row: its cells are statements
        return False
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return line.strip() == text[s.start:s.end].strip()


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _mostly(raw: str, spans: Sequence[tuple[int, int]]) -> bool:
    """A citation line: citations cover at least 60% of it and the rest states no number outside brackets."""
    if not spans:
        return False
    visible = sum(not ch.isspace() for ch in raw)
    covered = sum(not raw[i].isspace() for a, b in spans for i in range(a, b))
    if visible == 0 or covered < 0.6 * visible:
        return False
    rest = _BRACKETED.sub(" ", mask(raw, spans))
    return not any(ch.isdigit() for ch in rest)
