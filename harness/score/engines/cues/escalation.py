"""Escalation: actionable urgent advice: contact the team / their 24-hour line / the emergency room /
the emergency number, with urgency ("right away", "don't wait") or the triggering symptoms ("if you
have a fever or confusion"), including a "Call right away if you have:" line followed by a list of
symptoms.

Escalation phrases at routine times ("at your next visit") are not escalation; "talk to / speak
with your team" counts only with urgency ("speak to a doctor urgently"), otherwise it is a referral;
a story ("my uncle had to go to A&E") advises nothing. :func:`contacts` finds every contact phrase
of a sentence (also read by the contrary detector: a negated contact is contrary advice).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.score.engines.cues.context import Unit, reported
from harness.score.engines.cues.literals import alternation
from harness.score.engines.cues.people import LINE, LINE_KEYS, WHO, WHO_KEYS
from harness.score.engines.cues.prefilter import PREFILTER
from harness.score.engines.cues.records import CareCue
from harness.score.engines.cues.sources import outside_document_says

_CONTACT = re.compile(
    r"\b(?:call(?:ing)?|phone|ring|contact(?:ing)?|page|paging|tell(?:ing)?|notify(?:ing)?|alert(?:ing)?|telephon(?:e|ing)|"
    r"speak\s+(?:to|with)|talk\s+(?:to|with)|"
    r"reach(?:ing)?(?:\s+out\s+to)?|message|text|email|get\s+in\s+touch\s+with|get\s+hold\s+of|let|report|"
    r"alerting|telling|calling|phoning|contacting|notifying|reporting|ringing|messaging|texting)"
    r"\s+(?:(?!(?:before|after|if|when|unless|because|and|but|so|then)\b)[^\s,;:]+\s+){0,8}?(?:" + WHO + r"|" + LINE + r"|(?:the\s+)?(?:number|line)\s+(?:your|they|the|on|from|in)\s+|"
    r"(?:us|them)\b)|"
    r"\b(?:use|try|dial)\s+" + LINE + r"|"
    r"\bgive\s+(?:them|us|him|her|(?:the|your)\s+(?:\w+\s+)?(?:team|line|hotline|helpline|unit|ward|nurse|doctor|clinic|"
    r"hospital))\s+a\s+(?:ring|call|bell|buzz|shout)\b|"
    r"\btreat\s+(?:\S+\s+){0,6}?as\s+an?\s+(?:medical\s+)?emergency|"
    r"\b(?:call|dial|phone|ring)\s+(?:\w+\s+){0,2}?(?:911|999|112|000|999|(?:an?\s+|the\s+)?ambulance|emergency\s+services|"
    r"for\s+an?\s+ambulance|the\s+emergency\s+number|" + LINE + r")|"
    r"\b(?:keep|save|note|store)\s+(?:\w+\s+){0,3}?" + LINE + r"|"
    r"\b(?:call|phone|ring)\s+(?:for\s+help\s+)?(?:right\s+away|immediately|now|at\s+once|straight\s+away|urgently|today|"
    r"tonight)\b|"
    r"\b(?:should|must|needs?\s+to)\s+be\s+(?:reported|checked|seen|assessed|looked\s+at)\s+(?:\w+\s+)?(?:urgently|immediately|"
    r"straight\s+away|right\s+away|at\s+once|the\s+same\s+day|today)\b|"
    r"\b(?:reported|mentioned|flagged|described)\s+(?:\S+\s+){0,3}?to\s+" + WHO + r"|"
    r"\b" + WHO + r"\s+(?:should|must|needs?\s+to|has\s+to)\s+(?:know|hear\s+about\s+(?:it|this|that))\s+(?:\w+\s+)?"
    r"(?:straight\s+away|right\s+away|immediately|at\s+once|urgently|today|now)|"
    r"\b" + WHO + r"\s+(?:should|must|needs?\s+to|has\s+to)\s+(?:\w+\s+)?be\s+(?:contacted|called|phoned|told|"
    r"informed|notified|alerted|paged)|"
    r"\b(?:(?:go(?:ing)?|get(?:\s+(?:yourself|them|him|her))?|head|come|be\s+taken|rush|take\s+(?:yourself|them|him|her|you|me)|drive|went|present"
    r"(?:ing)?|report)\s+(?:straight\s+|directly\s+|right\s+)?(?:back\s+)?to|visit|attend)\s+(?:the\s+|an?\s+|your\s+)?"
    r"(?:nearest\s+|closest\s+|local\s+)?"
    r"(?:emergency\s+(?:room|department|unit|center|centre)|er\b|e\.r\.|a&e|ed\b|hospital|urgent\s+care|"
    r"casualty|emergency)|"
    r"(?:^|[,;:.!?]\s*|\s-\s)(?:911|999|112|(?:the\s+)?(?:emergency\s+(?:department|room)|a&e|hospital|urgent\s+care))"
    r"(?=\s*[,.!;]?\s*(?:$|now\b|tonight\b|today\b|right\s+away|immediately|straight\s+away))|"
    r"\b(?:needs?|requires?|means|warrants?)\s+(?:\w+\s+){0,2}?(?:an?\s+)?(?:ambulance|999|911|112|emergency\s+(?:medical\s+)?"
    r"(?:help|care|services|team))|"
    r"\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+an?\s+(?:[\w&]+-)*(?:a&e|er|emergency|999|911|ambulance|hospital)"
    r"(?:-[\w&]+)*\s+(?:thing|situation|job|matter|case)\b|"
    r"\b(?:seek|get|obtain|need|needs|require|requires|requiring|receive|warrants?|merits?|calls?\s+for)\s+(?:\w+\s+){0,2}?(?:emergency|urgent|"
    r"immediate|prompt|same-day|right-away)\s+(?:medical\s+)?(?:care|help|attention|treatment|evaluation|review|"
    r"assessment|advice)|"
    r"\b(?:seek(?:ing)?|get(?:ting)?|obtain(?:ing)?)\s+(?:medical\s+)?(?:help|attention|care|advice)\b|"
    r"\b(?:needs?|requires?)\s+(?:checking|to\s+be\s+checked|looking\s+at|seeing\s+to)\s+(?:\w+\s+){0,3}?(?:today|urgently|"
    r"straight\s+away|right\s+away|immediately|now|the\s+same\s+day)|"
    r"\b(?:be|get|getting|have)\s+(?:(?:you|yourself|them|him|her|it|this|that)\s+)?(?:seen|checked(?:\s+out)?|looked\s+at|evaluated|assessed|examined)\s+(?:by\s+\w+\s+)?"
    r"(?:urgently|right\s+away|today|immediately|the\s+same\s+day|quickly|promptly|straight\s+away|at\s+once|now)|"
    r"\b(?:could|may|might|can)\s+be\s+(?:a\s+)?(?:medical\s+)?emergency|"
    r"\b(?:medical|hospital)\s+(?:emergency|emergencies)|\bthis\s+is\s+an\s+emergency|"
    r"\b(?:is|are|counts\s+as|treated\s+as)\s+(?:always\s+|considered\s+|still\s+|potentially\s+)?(?:an?\s+)?"
    r"(?:medical\s+)?emergency"
)
_INHERENTLY_URGENT = re.compile(
    r"911|999|112|ambulance|emergency|urgent|\ber\b|a&e|\bed\b|casualty|immediate|24[\s-]?hour|24/7|after[\s-]hours?|"
    r"out[\s-]of[\s-]hours|on[\s-]call|right[\s-]away|same-day|promptly"
)
_URGENCY = re.compile(
    r"\b(?:right\s+away|immediately|straight\s+away|at\s+once|now|urgent(?:ly)?|as\s+soon\s+as\s+(?:possible|you\s+can)|"
    r"asap|without\s+delay|same[\s-]day|today|tonight|within\s+(?:an?|one|\d+|a\s+few)\s+hours?|promptly|quickly|"
    r"fast|right\s+then|there\s+and\s+then|even\s+(?:at\s+night|in\s+the\s+middle|on\s+(?:a|the)\s+weekend|if\s+it)|day\s+or\s+night|night\s+or\s+day|"
    r"any\s+time|anytime|24\s+hours\s+a\s+day|emergency|no\s+matter\s+the\s+time)\b|"
    r"\b(?:don't|do\s+not|never)\s+(?:\w+\s+)?(?:wait|delay|put\s+(?:it\s+)?off)"
)
_TRIGGER = re.compile(
    r"\b(?:fever\w*|febrile|temperature|temp\b|3[89](?:[.,]\d)?\s*(?:°?\s*c\b|degrees?)|10[0-4](?:\.\d)?\s*°?\s*f\b|chills?|"
    r"shiver\w*|shaking|rigors?|sweats|confus\w*|disorient\w*|seizures?|(?:a|having|has|had)\s+(?:a\s+)?fits?\b|convuls\w*|"
    r"(?:trouble|difficulty|problems?)\s+(?:\w+\s+)?(?:speaking|talking|breathing|walking|swallowing|finding\s+words|"
    r"waking|staying\s+awake|understanding|writing)|short(?:ness)?\s+of\s+breath|breathless\w*|can't\s+breathe|"
    r"chest\s+pain|bleed\w*|blood\s+in|black\s+(?:stools?|poo)|dizz\w*|faint\w*|pass(?:ing)?\s+out|light-?headed|"
    r"drows\w*|sleepy|sleepiness|tremors?|shak(?:y|iness)|headaches?|stiff\s+neck|rash\w*|blisters?|hives|"
    r"diarrh\w*|vomit\w*|throwing\s+up|keep\s+(?:food|fluids|water|anything)\s+down|dehydrat\w*|swell\w*|swollen|"
    r"(?:turns?|becomes?|looks?|gets?|going)\s+red|"
    r"severe|redness|infection\w*|cough\w*|sore\s+throat|burning|racing\s+heart|heart\s+racing|palpitations?|"
    r"fast\s+heart|low\s+blood\s+pressure|weak(?:ness)?|numb(?:ness|ed)?\b|tingling|vision|slurred|memory|"
    r"jaundice|yellow\w*|not\s+(?:urinating|peeing)|crs\b|cytokine\s+release|icans\b|neurotox\w*|neurologic\w*|"
    r"warning\s+signs?|(?:these|any\s+of\s+these|the\s+following|such)\s+(?:signs|symptoms|problems|changes)|"
    r"any\s+of\s+(?:these|the\s+following)|the\s+following|(?:new|unusual|worrying|sudden)\s+(?:\w+\s+)?"
    r"(?:symptoms?|signs?|changes?|pain)|symptoms?\s+(?:like|such\s+as|of)|feel(?:ing)?\s+(?:very\s+|really\s+)?"
    r"(?:unwell|ill|sick|worse|strange|off)|gets?\s+worse|getting\s+worse|worsen\w*|pain\b|ache|"
    r"colitis|stomach\s+pain|belly\s+pain|abdominal\s+pain|cramp\w*|mouth\s+sores|sores|"
    r"unable\s+to\s+(?:eat|drink|urinate)|can't\s+(?:eat|drink|stop)|symptoms?\b)"
)
_EMERGENCY_DESTINATION = re.compile(r"911|999|112|ambulance|emergency|\ber\b|a&e|\bed\b|hospital|urgent\s+care|casualty")
_CONTACT_GATE = PREFILTER.gate("escalation.contact", (
    *WHO_KEYS, *LINE_KEYS, " us", " them", "emergenc", "911", "999", "112", "000", "ambulance", "call", " er", "e.r.",
    "a&e", " ed", "hospital", "urgent", "casualty", "immediate", "prompt", "same-day", "right-away", "help",
    "attention", "care", "advice", "check", "looking", "seeing", "seen", "looked", "evaluat", "assess", "examin",
    "a ring", "a bell", "a buzz", "a shout", "straight away", "right away", "at once", " now", "today", "tonight",
    "same day",
))


def contacts(low: str, gates: frozenset[str], previous: str = "") -> list[re.Match[str]]:
    """Every contact phrase of the folded sentence ``low`` ("call your team", "go to the ER"), and
    "use it" / "call them" when the sentence before (``previous``) names the line or team."""
    found = list(_CONTACT.finditer(low)) if _CONTACT_GATE in gates else []
    if not found and _PRONOUN_CONTACT_GATE in gates:
        found = [m for m in _PRONOUN_CONTACT.finditer(low)
                 if _NAMED_CONTACT.search(low, 0, m.start()) or (previous and _NAMED_CONTACT.search(previous))]
    return found


_PRONOUN_CONTACT = re.compile(r"\b(?:use|call|ring|dial|phone|try|contact)\s+(?:it|them|that|this|that\s+number|"
                              r"this\s+number)\b")
_PRONOUN_CONTACT_GATE = PREFILTER.gate("escalation.pronoun", ("use", "call", "ring", "dial", "phone", "try", "contact"))
_NAMED_CONTACT = re.compile(r"\b(?:" + LINE + r"|number|line)\b")


_NARRATIVE = re.compile(
    r"\b(?:i|he|she|they|we|my\s+\w+|his\s+\w+|her\s+\w+|their\s+\w+|our\s+\w+)\s+(?:\w+\s+){0,2}?"
    r"(?:had\s+to|went|was|were|got|ended\s+up|needed\s+to|decided\s+to|used\s+to)\b"
)


def _narrative(low: str, match: re.Match[str]) -> bool:
    """The contact phrase is part of a past story told about someone ("my friend went to A&E")."""
    clause = re.split(r"[,;:.!?]", low[max(0, match.start() - 60):match.start()])[-1]
    if _NARRATIVE.search(clause + match.group(0)[:12]) is not None:
        return True
    # "last year I had a fever during chemo and had to go to A&E", "after my second cycle I rang the chemo line"
    before = low[:match.start()]
    return _PERSON.search(before) is not None and (_PAST_TIME.search(low) is not None or
                                                   _PAST_CONTACT.match(match.group(0)) is not None)


_PERSON = re.compile(r"\b(?:i|he|she|we|they|my\s+\w+|his\s+\w+|her\s+\w+|our\s+\w+)\b")
_PAST_TIME = re.compile(r"\b(?:last\s+(?:year|month|week|night|time|spring|summer|autumn|winter)|yesterday|ago|back\s+in|"
                        r"in\s+(?:19|20)\d\d|once\s+(?:i|we|he|she))\b")
_PAST_CONTACT = re.compile(r"(?:rang|called|phoned|dialled|dialed|went|drove|took|contacted|messaged|texted)\b")


def escalation(unit: Unit, units: Sequence[Unit], pos: int, matches: list[re.Match[str]]) -> CareCue | None:
    """The sentence's escalation cue, from its positive contact phrases ``matches``, or None."""
    low = unit.low
    if not matches:
        return None
    matches.sort(key=lambda m: _INHERENTLY_URGENT.search(m.group(0)) is None)  # emergency phrases first
    if _NOT_URGENT.search(low):
        return None  # "tell your doctor at your next visit if you have tingling" is routine, not urgent
    for match in matches:
        phrase = match.group(0)
        if _narrative(low, match):
            continue  # "my uncle had to go to A&E with a fever" tells a story, it advises nothing
        why = reported(unit, match.start(), match.end())
        if why is not None and why.startswith(("attribution", "inside quotation")) or \
                outside_document_says(low, match.start()):
            continue  # "some people worry about calling the 24-hour line at night" reports, it does not advise
        # a danger sign named in the sentence before, which "this" / "that" takes up ("Fever after chemo? This is an emergency.")
        sign_before = pos > 0 and _specific(tuple(t.group(0) for t in _TRIGGER.finditer(units[pos - 1].low)))
        if _EMERGENCY_STATEMENT.match(phrase) and not actionable(low) and not sign_before:
            continue  # "neutropenic sepsis is a medical emergency": urgency named, no action advised
        triggers = tuple(dict.fromkeys(t.group(0) for t in _TRIGGER.finditer(low)))
        inherent = _INHERENTLY_URGENT.search(phrase) is not None
        urgent = _URGENCY.search(low) is not None or inherent
        if not inherent and not _specific(triggers) and _ROUTINE_PURPOSE.search(low):
            continue  # "email your team right away with any questions", "... if you'd like a blanket": hurry, no danger
        if not urgent and _TALK.match(phrase):
            continue  # "talk to your team about side effects such as diarrhoea" is a referral unless urgent
        if not _specific(triggers) and (unit.sentence.kind == "heading" or low.rstrip().endswith(":") or
                                        _heading_like(unit)):
            triggers = tuple(dict.fromkeys(triggers + _list_triggers(units, pos)))
        if urgent or triggers:
            if not urgent and not _specific(triggers):
                continue  # "contact your team if you have questions / symptoms" is a referral
            return CareCue("escalation", unit, phrase, triggers=triggers, span=match.span())
    return None


