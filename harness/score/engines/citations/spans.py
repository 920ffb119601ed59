"""Span helpers of citation extraction: topic trimming, editions after a title, overlaps, Sources lists.

Pure functions of the text and of mentions already found; ``extract`` calls them.
"""

from __future__ import annotations

import re

from harness.score.engines.citations.mentions import Mention
from harness.score.engines.citations.patterns import EDITION, SOURCES_HEAD, TOPIC_STOP, YEAR, YEAR_RE


def trim_topic(topic: str) -> tuple[str, int]:
    """Cut a guideline's topic where the sentence moves on; return it and the characters consumed."""
    words = list(re.finditer(r"\S+", topic))
    keep_end = 0
    for i, w in enumerate(words):
        token = w.group(0)
        bare = token.strip(".,;:()").lower()
        if bare in TOPIC_STOP or (i > 0 and bare in {"the", "a", "an"}):
            break
        if token[0].islower() and i > 0 and all(ch.islower() for ch in token if ch.isalpha()) and \
                words[0].group(0)[0].isupper() and bare not in {"of", "in", "with", "and", "for", "cell", "b-cell"}:
            break  # a Title Case topic ends at the first ordinary lower-case word
        if re.fullmatch(rf"\(?{YEAR}\)?[.,;:]?", token) or re.fullmatch(r"\(?[Vv]ersion", token):
            break
        keep_end = w.end()
        if re.search(r"[.,;:)\]]$", token) or "(" in token:
            keep_end = w.end() - len(token) + len(token.rstrip(".,;:)]").split("(")[0])
            break
    return topic[:keep_end].rstrip(" -–—"), keep_end


def edition_after(text: str, pos: int) -> tuple[str | None, int]:
    """An edition/version/year written right after a title: ", 2020", " (2026)", " Version 1.2016"."""
    m = re.match(rf"\s*(?:,\s*|\(\s*|[-–—]\s*|\.\s+(?=[Vv]ersion|[Uu]pdated|[Pp]ublished))?"
                 rf"(?:(?:[Uu]pdated|[Pp]ublished|[Ee]dition|ed\.)\s*)?(?P<ed>{EDITION})\s*\)?",
                 text[pos:])
    if m is None:
        return None, pos
    consumed = m.end()
    raw = text[pos:pos + consumed]
    if raw.rstrip().endswith(")") and "(" not in raw:
        consumed = len(raw.rstrip()) - 1  # the ")" belongs to an earlier bracket
    return m.group("ed"), pos + len(text[pos:pos + consumed].rstrip())


def year_of(edition: str | None) -> int | None:
    if not edition:
        return None
    m = YEAR_RE.search(edition)
    return int(m.group(1)) if m else None


PRIORITY = {"url": 0, "doi": 0, "pmid": 0, "journal": 1, "guideline": 2, "trial": 2, "registry": 2,
             "attribution": 3, "reference": 4}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Identifiers first, then longer mentions; drop whatever overlaps an already kept mention."""
    kept: list[Mention] = []
    def rank(m: Mention) -> int:
        # a bare "Cancer.Net" is usually part of a name ("Cancer.Net Multiple Myeloma"), not an address
        return 3 if m.kind == "url" and m.extra.get("bare") else PRIORITY[m.kind]

    ordered = sorted(mentions, key=lambda m: (rank(m) > 0, -(m.end - m.start), rank(m), m.start))
    for m in ordered:
        if any(k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    return kept


def sources_blocks(text: str) -> list[tuple[int, int]]:
    """Character ranges holding the items of each Sources/References list."""
    blocks = []
    for head in SOURCES_HEAD.finditer(text):
        line_end = text.find("\n", head.end())
        line_end = len(text) if line_end < 0 else line_end
        has_colon = text[head.start():head.end()].strip().endswith(":")
        if not has_colon and text[head.end():line_end].strip():
            continue  # "Resources for families are..." is prose, not a list heading
        end = line_end
        pos = line_end + 1
        while pos < len(text):
            nxt = text.find("\n", pos)
            nxt = len(text) if nxt < 0 else nxt
            line = text[pos:nxt]
            if not line.strip() or re.match(r"^\s*#", line) or SOURCES_HEAD.match(line) and line.rstrip().endswith(":"):
                break
            end = nxt
            pos = nxt + 1
        blocks.append((head.end(), end))
    return blocks


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a list's text into items at line breaks and semicolons; trim markers and spaces."""
    items = []
    for m in re.finditer(r"[^\n;]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        seg = text[s:e]
        lead = re.match(r"^[\s\-*+•\d.)\[\]]*", seg)
        s += lead.end() if lead else 0
        seg = text[s:e]
        e = s + len(seg.rstrip(" .\t*_"))
        if e > s:
            items.append((s, e))
    return items
