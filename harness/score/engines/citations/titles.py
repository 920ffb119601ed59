"""Title, publisher and edition matching for the resolver (named guidelines, Sources-list items, publishers).

:class:`TitleMatching` holds the resolver's name-based checks; ``Resolver`` (``resolve``) builds the
indexes they read (``sources``, ``_names``, ``_publisher_of`` ...) and mixes them in.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from harness.battery import Source
from harness.score.engines.citations.keys import (
    COMMON_WORDS,
    content_key,
    edition_key,
    mention_with,
    name_key,
    publisher_keys,
    stems,
    strip_edition,
    with_changes,
    words_of,
)
from harness.score.engines.citations.mentions import Mention
from harness.score.engines.citations.resolution import Resolution


class TitleMatching:
    """Matching by written names: rapidfuzz over registry titles and aliases, publishers, editions."""

    sources: dict[str, Source]
    min_title_score: float
    publisher_only_verifies: bool
    _names: list[tuple[str, str, str, str]]
    _name_keys: list[str]
    _publisher_of: dict[str, set[str]]
    _all_publisher_keys: set[str]
    _publisher_words: frozenset[str]

    def _best_title(self, text: str) -> tuple[float, list[tuple[str, str]]]:
        """Best rapidfuzz score of ``text`` against every registry title/alias, and the (id, label) at it."""
        key = name_key(text)
        content = content_key(text, self._publisher_words)
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
            return with_changes(r, candidates=tuple(ids)) if len(ids) > 1 else r
        if m.publisher and m.year is not None:
            dated = self._dated_guideline(m)
            if dated is not None and stems(title) & stems(" ".join((dated.title, *dated.aliases))):
                return self._edition_check(m, dated, "publisher+year+topic", None)
        near = f" (closest: {hits[0][0]}, similarity {score:.0f})" if hits and score >= 60 else ""
        return Resolution(m, "unverifiable", f"{title!r} is not in the registry{near}", match="title",
                          score=score if hits else None)

    def _reference(self, m: Mention) -> Resolution:
        """A Sources-list item: the whole item, then its parts, against registry names."""
        item = m.title or m.text
        publishers = self._publishers_in(item)
        score, hits = self._best_title(strip_edition(item))
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
            part = strip_edition(part)
            if len(part) < 3 or (self._publishers_in(part) and not content_key(part, self._publisher_words)):
                continue
            if m.publisher and name_key(part) == name_key(m.publisher):
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
        if len(parts) > 1 and all(name_key(p) in self._all_publisher_keys for p in parts):
            return Resolution(m, "unverifiable", f"names publishers ({', '.join(parts)}) but no specific documents, "
                              "so there is nothing to verify", match="publisher")
        if publishers and not content_key(item, self._publisher_words):
            return self._publisher_only(mention_with(m, publisher=item))
        return Resolution(m, "unverifiable", f"{item!r} is not in the registry", match="title",
                          score=score if hits else None)

    def _labels_in(self, item: str) -> list[str]:
        """Registry drug labels named by brand in an item that speaks of labels ("FDA labels for X and Y")."""
        if not re.search(r"\b(?:labels?|prescribing information)\b", item, re.I):
            return []
        words = set(words_of(item))
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
        words = " " + " ".join(words_of(text)) + " "
        out: set[str] = set()
        for key, ids in self._publisher_of.items():
            if key not in COMMON_WORDS and f" {key} " in words:
                out |= ids
        return out

    def _publisher_only(self, m: Mention) -> Resolution:
        publisher = m.publisher or m.text
        ids = set()
        for key in publisher_keys(publisher):
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
        for key in publisher_keys(m.publisher or ""):
            ids |= self._publisher_of.get(key, set())
        dated = [self.sources[i] for i in sorted(ids) if self.sources[i].kind == "guideline" and
                 (m.year in self.sources[i].years or any(edition_key(e).endswith(str(m.year))
                                                         for e in self.sources[i].editions))]
        return dated[0] if len(dated) == 1 else None

    def _edition_check(self, m: Mention, source: Source, how: str, score: float | None) -> Resolution:
        """A known source: verified unless the cited edition/year is not one the registry lists."""
        what = f"matches {source.id} by {how}" + (f" (similarity {score:.0f})" if score is not None and score < 100
                                                    else "")
        if m.edition is None and m.year is None:
            return Resolution(m, "verified", what, source.id, (source.id,), match=how, score=score)
        cited = edition_key(m.edition or str(m.year))
        listed = {edition_key(e) for e in source.editions} | {str(y) for y in source.years}
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
