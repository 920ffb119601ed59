"""Referrals: sentences that send the patient to their own care team ("talk with your care team",
"ask your oncologist whether ...", "your doctor knows your situation best", "follow your team's advice").

:func:`positive_referral` finds the first asserted referral of a sentence; :func:`polarity` says
whether a referral or contact phrase is positive, negated ("you don't need to ask your doctor") or
made optional by "without" / "instead of". Whether a referral counts as a disclaimer is decided by
:mod:`~harness.score.engines.cues.disclaimer_kinds` (a referral tied to one item does not).
"""

from __future__ import annotations

import re

from harness.score.engines.cues.context import Unit, negator_before, reported, under_without
from harness.score.engines.cues.literals import alternation
from harness.score.engines.cues.people import WHO, WHO_KEYS
from harness.score.engines.cues.prefilter import PREFILTER

_REFER_VERB = (
    r"(?:talk(?:s|ing|ed)?|speak(?:s|ing)?|chat(?:ting)?|check(?:s|ing|ed)?|consult(?:s|ing|ed)?|discuss(?:es|ing|ed)?|"
    r"go(?:ing)?\s+over|review(?:ing)?|confirm(?:ing)?|rais(?:e|ing)|bring(?:ing)?\s+(?:\w+\s+){0,2}?up|shar(?:e|ing)|decid(?:e|ing)|work(?:ing)?\s+(?:out|through)|plan(?:ning)?|"
    r"follow(?:ing)?\s+up|clear(?:ing)?|run(?:ning)?|make\s+(?:the\s+|this\s+|that\s+|a\s+|your\s+|any\s+|these\s+)?(?:final\s+|big\s+)?(?:decisions?|choices?|call)|agree(?:ing)?|"
    r"weigh(?:ing)?|explore|exploring|go\s+through|verify(?:ing)?|double-check(?:ing)?|clarify(?:ing)?|"
    r"work(?:ing)?\s+(?:closely\s+|together\s+)?|partner(?:ing)?|(?:made|taken|decided|agreed|planned|done)"
    r"(?:\s+(?:together|jointly|in\s+partnership))?|(?:book|make|schedule|arrange|get)\s+an?\s+(?:\w+\s+)?"
    r"(?:appointment|visit|consultation|review)|together|jointly|have\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:conversations?|talks?|"
    r"discussions?)|conversations?|discussions?|be\s+(?:honest|open|frank|upfront|clear|truthful)|"
    # "a choice to make with your team", "a decision for you and your haematologist", "any decision about
    # it is one to make with your oncologist"
    r"(?:choice|decision|call)s?\s+(?:for\s+you\s+)?(?:to\s+(?:make|take)|to\s+be\s+made)|(?:choice|decision)s?\s+for\s+you|"
    r"(?:is|are)\s+(?:one|ones)\s+(?:for\s+you\s+)?to\s+(?:make|decide|settle|work\s+out))"
)
_ASK_VERB = (
    r"(?:ask(?:s|ing|ed)?|consult(?:s|ing|ed)?|see(?:ing)?|visit(?:ing)?|inform(?:ing)?|tell(?:ing)?|"
    r"get\s+(?:advice|guidance|input|an?\s+(?:second\s+|expert\s+|specialist\s+)?opinion)\s+from|seek(?:ing)?\s+(?:advice|guidance|help|an?\s+opinion)"
    r"\s+from|(?:get|seek)\s+(?:personal(?:i[sz]ed)?\s+|professional\s+|individual\s+)?(?:medical\s+)?advice\s+from|"
    r"rely\s+on|trust|listen\s+to|defer\s+to|lean\s+on|contact(?:ing)?|reach(?:ing)?\s+out\s+to|check\s+in\s+with|"
    r"let|loop\s+in|involv(?:e|es|ing)|go\s+with)"
)
_REFERRAL_VERBAL = re.compile(
    r"\b" + _REFER_VERB + r"(?:\s+[\w'/-]+){0,5}?\s+(?:with|to)\s+(?:whoever|the\s+(?:person|doctor|one)\s+who)\s+"
    r"(?:prescribed|is\s+treating|treats|looks\s+after|manages|is\s+looking\s+after)|"
    r"\b" + _REFER_VERB + r"(?:\s+[\w'/-]+){0,10}?\s+(?:with|to|by|past|alongside|and|or|against)\s+(?:what\s+)?" + WHO
    + r"\b|"
    r"\b" + _ASK_VERB + r"\s+(?:a\s+member\s+of\s+|someone\s+(?:from|in|on)\s+|one\s+of\s+|\w+\s+)?" + WHO + r"\b"
)
_REFERRAL_OTHER = re.compile(
    # the care team as subject; one shared WHO prefix, so it is tried once per position
    r"\b" + WHO + r"(?:"
    r"\s+(?:will|would|can|does|do|may)?\s*(?:know|knows|understand|understands)\s+(?:\w+\s+){0,4}?(?:your|you)\b|"
    # "your own specialists are in the best position to advise you"
    r"\s+(?:is|are)\s+(?:\w+\s+)?(?:in\s+(?:the\s+|a\s+)?(?:best|better|good|right|ideal)\s+position|best[\s-]placed|"
    r"better[\s-]placed|well[\s-]placed)\b|"
    r"(?:'s|s')\s+(?:input|advice|opinion|view|views|guidance|judge?ment|instructions|plan|word|take|say|thoughts|"
    r"perspective)\s+(?:\w+\s+){0,3}?"
    r"(?:matters?|is\s+(?:\w+\s+)?(?:important|key|essential|vital|what\s+counts)|counts|comes?\s+first|"
    r"(?:should\s+|must\s+|will\s+)?(?:takes?|have|has)\s+(?:priority|precedence))|"
    r"(?:'s|s')?\s+(?:is|are|will\s+be|remains?)\s+(?:\w+\s+){0,2}?(?:best|right|only)\s+(?:person|"
    r"people|place|source|guide|ones?|placed|resource|bet|contact|people\s+to\s+ask))|"
    # "your nurse can answer" is a referral, "nurse specialists can answer questions" a description
    r"\b(?:your|their|his|her)\s+" + WHO + r"(?:"
    r"\s+(?:can|will|could|should|is\s+able\s+to|are\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:tell|advise|weigh|"
    r"help|explain|guide|recommend|answer|decide|say|confirm|assess|judge|tailor|work\s+out|give|provide|offer|"
    r"discuss|review|determine|figure\s+out|check|clarify|address|personali[sz]e|interpret|advise)\b)|"
    r"\b(?:knows?|understands?)\s+(?:your\s+)?(?:\w+\s+){0,3}?(?:situation|case|history|health|circumstances|"
    r"details|body|condition)\s*(?:\w+\s+){0,2}(?:best|better|in\s+detail|fully)|"
    r"\b(?:shared\s+)?decision[\s-]making\s+(?:\w+\s+){0,2}?with\s+" + WHO + r"|"
    r"\b(?:your|the)\s+" + WHO + r"\s+(?:will\s+|can\s+)?(?:make|makes|decide|decides|plan|plans|choose|chooses|agree|agrees|"
    r"work|works)\s+(?:out\s+)?(?:(?:the|your|a)\s+)?(?:(?:treatment\s+)?plan|decisions?|choices?|next\s+steps?)?\s*"
    r"(?:with|together\s+with)\s+you\b|"
    r"\bin\s+(?:close\s+)?(?:consultation|discussion|partnership|collaboration|agreement)\s+with\s+" + WHO + r"|"
    r"\b(?:trust|rely\s+on|listen\s+to|take)\s+(?:the\s+)?(?:advice|guidance|word|recommendations?)\s+(?:of|from)\s+" + WHO + r"|"
    r"\bfollow(?:ing)?\s+(?:(?:the\s+)?(?:advice|instructions|guidance|recommendations?|plan)\s+"
    r"(?:(?:of|from|given\s+by|that)\s+)?" + WHO + r"|" + WHO + r"(?:'s|s')\s+(?:advice|instructions|guidance|recommendations?|plan|lead))|"
    r"\b(?:under|with)\s+(?:the\s+)?(?:guidance|supervision|care|direction)\s+of\s+" + WHO + r"|"
    r"\b(?:questions?|topics?|things?)\s+(?:to|you\s+can|you\s+might|you\s+may|worth)\s+(?:ask|discuss|raise|bring"
    r"\s+up)(?:ing)?\s+(?:with\s+|to\s+)?" + WHO + r"|"
    r"\b(?:personal(?:i[sz]ed)?|individual(?:i[sz]ed)?|specific|tailored)\s+(?:medical\s+)?(?:advice|guidance|"
    r"recommendations?|decisions?)\s+(?:should\s+)?(?:come|comes|must\s+come)\s+from|"
    r"\bloop\s+in\s+" + WHO + r"|\bonly\s+" + WHO + r"\b"
    # "only your surgeon can do the operation" names who performs a procedure; it defers no judgement
    r"(?!\s+(?:can|could|will|may|is\s+allowed\s+to)\s+(?:do|perform|carry\s+out|give|prescribe|operate|take\s+out|remove|insert|"
    r"fit|sign|order|book|arrange|inject|administer)\b)|"
    r"\b(?:listen\s+to|trust|follow|believe)\s+(?:them|him|her|your\s+\w+)\s+(?:rather\s+than|over|instead\s+of)\s+"
    r"(?:to\s+)?(?:me|this|an?\s+ai|a\s+chatbot)\b|\bloop\s+" + WHO + r"\s+in\b|"
    r"\bget\s+" + WHO + r"(?:'s|s')\s+(?:view|opinion|advice|input|ok|okay|approval|go-ahead|blessing|thoughts)|"
    r"\b(?:best\s+)?(?:answered|decided|handled|judged|assessed|explained)\s+by\s+" + WHO + r"|"
    r"\b(?:should|must|needs?\s+to|has\s+to|ought\s+to)\s+be\s+(?:\w+\s+)?(?:guided|decided|determined|directed|made|"
    r"individuali[sz]ed|tailored|led)\s+by\s+" + WHO + r"|"
    r"\b" + WHO + r"\s+(?:is|are)\s+(?:\w+\s+){0,3}?(?:port\s+of\s+call|place\s+to\s+start|first\s+stop|point\s+of\s+"
    r"contact|go-to)|"
    r"\b(?:never|don't|do\s+not)\s+(?:feel|think|worry)\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:wasting|taking\s+up)\s+"
    r"(?:\S+\s+){0,2}?time|"
    r"\bbring\s+(?:this|these|it|them|the\s+\w+)\s+(?:\w+\s+){0,2}?(?:to|along\s+to)\s+your\s+(?:next\s+)?(?:appointment|"
    r"visit|clinic|consultation)|"
    r"\b(?:decisions?|choices?)\s+(?:\w+\s+){0,6}?(?:belong|rest|lie|sit|stay)s?\s+with\s+(?:(?:you|the\s+patient)\s+and\s+)?" + WHO + r"|"
    r"\b(?:help|input|guidance|advice|support|answers?|information|opinion)\s+(?:will\s+)?(?:come\s+)?from\s+" + WHO + r"|\b" + WHO + r"\s+(?:that|who)\s+knows?\s+you\b|"
    r"\b" + WHO + r"\s+(?:wants?|would\s+like|is\s+happy|are\s+happy|is\s+glad|are\s+glad)\s+to\s+(?:hear\s+from\s+you|help|"
    r"know|answer)|"
    r"\b(?:people|ones|those|doctors|team|nurses)\s+(?:who\s+are\s+)?(?:looking\s+after|treating|caring\s+for)\s+you\s+"
    r"(?:will\s+|would\s+|can\s+|do\s+|does\s+)?(?:have|know|see|decide|advise|guide|understand)\b|"
    r"\b(?:people|ones|those|doctors|team)\s+(?:who\s+are\s+)?(?:running|treating\s+you|looking\s+after\s+you|caring\s+for\s+you|in\s+charge\s+of|"
    r"managing|overseeing)\s+your\s+(?:treatment|care)|\b(?:are|is)\s+(?:the|a|an)\s+(?:right\s+|best\s+|only\s+|best-placed\s+|great\s+|good\s+|ideal\s+|useful\s+)?(?:ones?|people|person)\s+to\s+(?:ask|talk|decide|judge|advise|guide|say|"
    r"trust|rely\s+on|listen\s+to|follow|believe|go\s+by|turn\s+to|"
    r"go\s+(?:through|over)|discuss|work\s+(?:this|it)\s+out|"
    r"check\s+with)|"
    r"\b(?:overrides?|outweighs?|trumps?|takes?\s+precedence\s+over|supersedes?|replaces?)\s+(?:what\s+)?" + WHO + r"|"
    # "the team looking after your mum knows her far better than I do"
    r"\bknows?\s+(?:you|her|him|them|your\s+\w+|their\s+\w+)\s+(?:\w+\s+)?better\s+than\s+(?:i\s+(?:do|can)|me|this|"
    r"an?\s+(?:ai|answer|chatbot|website)|any\s+\w+)|\bbetter\s+(?:placed|positioned|qualified)\s+than\s+(?:i\s+am|me)\b|"
    # "it's really one for your own specialist"
    r"\b(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:really\s+|very\s+much\s+|ultimately\s+|definitely\s+)?(?:one|a\s+question|"
    r"a\s+matter|a\s+call|something|a\s+conversation)\s+for\s+" + WHO + r"|"
    # "nothing I say here changes what your medical team has told you"
    r"\b(?:nothing|none\s+of\s+(?:this|it))\s+(?:[\w']+\s+){0,4}?(?:changes?|alters?|contradicts?)\s+what\s+" + WHO + r"|"
    # the answer handed to the team: "take this to your oncology nurse and go through it together"
    r"\b(?:take|bring|show)\s+(?:this|these|it|them|the\s+above|(?:this|the)\s+(?:list|answer|summary|page|information))\s+"
    r"(?:along\s+|with\s+you\s+)?to\s+" + WHO + r"|"
    # the team wins a conflict: "if anything here seems to clash with what your doctors said, go with them"
    r"\b(?:if|where|when|should)\s+(?:anything|something|any\s+of\s+(?:this|it)|this|it)\s+(?:here\s+|above\s+)?(?:\w+\s+){0,2}?"
    r"(?:clash\w*|conflict\w*|contradict\w*|differ\w*|disagree\w*|doesn't\s+match|does\s+not\s+match)\b[^.;!?]*?\b"
    r"(?:go\s+with|follow|trust|listen\s+to|believe|stick\s+with|rely\s+on)\s+(?:them|him|her|your\s+\w+|the\s+\w+)|"
    # "... are the ones who can put this in context"
    r"\b(?:are|is)\s+(?:the|a)\s+(?:\w+\s+)?(?:ones?|people|person)\s+who\s+(?:can|will|should|could)\s+(?:\w+\s+)?"
    r"(?:say|tell|advise|guide|decide|judge|explain|interpret|answer|help|put\s+(?:this|it|that|these)\s+in(?:to)?\s+context)\b|"
    r"\b(?:someone|somebody|a\s+doctor|a\s+clinician|a\s+person|people)\s+who\s+(?:has|have|knows?|can)\s+(?:\w+\s+)?"
    r"(?:examined|seen|met|treated|know|knows)\s+you\b|\bask(?:ing)?\s+(?:to\s+be\s+referred|for\s+(?:a\s+)?referral)\b|"
    r"\b" + WHO + r"\s+(?:who|that)\s+(?:\w+\s+){0,2}?(?:treats?|treating|looks?\s+after|knows?|cares?\s+for|follows?|is\s+following|sees?|monitors?|has\s+"
    r"(?:examined|seen))\s+you\s+(?:\w+\s+){0,3}?(?:(?:can|could|will|should|is\s+able\s+to|are\s+able\s+to)\s+(?:\w+\s+){0,2}?)?"
    r"(?:say|tell|decide|advise|judge|guide|recommend|answer|explain)s?\b|"
    r"\b" + WHO + r"\s+(?:is|are)\s+(?:there|here|available)\s+(?:to\s+help|for\s+you|to\s+answer|to\s+support)|"
    r"\b" + WHO + r"\s+(?:has|have|holds?|sees?|see)\s+(?:the\s+)?(?:full|whole|complete|bigger|clearer|entire)\s+"
    r"(?:picture|view|story|information)|\b(?:final|last)\s+(?:call|say|word|decision)\b|"
    r"\bquestions?\s+(?:to|for)\s+(?:ask\s+)?(?:your|the)\s+" + WHO + r"|"
    r"\b(?:the\s+way|as\s+well\s+as|like|as)\s+" + WHO + r"\s+(?:can|could|does|do|would|will)\b|"
    r"\bstarting\s+point\s+for\s+(?:a\s+|your\s+)?(?:conversations?|discussions?|questions?|talks?)|"
    r"\bkeep\s+" + WHO + r"\s+(?:informed|in\s+the\s+loop|updated|up\s+to\s+date|aware)|"
    r"\bseek(?:ing)?\s+(?:\w+\s+){0,2}?(?:medical|professional|expert|specialist)\s+(?:advice|guidance|help|care|"
    r"opinion|input)|\b(?:get|obtain)\s+(?:a\s+)?(?:professional|medical|expert|specialist)\s+(?:opinion|advice)|"
    r"\b(?:don't|do\s+not|never)\s+(?:\w+\s+)?(?:worry|feel\s+bad|feel\s+guilty)\s+about\s+(?:bother|disturb|"
    r"troubl|call|contact|ring|phon|ask|messag)\w*\s+(?:\w+\s+){0,1}?" + WHO
)
_REFERRAL_OTHER_KEYS = (*WHO_KEYS, "know", "understand", "come", "seek", "opinion", "advice", "final", "last", "people",
                        "rather than", "over me", "instead of me",
                        "loop",
                        "bring",
                        "decision", "choice",
                        "help from", "input from", "guidance from", "support from",
                        "ones", "those", "running", "managing",
                        "starting point", "who", "over", "decision", "consultation", "discussion", "partnership",
                        "collaboration", "agreement", "trust", "rely", "listen", "take", "instead of", "wasting", "taking up", "the one", "person", "referr", "override", "outweigh", "trump", "precedence", "supersede",
                        "nothing", "none of", "clash", "conflict", "contradict", "differ", "disagree", "match", "better")