_TALK = re.compile(r"(?:speak|talk)\b")
# a statement that something is an emergency, not an instruction: needs an action or the reader addressed
_EMERGENCY_STATEMENT = re.compile(r"(?:is|are|counts|treated|could|may|might|can|medical|hospital|this)\b[^.;!?]*emergenc")
# the reason for the contact is the reader's wish or an errand, not a danger sign
_ROUTINE_PURPOSE = re.compile(
    r"\bif\s+you(?:'d|\s+would)\s+(?:like|prefer|rather|want|love)\b|\bif\s+you\s+(?:want|wish|fancy|prefer)\b|"
    r"\bif\s+you\s+(?:change|move|lose|misplace|forget|miss)\b|"
    r"\b(?:with|for|about)\s+(?:any\s+|your\s+|other\s+)?(?:questions?|quer(?:y|ies))\b|"
    r"\bto\s+(?:book|reschedule|rearrange|order|confirm|join|sign\s+up|register|renew|collect|pick\s+up|request)\b")
_ROUTINE_REASON = re.compile(r"\b(?:questions?|quer(?:y|ies)|appointment\s+times?|paperwork|forms?)\b|"
                             r"\b(?:office|working|business|opening)\s+hours\b")


_UNSURE_URGENT = re.compile(r"\b(?:unsure|not\s+sure|wonder\w*|whether|if)\b[^.;!?]{0,30}?\b(?:urgent|an?\s+emergency)\b")


