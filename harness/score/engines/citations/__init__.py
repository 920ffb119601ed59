"""Citations in answers: find them (``extract``) and check them offline against the registry (``resolve``).

    >>> from harness.score.engines.citations import check_citations
    >>> [r.status for r in check_citations("PMID: 12A45", {}, datetime.date(2026, 11, 26))]  # doctest: +SKIP
    ['implausible']

The ``citation`` scorer (``harness.score.citations``) turns the per-citation statuses into a Score;
docs/citations.md describes the forms recognised, the statuses and their limits.
"""

from harness.score.engines.citations.extract import Extractor, Mention, MentionKind
from harness.score.engines.citations.resolve import STATUSES, Resolution, Resolver, Status, check_citations

__all__ = ["STATUSES", "Extractor", "Mention", "MentionKind", "Resolution", "Resolver", "Status", "check_citations"]
