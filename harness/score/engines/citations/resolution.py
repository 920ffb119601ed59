"""What the registry says about one citation mention: its status, the reason and the matched source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from harness.score.engines.citations.mentions import Mention

Status = Literal["verified", "unverifiable", "implausible"]
STATUSES: tuple[str, ...] = ("verified", "unverifiable", "implausible")


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
