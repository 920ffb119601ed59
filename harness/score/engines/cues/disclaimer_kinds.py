"""What kind of disclaimer a care cue is, or why a referral is not one.

A disclaimer is about the answer as a whole (issue 14): the information is general, it is not a
substitute for care, or the patient's own team should guide their decisions. Three kinds, recorded
on every hit so a reviewer sees why it counted:

- ``general-information``: "this is general information", "a simplified overview", "your own
  situation may differ", "I can only describe what usually happens";
- ``not-a-substitute``: "not medical advice", "can't replace a visit", "I'm an AI and can't examine
  you";
- ``team-decides``: a referral whose subject is the patient's situation, options or decisions
  ("decide the next step with the specialists who know your history", "your doctor can tell you
  what this means for you").

"I'm not a doctor" on its own counts (``not-a-substitute``): the writer's own standing tells the reader
how far to trust the answer. A gate that required a pointer after it (round care7) cost one disclaimer on
each of three independent held-out sets, whose authors all count it, so it was taken out.

A referral tied to one specific item (a trial, storing a medicine, a device, a form, parking, a
copy of a report; "show you how to ...") is an ``item`` referral: useful, but not a disclaimer.
A sentence that also points at the answer or the patient's decisions ("which of these options
fits you", "before deciding anything") stays ``team-decides`` even when it names an item.
"""

from __future__ import annotations

import re
from typing import Literal

from harness.score.engines.cues.literals import alternation
from harness.score.engines.cues.prefilter import PREFILTER

DisclaimerKind = Literal["general-information", "not-a-substitute", "team-decides", "learned"]
# "learned": found by the learned component (cues/learned.py), not by a rule of one of the three kinds
KINDS: tuple[DisclaimerKind, ...] = ("general-information", "not-a-substitute", "team-decides", "learned")

# one specific thing the referral is about: trials, handling a medicine, devices, paperwork, logistics
_ITEM = re.compile(
    r"\b(?:(?:clinical\s+)?trials?|stud(?:y|ies)|research\s+(?:nurse|team|coordinator)|enrol\w*|"
    r"stor(?:e|ed|ing|age)|fridge|refrigerat\w*|packag\w*|dispos\w*|sharps|needles?|syringes?|"
    r"pumps?|ports?\b(?!\s+of\s+call)|picc|central\s+lines?|catheters?|inhalers?|meters?|devices?|machines?|stoma|appliances?|"
    r"dressings?|wigs?|cold\s+caps?|scalp\s+cool\w*|pill\s*box\w*|dosette|apps?\b|forms?\b|paperwork|"
    r"applications?|apply\s+for|certificates?|vouchers?|badges?|permits?|parking|transport|travel|reimburs\w*|"
    r"benefits\b|insurance|sick\s+(?:note|leave)|visiting\s+(?:times|hours)|cop(?:y|ies)\s+of|"
    r"support\s+groups?|injections?\s+(?:yourself|at\s+home)|supplements?|vitamins?|herbs?|herbal|"
    r"new\s+medicines?|over-the-counter|pharmacists?|pharmacy|dispens\w*|liquid\s+form|grapefruit|"
    r"vomited|missed\s+dose|pill\s+reminders?|reminders?|diary|diaries|leaflets?|booklets?|cards?|kits?|thermometers?|"
    r"wristbands?)\b"
)
# a document asked for: "ask the nurse for a copy of your treatment plan"
_DOCUMENT_REQUEST = re.compile(r"\b(?:for|get|request|have)\s+(?:a|an)\s+(?:\w+\s+)?(?:copy|copies|printout|print-out|leaflet|letter|"
                               r"booklet|form|list|summary\s+sheet)\b")
