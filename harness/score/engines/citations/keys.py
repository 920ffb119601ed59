"""Normalised keys for matching citations against the registry: words, names, URLs, editions, journals.

Pure functions of strings, shared by the resolver (``resolve``) and its title and publisher
matching (``titles``).
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

from harness.core.text import normalize
from harness.score.engines.citations.mentions import Mention
from harness.score.engines.citations.resolution import Resolution

AUTHOR_IN_REGISTRY = re.compile(r"([A-Z][A-Za-z'’-]+)(?:\s+[A-Z]{1,3})?,?\s+et\s+al\b")
# publisher names that are also ordinary words ("Blood" the journal)
COMMON_WORDS = frozenset({"blood", "cancer", "leukemia", "nature", "science"})
FILLER = frozenset(["the", "a", "an", "of", "for", "and", "with", "in", "on", "to", "by", "from", "at", "as", "patients", "patient"])
# words that say what kind of document, not which one: ignored when comparing topics
GENERIC = frozenset({
    "guidelines", "guideline", "guide", "version", "clinical", "practice", "oncology", "page",
    "information", "info", "fact", "sheet"
})
JOURNAL_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("n engl j med", "nejm", "new england journal of medicine", "the new england journal of medicine"),
    ("lancet oncol", "lancet oncology", "the lancet oncology"),
    ("lancet haematol", "the lancet haematology"),
    ("lancet", "the lancet"),
    ("j clin oncol", "jco", "journal of clinical oncology"),
    ("blood adv", "blood advances"),
    ("blood",),
    ("jama oncol", "jama oncology"),
    ("nat med", "nature medicine"),
    ("nat commun", "nature communications"),
    ("sci transl med", "science translational medicine"),
    ("ann oncol", "annals of oncology"),
    ("j natl cancer inst", "jnci", "journal of the national cancer institute"),
    ("clin cancer res", "clinical cancer research"),
    ("br j haematol", "british journal of haematology"),
    ("sci rep", "scientific reports"),
)


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalize(text).replace("&", " and "))


def name_key(text: str) -> str:
    return " ".join(w for w in words_of(text) if w not in FILLER)


def content_key(text: str, publisher_words: frozenset[str]) -> str:
    return " ".join(w for w in words_of(text) if w not in FILLER and w not in GENERIC and w not in publisher_words)


def url_key(url: str) -> tuple[str, str]:
    raw = url if "://" in url else "https://" + url
    parts = urlsplit(raw)
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    host = host[4:] if host.startswith("www.") else host
    path = re.sub(r"/+$", "", parts.path)
    path = re.sub(r"\.(?:html?|php|aspx)$", "", path)
    return host, path.lower()


def edition_key(edition: str) -> str:
    """'Version 1.2016' / 'v1.2016' / '1.2016' -> '1.2016'; '2020 edition' -> '2020'."""
    text = edition.strip().lower()
    m = re.search(r"(\d{1,2}\.(?:19|20)\d\d)", text)
    if m:
        return m.group(1)
    m = re.search(r"((?:19|20)\d\d)", text)
    return m.group(1) if m else text


def journal_family(name: str) -> tuple[str, ...] | None:
    low = " ".join(words_of(name))
    for family in JOURNAL_FAMILIES:
        if low in family:
            return family
    return None


def publisher_keys(publisher: str) -> set[str]:
    """'American Society of Clinical Oncology (ASCO), Cancer.Net' -> its names and acronyms, as keys."""
    out = set()
    for part in re.split(r",\s*", publisher):
        for name in (re.sub(r"\s*\([^)]*\)", "", part), *re.findall(r"\(([^)]+)\)", part)):
            key = " ".join(w for w in words_of(name) if w != "the")
            if key:
                out.add(key)
    return out


def stems(text: str) -> set[str]:
    """Five-letter stems of a text's content words (a weak topic overlap test)."""
    return {w[:5] for w in words_of(text) if len(w) > 3 and w not in FILLER and w not in GENERIC}


def strip_edition(text: str) -> str:
    return re.sub(r"[,(\s]*(?:[Vv]ersion\s*\d{1,2}\.)?(?:19|20)\d\d\)?\s*$", "", text).strip()


def with_changes(r: Resolution, **changes: object) -> Resolution:
    """A copy of the resolution with ``changes`` applied."""
    return dataclasses.replace(r, **changes)  # type: ignore[arg-type]


def mention_with(m: Mention, **changes: object) -> Mention:
    """A copy of the mention with ``changes`` applied."""
    return dataclasses.replace(m, **changes)  # type: ignore[arg-type]
