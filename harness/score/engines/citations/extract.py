"""Find the citations in an answer: every form a patient sees, each with its exact character span.

Forms recognised (``Mention.kind``):

- ``url``: ``https://…``, ``www.…`` and bare ``host.gov/path`` addresses;
- ``doi``: ``doi:10.1056/…`` or ``https://doi.org/10.…`` (also a ``doi:`` label followed by
  something that is not a DOI, so the resolver can call it malformed);
- ``pmid``: ``PMID: 41037766`` (also ``PMID`` followed by something that is not digits);
- ``guideline``: a named guideline or patient document, with its edition or year when given
  ("NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2026)", "Version 1.2016",
  "ASCO 2023 guideline", "Adult Non-Hodgkin Lymphoma Treatment (PDQ)");
- ``journal``: a journal reference ("Locke et al., N Engl J Med 2022", "Blood 2015;125:3679",
  "a 2022 study in The Lancet");
- ``trial``: a named trial ("the ZUMA-7 trial", or a trial name the registry knows);
- ``registry``: a registry title or alias written out in the text (only distinctive ones: titles
  such as "Hospice Care" are ordinary words and are looked for only in a Sources list);
- ``attribution``: a publisher named as the source ("according to the American Cancer Society");
- ``reference``: any other item of a "Sources:" / "References:" list.

Extraction is regular expressions plus the registry's own names; it is deterministic and offline.
Where mentions overlap, identifiers (URL, DOI, PMID) win, then the longer mention, so
"NCCN Guidelines for Patients: DLBCL (2026)" is one mention with its edition, not two.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from harness.battery import Source
from harness.score.engines.citations.patterns import (
    AMBIGUOUS_JOURNALS,
    AUTHOR_YEAR,
    DISTINCT_WORDS,
    DOC_NOUNS,
    DOC_TAIL,
    DOI,
    EDITION,
    ET_AL,
    JOURNAL_YEAR,
    KNOWN_PUBLISHERS,
    LABEL_FOR,
    MONTHS,
    MORE_PMIDS,
    NOT_TRIALS,
    PDQ,
    PMID,
    PUBLISHED_IN,
    SITE_TITLE,
    SOURCES_HEAD,
    TOPIC_STOP,
    TRIAL,
    URL,
    VERSION_ONLY,
    YEAR,
    YEAR_RE,
)

MentionKind = Literal["url", "doi", "pmid", "guideline", "journal", "trial", "registry", "attribution",
                      "reference"]

# Publishers patients see cited. The registry's own publishers are added at run time.
@dataclass(frozen=True, slots=True)
class Mention:
    """One citation as written: where it is, what form it takes and the parts that were recognised."""

    kind: MentionKind
    start: int
    end: int
    text: str
    title: str | None = None
    """The document title or the text to look up in the registry (without edition)."""
    publisher: str | None = None
    edition: str | None = None
    """Edition or version as written ("Version 1.2016", "2026", "March 2027")."""
    year: int | None = None
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    authors: tuple[str, ...] = ()
    journal: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def span(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _publisher_names(sources: Iterable[Source]) -> list[str]:
    """Known publisher names: the static list plus each registry publisher and its (ACRONYM)s."""
    names = set(KNOWN_PUBLISHERS)
    for s in sources:
        for part in re.split(r",\s*", s.publisher):
            bare = re.sub(r"\s*\([^)]*\)", "", part).strip()
            if bare:
                names.add(bare)
                if bare.lower().startswith("the "):
                    names.add(bare[4:])
            names.update(a.strip() for a in re.findall(r"\(([^)]+)\)", part) if 2 <= len(a.strip()) <= 12)
    # longest first so "National Cancer Institute" wins over "NCI"-like prefixes
    return sorted(names, key=len, reverse=True)


def _org_pattern(names: list[str]) -> str:
    parts = []
    for n in names:
        escaped = re.escape(n).replace(r"\ ", r"\s+").replace(r"\&", "(?:&|and)")
        # acronyms are matched case-sensitively; full names in any case
        parts.append(escaped if n.isupper() else f"(?i:{escaped})")
    return "(?:" + "|".join(parts) + ")"


class Extractor:
    """Extracts citation mentions; built once per registry (its names join the patterns)."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self.sources = tuple(sources)
        self.publishers = _publisher_names(self.sources)
        org = _org_pattern(self.publishers)
        topic_word = r"[A-Za-z0-9][\w\-/’'.]*"
        self._titled = re.compile(
            rf"(?<![\w.])(?:(?:the\s+)?(?P<pre>{YEAR})\s+)?(?P<org>{org})(?:['’]s)?\s+"
            rf"(?:\(\s*[A-Z]{{2,6}}\s*\)\s+)?(?:{YEAR}\s+)?(?P<doc>{DOC_NOUNS}(?:®)?"
            rf"(?:\s+[Uu]pdate)?(?:\s+(?:for\s+Patients|in\s+Oncology)(?:®)?)?(?:\s*\((?:NCCN\s+Guidelines®?)\))?)"
            rf"(?:\s*(?:(?P<sep>[:\-–—,])\s*|\s+(?:on|for|about|with|in)\s+(?:the\s+)?)(?P<topic>{topic_word}"
            rf"(?:\s+{topic_word}){{0,15}}))?")
        self._year_org_doc = re.compile(
            rf"(?<![\w.])(?P<org>{org})\s+(?P<year>{YEAR})\s+(?P<doc>{DOC_NOUNS})")
        self._apa = re.compile(  # "American Cancer Society. Multiple Myeloma. Updated January 2027."
            rf"(?<![\w.])(?P<org>{org})\.\s+(?P<title>[A-Z][^.\n]{{2,120}})\.\s+(?:[Uu]pdated|[Pp]ublished|"
            rf"[Aa]ccessed|[Ll]ast\s+(?:updated|reviewed))\s*:?\s+(?P<date>(?:(?:{MONTHS})\.?\s+)?(?:\d{{1,2}},?\s+)?"
            rf"{YEAR})")
        self._attribution = re.compile(
            rf"\b(?:[Aa]ccording\s+to|[Pp]er|[Ss]ource:|as\s+(?:stated|recommended|noted|reported)\s+by|"
            rf"[Rr]ecommended\s+by|[Dd]ata\s+from|[Ii]nformation\s+from|[Ss]ee)\s+(?:the\s+|The\s+)?(?P<org>{org})\b"
            rf"|(?<![\w.])(?P<org2>{org})\s+(?:says|states|recommends|notes|reports|advises|suggests|estimates|explains)\b")
        # in-text citations: "(American Cancer Society, 2023)", "(NCCN 2024)"
        self._org_year = re.compile(rf"\((?P<org>{org}),?\s+(?P<year>{YEAR})[a-z]?\)"
                                    rf"|(?<![\w.])(?P<org3>{org})\s*\((?P<year3>{YEAR})[a-z]?\)")
        self._registry_names = self._distinctive_names()
        # one alternation (longest names first) finds candidates in a single pass over the text
        # index the names by their first word, so the text is scanned once, word by word
        self._by_first_word: dict[str, list[tuple[re.Pattern[str], str, str]]] = {}
        for entry in sorted(self._registry_names, key=lambda t: len(t[1]), reverse=True):
            first = re.match(r"[\w.&'’-]+", entry[1])
            key = first.group(0).lower() if first else ""
            self._by_first_word.setdefault(key, []).append(entry)

    # ----------------------------------------------------------------------------------------
    def extract(self, text: str) -> list[Mention]:
        """All citation mentions in ``text``, non-overlapping, in order of position."""
        found: list[Mention] = []
        found += self._urls(text)
        found += self._dois(text)
        found += self._pmids(text)
        found += self._journals(text)
        found += self._guidelines(text)
        found += self._trials(text)
        found += self._registry_hits(text)
        found += self._attributions(text)
        kept = _resolve_overlaps(found)
        kept += self._reference_items(text, kept)
        # the span is the truth: whatever a pattern trimmed, the text is exactly what the span covers
        return sorted((m if m.text == text[m.start:m.end] else dataclasses.replace(m, text=text[m.start:m.end])
                       for m in kept), key=lambda m: m.start)

    # ----------------------------------------------------------------------------------------
    def _urls(self, text: str) -> list[Mention]:
        out = []
        for m in URL.finditer(text):
            raw = m.group(0).rstrip(".,;:!?*_")
            if "@" in raw or (m.start() > 0 and text[m.start() - 1] in "@.-"):
                continue  # an e-mail address, not a citation
            if raw.lower().startswith("doi.org/") or "doi.org/" in raw.lower():
                continue  # the DOI pattern owns these
            host = raw.split("/", 1)[0].lower()
            if "://" not in raw and not raw.lower().startswith("www.") and "/" not in raw and \
                    re.fullmatch(r"[a-z0-9-]+\.[a-z]+", host) is None:
                continue
            bare = "://" not in raw and not raw.lower().startswith("www.") and "/" not in raw
            end = m.start() + len(raw)
            titled = SITE_TITLE.match(text, end) if bare else None
            if titled:
                # "Cancer.Net: Ewing Family of Tumors": a page of that site, named by its title
                stop = titled.end("title")
                out.append(Mention("reference", m.start(), stop, text[m.start():stop], title=text[m.start():stop],
                                   publisher=raw))
                continue
            out.append(Mention("url", m.start(), end, raw, url=raw, extra={"bare": "yes"} if bare else {}))
        return out

    def _dois(self, text: str) -> list[Mention]:
        out = []
        for m in DOI.finditer(text):
            value = (m.group("doi") or m.group("bare") or "").rstrip(".,;:)]*_")
            if not value:
                continue
            end = m.start("doi" if m.group("doi") else "bare") + len(value)
            out.append(Mention("doi", m.start(), end, text[m.start():end], doi=value))
        return out

    def _pmids(self, text: str) -> list[Mention]:
        out = []
        for m in PMID.finditer(text):
            value = m.group("pmid").rstrip(".")
            end = m.start("pmid") + len(value)
            out.append(Mention("pmid", m.start(), end, text[m.start():end], pmid=value))
            while (more := MORE_PMIDS.match(text, end)) is not None:  # "PMIDs: 123, 456"
                out.append(Mention("pmid", more.start("pmid"), more.end("pmid"), more.group("pmid"),
                                   pmid=more.group("pmid")))
                end = more.end()
        return out

    def _journals(self, text: str) -> list[Mention]:
        out = []
        for m in ET_AL.finditer(text):
            tail = m.group("tail") or ""
            end = m.end("tail") if tail else m.end()
            while end > m.start() and text[end - 1] in ") " and \
                    text.count("(", m.start(), end) < text.count(")", m.start(), end):
                end -= 1  # a closing bracket that opened before the reference is not part of it
            out.append(Mention("journal", m.start(), end, text[m.start():end],
                               authors=(m.group("authors").split()[0],), journal=m.group("journal"),
                               year=int(m.group("year")), edition=m.group("year"), title=m.group("title")))
        for m in JOURNAL_YEAR.finditer(text):
            journal = m.group("journal")
            if journal in AMBIGUOUS_JOURNALS and not (m.group("tail") or journal in {"Blood", "Lancet"}):
                continue
            end = m.end("tail") if m.group("tail") else m.end()
            out.append(Mention("journal", m.start(), end, text[m.start():end], journal=journal,
                               year=int(m.group("year")), edition=m.group("year")))
        for m in PUBLISHED_IN.finditer(text):
            year = m.group("year1") or m.group("year2")
            out.append(Mention("journal", m.start(), m.end(), text[m.start():m.end()], journal=m.group("journal"),
                               year=int(year) if year else None, edition=year))
        return out

    def _guidelines(self, text: str) -> list[Mention]:
        out = []
        for m in self._titled.finditer(text):
            start, end = m.start(), m.end()
            topic = m.group("topic")
            if topic and m.group("sep") == ",":
                # "NCCN Guidelines, Diffuse Large B-Cell Lymphoma" is a title; "NCCN Guidelines, MRD tests can" is not
                words = topic.split()
                if len(words) < 2 or not all(w[:1].isupper() for w in words[:2]):
                    topic = None
            if topic:
                topic, consumed = _trim_topic(topic)
                end = m.start("topic") + consumed if topic else m.end("doc")
            else:
                end = m.end("doc")
            edition, end = _edition_after(text, end)
            pre = m.group("pre")
            if edition is None and pre:
                edition = pre
            inner_year = re.search(rf"\b{YEAR}\b", text[m.end("org"):m.start("doc")])
            if edition is None and inner_year:
                edition = inner_year.group(0)
            title_end = (m.start("topic") + len(topic)) if topic else m.end("doc")
            title = re.sub(r"\s+", " ", text[m.start("org"):title_end]).strip()
            if pre:
                start = m.start("pre")
            out.append(Mention("guideline", start, end, text[start:end], title=title if topic else None,
                               publisher=m.group("org"), edition=edition, year=_year_of(edition)))
        for m in self._apa.finditer(text):
            title = f"{m.group('org')} {m.group('title')}"
            out.append(Mention("reference", m.start(), m.end(), text[m.start():m.end()], title=title,
                               publisher=m.group("org"), edition=m.group("date"), year=_year_of(m.group("date"))))
        for m in self._year_org_doc.finditer(text):
            out.append(Mention("guideline", m.start(), m.end(), text[m.start():m.end()], title=None,
                               publisher=m.group("org"), edition=m.group("year"), year=int(m.group("year"))))
        for m in PDQ.finditer(text):
            title = m.group("title")
            cut = max(title.rfind("'s "), title.rfind("’s "))
            lead = cut + 3 if cut >= 0 else 0
            if title[lead:].startswith("The "):
                lead += 4
            lead += len(title[lead:]) - len(title[lead:].lstrip())
            title = title[lead:]
            edition, end = _edition_after(text, m.end())
            out.append(Mention("guideline", m.start() + lead, end, text[m.start() + lead:end],
                               title=title.strip(), publisher="National Cancer Institute", edition=edition,
                               year=_year_of(edition)))
        for m in VERSION_ONLY.finditer(text):
            out.append(Mention("guideline", m.start(), m.end(), m.group(0), edition=m.group(0),
                               year=int(m.group("year"))))
        return out

    def _trials(self, text: str) -> list[Mention]:
        out = []
        orgs = {p for p in self.publishers if p.isupper()}
        for m in TRIAL.finditer(text):
            name = m.group("name") or m.group("name2")
            if name in orgs or name.upper() in NOT_TRIALS:
                continue
            if not (any(c.isdigit() for c in name) or "-" in name or (name.isupper() and len(name) >= 5)):
                continue
            out.append(Mention("trial", m.start(), m.end(), m.group(0), title=name))
        return out

    def _distinctive_names(self) -> list[tuple[re.Pattern[str], str, str]]:
        """(pattern, name, source id) for registry names that can be looked for anywhere in the text."""
        out = []
        publishers = _publisher_regex(self.publishers)
        for s in self.sources:
            for name in (s.title, *s.aliases):
                name = name.strip()
                if not name:
                    continue
                single = " " not in name
                if single and s.kind == "trial" and (any(c.isdigit() for c in name) or sum(c.isupper() for c in name) >= 4):
                    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")  # case-sensitive trial name
                elif not single and _is_distinctive(name, publishers):
                    words = ["(?:&|and)" if w in {"&", "and"} else re.escape(w) for w in re.split(r"\s+", name)]
                    # words may be joined by punctuation, and a publisher may be possessive ("ACS's")
                    pattern = re.compile(r"(?<![\w-])" + r"(?:['’]s)?[\s:,.–—-]*".join(words) + r"(?![\w-])", re.I)
                else:
                    continue
                out.append((pattern, name, s.id))
        return out

    def _registry_hits(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        covered = 0
        for word in re.finditer(r"[\w.&'’-]+", text):
            if word.start() < covered:
                continue
            token = word.group(0).lower()
            candidates = self._by_first_word.get(token) or self._by_first_word.get(token.rstrip(".'’-")) or ()
            for pattern, name, _sid in candidates:
                m = pattern.match(text, word.start())
                if m is None:
                    continue
                covered = m.end()
                tail = DOC_TAIL.match(text, m.end())
                edition, end = _edition_after(text, tail.end() if tail else m.end())
                if edition is None:
                    end = m.end()
                out.append(Mention("registry", m.start(), end, text[m.start():end], title=name, edition=edition,
                                   year=_year_of(edition)))
                break
        return out

    def _attributions(self, text: str) -> list[Mention]:
        out = []
        for m in self._attribution.finditer(text):
            group = "org" if m.group("org") else "org2"
            out.append(Mention("attribution", m.start(group), m.end(group), m.group(group),
                               publisher=m.group(group)))
        for m in self._org_year.finditer(text):
            if m.group("org"):  # "(American Cancer Society, 2023)": the span leaves out the brackets
                start, end, org, year = m.start() + 1, m.end() - 1, m.group("org"), m.group("year")
            else:  # "American Cancer Society (2023)"
                start, end, org, year = m.start(), m.end(), m.group("org3"), m.group("year3")
            out.append(Mention("attribution", start, end, text[start:end], publisher=org, edition=year,
                               year=int(year)))
        for m in AUTHOR_YEAR.finditer(text):
            authors = tuple(a for a in re.split(r"\s+(?:&|and)\s+", m.group("authors").replace(" et al", "")) if a)
            out.append(Mention("journal", m.start() + 1, m.end() - 1, text[m.start() + 1:m.end() - 1],
                               authors=tuple(a.split()[0] for a in authors), year=int(m.group("year")),
                               edition=m.group("year")))
        for m in LABEL_FOR.finditer(text):
            out.append(Mention("reference", m.start(), m.end(), m.group(0), title=m.group(0)))
        return out

    def _reference_items(self, text: str, kept: list[Mention]) -> list[Mention]:
        """Items of a Sources/References list that no other pattern recognised."""
        out = []
        for block_start, block_end in _sources_blocks(text):
            for start, end in _split_items(text, block_start, block_end):
                if any(m.start < end and start < m.end for m in kept):
                    continue
                item = text[start:end]
                if len(item) < 4 or not re.search(r"[A-Za-z]{3}", item):
                    continue
                edition, _ = _edition_after(item, 0)
                year_match = YEAR_RE.search(item)
                out.append(Mention("reference", start, end, item, title=item,
                                   year=int(year_match.group(1)) if year_match else None,
                                   edition=year_match.group(1) if year_match else None))
        return out


def _is_distinctive(name: str, publishers: re.Pattern[str]) -> bool:
    """A multi-word registry name that, written out, is a citation rather than ordinary words."""
    return bool(DISTINCT_WORDS.search(name) or publishers.search(name.lower()))


def _publisher_regex(publishers: list[str]) -> re.Pattern[str]:
    """Publisher names worth recognising inside a registry name (acronyms, or longer than 6 characters)."""
    names = [re.escape(p.lower()) for p in publishers if len(p) >= 3 and (p.isupper() or len(p) > 6)]
    return re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?!\w)") if names else re.compile(r"(?!)")


def _trim_topic(topic: str) -> tuple[str, int]:
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


def _edition_after(text: str, pos: int) -> tuple[str | None, int]:
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


def _year_of(edition: str | None) -> int | None:
    if not edition:
        return None
    m = YEAR_RE.search(edition)
    return int(m.group(1)) if m else None


_PRIORITY = {"url": 0, "doi": 0, "pmid": 0, "journal": 1, "guideline": 2, "trial": 2, "registry": 2,
             "attribution": 3, "reference": 4}


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Identifiers first, then longer mentions; drop whatever overlaps an already kept mention."""
    kept: list[Mention] = []
    def rank(m: Mention) -> int:
        # a bare "Cancer.Net" is usually part of a name ("Cancer.Net Multiple Myeloma"), not an address
        return 3 if m.kind == "url" and m.extra.get("bare") else _PRIORITY[m.kind]

    ordered = sorted(mentions, key=lambda m: (rank(m) > 0, -(m.end - m.start), rank(m), m.start))
    for m in ordered:
        if any(k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    return kept


def _sources_blocks(text: str) -> list[tuple[int, int]]:
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


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
