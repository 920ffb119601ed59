"""One citation as written in an answer: its span, its form and the parts recognised."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

MentionKind = Literal["url", "doi", "pmid", "guideline", "journal", "trial", "registry", "attribution",
                      "reference"]

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
