"""Another document's words, reported: "the leaflet says the information is general", "the booklet
says to call 999 for chest pain".

A disclaimer or an escalation phrase that the answer attributes to a leaflet, website, guideline or
similar document is reported, not given: the answer describes what that document says. Shared by the
disclaimer side (:mod:`~harness.score.engines.cues.care`) and the escalation side
(:mod:`~harness.score.engines.cues.escalation`), so both read such a sentence the same way.
A document that belongs to the patient ("your discharge leaflet says to call the 24-hour line") is
not an outside source: its advice, passed on, is still advice to the patient.
"""

from __future__ import annotations

import re

_DOCUMENT = (r"(?:leaflet|website|site|article|booklet|pamphlet|brochure|blog|post|video|book|magazine|forum|page|app|"
             r"paper|label|fact\s?sheet|newsletter|advert|guidelines?|guidance|protocol|study|survey|textbook)")
_SAYS = r"(?:says?|said|states?|stated|claims?|claimed|mentions?|notes?|noted|reads?|warns?|warned|tells?|told|recommends?|advises?)"

DOCUMENT_SAYS = re.compile(
    r"\b(?:the|a|an|this|that|my|your|their|his|her|one|another)\s+(?:\w+\s+)?" + _DOCUMENT + r"\s+(?:\w+\s+)?"
    + _SAYS + r"\s+(?:that\s+)?(?:\w+\s+){0,3}\Z")
"""Search ``low`` up to a disclaimer phrase: the phrase is what a document says (up to three words apart)."""

_OUTSIDE_DOCUMENT_SAYS = re.compile(
    r"\b(?:the|a|an|this|that|their|his|her|one|another|some|many|most)\s+(?:\w+\s+)?" + _DOCUMENT + r"\s+(?:[\w']+\s+){0,3}?"
    + _SAYS + r"\s+(?:that\s+)?(?:[\w']+\s+){0,6}\Z")


def outside_document_says(low: str, start: int) -> bool:
    """The phrase at ``low[start:]`` is what an outside document says ("the booklet says to call 999 ...",
    "the guideline says patients should be told to seek urgent care"), not the patient's own."""
    return _OUTSIDE_DOCUMENT_SAYS.search(low, 0, start) is not None
