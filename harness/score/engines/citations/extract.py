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
from collections.abc import Iterable

from harness.battery import Source
from harness.score.engines.citations.mentions import Mention, MentionKind
from harness.score.engines.citations.patterns import (
    AMBIGUOUS_JOURNALS,
    AUTHOR_YEAR,
    DOC_NOUNS,
    DOC_TAIL,
    DOI,
    ET_AL,
    JOURNAL_YEAR,
    LABEL_FOR,
    MONTHS,
    MORE_PMIDS,
    NOT_TRIALS,
    PDQ,
    PMID,
    PUBLISHED_IN,
    SITE_TITLE,
    TRIAL,
    URL,
    VERSION_ONLY,
    YEAR,
    YEAR_RE,
    distinctive_names,
    org_pattern,
    publisher_names,
)
from harness.score.engines.citations.prefilter import (
    AFTER_ORG,
    APA_WORDS,
    BEFORE_ORG,
    DOC_WORDS,
    LABEL_WORDS,
    REGISTRY_TOKEN,
    URL_WORDS,
    NameGate,
    TextFacts,
    adjacent,
    registry_token_starts,
)
from harness.score.engines.citations.spans import (
    edition_after,
    resolve_overlaps,
    sources_blocks,
    split_items,
    trim_topic,
    year_of,
)

__all__ = ["Extractor", "Mention", "MentionKind", "extract_citations"]


