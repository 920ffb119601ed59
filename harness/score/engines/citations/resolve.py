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
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from harness.battery import Source
from harness.core.text import normalize
from harness.score.engines.citations.extract import Extractor, Mention

Status = Literal["verified", "unverifiable", "implausible"]
STATUSES: tuple[str, ...] = ("verified", "unverifiable", "implausible")

_AUTHOR_IN_REGISTRY = re.compile(r"([A-Z][A-Za-z'’-]+)(?:\s+[A-Z]{1,3})?,?\s+et\s+al\b")
_DOI_OK = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID_OK = re.compile(r"^\d{1,8}$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_YEAR = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>(?:19|20)\d\d)\b")
# publisher names that are also ordinary words ("Blood" the journal)
_COMMON_WORDS = frozenset({"blood", "cancer", "leukemia", "nature", "science"})
_FILLER = frozenset(["the", "a", "an", "of", "for", "and", "with", "in", "on", "to", "by", "from", "at", "as", "patients", "patient"])
# words that say what kind of document, not which one: ignored when comparing topics
_GENERIC = frozenset({
    "guidelines", "guideline", "guide", "version", "clinical", "practice", "oncology", "page",
    "information", "info", "fact", "sheet"
})
_JOURNAL_FAMILIES: tuple[tuple[str, ...], ...] = (
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


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the registry says about one mention."""

    mention: Mention
    status: Status
    reason: str
    source_id: str | None = None
    candidates: tuple[str, ...] = ()
    """Every registry id the mention could be (a shared URL, an ambiguous title); source_id first."""
    match: str | None = None
    """How it was matched: doi, pmid, url, title, alias, trial, journal, publisher."""
    score: float | None = None
    """rapidfuzz similarity (0-100) for title matches."""
    acceptable: bool | None = None
    """For a verified source: whether the gold answer lists it among its acceptable sources."""

    def to_json(self) -> dict[str, object]:
        m = self.mention
        out: dict[str, object] = {
            "span": m.span(), "kind": m.kind, "status": self.status, "source_id": self.source_id,
            "reason": self.reason, "match": self.match, "acceptable": self.acceptable,
        }
        if self.candidates and self.candidates != ((self.source_id,) if self.source_id else ()):
            out["candidates"] = list(self.candidates)
        if self.score is not None:
            out["score"] = round(self.score, 1)
        for key in ("title", "publisher", "edition", "year", "url", "doi", "pmid", "journal"):
            value = getattr(m, key)
            if value is not None:
                out[key] = value
        if m.authors:
            out["authors"] = list(m.authors)
        return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalize(text).replace("&", " and "))


def _key(text: str) -> str:
    return " ".join(w for w in _words(text) if w not in _FILLER)


def _content(text: str, publisher_words: frozenset[str]) -> str:
    return " ".join(w for w in _words(text) if w not in _FILLER and w not in _GENERIC and w not in publisher_words)


def _url_key(url: str) -> tuple[str, str]:
    raw = url if "://" in url else "https://" + url
    parts = urlsplit(raw)
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    host = host[4:] if host.startswith("www.") else host
    path = re.sub(r"/+$", "", parts.path)
    path = re.sub(r"\.(?:html?|php|aspx)$", "", path)
    return host, path.lower()


def _edition_key(edition: str) -> str:
    """'Version 1.2016' / 'v1.2016' / '1.2016' -> '1.2016'; '2020 edition' -> '2020'."""
    text = edition.strip().lower()
    m = re.search(r"(\d{1,2}\.(?:19|20)\d\d)", text)
    if m:
        return m.group(1)
    m = re.search(r"((?:19|20)\d\d)", text)
    return m.group(1) if m else text


def _journal_family(name: str) -> tuple[str, ...] | None:
    low = " ".join(_words(name))
    for family in _JOURNAL_FAMILIES:
        if low in family:
            return family
    return None


class Resolver:
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
            for name in _publisher_keys(s.publisher):
                self._publisher_of.setdefault(name, set()).add(s.id)
        self._all_publisher_keys = {_key(p) for p in self.extractor.publishers} | set(self._publisher_of)
        self._publisher_words = frozenset(w for k in self._publisher_of for w in k.split())
        self._names: list[tuple[str, str, str, str]] = []  # (key, content, source id, "title"/"alias")
        for s in self.sources.values():
            for label, name in (("title", s.title), *(("alias", a) for a in s.aliases)):
                self._names.append((_key(name), _content(name, self._publisher_words), s.id, label))
        self._name_keys = [n[0] for n in self._names]
        # author surnames as the registry writes them: "Locke et al. NEJM 2022", "Locke FL et al."
        self._authors = {s.id: {w.lower() for w in _AUTHOR_IN_REGISTRY.findall(" ".join((s.title, *s.aliases,
                                                                                         s.note or "")))}
                         for s in self.sources.values()}
        self._blob = {s.id: " ".join(_words(" ".join((s.title, s.publisher, *s.aliases, s.note or ""))))
                      for s in self.sources.values()}
        self._by_url: dict[tuple[str, str], list[str]] = {}
        for s in self.sources.values():
            if s.url:
                self._by_url.setdefault(_url_key(s.url), []).append(s.id)

    # ----------------------------------------------------------------------------------------
    def check(self, text: str, acceptable: Iterable[str] = ()) -> list[Resolution]:
        """Extract and resolve every citation in ``text``; ``acceptable`` are the gold's source ids."""
        ok = set(acceptable)
        out = []
        for mention in self.extractor.extract(text):
            r = self.resolve(mention)
            if r.status == "verified":
                ids = r.candidates or ((r.source_id,) if r.source_id else ())
                preferred = next((i for i in ids if i in ok), r.source_id)  # of several candidates, the gold's own
                r = _with(r, acceptable=any(i in ok for i in ids), source_id=preferred)
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
            return _with(resolved, status="implausible", reason=future)
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
        host, path = _url_key(m.url or m.text)
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
        family = _journal_family(m.journal) if m.journal else None
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

    # ----------------------------------------------------------------------------------------
    def _best_title(self, text: str) -> tuple[float, list[tuple[str, str]]]:
        """Best rapidfuzz score of ``text`` against every registry title/alias, and the (id, label) at it."""
        key = _key(text)
        content = _content(text, self._publisher_words)
        if not key:
            return 0.0, []
        best, hits = 0.0, []
        shortlist = process.extract(key, self._name_keys, scorer=fuzz.token_sort_ratio,
                                    score_cutoff=self.min_title_score - 15, limit=None)
        for _name, full, index in sorted(shortlist, key=lambda t: t[2]):
            _key_, name_content, sid, label = self._names[index]
            # the words that say *which* document must agree too, not just "NCCN Guidelines for Patients"
            topic = fuzz.ratio(content, name_content) if (content or name_content) else 100.0
            score = min(full, topic)
            if score > best + 1e-9:
                best, hits = score, [(sid, label)]
            elif abs(score - best) <= 1e-9 and all(h[0] != sid for h in hits):
                hits.append((sid, label))
        return best, hits

    def _named(self, m: Mention) -> Resolution:
        title = m.title
        if not title and not m.publisher:
            return Resolution(m, "unverifiable", f"{m.text!r} gives an edition but names no document", match="title")
        if not title:
            return self._publisher_only(m)
        score, hits = self._best_title(title)
        if score >= self.min_title_score and hits:
            ids = [sid for sid, _ in hits]
            source = self.sources[ids[0]]
            r = self._edition_check(m, source, hits[0][1], score)
            return _with(r, candidates=tuple(ids)) if len(ids) > 1 else r
        if m.publisher and m.year is not None:
            dated = self._dated_guideline(m)
            if dated is not None and _stems(title) & _stems(" ".join((dated.title, *dated.aliases))):
                return self._edition_check(m, dated, "publisher+year+topic", None)
        near = f" (closest: {hits[0][0]}, similarity {score:.0f})" if hits and score >= 60 else ""
        return Resolution(m, "unverifiable", f"{title!r} is not in the registry{near}", match="title",
                          score=score if hits else None)

    def _reference(self, m: Mention) -> Resolution:
        """A Sources-list item: the whole item, then its parts, against registry names."""
        item = m.title or m.text
        publishers = self._publishers_in(item)
        score, hits = self._best_title(_strip_edition(item))
        if score >= self.min_title_score and hits:
            if len(hits) > 1 and publishers:
                hits = [h for h in hits if h[0] in publishers] or hits
            if len(hits) > 1:
                ids = ", ".join(h[0] for h in hits)
                return Resolution(m, "unverifiable", f"{item!r} is the title of {len(hits)} registry sources ({ids}) "
                                  "and names no publisher, so it does not say which", match="title",
                                  candidates=tuple(h[0] for h in hits), score=score)
            return self._edition_check(m, self.sources[hits[0][0]], hits[0][1], score)
        best: tuple[float, list[tuple[str, str]]] = (0.0, [])
        for part in re.split(r"\s*(?:,|:|\s[-–—]\s|\|)\s*", item):
            part = _strip_edition(part)
            if len(part) < 3 or (self._publishers_in(part) and not _content(part, self._publisher_words)):
                continue
            if m.publisher and _key(part) == _key(m.publisher):
                continue  # "Cancer.Net: <page>": the site's name alone does not name the page
            s, h = self._best_title(part)
            if publishers:
                h = [x for x in h if x[0] in publishers]
            elif len(h) > 1:
                h = []  # a generic title ("Multiple Myeloma") that several publishers use: ambiguous
            if h and s > best[0]:
                best = (s, h)
        if best[0] >= self.min_title_score and best[1]:
            return self._edition_check(m, self.sources[best[1][0][0]], best[1][0][1], best[0])
        labels = self._labels_in(item)
        if labels:
            return Resolution(m, "verified", f"names the registry labels {', '.join(labels)}", labels[0],
                              tuple(labels), match="label")
        parts = [p.strip() for p in re.split(r",|&|\band\b", item) if p.strip()]
        if len(parts) > 1 and all(_key(p) in self._all_publisher_keys for p in parts):
            return Resolution(m, "unverifiable", f"names publishers ({', '.join(parts)}) but no specific documents, "
                              "so there is nothing to verify", match="publisher")
        if publishers and not _content(item, self._publisher_words):
            return self._publisher_only(_replace(m, publisher=item))
        return Resolution(m, "unverifiable", f"{item!r} is not in the registry", match="title",
                          score=score if hits else None)

    def _labels_in(self, item: str) -> list[str]:
        """Registry drug labels named by brand in an item that speaks of labels ("FDA labels for X and Y")."""
        if not re.search(r"\b(?:labels?|prescribing information)\b", item, re.I):
            return []
        words = set(_words(item))
        out = []
        for s in self.sources.values():
            if s.kind != "label":
                continue
            brands = {b.lower() for b in re.findall(r"^([A-Z][A-Z0-9-]{2,})\s+\(", s.title)}
            for alias in s.aliases:
                named = re.fullmatch(r"([\w-]+)\s+(?:label|prescribing information)", alias.strip(), re.I)
                if named:
                    brands.add(named.group(1).lower())
            brands -= {"fda", "drug", "the"}
            if brands & words:
                out.append(s.id)
        return out

    def _publishers_in(self, text: str) -> set[str]:
        words = " " + " ".join(_words(text)) + " "
        out: set[str] = set()
        for key, ids in self._publisher_of.items():
            if key not in _COMMON_WORDS and f" {key} " in words:
                out |= ids
        return out

    def _publisher_only(self, m: Mention) -> Resolution:
        publisher = m.publisher or m.text
        ids = set()
        for key in _publisher_keys(publisher):
            ids |= self._publisher_of.get(key, set())
        ids_sorted = tuple(sorted(ids))
        if not ids_sorted:
            return Resolution(m, "unverifiable", f"publisher {publisher!r} is not in the registry",
                              match="publisher")
        if m.year is not None:
            dated = self._dated_guideline(m)
            if dated is not None:
                return self._edition_check(m, dated, "publisher+year", None)
        if self.publisher_only_verifies:
            return Resolution(m, "verified", f"names the known publisher {publisher!r} (no specific document; "
                              "counted because publisher_only_verifies is set)", None, ids_sorted,
                              match="publisher")
        return Resolution(m, "unverifiable",
                          f"names the known publisher {publisher!r} but no specific document, so there is nothing "
                          f"to verify (the registry holds {len(ids_sorted)} source(s) from it)", match="publisher",
                          candidates=ids_sorted)

    def _dated_guideline(self, m: Mention) -> Source | None:
        """The one guideline from the mention's publisher dated in the mention's year, if exactly one."""
        ids: set[str] = set()
        for key in _publisher_keys(m.publisher or ""):
            ids |= self._publisher_of.get(key, set())
        dated = [self.sources[i] for i in sorted(ids) if self.sources[i].kind == "guideline" and
                 (m.year in self.sources[i].years or any(_edition_key(e).endswith(str(m.year))
                                                         for e in self.sources[i].editions))]
        return dated[0] if len(dated) == 1 else None

    def _edition_check(self, m: Mention, source: Source, how: str, score: float | None) -> Resolution:
        """A known source: verified unless the cited edition/year is not one the registry lists."""
        what = f"matches {source.id} by {how}" + (f" (similarity {score:.0f})" if score is not None and score < 100
                                                    else "")
        if m.edition is None and m.year is None:
            return Resolution(m, "verified", what, source.id, (source.id,), match=how, score=score)
        cited = _edition_key(m.edition or str(m.year))
        listed = {_edition_key(e) for e in source.editions} | {str(y) for y in source.years}
        if not listed:
            return Resolution(m, "unverifiable",
                              f"{what}, but the registry lists no editions or years for {source.id}, so "
                              f"{m.edition or m.year} cannot be checked", source.id, (source.id,), match=how,
                              score=score)
        cited_year = cited.split(".")[-1]
        ok = cited in listed or (("." in cited) and not source.editions and cited_year in listed)
        if ok:
            return Resolution(m, "verified", f"{what}; edition {m.edition or m.year} is listed", source.id,
                              (source.id,), match=how, score=score)
        shown = ", ".join(source.editions) if source.editions else ", ".join(str(y) for y in source.years)
        noun = "editions" if source.editions else "years"
        return Resolution(m, "implausible",
                          f"registry lists {noun} {shown} for {source.id}; {m.edition or m.year} not among them",
                          source.id, (source.id,), match=how, score=score)


def _publisher_keys(publisher: str) -> set[str]:
    """'American Society of Clinical Oncology (ASCO), Cancer.Net' -> its names and acronyms, as keys."""
    out = set()
    for part in re.split(r",\s*", publisher):
        for name in (re.sub(r"\s*\([^)]*\)", "", part), *re.findall(r"\(([^)]+)\)", part)):
            key = " ".join(w for w in _words(name) if w != "the")
            if key:
                out.add(key)
    return out


def _stems(text: str) -> set[str]:
    """Five-letter stems of a text's content words (a weak topic overlap test)."""
    return {w[:5] for w in _words(text) if len(w) > 3 and w not in _FILLER and w not in _GENERIC}


def _strip_edition(text: str) -> str:
    return re.sub(r"[,(\s]*(?:[Vv]ersion\s*\d{1,2}\.)?(?:19|20)\d\d\)?\s*$", "", text).strip()


def _with(r: Resolution, **changes: object) -> Resolution:
    import dataclasses

    return dataclasses.replace(r, **changes)  # type: ignore[arg-type]


def _replace(m: Mention, **changes: object) -> Mention:
    import dataclasses

    return dataclasses.replace(m, **changes)  # type: ignore[arg-type]


def check_citations(text: str, sources: Mapping[str, Source], as_of: dt.date,
                    acceptable: Iterable[str] = (), **options: object) -> list[Resolution]:
    """Extract and resolve every citation in ``text`` (a convenience over ``Resolver``)."""
    return Resolver(sources, as_of, **options).check(text, acceptable)  # type: ignore[arg-type]