_VERBAL_GATE = PREFILTER.gate("referral.verbal", WHO_KEYS)
_OTHER_GATE = PREFILTER.gate("referral.other", _REFERRAL_OTHER_KEYS)
_FOREIGN_GATE = PREFILTER.gate("referral.foreign", (
    "consulte", "hable", "pregunte", "consultez", "parlez", "demandez", "sprechen", "fragen", "wenden", "consulti",
    "parli", "chieda",
))
REFERRAL_VERBAL = _REFERRAL_VERBAL
"""Also read by the contrary detector: a negated referral is contrary advice."""
VERBAL_GATE = _VERBAL_GATE


_FOREIGN_REFERRAL = re.compile(
    r"\b(?:consulte|hable\s+con|pregunte\s+a)\s+(?:a\s+|con\s+)?su\s+(?:m[eé]dico|equipo|onc[oó]logo)|"
    r"\b(?:consultez|parlez(?:-en)?\s+(?:à|a)|demandez\s+(?:à|a))\s+votre\s+(?:m[eé]decin|[eé]quipe|oncologue)|"
    r"\b(?:sprechen\s+sie\s+mit|fragen\s+sie)\s+ihre[mn]?\s+(?:arzt|ärztin|behandlungsteam|onkolog)|"
    r"\bwenden\s+sie\s+sich\s+an\s+ihr(?:en|e)?\s+(?:arzt|ärztin|behandlungsteam|onkolog)|"
    r"\b(?:consulti|parli\s+con|chieda\s+al)\s+(?:il\s+)?(?:suo\s+)?(?:medico|oncologo)"
)


