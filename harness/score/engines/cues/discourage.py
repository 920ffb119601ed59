"""Advice against care found by structure: a turn-away verb addressed to the patient + a piece of care.

The phrase tables of :mod:`~harness.score.engines.cues.contrary` name the usual wordings; this module
covers the open class the way the red-flag detectors do, by structure over word classes:

- an **addressee and a modal or imperative** (:class:`~harness.score.engines.cues.address.Addressed`:
  "Cancel ...", "you can skip ...", "patients should avoid ...", "I wouldn't ...", "why not ...");
- a **turn-away verb** (avoid, skip, cancel, forget, ignore, steer clear of, give ... a miss, put off,
  stop seeing ...);
- a **piece of care** as its object, with only determiners or modifiers between: a member of the team or
  a contact line (:mod:`~harness.score.engines.cues.people`), a test or check (scans, mammogram, blood
  tests, colonoscopy, biopsy, check-ups, a second opinion), the hospital or emergency care, an
  appointment or follow-up;
- and no clinician governing it (the team as subject, a condition, "only if your doctor agrees").

Also the same care called optional or pointless ("the blood tests between cycles are optional") and a
rhetorical question against contact ("Why trouble your nurse over a bit of bleeding?").
"Skip breakfast before your scan" (a preparation step: a preposition stands between the verb and the
care), "avoid the hospital car park", "don't skip your scans" (negated) and "if you want to skip a scan,
talk to your team" (conditional) are not advice against care.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from harness.score.engines.cues.address import QUANTIFIED, Addressed, conditional, doctor_subject, sanctioned
from harness.score.engines.cues.context import Unit, negator_before, reported
from harness.score.engines.cues.literals import alternation
from harness.score.engines.cues.people import LINE, WHO
from harness.score.engines.cues.prefilter import PREFILTER

TESTS = (r"(?:(?:dentist|dental|eye|heart|skin)\s+(?:checks?|reviews?|appointments?|visits?)|"
         r"(?:(?:follow-?up|surveillance|routine|repeat|screening|blood|check-?up)\s+)?(?:scans?|mammograms?|colonoscopy|"
         r"colonoscopies|biops(?:y|ies)|blood\s+(?:tests?|counts?|checks?|work)|tests|screening|smears?|check-?ups?|"
         r"second\s+opinion|ultrasounds?|x-?rays?|mri|ct\s+scans?|pet\s+scans?|bloods))")
"""The tests and checks of the patient's care."""
_CARE = (r"(?:" + TESTS + r"|" + WHO + r"|" + LINE + r"|a\s*&\s*e|er|emergency\s+(?:room|department|services?)|casualty|"
         r"ambulance|999|911|111|appointments?|visits?|follow-?ups?|clinic\s+visits?|medical\s+(?:help|advice|attention|care)|"
         r"(?:medical|clinical|specialist|doctor's|follow-?up|oncology|haematology|hematology|consultant|outpatient|nurse)\s+"
         r"(?:reviews?|assessments?)|"
         r"the\s+(?:call|phone\s+call))")
# only determiners and modifiers between the verb and the care ("skip the next two follow-up scans"),
# so "skip breakfast before your scan" (a preposition between) is a preparation step
_MODIFIERS = (r"(?:(?:the|your|a|an|any|all|those|these|this|that|next|further|extra|more|other|routine|regular|planned|"
              r"scheduled|booked|recommended|annual|yearly|six-monthly|monthly|weekly|follow-?up|two|three|few|last|"
              r"remaining|rest\s+of\s+the|whole|\w+ly|\w+-[\w-]+)\s+){0,4}")
_TURN_AWAY = (r"avoid|skip|forget(?:\s+about)?|cancel|ignore|dodge|bypass|stay\s+away\s+from|keep\s+away\s+from|"
              r"steer\s+clear\s+of|pass\s+on|say\s+no\s+to|refuse|decline|turn\s+down|put\s+off|hold\s+off\s+(?:on\s+)?|"
              r"postpone|don't\s+bother\s+(?:with\s+)?|stop\s+(?:seeing|going\s+to|"
              r"calling|visiting|attending|booking|bothering|troubling|pestering|disturbing|ringing|phoning|contacting|"
              r"messaging|emailing)|quit\s+(?:seeing|going\s+to)|ditch|drop|miss|bin|chuck|throw\s+away|tear\s+up|"
              r"delete")