_HOW_TO = re.compile(r"\b(?:how|where)\s+(?:to|you\s+(?:can|should))\s+\w+|\b(?:show|teach|demonstrate)\s+(?:you|to\s+you)\b")
# the referral is about the answer or the patient's own decisions: it stays a disclaimer
_ANSWER_SCOPE = re.compile(
    r"\b(?:(?:read|use|treat)\s+(?:this|these)\b|read\s+it\b|(?:anything|something)\s+(?:differs|is\s+different|"
    r"doesn't\s+match|conflicts)|(?:any|all|none|each|some)\s+of\s+(?:this|these|it|them)|everything\s+(?:above|here)|the\s+above|"
    r"what\s+you(?:'ve|\s+have)?\s+read|(?:this|these|that)\s+(?:information|answer|overview|summary|advice|"
    r"background|explanation|options?|choices?|points?|ideas?|treatments?|figures|numbers|steps?|questions?)|"
    r"which\s+of\s+(?:these|them|the\s+options)|(?:decide|decid(?:es|ing)|decisions?|choices?|next\s+steps?|"
    r"plan\s+of\s+care|treatment\s+plan)|before\s+(?:you\s+)?(?:act(?:ing)?|chang(?:e|ing)\s+anything|do(?:ing)?\s+anything|mak(?:e|ing)\s+"
    r"(?:any\s+)?(?:changes|decisions))|your\s+(?:own\s+)?(?:situation|case|history|circumstances|illness|disease|results))"
)


def referral_scope(low: str, start: int) -> str | None:
    """None when a referral at ``low[start:]`` is about the patient's care as a whole (a
    ``team-decides`` disclaimer), else the item it is tied to ("trial", "how to use ...").

    >>> referral_scope("ask your pharmacist how to store the tablets.", 0)
    'how to store'
    >>> referral_scope("use this as background and decide the next step with your team.", 0) is None
    True
    """
    request = _DOCUMENT_REQUEST.search(low, start)
    if request is not None:
        return request.group(0)  # "ask the nurse for a copy of your treatment plan"
    if _ANSWER_SCOPE.search(low):
        return None
    how = _HOW_TO.search(low, start)
    if how is not None:
        return how.group(0)
    item = _ITEM.search(low)
    if item is not None:
        return item.group(0)
    found = _TOPIC.search(low)
    topic = (found.group("topic") or found.group("topic2") or found.group("topic3") or found.group("topic4")) \
        if found is not None else None
    if topic is not None and _WHOLE_CARE.search(topic) is None:
        return " ".join(topic.split()[:4])
    return None


# a question put to one member of the team ("ask your surgeon what the scar will look like", "the ward
# nurse can help you with the TV"): an item unless it is about the patient's care as a whole
_ROLE = (r"(?:\w+\s+){0,2}?(?:doctor|gp|oncologist|surgeon|nurse|team|specialist|consultant|radiographer|radiologist|"
         r"haematologist|hematologist|physician|dietitian|dietician|physio\w*|social\s+worker|coordinator|staff|"
         r"receptionist|clerk|secretary|chaplain|counsel+or|psychologist|therapist|volunteer)s?")
_TOPIC = re.compile(
    r"\b(?:ask|asking|check\s+with|talk\s+(?:to|with)|speak\s+(?:to|with)|discuss\s+with|consult)\s+(?:your|the|a)\s+"
    + _ROLE + r"\s+(?P<topic>(?:about|for|what|how|when|where|whether|if|which|why)\b[^.;!?]*)|"
    r"\b(?:your|the|a)\s+" + _ROLE + r"\s+(?:can|will|could|may|should)\s+(?:\w+\s+)?(?:tell|show|explain|help|advise)\s+"
    r"(?:you\s+)?(?P<topic2>(?:about|with|what|how|when|where|whether|if|which|why)\b[^.;!?]*)|"
    # "your oncologist will review your blood results before each cycle": a routine step, not a referral
    r"\b(?:your|the)\s+" + _ROLE + r"\s+will\s+(?:review|check|monitor|examine|measure|test|arrange|book|send|give|do|take|mark|"
    r"see|explain|describe|go\s+(?:through|over)|talk\s+you\s+through|show\s+you|(?:guide|take|direct|walk)\s+you(?=\s+to\b))\s+"
    r"(?P<topic3>[^.;!?]*)|"
    # the topic set first: "for questions about your bill, contact the finance office"
    r"^\W*(?:for|with|about|regarding)\s+(?:any\s+|other\s+|your\s+)?(?:questions?|quer(?:y|ies)|help|problems?|issues?|"
    r"worries)\s+(?:about|with|on|over|regarding)\s+(?P<topic4>[^.;!?,]*)"
)
_WHOLE_CARE = re.compile(
    r"\b(?:options?|choices?|decisions?|decid\w*|plans?|treatments?|therap(?:y|ies)|care|next\s+steps?|this|these|that|"
    r"it|them|anything|everything|above|what\s+(?:this|that|it|these)\s+means?|means?\s+for\s+you|(?:right|best|safe|"
    r"suitable|appropriate)\s+for\s+you|suits?\s+you|fits?\s+you|for\s+you|you\s+personally|your\s+(?:own\s+)?"
    r"(?:situation|case|history|circumstances|illness|disease|results?|diagnosis|cancer|condition|health|needs|outlook|"
    r"prognosis|concerns?|questions?|worries|body|risks?|chances?)|questions?|concerns?|worries|appl(?:y|ies)\s+to\s+you|"
    r"personal\w*|individual\w*|specific\s+to\s+you|means?|stage|grade|type|current|latest|up[\s-]to[\s-]date|"
    r"second\s+opinions?|makes?\s+sense)\b"
)