def urgent_or_triggered(low: str) -> bool:
    """Urgency words or a triggering symptom, as the rules require of an escalation; "call 111 if you're
    unsure whether it's urgent" asks about urgency, it does not state it."""
    urgency = _URGENCY.search(_UNSURE_URGENT.sub(" ", low)) is not None
    return urgency or _INHERENTLY_URGENT.search(_UNSURE_URGENT.sub(" ", low)) is not None or \
        _TRIGGER.search(low) is not None


def actionable(low: str) -> bool:
    """The sentence advises an action: it speaks to the reader ("you", "your"), holds an action verb
    ("call", "go", "seek", "needs to be seen") or names a danger sign the reader can act on ("seizures
    after CAR T are a medical emergency"). "Neutropenic sepsis is a medical emergency" and "the unit has
    its own emergency department" name urgency but advise nothing."""
    return _ACTION.search(low) is not None or _specific(tuple(t.group(0) for t in _TRIGGER.finditer(low)))


_ACTION = re.compile(
    r"\b(?:you|your|yourself|yours|we|us)\b|\b(?:call|phone|ring|dial|contact|go|get|seek|head|attend|present|come|tell|"
    r"let|bring|take|drive|report|alert|notify|page|use|see|check|treat|act|rush|needs?|requires?|warrants?|must|should|"
    r"don't|do\s+not|never)\b")