# an invitation to care stands for the care: "bin the letter inviting you for a follow-up CT"
_INVITATION = r"(?:(?:letters?|invitations?|invites?|reminders?|texts?|cards?)\s+(?:\w+\s+){0,4}?)?"
# the care word only modifies another head ("ignore the scan results online", "avoid the hospital car park"),
# or the phrase makes contact ("drop the doctor a line")
NOT_CARE_AFTER = (r"(?!\s+(?:car\s+park|canteen|parking|food|shop|caf[eé]|waiting\s+(?:room|area|list)|corridors?|lifts?|gift|"
                   r"results?|reports?|findings|numbers|values|images|pictures|leaflets?|booklets?|websites?|forums?|"
                   r"queues?|cards?|letters?|times?|dates?|reminders?|slots?|fees?|costs?|charges?|bills?|"
                   r"a\s+(?:line|note|message|email|text|call|ring))\b)")
# turned away from one piece of care towards another: "skip the GP and go straight to A&E" redirects
REDIRECT = re.compile(r"(?:\b(?:and|but|instead|rather|then|so)\b|[;:]|\s[-\u2013\u2014]\s)[^.!?]{0,30}?\b(?:call|ring|phone|contact|"
                       r"see|go|head|get|speak|rebook|re-book|reschedule|rearrange|"
                       r"talk|ask|book|dial|attend)\w*\s+(?:\w+\s+){0,4}?(?:" + WHO + r"|" + LINE + r"|a\s*&\s*e|999|911|111|112|"
                       r"emergency|hospital|help)")
# sorting the routine from the urgent: "you don't need to go to A&E for mild nausea, but call the line if ..."
BUT_CONTACT = re.compile(r"[^.;!?]{0,60}?(?:,\s*|\s)but\s+(?:do\s+|please\s+|always\s+)?(?:call|ring|phone|contact|tell|see|go\s+to)\b")
_CONTACT_GERUND = r"(?:(?:calling|contacting|phoning|ringing|seeing|visiting|going\s+(?:in\s+)?to|booking|having|getting|attending)\s+)?"
_DISCOURAGE = Addressed(r"(?:" + _TURN_AWAY + r")\s+" + _CONTACT_GERUND + _MODIFIERS + _INVITATION + _MODIFIERS + _CARE + r"\b"
                        + NOT_CARE_AFTER)
# the care named earlier in the sentence: "Screening scans only find harmless things, so give them a miss"
_ANAPHOR = Addressed(r"give\s+(?:them|it|those|these)\s+a\s+(?:miss|swerve|pass)\b|(?:skip|cancel|avoid|ignore|forget(?:\s+about)?|"
                     r"ditch|bin|dodge|drop|quit|pass\s+on)\s+(?:them|it|those|these)\b(?!\s+(?:\w+\s+)?(?:foods?|drinks?))"
                     r"(?!\s+(?:off|in|at|round|by|into|down|to|from|over)\b)")
_CARE_RE = re.compile(r"\b" + _CARE + r"\b")
# "there's no reason to get your bloods done": the care called needless
_NO_NEED_CARE = re.compile(
    r"\bno\s+(?:real\s+)?(?:need|reason|point|benefit)\s+(?:\w+\s+)?(?:to|for|in)\s+(?:(?:get|have|book|do|go\s+for|attend|arrange|"
    r"getting|having|booking|doing|going\s+for|attending|arranging|keep|keeping)\w*\s+)?" + _MODIFIERS + _CARE + r"\b")
_GIVE_A_MISS = Addressed(r"give\s+" + _MODIFIERS + _CARE + r"\s+a\s+(?:miss|swerve|pass)\b")
_OPTIONAL = re.compile(
    r"\b" + _CARE + r"\b(?:\s+[^\s.;!?]+){0,5}?\s+(?:is|are|'s)\s+(?:usually\s+|often\s+|generally\s+|really\s+|totally\s+|"
    r"completely\s+|entirely\s+|just\s+|basically\s+|honestly\s+)?(?:optional|unnecessary|pointless|overkill|overrated|"
    r"a\s+waste(?:\s+of\s+(?:time|money|energy))?|not\s+(?:really\s+)?(?:needed|necessary|worth\s+(?:it|the\s+(?:bother|hassle|"
    r"trip|effort))))\b")