class Extractor:
    """Extracts citation mentions; built once per registry (its names join the patterns).

    ``prefilter=False`` runs every pattern on every text (the gates of
    :mod:`~harness.score.engines.citations.prefilter` are necessary conditions, so the result is
    the same; the switch exists so tests and benchmarks can show it).
    """

    def __init__(self, sources: Iterable[Source] = (), *, prefilter: bool = True) -> None:
        self.sources = tuple(sources)
        self.prefilter = prefilter
        self.publishers = publisher_names(self.sources)
        org = org_pattern(self.publishers)
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
        self._registry_names = distinctive_names(self.sources, self.publishers)
        # one alternation (longest names first) finds candidates in a single pass over the text
        # index the names by their first word, so the text is scanned once, word by word
        self._by_first_word: dict[str, list[tuple[re.Pattern[str], str, str]]] = {}
        for entry in sorted(self._registry_names, key=lambda t: len(t[1]), reverse=True):
            first = re.match(r"[\w.&'’-]+", entry[1])
            key = first.group(0).lower() if first else ""
            self._by_first_word.setdefault(key, []).append(entry)
        self._org_gate = NameGate(self.publishers)

    # ----------------------------------------------------------------------------------------
    def extract(self, text: str) -> list[Mention]:
        """All citation mentions in ``text``, non-overlapping, in order of position."""
        facts = TextFacts(text)
        gated = self.prefilter
        found: list[Mention] = []
        if not gated or facts.any_folded(URL_WORDS):
            found += self._urls(text)
        if not gated or "10." in text or "doi" in facts.folded:
            found += self._dois(text)
        if not gated or facts.any_folded(("pmid", "pubmed")):
            found += self._pmids(text)
        found += self._journals(text, facts if gated else None)
        orgs = self._org_gate.found(facts) if gated else None
        found += self._guidelines(text, facts if gated else None, orgs)
        if not gated or "trial" in text or "study" in text:
            found += self._trials(text)
        found += self._registry_hits(text, facts if gated else None)
        found += self._attributions(text, facts if gated else None, orgs)
        kept = resolve_overlaps(found)
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

    def _journals(self, text: str, facts: TextFacts | None) -> list[Mention]:
        """Journal references; ``facts`` (None: no gating) skips patterns that cannot match."""
        out: list[Mention] = []
        if facts is not None and not facts.has_year and "published" not in facts.folded:
            return out  # all three need a year, but "published in <journal>"
        for m in ET_AL.finditer(text) if facts is None or facts.has_year and facts.et_al() else ():
            tail = m.group("tail") or ""
            end = m.end("tail") if tail else m.end()
            while end > m.start() and text[end - 1] in ") " and \
                    text.count("(", m.start(), end) < text.count(")", m.start(), end):
                end -= 1  # a closing bracket that opened before the reference is not part of it
            out.append(Mention("journal", m.start(), end, text[m.start():end],
                               authors=(m.group("authors").split()[0],), journal=m.group("journal"),
                               year=int(m.group("year")), edition=m.group("year"), title=m.group("title")))
        for m in JOURNAL_YEAR.finditer(text) if facts is None or facts.has_year else ():
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

    def _guidelines(self, text: str, facts: TextFacts | None, orgs: tuple[str, ...] | None) -> list[Mention]:
        """Named guidelines and documents; ``facts`` (None: no gating) skips patterns that cannot match.

        ``orgs``: the publisher names the gate found in the text (None: unknown, assume any).
        """
        out: list[Mention] = []
        org = facts is None or orgs is None or bool(orgs)
        doc = org and (facts is None or facts.any_folded(DOC_WORDS))
        dated = facts is None or facts.has_year
        for m in self._titled.finditer(text) if doc else ():
            start, end = m.start(), m.end()
            topic = m.group("topic")
            if topic and m.group("sep") == ",":
                # "NCCN Guidelines, Diffuse Large B-Cell Lymphoma" is a title; "NCCN Guidelines, MRD tests can" is not
                words = topic.split()
                if len(words) < 2 or not all(w[:1].isupper() for w in words[:2]):
                    topic = None
            if topic:
                topic, consumed = trim_topic(topic)
                end = m.start("topic") + consumed if topic else m.end("doc")
            else:
                end = m.end("doc")
            edition, end = edition_after(text, end)
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
                               publisher=m.group("org"), edition=edition, year=year_of(edition)))
        for m in self._apa.finditer(text) if org and dated and (facts is None or facts.any_folded(APA_WORDS)) else ():
            title = f"{m.group('org')} {m.group('title')}"
            out.append(Mention("reference", m.start(), m.end(), text[m.start():m.end()], title=title,
                               publisher=m.group("org"), edition=m.group("date"), year=year_of(m.group("date"))))
        for m in self._year_org_doc.finditer(text) if doc and dated else ():
            out.append(Mention("guideline", m.start(), m.end(), text[m.start():m.end()], title=None,
                               publisher=m.group("org"), edition=m.group("year"), year=int(m.group("year"))))
        for m in PDQ.finditer(text) if facts is None or "(PDQ" in text else ():
            title = m.group("title")
            cut = max(title.rfind("'s "), title.rfind("’s "))
            lead = cut + 3 if cut >= 0 else 0
            if title[lead:].startswith("The "):
                lead += 4
            lead += len(title[lead:]) - len(title[lead:].lstrip())
            title = title[lead:]
            edition, end = edition_after(text, m.end())
            out.append(Mention("guideline", m.start() + lead, end, text[m.start() + lead:end],
                               title=title.strip(), publisher="National Cancer Institute", edition=edition,
                               year=year_of(edition)))
        for m in VERSION_ONLY.finditer(text) if dated and (facts is None or facts.any_folded(("version", "ver."))) else ():
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

    def _registry_hits(self, text: str, facts: TextFacts | None = None) -> list[Mention]:
        """Registry names written out, scanned token by token (``facts``: visit only tokens that start one)."""
        out: list[Mention] = []
        covered = 0
        starts = registry_token_starts(text, facts, self._by_first_word)
        for start in starts:
            if start < covered:
                continue
            word = REGISTRY_TOKEN.match(text, start)
            assert word is not None
            token = word.group(0).lower()
            candidates = self._by_first_word.get(token) or self._by_first_word.get(token.rstrip(".'’-")) or ()
            for pattern, name, _sid in candidates:
                m = pattern.match(text, word.start())
                if m is None:
                    continue
                covered = m.end()
                tail = DOC_TAIL.match(text, m.end())
                edition, end = edition_after(text, tail.end() if tail else m.end())
                if edition is None:
                    end = m.end()
                out.append(Mention("registry", m.start(), end, text[m.start():end], title=name, edition=edition,
                                   year=year_of(edition)))
                break
        return out

    def _attributions(self, text: str, facts: TextFacts | None, orgs: tuple[str, ...] | None) -> list[Mention]:
        """Publishers named as sources, in-text citations, labels; ``facts`` and ``orgs`` as for guidelines."""
        out: list[Mention] = []
        attributed = facts is None or adjacent(facts, orgs, BEFORE_ORG, AFTER_ORG)
        bracketed_year = facts is None or facts.has_year and "(" in text
        org_year = bracketed_year and (facts is None or adjacent(facts, orgs, ("(",), (" (", "(")))
        for m in self._attribution.finditer(text) if attributed else ():
            group = "org" if m.group("org") else "org2"
            out.append(Mention("attribution", m.start(group), m.end(group), m.group(group),
                               publisher=m.group(group)))
        for m in self._org_year.finditer(text) if org_year else ():
            if m.group("org"):  # "(American Cancer Society, 2023)": the span leaves out the brackets
                start, end, org, year = m.start() + 1, m.end() - 1, m.group("org"), m.group("year")
            else:  # "American Cancer Society (2023)"
                start, end, org, year = m.start(), m.end(), m.group("org3"), m.group("year3")
            out.append(Mention("attribution", start, end, text[start:end], publisher=org, edition=year,
                               year=int(year)))
        for m in AUTHOR_YEAR.finditer(text) if bracketed_year else ():
            authors = tuple(a for a in re.split(r"\s+(?:&|and)\s+", m.group("authors").replace(" et al", "")) if a)
            out.append(Mention("journal", m.start() + 1, m.end() - 1, text[m.start() + 1:m.end() - 1],
                               authors=tuple(a.split()[0] for a in authors), year=int(m.group("year")),
                               edition=m.group("year")))
        for m in LABEL_FOR.finditer(text) if facts is None or facts.any_exact(LABEL_WORDS) else ():
            out.append(Mention("reference", m.start(), m.end(), m.group(0), title=m.group(0)))
        return out

    def _reference_items(self, text: str, kept: list[Mention]) -> list[Mention]:
        """Items of a Sources/References list that no other pattern recognised."""
        out = []
        for block_start, block_end in sources_blocks(text):
            for start, end in split_items(text, block_start, block_end):
                if any(m.start < end and start < m.end for m in kept):
                    continue
                item = text[start:end]
                if len(item) < 4 or not re.search(r"[A-Za-z]{3}", item):
                    continue
                edition, _ = edition_after(item, 0)
                year_match = YEAR_RE.search(item)
                out.append(Mention("reference", start, end, item, title=item,
                                   year=int(year_match.group(1)) if year_match else None,
                                   edition=year_match.group(1) if year_match else None))
        return out




_PLAIN = Extractor()
"""An extractor without registry names (static: built once per process)."""


def extract_citations(text: str, extractor: Extractor | None = None) -> list[Mention]:
    """Every citation mention in ``text``: a pure function of the text and the extractor's registry.

    ``extractor`` is the one built for the battery's registry (``Resolver.extractor``: registry
    titles and publishers join the patterns); None uses one without registry names. Call it once
    per answer and hand the mentions to ``Resolver.resolve_mentions``.
    """
    return (extractor or _PLAIN).extract(text)