def routine(low: str) -> bool:
    """A contact for routine reasons ("if you have questions", "at your next visit") without urgency, or
    for a wish or an errand ("if you'd like a blanket") without a danger sign.

    Used to keep the learned component (:mod:`~harness.score.engines.cues.learned`) from reading a
    routine contact as escalation.
    """
    if _ROUTINE_PURPOSE.search(low) and _EMERGENCY_DESTINATION.search(low) is None and \
            not _specific(tuple(t.group(0) for t in _TRIGGER.finditer(low))):
        return True  # "ring the ward straight away if you'd like a copy of the menu": hurry for an errand
    return _URGENCY.search(low) is None and (_NOT_URGENT.search(low) is not None or
                                              _ROUTINE_REASON.search(low) is not None)
_NOT_URGENT = re.compile(
    r"\b(?:at|during|by|before)\s+your\s+next\s+(?:\w+\s+)?(?:visit|appointment|check-?up|clinic|review|cycle)|"
    r"\bnext\s+time\s+you\s+(?:see|visit)|\bwhen\s+you\s+next\s+(?:see|visit)|\bat\s+(?:your\s+)?routine|"
    r"\bnext\s+(?:week|month)\b|\bin\s+a\s+(?:week|few\s+(?:days|weeks))\b|"
    r"\b(?:bother(?:s|ing)?\s+you|annoying|mild(?:ly)?|a\s+nuisance|uncomfortable)\b"
)
_GENERIC_TRIGGER = re.compile(
    r"(?:symptoms?|the\s+following|any\s+of\s+.*|(?:these|such)\s+.*|symptoms?\s+(?:like|such\s+as|of)|pain|"
    r"severe|weak|ache|(?:new|unusual|worrying|sudden)\s+.*)"
)


