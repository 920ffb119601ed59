"""Care-team cues of one answer: disclaimers, referrals, escalation advice, contrary advice.

Five kinds of sentence, found by meaning (families of paraphrases) rather than one phrase, each by
its own module:

- ``not_advice``: a generic disclaimer (:mod:`~harness.score.engines.cues.not_advice`, plus the
  general-information wordings of :mod:`~harness.score.engines.cues.disclaimer_kinds`);
- ``referral``: the patient's own team should guide their decisions
  (:mod:`~harness.score.engines.cues.referral`);
- ``item_referral``: a referral tied to one item (a trial, storing a medicine, a device): not a
  disclaimer, kept so a reviewer sees why it did not count;
- ``escalation``: actionable urgent advice (:mod:`~harness.score.engines.cues.escalation`);
- ``contrary``: advice against contacting the team (:mod:`~harness.score.engines.cues.contrary`).

An escalation phrase that is itself the object of contrary advice ("calling the hospital for a cough
is unnecessary") is not escalation; a sentence with escalation or contrary advice is not read as a
referral. The disclaimer, escalation and safety scorers all read :func:`find_care_cues`, so they
never disagree about the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.score.engines.cues.context import Unit, negator_before, reported
from harness.score.engines.cues.contrary import contrary
from harness.score.engines.cues.disclaimer_kinds import general_extra, not_advice_kind, referral_scope
from harness.score.engines.cues.escalation import contacts, emergency_destination, escalation
from harness.score.engines.cues.not_advice import not_advice
from harness.score.engines.cues.prefilter import ALL_GATES, PREFILTER
from harness.score.engines.cues.records import CareCue
from harness.score.engines.cues.referral import polarity, positive_referral
from harness.score.engines.cues.sources import DOCUMENT_SAYS


def find_care_cues(units: Sequence[Unit], *, gated: bool = True,
                   gates: Sequence[frozenset[str]] | None = None) -> list[CareCue]:
    """Every care cue in the answer, in sentence order (a sentence can carry several kinds).

    ``gates``: the prefilter's gates per unit (computed here when absent); ``gated=False`` runs every
    pattern on every sentence (the reference the prefilter must agree with).
    """
    if gates is None:
        gates = [PREFILTER.scan(u.low) if gated else ALL_GATES for u in units]
    cues: list[CareCue] = []
    for pos, unit in enumerate(units):
        low, open_gates = unit.low, gates[pos]
        found = [(m, polarity(unit, m.start()))
                 for m in contacts(low, open_gates, units[pos - 1].low if pos else "")]
        against = contrary(unit, found, open_gates, units[pos - 1] if pos else None)
        cues.extend(against)
        urgent = escalation(unit, units, pos, [m for m, sign in found if sign == "positive"])
        if urgent is not None and any(_overlap(urgent.span, c.span) or c.span[1] <= urgent.span[0] for c in against):
            # "calling the hospital for a cough is unnecessary": the contact is what is advised against;
            # "first wait three days, then maybe call the doctor": the contact comes after the delay
            urgent = None
        if urgent is not None:
            cues.append(urgent)
        general = not_advice(low, open_gates)
        if general is not None and _not_given(unit, general):
            general = None  # quoted, attributed to others ("some forums end with 'not medical advice'") or negated
        if general is not None:
            cues.append(CareCue("not_advice", unit, general.group(0), not_advice_kind(general.group(0)),
                                span=general.span()))
        elif (general := general_extra(low, open_gates)) is not None \
                and not reported(unit, general.start(), general.end()) and not _NOT_GENERAL.search(general.group(0)) \
                and not DOCUMENT_SAYS.search(low, 0, general.start()):
            extra = CareCue("not_advice", unit, general.group(0), "general-information", span=general.span())
            if urgent is not None or against or positive_referral(unit, open_gates) is None:
                cues.append(extra)  # else the sentence's referral carries it ("use this as background and decide ... with your team")
        if urgent is None and not against:
            referral = positive_referral(unit, open_gates)
            if referral is not None:
                phrase, start = referral
                item = referral_scope(low, start)
                where = (start, start + len(phrase))
                if item is None:
                    cues.append(CareCue("referral", unit, phrase, "team-decides", span=where))
                else:
                    cues.append(CareCue("item_referral", unit, phrase, f"tied to one item: {item!r}", span=where))
    return cues


def _not_given(unit: Unit, general: re.Match[str]) -> bool:
    """A not-advice phrase the answer does not give: quoted or attributed to others, or negated
    ("this isn't general information - it's exactly what will happen to you")."""
    why = reported(unit, general.start(), general.end())
    if why is not None and (why == "inside quotation marks" or why.startswith("attribution")) \
            or DOCUMENT_SAYS.search(unit.low, 0, general.start()):
        return True
    return not_advice_kind(general.group(0)) == "general-information" and \
        (negator_before(unit.low, general.start()) is not None or _NOT_GENERAL.search(general.group(0)) is not None)


# "this is not a general rule", "this isn't general information": generality denied
_NOT_GENERAL = re.compile(r"\b(?:isn't|is\s+not|aren't|are\s+not|wasn't|was\s+not)\s+(?:just\s+|only\s+|an?\s+)*"
                          r"(?:general|generic|broad|simplified|typical|usual|textbook|big-picture|average)\b")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


__all__ = ["CareCue", "emergency_destination", "find_care_cues"]