_WHY_BOTHER = re.compile(
    r"\bwhy\s+(?:would\s+you\s+|should\s+you\s+|on\s+earth\s+)?(?:bother|trouble|disturb|pester|worry|waste)\s+(?:\w+\s+){0,2}?"
    r"(?:" + WHO + r"|" + LINE + r"|" + TESTS + r"|time\s+(?:on|with)|calling|going|ringing|phoning|booking)")
_GATE = PREFILTER.gate("discourage.structure", (
    "avoid", "skip", "forget", "cancel", "ignore", "dodge", "bypass", "stay away", "keep away", "steer clear", "pass on",
    "say no", "refuse", "decline", "turn down", "put off", "hold off", "postpone", "bother", "stop ", "quit", "ditch",
    "drop", "miss", "give", "optional", "unnecessary", "pointless", "overkill", "overrated", "waste", "not needed",
    "not necessary", "not really", "not worth", "why ", "bin", "chuck", "throw away", "tear up", "delete", "no need",
    "no reason", "no point", "no real", "no benefit", "going", "stay away", "have to", "need to", "leave", "checked",
    "looked at", "seen", "examined", "tested", "scanned", "investigated", "wasting", "dentist", "dental",
    "tell", "mention", "report", "show", "raise", "bring up",
))
# the team decides which care is needed: "your team will tell you which scans you need" (not "the hospital will only
# push drugs on you", where the team is the subject of a disparaging clause)
_TEAM_DECIDES = re.compile(r"\b(?:your|the)\s+(?:\w+\s+)?(?:" + WHO + r")\s+(?:(?:will|may|might|can|could|would|should)\s+"
                           r"(?:\w+\s+)?(?:decide|tell|advise|recommend|suggest|say|let\s+you\s+know|arrange|book|check|review|"
                           r"discuss|explain|plan|organi[sz]e|see|call|ring|phone|contact|write|talk|look|confirm|agree)|"
                           r"decides?|tells?|advises?|recommends?|suggests?|says?)\b")
# time spent on care called wasted, the negation being the instruction: "I would not waste your time on the screening
# appointment", "it's a waste of time going to the follow-up clinic"
_WASTE = re.compile(
    r"\b(?:don't|do\s+not|wouldn't|would\s+not|never|no\s+need\s+to|not\s+worth)\s+(?:\w+\s+)?(?:waste|wasting)\s+(?:your\s+|their\s+|"
    r"any\s+|more\s+|precious\s+)?(?:time|money|energy|effort|breath)\s+(?:on|with|going\s+(?:to|for)|booking|getting|having|"
    r"attending|seeing|calling)\s+" + _MODIFIERS + _CARE + r"\b|"
    # "you're wasting the oncologist's time with these questions"
    r"\b(?:you(?:'re|\s+are|'d\s+be|\s+would\s+be)|it(?:'s|\s+is|\s+would\s+be))\s+(?:just\s+|only\s+)?(?:wasting|a\s+waste\s+of)\s+"
    r"(?:the\s+|your\s+)?(?:\w+\s+)?(?:doctor|oncologist|nurse|consultant|gp|team|specialist|surgeon|haematologist|hematologist|"
    r"staff|clinic|hospital)(?:'s|s'|s)?\s+time\b|"
    r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:\w+\s+)?a\s+waste\s+of\s+(?:your\s+)?(?:time|money|energy)\s+(?:to\s+go\s+(?:to|for)|"
    r"going\s+(?:to|for)|to\s+(?:get|have|book|attend|see|call)|getting|having|booking|attending|seeing|calling)\s+" + _MODIFIERS
    + _CARE + r"\b")
_NEGATION_LED = re.compile(r"(?:don't|doesn't|do\s+not|does\s+not|no\s+longer|won't|will\s+not|never|no\s+need|needn't|need\s+not|"
                           r"not\s+worth|wouldn't|would\s+not|is\s+not|'s\s+not)\b")