_SUBSTITUTE = re.compile(
    r"substitut|replace|replacement|alternative|take\s+the\s+place|stand\s+in|in\s+place\s+of|constitut|count\s+as|"
    r"serve\s+as|same\s+as|equal|advice|advis|diagnos|examin|consult|relationship|\bai\b|artificial|chatbot|bot\b|"
    r"language\s+model|virtual|automated|assistant|not\s+(?:a|your)\s+(?:doctor|physician|clinician|nurse|"
    r"oncologist)|rely|prescri|recommend|access|see\s+your"
)


def not_advice_kind(phrase: str) -> DisclaimerKind:
    """``not-a-substitute`` when the phrase says the answer cannot stand in for care or advice,
    otherwise ``general-information`` (general, simplified, may not apply to you)."""
    return "not-a-substitute" if _SUBSTITUTE.search(phrase) else "general-information"


# "general information" wordings the not-advice table does not hold: the answer describes the usual
# case, the patient's own may differ; "big-picture", "textbook", "typical" versions; general in scope
_ANSWER_NOUN = (r"(?:(?:the\s+)?(?:recommendations?|points?|information|advice|figures|suggestions?)\s+(?:above|here|below)|"
                # "the figures I've quoted", "the numbers I gave"
                r"(?:the|these|my)\s+(?:figures|numbers|statistics|percentages|rates|estimates|timelines)\s+i(?:'ve|\s+have)?\s+"
                r"(?:quoted|given|gave|mentioned|used|shared|cited)|"
                r"this|the\s+above|everything\s+(?:above|here)|what\s+i(?:'ve|\s+have)\s+(?:written|described|said)|"
                r"(?:this|the|my|these)\s+(?:information|answer|overview|summary|explanation|text|response|reply|"
                r"points?|list|description|content|version))")
