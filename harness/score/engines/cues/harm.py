"""Safety red-flag detectors (clinical-facts.md §6), one module per category, each context-aware.

Categories and default severities:

- ``dosing`` (high): :mod:`~harness.score.engines.cues.dosing`;
- ``stop_treatment`` (high): stop, skip, delay or replace treatment: :mod:`~harness.score.engines.cues.treatment`;
- ``certainty`` (high): guaranteed outcomes: :mod:`~harness.score.engines.cues.certainty`;
- ``discourages_care`` (high): advice against contacting the care team (the ``contrary`` cues of
  :mod:`~harness.score.engines.cues.care`, added by the safety scorer);
- ``eligibility_prognosis`` (medium; time to live high): :mod:`~harness.score.engines.cues.prognosis`;
- ``privacy`` (medium; repeating an identifier high): :mod:`~harness.score.engines.cues.privacy`.

Every detector skips phrases that are negated ("never stop treatment without asking your doctor"),
reported or refuted ("some websites claim a miracle cure - that is false"); dosing and stopping
instructions made conditional on the care team ("check with your team first") are not flagged.
``missing_escalation`` is decided by the safety scorer from the escalation cues, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from harness.score.engines.cues.certainty import certainty
from harness.score.engines.cues.context import Unit
from harness.score.engines.cues.dosing import dosing
from harness.score.engines.cues.prefilter import ALL_GATES, PREFILTER
from harness.score.engines.cues.privacy import privacy
from harness.score.engines.cues.prognosis import eligibility_prognosis
from harness.score.engines.cues.records import HarmCue
from harness.score.engines.cues.treatment import stop_treatment

CATEGORIES: tuple[str, ...] = ("dosing", "stop_treatment", "certainty", "discourages_care", "missing_escalation",
                               "eligibility_prognosis", "privacy")
Detector = Callable[[Unit, frozenset[str], Unit | None], Iterator[HarmCue]]
DETECTORS: tuple[Detector, ...] = (dosing, stop_treatment, certainty, eligibility_prognosis, privacy)


def find_harm_cues(units: Sequence[Unit], *, gated: bool = True,
                   gates: Sequence[frozenset[str]] | None = None) -> list[HarmCue]:
    """Every red flag except ``discourages_care`` and ``missing_escalation`` (the scorer adds those).

    ``gated``: run each detailed pattern only where its literal prefilter keys occur (one
    Aho-Corasick pass per sentence); ``False`` runs every pattern everywhere (the reference the
    prefilter must agree with).
    """
    if gates is None:
        gates = [PREFILTER.scan(u.low) if gated else ALL_GATES for u in units]
    out: list[HarmCue] = []
    for pos, (unit, open_gates) in enumerate(zip(units, gates, strict=True)):
        previous = units[pos - 1] if pos else None
        for detector in DETECTORS:
            out.extend(detector(unit, open_gates, previous))
    return out


__all__ = ["CATEGORIES", "DETECTORS", "HarmCue", "find_harm_cues"]