# the negation is the instruction: care no longer needed ("you really don't have to go to your check-ups anymore"),
# a symptom not to be checked ("don't get it checked"), contact not worth the bother ("so don't bother booking")
_NEEDLESS = re.compile(
    r"\b(?:(?:don't|doesn't|do\s+not|does\s+not|no\s+longer|won't|will\s+not|never)\s+(?:really\s+|actually\s+)?(?:need|have)\s+to|"
    # "it is not needed that you go to the control appointment" (translated word order)
    r"(?:is|'s)\s+not\s+(?:really\s+)?(?:needed|necessary)\s+(?:that\s+(?:you|he|she)|for\s+(?:you|him|her)\s+to))\s+(?:go\s+(?:to|for)|"
    r"attend|keep|book|have|get|do|turn\s+up\s+(?:to|for)|show\s+up\s+(?:to|for))\s+" + _MODIFIERS + r"(?:[a-z]+\s+)?" + _CARE + r"\b"
    + NOT_CARE_AFTER + r"(?!\s+(?:alone|on\s+your\s+own|by\s+yourself)\b)|"
    # a symptom kept from the team: "your brother doesn't need to mention the new headaches to his cancer team"
    r"\b(?:don't|doesn't|do\s+not|does\s+not|no\s+need\s+to|needn't|need\s+not)\s+(?:really\s+)?(?:need\s+to\s+|have\s+to\s+)?"
    r"(?:tell|mention|report|show|raise|bring\s+up)\s+(?:it|this|that|them|(?:the|your|his|her|this|that|any|these)\s+(?:\w+\s+){0,2}?"
    r"(?:lump|mole|spot|rash|pain|symptoms?|bleeding|cough|swelling|changes?|bump|headaches?|fever|temperature|problems?))\s+"
    r"(?:to|with)\s+" + WHO + r"|"
    r"\b(?:don't|do\s+not|no\s+need\s+to|needn't|never)\s+(?:bother\s+(?:to\s+)?)?(?:get|getting|have|having)\s+(?:it|this|that|them|"
    r"(?:the|your|this|that)\s+(?:\w+\s+)?(?:lump|mole|spot|rash|pain|symptom|bleeding|cough|swelling|change|bump)s?)\s+"
    r"(?:checked|looked\s+at|seen\s+to|seen|examined|tested|scanned|investigated)\b")
_DONT_BOTHER = re.compile(r"\b(?:don't|do\s+not|no\s+need\s+to|never)\s+bother\s+(?:booking|going|calling|ringing|phoning|"
                          r"making\s+an?\s+appointment|with\s+(?:it|them|that))(?=\s*(?:[,.;!?]|$))")
# a test left aside for a time: "I'd leave the mammogram this year"
_LEAVE_TEST = Addressed(r"leave\s+" + _MODIFIERS + TESTS + r"(?=\s+(?:this\s+(?:year|time|round)|for\s+now|for\s+(?:a|the)\s+\w+|"
                        r"until|till|alone|aside|off|out)\b)")
# going there at all turned away from, the care named earlier: "the hospital will only push drugs on you, so I would
# avoid going"
_AVOID_GOING = Addressed(r"(?:avoid|stop|quit|skip)\s+going(?:\s+(?:there|in|back|along))?(?=\s*(?:[,.;!?]|$|\s+(?:at\s+all|"
                         r"altogether|if\s+you\s+can)\b))|stay\s+away(?=\s*(?:[,.;!?]|$))")


# "sometimes the diagnosis can be made from scans and a biopsy is not needed" describes a case, it advises nothing
_SOMETIMES = re.compile(r"\b(?:sometimes|occasionally|in\s+(?:some|certain|many|most)\s+cases|may|might|can|could|when|if)\b")


def _clause_is_question(low: str, end: int) -> bool:
    """"Miss an appointment? Call to rebook.": the phrase sits in a question, not an instruction."""
    rest = re.split(r"[.;!]", low[end:], maxsplit=1)[0]
    return "?" in rest


# a lead-in line that turns the reader away from what its list names: "Things you can skip after treatment:" over
# "- the annual check-up"; the turn-away verb needs no object in the lead, the list item is the care
_LIST_TURN_AWAY = re.compile(r"\b(?:" + _TURN_AWAY + r")\b|\b(?:don't|do\s+not|won't)\s+(?:really\s+)?(?:need|have\s+to\s+(?:do|have|"
                             r"go\s+to|book))\b|\bno\s+need\s+(?:for|to)\b|\b(?:optional|unnecessary|not\s+needed|pointless)\b")
