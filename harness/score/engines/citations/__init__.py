"""Citations in answers: find them (``extract``) and check them offline against the registry (``resolve``).

    >>> from harness.score.engines.citations import check_citations
    >>> [r.status for r in check_citations("PMID: 12A45", {}, datetime.date(2026, 11, 26))]  # doctest: +SKIP
    ['implausible']

The ``citation`` scorer (``harness.score.citations``) turns the per-citation statuses into a Score;
docs/citations.md describes the forms recognised, the statuses and their limits.

Per answer: ``extract_citations(text, resolver.extractor)`` once (the mentions), then
``resolver.resolve_mentions(mentions, gold.sources)``; the ``Resolver`` is built once per registry.

Modules: ``patterns`` (fixed vocabulary and regexes), ``prefilter`` (literal gates that skip
patterns which cannot match), ``mentions``, ``spans`` and ``extract`` (finding mentions),
``keys``, ``resolution``, ``titles`` and ``resolve`` (checking them against the registry).
"""

from harness.score.engines.citations.extract import Extractor, extract_citations
from harness.score.engines.citations.mentions import Mention, MentionKind
from harness.score.engines.citations.resolution import STATUSES, Resolution, Status
from harness.score.engines.citations.resolve import Resolver, check_citations

__all__ = ["STATUSES", "Extractor", "Mention", "MentionKind", "Resolution", "Resolver", "Status", "check_citations",
           "extract_citations"]