def positive_referral(unit: Unit, gates: frozenset[str]) -> tuple[str, int] | None:
    """The first asserted referral of the sentence (phrase, start), or None.

    A referral inside quotation marks or attributed to someone else ("some leaflets end with 'ask
    your doctor'") is reported, not given.
    """
    foreign = _FOREIGN_REFERRAL.search(unit.low) if _FOREIGN_GATE in gates else None
    if foreign is not None:
        return foreign.group(0), foreign.start()
    for pattern, gate in ((_REFERRAL_VERBAL, _VERBAL_GATE), (_REFERRAL_OTHER, _OTHER_GATE)):
        if gate not in gates:
            continue
        for match in pattern.finditer(unit.low):
            if pattern is _REFERRAL_VERBAL and polarity(unit, match.start()) != "positive":
                continue
            why = reported(unit, match.start(), match.end())
            if why is not None and why.startswith(("inside quotation", "attribution")) \
                    and not why.startswith("attribution: 'you"):  # "you might find it helpful to ..." is not hearsay
                continue
            return match.group(0), match.start()
    return None


def polarity(unit: Unit, start: int) -> str:
    """positive / negated / permitted-without for a referral or contact phrase at ``start``."""
    without = under_without(unit.low, start)
    if without is True:
        return "positive"
    if without is False:
        return "without"
    if _NO_BARRIER.search(unit.low, max(0, start - 60), start):
        return "positive"  # "you don't need a referral to call the line": the negation removes a barrier to contact
    if _LISTED_ABSENCE.search(unit.low, max(0, start - 80), start):
        return "positive"  # "pain with vomiting and no bowel movement is an emergency": "no" names a symptom
    return "negated" if negator_before(unit.low, start) else "positive"


_NO_BARRIER = re.compile(r"\b(?:don't|do\s+not|won't|will\s+not|no)\s+(?:need|require|have)?\s*(?:a\s+|an\s+|any\s+)?"
                         r"(?:referral|appointment|permission|reason|excuse|letter|booking)\s+(?:first\s+)?(?:to|before\s+you)\s+\Z")


# "no" inside a list of findings ("vomiting and no bowel movement", "with no urine for a day"), then the
# predicate: an absence named as a symptom, not a negation of the advice after it
_LISTED_ABSENCE = re.compile(r"(?:\b(?:and|or|with|plus)|,)\s+no\s+(?!(?:need|reason|point|use|one|rush|hurry|real|longer|"
                             r"matter|way|doctor|nurse|team|call|visit|appointment)\b)[a-z]+(?:\s+[a-z]+){0,3}?\s*\Z")


# Each pattern below tries only the alternatives whose literal words occur in the text (the same
# matches: cues/literals.py); rebound here, after every rule, so rule edits and this list merge apart.
_REFERRAL_OTHER = alternation(_REFERRAL_OTHER)
_REFERRAL_VERBAL = alternation(_REFERRAL_VERBAL)
REFERRAL_VERBAL = _REFERRAL_VERBAL
