"""How far the gold answers a battery ships have been reviewed by clinicians, stated the same way everywhere.

A gold answer counts as clinician-reviewed only when its ``status`` is ``reviewed`` *and* its
``reviewed_by`` does not describe a draft (the shipped oncology gold says "answer-audit clinical
content draft (AI-assisted), pending clinician review"). ``validate``, the report header and the
reviewer app all print ``GoldStatus.sentence()``, so no page claims more review than happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_DRAFT = re.compile(r"pending|draft|ai[- ]assisted|unreviewed|imported from|not (clinically |clinician[- ])?reviewed",
                    re.IGNORECASE)


def clinician_reviewed(gold: Any) -> bool:
    """True when a gold answer says a clinician reviewed it (not a draft, not imported, not unreviewed)."""
    return getattr(gold, "status", "reviewed") == "reviewed" and not _DRAFT.search(str(getattr(gold, "reviewed_by", "")))


@dataclass(frozen=True, slots=True)
class GoldStatus:
    """Counts of clinician-reviewed and draft gold answers, and how the drafts describe themselves."""

    total: int
    reviewed: int
    draft_labels: tuple[str, ...]
    """The distinct ``reviewed_by`` texts of the answers not clinician-reviewed (most common first)."""

    @classmethod
    def of(cls, golds: Iterable[Any]) -> GoldStatus:
        golds = list(golds)
        drafts = [str(g.reviewed_by) for g in golds if not clinician_reviewed(g)]
        labels = tuple(sorted(set(drafts), key=lambda t: (-drafts.count(t), t)))
        return cls(total=len(golds), reviewed=len(golds) - len(drafts), draft_labels=labels)

    @property
    def all_reviewed(self) -> bool:
        return self.reviewed == self.total

    def sentence(self) -> str:
        """E.g. ``0 of 41 gold answers are clinician-reviewed; 41 are "AI-assisted draft, pending ..."``."""
        head = f"{self.reviewed} of {self.total} gold answer{'s' if self.total != 1 else ''} clinician-reviewed"
        if self.all_reviewed:
            return head
        drafts = self.total - self.reviewed
        label = self.draft_labels[0] if len(self.draft_labels) == 1 else "drafts or unreviewed"
        return f"{head}; {drafts} {'is' if drafts == 1 else 'are'} marked “{label}”"


def battery_gold_status(battery: Any) -> GoldStatus | None:
    """The status of a battery's gold answers (None when the battery could not be read)."""
    return None if battery is None else GoldStatus.of(battery.gold.values())