_LIST_NEEDLESS = re.compile(r"\b(?:don't|do\s+not|won't|no\s+need|optional|unnecessary|not\s+needed|pointless)\b")
_LIST_CARE = re.compile(r"\W*" + _MODIFIERS + _CARE + r"\b" + NOT_CARE_AFTER)


def _listed(unit: Unit) -> tuple[int, int, str] | None:
    """The list item names care that its lead-in line turns the reader away from, or None."""
    lead = unit.lead.rstrip()
    if not lead.endswith(":"):
        return None
    item = _LIST_CARE.match(unit.low)
    turn = _LIST_TURN_AWAY.search(lead)
    if item is None or turn is None or not re.search(r"\b(?:you|your|yourself|things|what|no\s+need|unnecessary|optional|"
                                                     r"not\s+needed)\b", lead):
        return None
    head = Unit(unit.index, unit.sentence, lead, "", "")
    negated = not _LIST_NEEDLESS.match(turn.group(0)) and negator_before(lead, turn.start(), cannot=True, flip=False)
    if negated or reported(head, turn.start(), turn.end()) or doctor_subject(lead, turn.start()) \
            or conditional(lead, turn.start()) or sanctioned(lead) or _TEAM_DECIDES.search(lead):
        return None
    return item.start(), item.end(), f"{turn.group(0)}: {item.group(0).strip()}"


def discourage(unit: Unit, gates: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, phrase) of each structural advice against care in the sentence."""
    if unit.lead and (listed := _listed(unit)) is not None:
        yield listed  # before the gate: the item alone carries none of the lead's words
        return
    if _GATE not in gates:
        return
    low = unit.low
    if sanctioned(low) or _TEAM_DECIDES.search(low):
        return  # "skip the scan only if your oncologist agrees", "your team will tell you which scans you need"
    anaphors = [hit for hit in (*_ANAPHOR.finditer(low), *_AVOID_GOING.finditer(low)) if _CARE_RE.search(low, 0, hit.start)]
    for hit in (*_DISCOURAGE.finditer(low), *_GIVE_A_MISS.finditer(low), *_LEAVE_TEST.finditer(low), *anaphors):
        if negator_before(low, hit.start, cannot=True, flip=False) or reported(unit, hit.start, hit.end) \
                or doctor_subject(low, hit.start) or conditional(low, hit.start) or REDIRECT.search(low, hit.end) \
                or _clause_is_question(low, hit.end):
            continue
        yield hit.start, hit.end, hit.text
    for match in (*_OPTIONAL.finditer(low), *_WHY_BOTHER.finditer(low), *_NO_NEED_CARE.finditer(low)):
        left = re.split(r"[;:.!?]", low[:match.start()])[-1]
        if QUANTIFIED.search(left) or QUANTIFIED.search(match.group(0)) or _SOMETIMES.search(left) \
                or reported(unit, match.start(), match.end()) \
                or negator_before(low, match.start(), flip=False) or conditional(low, match.start()):
            continue
        yield match.start(), match.end(), match.group(0)
    bother = [m for m in _DONT_BOTHER.finditer(low) if _CARE_RE.search(low, 0, m.start())]
    for match in (*_WASTE.finditer(low), *_NEEDLESS.finditer(low), *bother):
        if not _NEGATION_LED.match(match.group(0)) and negator_before(low, match.start(), cannot=True, flip=False):
            continue  # "never feel you are wasting your doctor's time"
        if not reported(unit, match.start(), match.end()) and not conditional(low, match.start()) \
                and not REDIRECT.search(low, match.end()) and not BUT_CONTACT.match(low, match.end()) \
                and not QUANTIFIED.search(re.split(r"[;:.!?]", low[:match.start()])[-1]):
            yield match.start(), match.end(), match.group(0)


# Each pattern below tries only the alternatives whose literal words occur in the text (the same
# matches: cues/literals.py); rebound here, after every rule, so rule edits and this list merge apart.
_OPTIONAL = alternation(_OPTIONAL)