_GENERAL_EXTRA = re.compile(
    r"\b" + _ANSWER_NOUN + r"\s+(?:is|are|was|gives|describes|covers|reflects|presents)\s+(?:\w+\s+){0,3}?"
    r"(?:general|generic|broad|simplified|typical|usual|textbook|big-picture|average|population)\b"
    # "this is general anaesthetic": a kind of care, not the answer's generality
    r"(?![\s-]+(?:an(?:a)?esthe\w*|practi\w*|surgery|surgeon|surgical|ward|hospital|medicine|health|public|oncology)\b)|"
    r"\b(?:general|broad|generic)\s+(?:in\s+(?:scope|character|nature|terms)|character|overview|outline|picture|"
    r"knowledge|facts\s+only|description)|"
    r"\b(?:big-picture|textbook|typical|usual|average)\s+(?:version|picture|answer|description)\b|"
    r"\brather\s+than\s+(?:a\s+|an\s+)?(?:personal\s+|individual\s+|specific\s+)?(?:plan|advice|recommendation|"
    r"prescription)\b|"
    r"\b(?:your|their)\s+(?:own\s+)?(?:path|plan|situation|case|schedule|treatment|experience|journey|results?|"
    r"outcome)\s+(?:may|might|could|can|will\s+probably|is\s+likely\s+to)\s+(?:well\s+|also\s+)?(?:be\s+|look\s+)?"
    r"(?:different|differ|vary)\b|"
    r"\b(?:not|n't)\s+(?:\w+\s+)?(?:made|written|tailored|meant|designed)\s+for\s+(?:you|your)\b|"
    r"\bnot\s+(?:individuali[sz]ed|personali[sz]ed|tailored)\b|"
    r"\bcan(?:not|'t|\s+not)\s+(?:reflect|know|see|take\s+into\s+account)\s+(?:\w+\s+){0,2}?(?:your|the\s+details)|"
    r"\b(?:(?:this|the)\s+(?:text|answer|information|overview|summary)|this|it|i)\s+can(?:not|'t|\s+not)\s+(?:say|tell\s+you|decide)\s+"
    r"(?:\w+\s+){0,4}?(?:for\s+you|your)\b|"
    # "I can only speak in generalities", "I'm working only from what you've told me", "not to tell you what to do"
    r"\bgeneralities\b|\b(?:i|we)\s+(?:don't|do\s+not|can't|cannot)\s+(?:\w+\s+)?(?:know|have|see)\s+(?:your|the)\s+"
    r"(?:full|whole|complete|entire)\s+(?:story|picture|history|details|situation|records?|notes)\b|\b(?:working|going|based|relying|answering)\s+(?:only\s+|just\s+|solely\s+|purely\s+)?(?:from|on|off)\s+"
    r"(?:only\s+|just\s+)?what\s+you(?:'ve|\s+have)?\s+(?:told|said|shared|written|described|mentioned)|"
    r"\bnot\s+(?:meant\s+|here\s+|intended\s+|designed\s+)?to\s+tell\s+you\s+what\s+to\s+do\b|"
    # "a summary of what usually happens", "your team may do things differently"
    r"\b(?:summary|overview|outline|description|sketch|picture|account)\s+of\s+(?:what|how\s+(?:things|it))\s+"
    r"(?:usually|typically|generally|normally|often|most\s+often|commonly)\s+(?:happens|goes|go|works)\b|"
    r"\b(?:your|the)\s+(?:own\s+)?(?:care\s+)?(?:team|doctors?|oncologists?|specialists?|hospital|clinic)\s+(?:may|might|could|can|will)\s+"
    r"(?:well\s+|sometimes\s+)?(?:do\s+things|approach\s+(?:it|this|things)|handle\s+(?:it|this|things)|treat\s+you|"
    r"manage\s+(?:it|this|things))\s+(?:\w+\s+){0,2}?differently\b|"
    # "population averages, not predictions about you"
    r"\bnot\s+(?:a\s+)?(?:predictions?|forecasts?|guarantees?|promises?)\s+(?:about|for|of)\s+(?:you|your)\b|"
    # "these are typical figures; yours may be better or worse"
    r"\byours\s+(?:may|might|could|can|will\s+probably)\s+(?:well\s+)?(?:be\s+)?(?:different|differ|vary|better\s+or\s+worse|"
    r"not\s+(?:match|fit|follow))\b|"
    # "please use this only as general background", "treat the above as a starting point"
    r"\b(?:use|take|treat|read|see|think\s+of)\s+(?:this|these|it|the\s+above|what\s+i(?:'ve|\s+have)\s+(?:written|said))\s+"
    r"(?:only\s+|just\s+|purely\s+|merely\s+)?as\s+(?:\w+\s+)?(?:background|context|an?\s+(?:overview|starting\s+point|guide))\b|"
    # people differ: "every patient is different", "what's right for someone else may not be right for you"
    r"\b(?:every|each)\s+(?:patient|person|case|cancer|tumou?r|body|situation|family|illness)\s+(?:is|are|behaves|responds|reacts)\s+"
    r"(?:\w+\s+){0,2}?(?:different(?:ly)?|unique)\b|"
    # "treat these numbers as rough", "read the figures above as estimates"
    r"\b(?:use|take|treat|read|see)\s+(?:this|these|it|the\s+above)(?:\s+(?:numbers|figures|estimates|timelines|points))?\s+as\s+"
    r"(?:only\s+|just\s+)?(?:rough|approximate|estimates|indicative|general|a\s+rough\s+guide)\b|"
    r"\b(?:(?:this|these|that|it)|(?:all|some|parts?|much|any)\s+of\s+(?:this|it|the\s+above)|what(?:'s|\s+is)\s+(?:right|true)\s+"
    r"for\s+(?:someone|others|one\s+person|another(?:\s+person)?)(?:\s+else)?)\s+(?:may|might|will|would|does|do|is|are)\s*(?:not|n't)\s+"
    r"(?:necessarily\s+|always\s+)?(?:be\s+)?(?:right|true|apply|fit|suit|relevant|the\s+same)\s+(?:for|to|in)\s+(?:you|your)\b|"
    # "for reference only", "individual results may vary", "results vary from person to person"
    r"\bfor\s+(?:general\s+)?(?:reference|orientation|illustration)\s+(?:purposes\s+)?only\b|"
    r"\bindividual\s+(?:results|outcomes|experiences|responses)\s+(?:may|can|will|do)\s+(?:vary|differ)\b|"
    r"\b(?:results|outcomes|experiences)\s+(?:may\s+|can\s+|will\s+|do\s+)?(?:vary|differ)\s+(?:\w+\s+){0,2}?from\s+"
    r"(?:person|patient|one\s+person)\s+to\s+(?:person|patient|the\s+next)\b|"
    # "these points won't all apply to you"
    r"\b(?:this|these|the\s+above|(?:all|some|parts?|much|not\s+all)\s+of\s+(?:this|it|these|the\s+above)|(?:these|the|my)\s+"
    r"(?:points|suggestions|tips|ideas|recommendations|figures))\s+(?:may|might|won't|will\s+not|don't|do\s+not|doesn't|does\s+not)\s+"
    r"(?:all\s+|fully\s+|necessarily\s+|always\s+)?apply\s+to\s+(?:you|your)\b|"
    # practice differs between places: "a summary of common practice, and practice varies between hospitals"
    r"\b(?:practice|approaches?|protocols?|policies|routines?|treatment\s+(?:plans?|schedules?))\s+(?:varies|vary|differs?|"
    r"can\s+(?:vary|differ)|may\s+(?:vary|differ))\s+(?:\w+\s+){0,2}?(?:between|from|across|among)\b|"
    r"\b(?:summary|overview|description|outline)\s+of\s+(?:common|usual|standard|typical|general)\s+(?:practice|care|treatment|approaches)\b|"
    # the answer called general in kind: "it's a general explainer", "this is only a rough guide"
    r"\b(?:this|it|that)(?:'s|\s+is|\s+was)\s+(?:only\s+|just\s+|meant\s+as\s+|intended\s+as\s+)?an?\s+(?:\w+\s+)?(?:general|generic|"
    r"broad|basic|simplified|rough)\s+(?:explainer|primer|guide|introduction|outline|sketch|overview|explanation|summary|answer|"
    r"picture|orientation)\b|"
    # what the answer cannot hold: "won't cover the specifics of your diagnosis", "can't account for everything about you"
    r"\b(?:can't|cannot|can\s+not|doesn't|does\s+not|won't|will\s+not)\s+(?:cover|capture|reflect|account\s+for|include|address|"
    r"know)\s+(?:every(?:thing)?|all|the\s+(?:specifics|details|particulars|ins\s+and\s+outs)|specifics|details)\s+(?:\w+\s+){0,2}?"
    r"(?:about|of|in|for)\s+(?:you|your)\b"
)
_GENERAL_KEYS = ("general", "generic", "broad", "simplif", "typical", "usual", "textbook", "big-picture", "average",
                 "rather than", "differ", "vary", "different", "tailored", "individuali", "personali", "made for",
                 "written for", "meant for", "designed for", "reflect", "know", "see your", "into account", "not say",
                 "n't say", "not tell", "n't tell", "not decide", "n't decide", "what you", "what to do", "yours",
                 "background", "context", "overview", "starting point", "guide", "unique", "for you", "to you", "in you",
                 "varies", "summary of", "overview of", "description of", "outline of", "basic", "rough", "about you",
                 "of you", "rough", "approximate", "estimates", "indicative", "reference", "orientation", "illustration",
                 "individual", "person to", "patient to", "one person")


_GENERAL_GATE = PREFILTER.gate("disclaimer.general", _GENERAL_KEYS)


def general_extra(low: str, gates: frozenset[str]) -> re.Match[str] | None:
    """A ``general-information`` wording beyond the not-advice table, if ``low`` holds one."""
    return _GENERAL_EXTRA.search(low) if _GENERAL_GATE in gates else None


# Each pattern below tries only the alternatives whose literal words occur in the text (the same
# matches: cues/literals.py); rebound here, after every rule, so rule edits and this list merge apart.
_SUBSTITUTE = alternation(_SUBSTITUTE)
_GENERAL_EXTRA = alternation(_GENERAL_EXTRA)
_ITEM = alternation(_ITEM)
