"""The not-advice family of disclaimers: "general information, not medical advice", "for
educational purposes only", "this does not replace a visit with your doctor", "I'm an AI and can't
examine you" (and a few other languages, so a translated answer is not read as "no disclaimer").

:func:`not_advice` returns the first such phrase of a sentence; its kind (``general-information`` or
``not-a-substitute``) is decided by :func:`~harness.score.engines.cues.disclaimer_kinds.not_advice_kind`.
"""

from __future__ import annotations

import re

from harness.score.engines.cues.literals import alternation
from harness.score.engines.cues.prefilter import PREFILTER

_NOT_ADVICE_KEYS = (
    "advice", "advis", "substitut", "replac", "alternative", "constitu", "count as", "serve as", "take the place",
    "stand in", "equal", "guidance", "recommend", "opinion", "diagnos", "inform", "educat", "general", "doctor",
    "physician", "clinician", "oncologist", "professional", "provider", " ai", "artificial", "language model",
    "chatbot", "virtual", "examin", "know", "access", "account for", "provide", "give", "see your", "without",
    "apply", "consejo", "asesor", "consulta", "remplac", "ersetz", "beratung", "rat", "costituisce", "sostituisce",
    "prescribe", "tailored", "personali", "specific", "rely", "unable", "able to", "disclaimer", "mistake",
    "error", "wrong", "inaccura", "incomplete", "outdated", "out of date", "nurse", "clinician", "relationship",
    "automated", "bot", "simplified", "brief", "complete", "exhaustive", "comprehensive", "details", "cover",
    "prescription", "based", "plan", "weigh", "assess", "judge", "evaluate", "generic", "explanation", "introduction", "situation", "case", "circumstances", "from a", "from an", "answers", "these", "replies", "qualified", "position", "licensed", "trained", "terms", "access", "account", "review", "check", "verif", "approv", "generat", "produc", "automatic",
    "use this", "use these", "use it", "background", "team", "appointment", "visit", "care", "should be used",
    "relied on", "stand-in", "proxy",
)
_NOT_ADVICE = re.compile(
    r"(?:\b(?:not|never|no)|n't)\s+(?:a\s+|an\s+)?(?:substitute|replacement|alternative|stand-in|proxy)\s+for\s+(?:[\w']+\s+){0,3}?"
    r"(?:advice|care|consultation|diagnosis|treatment|doctor|team|visit|oncologist|opinion|professional|people|person|"
    r"judge?ment|expertise|examination|exam|assessment|evaluation|review|specialist|physician|clinician|nurse|"
    r"check-?up|conversation|talk|discussion)|"
    r"\b(?:is\s+not|isn't|are\s+not|aren't|does\s+not|doesn't|do\s+not|don't|cannot|can't|can\s+not|will\s+not|"
    r"won't|should\s+not|shouldn't|not\s+intended\s+to|not\s+meant\s+to|never)\s+(?:\w+\s+){0,2}?"
    r"(?:replace|constitute|substitute\s+for|count\s+as|serve\s+as|take\s+the\s+place\s+of|stand\s+in\s+for|"
    r"equal)\s+(?:[\w'-]+\s+){0,4}?(?:advice|care|consultation|diagnosis|doctor|team|visit|oncologist|opinion|"
    r"examination|exam|appointment|professional|judgment|judgement|assessment|evaluation|specialist|physician|"
    r"clinician|nurse|check-?up|conversation|discussion)|"
    r"\bnot\s+(?:\w+\s+){0,2}?(?:medical|clinical|professional|health|personal(?:i[sz]ed)?|individual(?:i[sz]ed)?)"
    r"\s+(?:medical\s+)?(?:advice|guidance|recommendations?|opinion|diagnosis)|"
    r"\bno\s+substitute\s+for|\bshould\s+not\s+be\s+used\s+(?:to\s+make|for|as\s+(?:a|the)\s+basis\s+for)\s+(?:\w+\s+)?"
    r"(?:decisions?|diagnos\w*|treatment|choices?)|"
    r"\b(?:nothing|none\s+of\s+(?:this|it|the\s+above|what\s+i(?:'ve|\s+have)\s+(?:said|written)))\s+(?:\w+\s+){0,3}?"
    r"(?:should|can|is\s+meant\s+to)\s+be\s+(?:used|taken|relied\s+on|read)\s+(?:to\s+make|for|as)\s+(?:\w+\s+){0,2}?"
    r"(?:decisions?|diagnos\w*|choices?|advice|a\s+plan|instructions?)|\b(?:no|nothing|none)\s+(?:[\w']+\s+){0,4}?(?:can|could|will|should|is\s+meant\s+to)\s+"
    r"(?:\w+\s+)?(?:replace|substitute\s+for|take\s+the\s+place\s+of|stand\s+in\s+for)|"
    r"\b(?:no|nothing|none)\s+(?:\w+\s+){0,4}?(?:constitutes?|is|counts\s+as|should\s+be\s+(?:taken|read|used)\s+as)"
    r"\s+(?:\w+\s+){0,2}?(?:(?:medical|professional|personal(?:i[sz]ed)?|clinical)\s+(?:advice|guidance|opinion|recommendations?)|"
    r"(?:a\s+)?diagnosis|advice)|\bshould\s+not\s+be\s+(?:used|taken|relied\s+on|treated)\s+as\s+(?:\w+\s+){0,2}?"
    r"(?:advice|diagnosis|a\s+substitute)|"
    r"\b(?:for|intended\s+for|meant\s+for|provided\s+for)\s+(?:general\s+)?(?:informational|information|"
    r"educational|education|information\s+and\s+education)(?:al)?\s+(?:purposes?|use)(?:\s+only)?|"
    r"\b(?:informational|educational)\s+(?:purposes\s+)?only\b|"
    r"\bbackground\s+(?:reading|information)\b|\b(?:rather\s+than|instead\s+of)\s+(?:\w+\s+)?advice\b|"
    r"\bgeneral\s+(?:health\s+|medical\s+|background\s+|educational\s+)?(?:information|guidance|education|"
    r"educational\s+(?:information|content)|overview\s+only|advice\s+only|knowledge|facts)\b|"
    r"\bi(?:'m|\s+am)\s+(?:not\s+(?:a|your)\s+(?:doctor|physician|clinician|oncologist|medical\s+professional|"
    r"health\s?care\s+(?:provider|professional))|an?\s+(?:ai|artificial|language\s+model|chatbot|virtual)|"
    r"(?:only|just)\s+an?\s+(?:ai|chatbot|language\s+model|bot|computer|machine))|"
    r"\bnot\s+(?:as\s+a\s+substitute|instead)\s+(?:of|for)\s+(?:a|an|the|your)\s+(?:\w+\s+)?(?:appointment|visit|"
    r"consultation|doctor|team|care|advice)\b|"
    # "use this alongside your doctor's advice, not instead of it" (but not "... alongside your chemo, not instead of it")
    r"\b(?:doctor|oncologist|team|nurse|appointment|visit|consultation|advice|care)(?:'s|s)?\b[^.;!?]{0,60}?\bnot\s+"
    r"(?:as\s+a\s+substitute|instead)\s+(?:of|for)\s+(?:it|them)\b|"
    r"\b(?:don't|do\s+not|never|please\s+don't)\s+(?:treat|take|read|use|see)\s+(?:this|it|these|my\s+\w+|anything\s+here)\s+"
    r"as\s+(?:\w+\s+)?(?:advice|a\s+diagnosis|a\s+substitute|a\s+prescription|a\s+plan)|"
    r"\b(?:i|this\s+(?:answer|tool|service|chatbot|assistant|information|response))\s+(?:can't|cannot|can\s+not|"
    r"am\s+unable\s+to|is\s+unable\s+to|is\s+not\s+able\s+to|am\s+not\s+able\s+to|don't|do\s+not|does\s+not|"
    r"doesn't)\s+(?:\w+\s+){0,2}?(?:diagnose|examine|give\s+(?:you\s+)?(?:personal|individual|specific|"
    r"medical)|know\s+(?:the\s+)?(?:details|specifics|all|everything)|see\s+your|access\s+your|account\s+for|"
    r"replace|provide\s+(?:personal|individual|specific|medical)|weigh\s+up|assess\s+your|judge\s+your|evaluate\s+your)|"
    r"\b(?:this|the|my|our)\s+(?:guidance|information|advice|answer|overview|content)\s+(?:is|are)\s+(?:\w+\s+)?(?:generic|"
    r"general|not\s+specific)|\b(?:this|it)\s+is\s+(?:only\s+|just\s+)?an?\s+(?:simplified|general|brief|basic|short)\s+"
    r"(?:explanation|overview|summary|guide|introduction|answer)|"
    r"\bwithout\s+(?:knowing|seeing|examining|access\s+to)\s+(?:\w+\s+){0,3}?(?:your|you)\b|"
    r"\bnot\s+(?:to|meant\s+to|intended\s+to|designed\s+to)\s+(?:advise|diagnose|recommend|prescribe|replace)|"
    r"\b(?:meant|intended|designed|here)\s+(?:only\s+)?to\s+(?:inform|educate)\b|\bgeneral\s+in\s+nature\b|"
    r"\b(?:may|might)\s+not\s+(?:fully\s+)?apply\s+to\s+(?:you|your)|"
    r"\b(?:educational|informational|general)\s+in\s+nature\b|\bdisclaimer\b|"
    r"\byour\s+(?:own\s+)?(?:situation|case|circumstances)\s+(?:may|might|could|will|can)\s+(?:well\s+)?(?:be\s+)?(?:different|"
    r"differ|vary)|\b(?:comes?|came)\s+from\s+an?\s+(?:ai|computer|automated|chatbot|language\s+model|machine)|"
    r"\bi(?:'m|\s+am)\s+not\s+(?:qualified|able|in\s+a\s+position|licensed|trained|allowed)\s+to\s+(?:advise|give|diagnose|"
    r"recommend|prescribe|say|tell\s+you)|\bin\s+general\s+terms\b|"
    r"\b(?:don't|do\s+not|can't|cannot)\s+have\s+access\s+to\s+your\b|"
    r"\b(?:can't|cannot|doesn't|does\s+not|won't|can\s+not)\s+take\s+(?:\w+\s+){0,3}?(?:circumstances|situation|history|"
    r"case|details|needs)\s+into\s+account|"
    r"\b(?:not|n't)\s+(?:been\s+)?(?:reviewed|checked|verified|approved)\s+by\s+(?:a|any|your)\s+(?:\w+\s+)?(?:clinician|"
    r"doctor|physician|professional|expert|nurse)|\b(?:generated|produced|written|created)\s+(?:automatically|by\s+(?:an?\s+)?"
    r"(?:ai|computer|machine|algorithm|language\s+model))|"
    r"\b(?:don't|do\s+not|never)\s+use\s+(?:this|these|it|my\s+\w+)\s+(?:\w+\s+){0,2}?(?:to|for|as)\s+(?:diagnos|"
    r"self-diagnos|treat|decide|make\s+(?:medical\s+)?decisions|replace)|"
    r"\bnot\s+(?:a\s+|an\s+)?(?:personal\s+|individual\s+|medical\s+)?(?:prescription|recommendation|treatment\s+plan|"
    r"consultation)\b|"
    r"\bbased\s+(?:solely\s+|only\s+|just\s+)?on\s+(?:this|these|what\s+you\s+(?:read|see)\s+here)\s+(?:\w+\s+)?alone\b|"
    r"\b(?:don't|do\s+not|never)\s+(?:make\s+(?:any\s+)?(?:changes|decisions)|change\s+(?:anything|your\s+\w+)|act)\s+"
    r"(?:\w+\s+){0,4}?based\s+(?:solely\s+|only\s+|just\s+)?on\s+(?:this|these|an?\s+(?:ai|chatbot))|"
    r"\bnot\s+(?:a|your)\s+(?:doctor|physician|clinician|nurse|oncologist|medical\s+professional|health\s?care\s+"
    r"(?:provider|professional))\b|\b(?:doctor|physician|clinician)-patient\s+relationship|"
    r"\bi(?:'m|\s+am)\s+(?:just\s+|only\s+)?an?\s+(?:automated|digital|computer|software|online)\s+(?:\w+\s+)?"
    r"(?:assistant|program|tool|system|service|helper)|\bi(?:'m|\s+am)\s+(?:just\s+|only\s+)?an?\s+bot\b|"
    r"\b(?:this|the|my)\s+(?:overview|summary|answer|information|explanation|response)\s+(?:is|are)\s+(?:\w+\s+)?"
    r"(?:simplified|brief|not\s+(?:complete|exhaustive|comprehensive))|\bleaves?\s+out\s+(?:\w+\s+){0,3}?details|"
    r"\b(?:can't|cannot|doesn't|does\s+not|won't)\s+cover\s+(?:every|all|your)\b|"
    r"\b(?:this|that|it|these|the\s+above|my\s+(?:answer|reply|response))\s+(?:is|are|isn't|aren't)\s+(?:not\s+)?"
    r"(?:a\s+)?(?:(?:personal(?:i[sz]ed)?|individual(?:i[sz]ed)?|specific|professional|medical|tailored|clinical)\s+){0,2}"
    r"(?:diagnosis|advice)\b|"
    r"\b(?:i|ai|chatbots?|(?:this|these|my|the)\s+(?:answers?|information|responses?|repl(?:y|ies)|tool|summary|text))\s+"
    r"(?:\w+\s+){0,4}?(?:may|can|might|could)\s+"
    r"(?:\w+\s+)?(?:make\s+mistakes|contain\s+(?:errors|mistakes|inaccuracies)|be\s+(?:wrong|inaccurate|incomplete|"
    r"out\s+of\s+date|outdated|mistaken))|\bnot\s+(?:\w+\s+)?(?:tailored|personali[sz]ed|"
    r"specific|individuali[sz]ed|customi[sz]ed)\s+(?:to|for)\s+(?:you|your)|"
    r"\b(?:don't|do\s+not|shouldn't|should\s+not|never|can't|cannot)\s+rely\s+(?:\w+\s+)?on\s+(?:me|this|these|it|"
    r"an?\s+ai|a\s+chatbot|online)|\bi(?:'m|\s+am)\s+(?:not\s+able|unable)\s+to\s+(?:give|provide|offer|diagnose|see|access|view|read|review|know|"
    r"examine)|"
    r"\bas\s+an?\s+(?:ai|artificial\s+intelligence|(?:ai\s+)?language\s+model|chatbot|virtual\s+assistant)\b|"
    r"\b(?:can't|cannot|can\s+not|unable\s+to)\s+(?:provide|give|offer|make)\s+(?:you\s+)?(?:with\s+)?(?:a\s+)?"
    r"(?:diagnosis|medical\s+advice|personal(?:i[sz]ed)?\s+(?:medical\s+)?advice|treatment\s+recommendations?)|"
    # a few other languages, so a translated answer is not read as "no disclaimer"
    r"\bno\s+(?:es|constituye|sustituye|reemplaza)\s+(?:un\s+|el\s+|la\s+)?(?:consejo|asesoramiento|"
    r"consulta)\s+m[eé]dic|\binformaci[oó]n\s+general\b|ne\s+(?:remplacen?t?|constituen?t?)\s+pas\s+(?:\w+\s+){0,2}?"
    r"(?:l'|d'|un\s+)?(?:avis|conseil|consultation)|\bersetzt\s+(?:keine|nicht)\s+(?:\w+\s+){0,2}?(?:beratung|arzt|rat)|"
    r"\bkeine?\s+(?:medizinische|ärztliche)n?\s+(?:beratung|rat)|\bnon\s+(?:costituisce|sostituisce)\s+"
)
_GATE = PREFILTER.gate("not_advice", _NOT_ADVICE_KEYS)


def not_advice(low: str, gates: frozenset[str]) -> re.Match[str] | None:
    """The first not-advice disclaimer phrase of the folded sentence ``low``, if any."""
    return _NOT_ADVICE.search(low) if _GATE in gates else None


# Each pattern below tries only the alternatives whose literal words occur in the text (the same
# matches: cues/literals.py); rebound here, after every rule, so rule edits and this list merge apart.
_NOT_ADVICE = alternation(_NOT_ADVICE)