def _specific(triggers: tuple[str, ...]) -> bool:
    """At least one trigger names a symptom, not just "symptoms" / "the following"."""
    return any(_GENERIC_TRIGGER.fullmatch(t) is None for t in triggers)


def _heading_like(unit: Unit) -> bool:
    text = unit.sentence.text.rstrip()
    return bool(text) and text[-1] not in ".!?" and len(text.split()) <= 12


def _list_triggers(units: Sequence[Unit], pos: int) -> tuple[str, ...]:
    """Symptoms named by the list items right under a lead-in line or heading."""
    found: list[str] = []
    for nxt in units[pos + 1:pos + 16]:
        if nxt.sentence.kind != "item":
            if found or nxt.sentence.kind == "heading":
                break
            continue
        found.extend(t.group(0) for t in _TRIGGER.finditer(nxt.low))
    return tuple(dict.fromkeys(found))


def emergency_destination(phrase: str) -> bool:
    """Whether an escalation phrase sends the patient to emergency care (ER / emergency number)."""
    return _EMERGENCY_DESTINATION.search(phrase) is not None


# Each pattern below tries only the alternatives whose literal words occur in the text (the same
# matches: cues/literals.py); rebound here, after every rule, so rule edits and this list merge apart.
_CONTACT = alternation(_CONTACT)
_NAMED_CONTACT = alternation(_NAMED_CONTACT)
_TRIGGER = alternation(_TRIGGER)
_GENERIC_TRIGGER = alternation(_GENERIC_TRIGGER)
