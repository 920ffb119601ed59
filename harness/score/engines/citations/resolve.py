"""Resolve extracted citations offline against the citation registry (``gold_answers/sources.yaml``).

Each mention gets one status:

- ``verified``: it names a registry source (exact DOI or PMID, URL host+path, or a title/alias
  matched with rapidfuzz), and the edition or year it gives, if any, is one the registry lists;
- ``unverifiable``: the registry cannot confirm it (not in the registry, a publisher without a
  document, an edition of a known source whose registry entry lists no editions). Never called
  fake on that ground alone: a missing registry entry is not proof of fabrication;
- ``implausible``: something the registry or the calendar rules out: an edition or year the
  registry's list for a known source does not include, a date after the audit date, a malformed
  DOI, a PMID that is not 1-8 digits.

Every resolution carries a one-sentence ``reason`` a reviewer can check against the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from harness.battery import Source
from harness.score.engines.citations.extract import Extractor
from harness.score.engines.citations.keys import (
    AUTHOR_IN_REGISTRY,
    content_key,
    journal_family,
    name_key,
    publisher_keys,
    url_key,
    with_changes,
    words_of,
)
from harness.score.engines.citations.mentions import Mention
from harness.score.engines.citations.resolution import STATUSES, Resolution, Status
from harness.score.engines.citations.titles import TitleMatching

__all__ = ["STATUSES", "Resolution", "Resolver", "Status", "check_citations"]

_DOI_OK = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID_OK = re.compile(r"^\d{1,8}$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_YEAR = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>(?:19|20)\d\d)\b")


class Resolver(TitleMatching):
    """Resolves mentions against one registry as of one audit date."""

    def __init__(self, sources: Mapping[str, Source] | Iterable[Source], as_of: dt.date, *,
                 min_title_score: float = 90.0, publisher_only_verifies: bool = False) -> None:
        items = sources.values() if isinstance(sources, Mapping) else sources
        self.sources: dict[str, Source] = {s.id: s for s in items}
        self.as_of = as_of
        self.min_title_score = min_title_score
        self.publisher_only_verifies = publisher_only_verifies
        self.extractor = Extractor(self.sources.values())
        self._publisher_of: dict[str, set[str]] = {}  # publisher key -> source ids
        for s in self.sources.values():
            for name in publisher_keys(s.publisher):
                self._publisher_of.setdefault(name, set()).add(s.id)
        self._all_publisher_keys = {name_key(p) for p in self.extractor.publishers} | set(self._publisher_of)
        self._publisher_words = frozenset(w for k in self._publisher_of for w in k.split())
        self._names: list[tuple[str, str, str, str]] = []  # (key, content, source id, "title"/"alias")
        for s in self.sources.values():
            for label, name in (("title", s.title), *(("alias", a) for a in s.aliases)):
                self._names.append((name_key(name), content_key(name, self._publisher_words), s.id, label))
        self._name_keys = [n[0] for n in self._names]
        # author surnames as the registry writes them: "Locke et al. NEJM 2022", "Locke FL et al."
        self._authors = {s.id: {w.lower() for w in AUTHOR_IN_REGISTRY.findall(" ".join((s.title, *s.aliases,
                                                                                         s.note or "")))}
                         for s in self.sources.values()}
        self._blob = {s.id: " ".join(words_of(" ".join((s.title, s.publisher, *s.aliases, s.note or ""))))
                      for s in self.sources.values()}
        self._by_url: dict[tuple[str, str], list[str]] = {}
        for s in self.sources.values():
            if s.url:
                self._by_url.setdefault(url_key(s.url), []).append(s.id)

    # ----------------------------------------------------------------------------------------
    def check(self, text: str, acceptable: Iterable[str] = ()) -> list[Resolution]:
        """Extract and resolve every citation in ``text``; ``acceptable`` are the gold's source ids."""
        return self.resolve_mentions(self.extractor.extract(text), acceptable)

    def resolve_mentions(self, mentions: Iterable[Mention], acceptable: Iterable[str] = ()) -> list[Resolution]:
        """Resolve mentions already extracted (``extract_citations(text, self.extractor)``), in order."""
        ok = set(acceptable)
        out = []
        for mention in mentions:
            r = self.resolve(mention)
            if r.status == "verified":
                ids = r.candidates or ((r.source_id,) if r.source_id else ())
                preferred = next((i for i in ids if i in ok), r.source_id)  # of several candidates, the gold's own
                r = with_changes(r, acceptable=any(i in ok for i in ids), source_id=preferred)
            out.append(r)
        return out

    def resolve(self, m: Mention) -> Resolution:
        """The status of one mention, with the reason."""
        handler = {
            "doi": self._doi, "pmid": self._pmid, "url": self._url, "journal": self._journal,
            "trial": self._trial, "registry": self._named, "guideline": self._named,
            "reference": self._reference, "attribution": self._publisher_only,
        }[m.kind]
        resolved = handler(m)
        future = self._future(m)
        if future is not None:  # whatever the registry holds, a citation from the future is implausible
            return with_changes(resolved, status="implausible", reason=future)
        return resolved

    # ----------------------------------------------------------------------------------------
    def _future(self, m: Mention) -> str | None:
        """Why the mention is dated after the audit date, or None."""
        year = m.year
        if year is None:
            return None
        month = None
        mm = _MONTH_YEAR.search(m.text)
        if mm and mm.group("month")[:3].lower() in _MONTHS and int(mm.group("year")) == year:
            month = _MONTHS[mm.group("month")[:3].lower()]
        if year > self.as_of.year or (year == self.as_of.year and month is not None and month > self.as_of.month):
            when = mm.group(0) if month and mm else str(year)
            return f"dated {when}, after the audit date {self.as_of.isoformat()}"
        return None

    def _doi(self, m: Mention) -> Resolution:
        doi = (m.doi or "").strip()
        if not _DOI_OK.match(doi):
            return Resolution(m, "implausible",
                              f"malformed DOI {doi!r}: a DOI is '10.' + a 4-9 digit registrant code + '/' + a suffix",
                              match="doi")
        hits = [s.id for s in self.sources.values() if s.doi and s.doi.lower() == doi.lower()]
        if hits:
            return Resolution(m, "verified", f"DOI {doi} is the registry's DOI for {hits[0]}", hits[0],
                              tuple(hits), match="doi")
        return Resolution(m, "unverifiable", f"DOI {doi} is well formed but not in the registry", match="doi")

    def _pmid(self, m: Mention) -> Resolution:
        pmid = (m.pmid or "").strip()
        if not _PMID_OK.match(pmid):
            return Resolution(m, "implausible", f"malformed PMID {pmid!r}: a PubMed ID is 1 to 8 digits",
                              match="pmid")
        hits = [s.id for s in self.sources.values() if s.pmid and s.pmid.strip() == pmid]
        if hits:
            return Resolution(m, "verified", f"PMID {pmid} is the registry's PMID for {hits[0]}", hits[0],
                              tuple(hits), match="pmid")
        return Resolution(m, "unverifiable", f"PMID {pmid} is well formed but not in the registry", match="pmid")

    def _url(self, m: Mention) -> Resolution:
        host, path = url_key(m.url or m.text)
        exact = self._by_url.get((host, path), [])
        if not exact and path:
            exact = [sid for (h, p), ids in self._by_url.items() if h == host and p and path.startswith(p + "/")
                     for sid in ids]
        if exact:
            how = "the registry URL of" if len(exact) == 1 else f"the registry URL shared by {len(exact)} sources:"
            return Resolution(m, "verified", f"{host}{path or '/'} is {how} {', '.join(exact)}", exact[0],
                              tuple(exact), match="url")
        same_host = sorted({sid for (h, _p), ids in self._by_url.items() if h == host for sid in ids})
        if same_host and not path:
            return Resolution(m, "unverifiable", f"names the site {host} (the registry holds {len(same_host)} "
                              "pages from it) but no specific page", match="url", candidates=tuple(same_host))
        if same_host:
            return Resolution(m, "unverifiable",
                              f"host {host} is in the registry ({len(same_host)} sources) but no registry source "
                              f"has the page {path or '/'}", match="url")
        return Resolution(m, "unverifiable", f"host {host} is not in the registry", match="url")

    def _journal(self, m: Mention) -> Resolution:
        family = journal_family(m.journal) if m.journal else None
        best: list[tuple[int, str, str]] = []  # (rank, source id, problem)
        for s in self.sources.values():
            blob = f" {self._blob[s.id]} "
            author_ok = bool(m.authors) and any(a.lower() in self._authors[s.id] for a in m.authors)
            journal_ok = family is not None and any(f" {j} " in blob for j in family)
            if not author_ok and not (journal_ok and not m.authors):
                continue
            if m.journal and not journal_ok:
                best.append((2, s.id, f"{s.id} is by that author but in another journal"))
                continue
            if m.year is not None and s.years and m.year not in s.years:
                years = ", ".join(str(y) for y in s.years)
                best.append((1, s.id, f"{s.id} matches the author/journal but the registry lists year(s) {years}, "
                                      f"not {m.year} (it may be another paper)"))
                continue
            if not m.authors:
                best.append((3, s.id, ""))  # journal + year only: a weak match, kept as a hint
                continue
            best.append((0, s.id, ""))
        exact = [sid for rank, sid, _ in best if rank == 0]
        if exact:
            what = "author, journal and year" if m.journal and m.year else "author and year" if m.year else "author"
            return Resolution(m, "verified", f"{what} match {exact[0]}", exact[0], tuple(exact), match="journal")
        if not m.authors:
            weak = [sid for rank, sid, _ in best if rank == 3]
            when = f" of {m.year}" if m.year else ""
            if weak:
                return Resolution(m, "unverifiable",
                                  f"no author or title given; the registry holds {len(weak)} {m.journal} paper(s)"
                                  f"{when} ({', '.join(weak[:4])}), and a journal and year alone do not identify one",
                                  match="journal", candidates=tuple(weak))
            return Resolution(m, "unverifiable", f"no {m.journal} paper{when} in the registry", match="journal")
        near = sorted(best)
        if near:
            return Resolution(m, "unverifiable", near[0][2] + "; not counted as verified", match="journal",
                              candidates=(near[0][1],))
        return Resolution(m, "unverifiable", f"no registry source by {' / '.join(m.authors)}", match="journal")

    def _trial(self, m: Mention) -> Resolution:
        name = (m.title or "").lower()
        for s in self.sources.values():
            names = {n.lower() for n in (s.title, *s.aliases)}
            if name in names or f"{name} trial" in names or f"{name} study" in names:
                return self._edition_check(m, s, "trial", 100.0)
        return Resolution(m, "unverifiable", f"trial {m.title!r} is not in the registry", match="trial")


def check_citations(text: str, sources: Mapping[str, Source], as_of: dt.date,
                    acceptable: Iterable[str] = (), **options: object) -> list[Resolution]:
    """Extract and resolve every citation in ``text`` (a convenience over ``Resolver``)."""
    return Resolver(sources, as_of, **options).check(text, acceptable)  # type: ignore[arg-type]
