"""Which sentences of an answer make a *specific*, checkable statement, and of what kind.

A statement is specific when it states something a reader could check against a source:

- ``survival-figure``: a survival, response, cure, remission or risk figure ("5-year survival of
  60%", "shrinks the tumour in 58%", "cuts the risk by 40%");
- ``approval-or-guideline``: an approval or guideline fact with a date, year or edition
  ("approved in 2018", "the 2019 ESMO guideline");
- ``time-frame``: a number of days/weeks/months/years ("within 12 months", "for 5 years"), or a
  lead time without a number ("months earlier than scans");
- ``number``: any other stated quantity (a percentage, an age, a dose, a count, a ratio);
- ``standard-of-care``: "X is (the) standard / recommended / approved / preferred / first-line
  for Y";
- ``named-drug``: a named drug (an INN-style generic name) for a named situation.

Not checked: headings and heading-like lines, questions, disclaimers, reference lists and
citation lines, and number-looking text that is not a figure (emergency and phone numbers, stage /
grade / phase / type numbers, list numbers, citation markers "[3]", trial names "ZUMA-7", gene and
marker names "CD19", "exon 19", years inside a citation). ``mask()`` blanks those out before the
kinds are looked for, keeping offsets, so spans stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.score.engines.statements.numbers import quantities, words_of

KINDS: tuple[str, ...] = ("survival-figure", "approval-or-guideline", "time-frame", "number", "standard-of-care",
                          "named-drug")
"""Statement kinds, most telling first: a statement's ``kind`` is the first of its kinds in this order."""

_NUMBERED = (r"stage|grade|type|phase|level|step|part|section|question|chapter|page|tier|class|group|arm|"
             r"cohort|line|lines|item|tip|number|no\.|#|option|point|reason|example|sign|rule|key|scenario|case|"
             r"figure|table|appendix|box")
"""Things that are numbered ("stage 4", "phase III"): the number names one, it is not a figure."""
_NOT_FIGURES = re.compile(
    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]"                       # citation markers [3], [1, 2]
    r"|https?://\S+|www\.\S+|\bdoi:?\s*\S+|\bpmid:?\s*\d+"       # links and identifiers
    r"|\b(?:911|999|112|000|111|988|116\s?123)\b"               # emergency and helpline numbers
    r"|\+?\b\d{1,4}[-.\s]\(?\d{3,4}\)?[-.\s]\d{3,4}(?:[-.\s]\d{3,4})?\b"  # phone numbers
    r"|\b(?:" + _NUMBERED + r")\s*(?:[0-9]+[a-c]?|[ivx]{1,4}[a-c]?)\b"  # stage 4, grade 3, phase III, option 2
    r"|\b(?:exon|chromosome|codon)s?\s*\d+\b"                   # exon 19
    r"|\b[A-Za-z]*[A-Za-z][-/]?\d+[A-Za-z\d]*(?:-\d+)?\b"       # CD19, HER2, BRCA1, V600E, ZUMA-7, KEYNOTE-189
    r"|\b\d+[A-Za-z]\b(?!\s*(?:mg|g|ml))"                       # 17p, 11q
    r"|\b(?:24|twenty-four)[-\s]?(?:hours?|hr)\s+(?:a\s+day\s+)?(?:line|number|helpline|hotline|phone|service|"
    r"nurse|advice|emergency|contact|team|care)\b|\b24\s*/\s*7\b|\b24\s+hours\s+a\s+day\b"  # the 24-hour line
    r"|^\s*\d{1,3}[.)]\s"                                        # list numbers
    r"|\b1-800-[\w-]+"                                          # 1-800-4-CANCER
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"             # clock times
    r"|\b\d+(?:st|nd|rd|th)\b(?!\s+edition)"                      # ordinals: 2nd opinion
    r"|\b\d+-[A-Z]{2,}\b"                                        # 5-FU, 6-MP
    r"|(?:©|\(c\)|copyright)\s*(?:19|20)\d\d"                     # copyright lines
    r"|\b(?:updated|reviewed|accessed|published|retrieved|posted|as\s+of)(?:\s+(?:on|in))?:?\s+(?:\w+\s+)?"
    r"(?:\d{1,2},?\s+)?(?:19|20)\d\d"                              # "last reviewed March 2024"
    r"|\b(?:gleason|ecog|isup|deauville|rai|binet|ps|score)\s*(?:of\s+)?\d+(?:\s*[+/-]\s*\d+)?",
    re.IGNORECASE | re.MULTILINE)
_MAYBE_NOT_FIGURE = re.compile(r"\d|https?://|www\.|doi|twenty-four|\b(?:" + _NUMBERED + r")\s*[ivx]")
"""What every alternative of ``_NOT_FIGURES`` needs (a digit, a link, "doi", a roman numeral after a numbered
thing, "twenty-four"), in lower case: a sentence without any of them is not searched (nine sentences in ten;
the full pattern cost most of finding statements)."""


def _may_hold_non_figure(text: str) -> bool:
    """False only when neither ``_NOT_FIGURES`` nor ``_TRIAL_NAME`` can match ``text`` (ASCII text, searched
    lower-cased, where the search costs a third of a case-blind one)."""
    return not text.isascii() or _MAYBE_NOT_FIGURE.search(text.lower()) is not None
_TRIAL_NAME = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{3,})[\s-]\d{1,4}\b")  # CheckMate 067, FLAURA 2
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")

_SURVIVAL = re.compile(
    r"\b(?:surviv\w*|alive|live\s+(?:for|longer|at\s+least)|lived|life\s+expectancy|mortality|death|die|dying|"
    r"respon\w+|remission|cure[sd]?|curable|recurr\w*|relapse\w*|come\s+back|progression|shrink\w*|shrank|"
    r"effective|works?\s+in|benefit\w*|risk|chance|odds|prevent\w*|reduc\w+|lower\w*|cuts?)\b", re.IGNORECASE)
_APPROVAL = re.compile(
    r"\b(?:approv\w+|licens\w+|authori[sz]\w+|clear(?:ed|ance)|fda|ema|mhra|nice|guidelines?|guidance|"
    r"recommendations?|edition|version|label(?:led|ed)?|nccn|asco|esmo|uspstf|acs)\b", re.IGNORECASE)
_EDITION = re.compile(r"\b(?:version|v)\s*\d+(?:\.\d+)*\b|\b\d{1,2}(?:st|nd|rd|th)\s+edition\b", re.IGNORECASE)
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
_DATE = re.compile(rf"\b{_MONTHS}\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
                   re.IGNORECASE)
_LEAD_TIME = re.compile(
    r"\b(?:days|weeks|months|years)\s+(?:earlier|sooner|before|ahead|faster|longer|more)\b"
    r"|\b(?:earlier|sooner)\s+than\b", re.IGNORECASE)
_STANDARD = re.compile(
    r"\b(?:is|are|was|were|remains?|has\s+become|have\s+become|became|now)\s+(?:now\s+|still\s+|considered\s+|"
    r"usually\s+|generally\s+|often\s+)?(?:the\s+|a\s+|an\s+)?(?:new\s+|current\s+|main\s+|usual\s+|)?"
    r"(?:standard|recommended|approved|preferred|first[-\s]line|gold[-\s]standard|treatment\s+of\s+choice|"
    r"drug\s+of\s+choice|go-to|mainstay|backbone|first\s+choice|best\s+(?:treatment|option|choice))\b"
    r"|\bstandard\s+of\s+care\b|\b(?:fda|ema)[-\s](?:approved|cleared)\b|\bapproved\s+(?:for|to\s+treat|in)\b"
    r"|\b(?:fda|ema|mhra|nice|health\s+canada)\s+(?:has\s+|have\s+|)(?:now\s+)?(?:approved|cleared|licensed)\b",
    re.IGNORECASE)
_STANDARD_NOUN_FIRST = re.compile(
    r"\b(?:standard|usual|recommended|preferred|main)\s+(?:first[-\s]line\s+|first\s+|initial\s+|"
    r"second[-\s]line\s+)?(?:treatment|therapy|option|approach|regimen|choice)\s+(?:is|are|for|in|of)\b", re.IGNORECASE)
_TREATMENT = re.compile(
    r"chemo|therap|surg|operat|radiat|radiother|transplant|screen|\btests?\b|scan|vaccin|mammogra|colonoscop|"
    r"biops|car[\s-]?t\b|inhibitor|antibod|hormone|regimen|monitoring|surveillance|\bpills?\b|tablet|injection|"
    r"infusion|\bdrugs?\b|medicine|medication|ectomy|resection|procedure|treatment\s+(?:is|are|for|of|with)|"
    r"(?:mab|nib|cel|lib|platin|taxel|rubicin|mide)\b", re.IGNORECASE)
_REGIMEN = re.compile(r"\b[A-Z]{1,}(?:-[A-Z]{2,})+\b|\b[A-Z]{4,}\b")
"""Regimens written as capitals: R-CHOP, FOLFOX, ABVD."""
_DRUG = re.compile(
    r"\b[a-z]{3,}(?:mab|nib|lib|cel|leucel|parib|ciclib|zomib|lidomide|platin|taxel|rubicin|mycin|tecan|"
    r"citabine|arabine|trexate|phamide|fosfamide|poside|cristine|blastine|mustine|ambucil|trozole|strant|"
    r"relin|lutamide|raterone|clax|tesirine|vedotin|govitecan|deruxtecan|emtansine|rafenib|metinib|"
    r"degib|sertib|lisib|tinib|xifen|oxifen)\b", re.IGNORECASE)
_DRUG_END = re.compile(_DRUG.pattern[_DRUG.pattern.index("(?:"):].removesuffix(r"\b"))
"""The suffixes that end every ``_DRUG`` match, lower case (searched in lower-cased ASCII text, where it is four
times cheaper than the full pattern, which tries every word)."""


def _may_name_drug(text: str) -> bool:
    """False only when ``_DRUG`` cannot match ``text`` (ASCII text without any drug suffix)."""
    return not text.isascii() or _DRUG_END.search(text.lower()) is not None

_SITUATION = re.compile(
    r"\b(?:for|treat\w*|used|use|given|option|choice|therapy|first|second|after|before|when|if|people|patients|approv\w*|"
    r"cancer|lymphoma|leuk\w+|myeloma|melanoma|tumou?rs?)\b", re.IGNORECASE)
_CONTENT = re.compile(r"\b(?!(?:that|this|these|those|which|what|there|their|about|with|from|have|been|were|"
                      r"will|would|could|should|usually|often|also|still|considered|standard|recommended|"
                      r"approved|preferred|first|line|care|plan|option|choice|treatment)\b)[a-z]{4,}\b", re.IGNORECASE)
_MIN_CONTENT = 2
_DISCLAIMER = re.compile(
    r"\b(?:not\s+(?:a\s+substitute\s+for\s+)?(?:medical|professional)\s+advice|general\s+information|"
    r"(?:informational|educational|information)\s+purposes|not\s+medical\s+advice|"
    r"(?:consult|talk\s+(?:with|to)|speak\s+(?:with|to)|ask)\s+(?:your|a)\s+(?:own\s+)?(?:doctor|oncologist|"
    r"care\s+team|healthcare|health\s+care|medical|nurse|team|physician)|cannot\s+replace|does\s+not\s+replace|"
    r"generated\s+by\s+ai)\b", re.IGNORECASE)
_REFERENCES_HEADER = re.compile(
    r"^\W*(?:sources?|references?|citations?|bibliography|further\s+reading|source\s+guidelines?|"
    r"learn\s+more|resources|useful\s+links|read\s+more)\W*:?\s*$", re.IGNORECASE)
_REFERENCE_LINE = re.compile(r"\bet\s+al\b|\bdoi\b|\bpmid\b|https?://|\bvol\.|\bpp\.|\b(?:19|20)\d\d\s*;\s*\d+"
                             r"|^\W*(?:sources?|references?|citations?|see)\s*:", re.IGNORECASE)


def mask(text: str, spans: Sequence[tuple[int, int]] = ()) -> str:
    """``text`` with number-looking text that is not a figure (and the given spans) blanked, same length."""
    cuts = [(max(0, a), min(len(text), b)) for a, b in spans]
    if _may_hold_non_figure(text):
        cuts += [m.span() for m in _NOT_FIGURES.finditer(text)]
        cuts += [m.span() for m in _TRIAL_NAME.finditer(text)]  # needs a digit too
    cuts = sorted((a, b) for a, b in cuts if a < b)
    if not cuts:
        return text  # most sentences: nothing to blank
    out, pos = [], 0
    for a, b in cuts:  # merged, left to right: every non-space character inside a cut becomes a space
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(text[pos:a])
        out.append(_NON_SPACE.sub(" ", text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


_NON_SPACE = re.compile(r"\S")


_LEAD_WORDS = frozenset({"days", "weeks", "months", "years", "earlier", "sooner"})
_STANDARD_WORDS = frozenset({"standard", "recommended", "approved", "preferred", "first", "gold", "choice", "go",
                             "mainstay", "backbone", "best", "fda", "ema", "mhra", "nice", "health", "usual", "main"})
"""Words without which ``_LEAD_TIME``, and ``_STANDARD`` and ``_STANDARD_NOUN_FIRST``, cannot match (each of their
alternatives needs one of them as a whole word)."""


def may_say(masked: str) -> tuple[bool, bool, bool]:
    """Whether ``masked`` may state (a year, a date or an edition; a lead time; a standard of care): False
    only where ``_YEAR``, ``_DATE`` and ``_EDITION`` (no digit), ``_LEAD_TIME`` or ``_STANDARD`` and
    ``_STANDARD_NOUN_FIRST`` (none of their words) cannot match."""
    seen = words_of(masked)
    if seen is None:
        return True, True, True
    digit, _, words = seen
    return digit, not words.isdisjoint(_LEAD_WORDS), not words.isdisjoint(_STANDARD_WORDS)


def kinds_of(masked: str) -> tuple[str, ...]:
    """The kinds of specific statement ``masked`` (a sentence after ``mask()``) makes, most telling first.

    A pattern that cannot match is not searched (``numbers.words_of``): a year, a date and an edition
    need a digit, a lead time and a standard of care one of their words (most sentences have neither).
    """
    digit, lead, standard = may_say(masked)
    found: set[str] = set()
    nums = [q for q in quantities(masked) if q.figure and not (q.unit is None and _YEAR.fullmatch(q.text))]
    years = digit and _YEAR.search(masked) is not None
    if nums:
        units = {q.unit for q in nums}
        if units & {"%", "ratio", "times"} and _SURVIVAL.search(masked) or (
                _SURVIVAL.search(masked) and re.search(r"surviv|alive|remission|respon|live|lived", masked, re.I)):
            found.add("survival-figure")
        if units & {"day", "week", "fortnight", "month", "year", "decade", "hour", "minute"}:
            found.add("time-frame")
        found.add("number")
    if digit and (years or _DATE.search(masked) or _EDITION.search(masked)) and _APPROVAL.search(masked):
        found.add("approval-or-guideline")
    elif years and not nums:
        found.add("number")
    if lead and _LEAD_TIME.search(masked):
        found.add("time-frame")
    if (standard and (_STANDARD.search(masked) or _STANDARD_NOUN_FIRST.search(masked))
            and (_TREATMENT.search(masked) or _REGIMEN.search(masked))
            and len(_CONTENT.findall(masked)) >= _MIN_CONTENT):
        # "That is the standard plan." names neither X nor Y, and "drinking fluids is recommended" is
        # advice, not a treatment fact: neither is checkable
        found.add("standard-of-care")
    if _may_name_drug(masked) and _DRUG.search(masked) and _SITUATION.search(masked):
        found.add("named-drug")
    return tuple(k for k in KINDS if k in found)


_REPORTED = re.compile(
    r"\b(?:some|many|other|certain)\s+(?:people|websites?|sites|sources|articles|posts|blogs|clinics|studies|"
    r"ads|adverts|companies)\s+(?:say|said|claim|claimed|suggest|promise|advertise)|\byou\s+(?:may|might|could)\s+"
    r"(?:read|hear|see|be\s+told)|\b(?:it\s+is|it's)\s+(?:often\s+|sometimes\s+)?(?:said|claimed)|\bclaims?\s+that\b|"
    r"\brumou?rs?\b|\bmyths?\b|\bsome\s+say\b", re.IGNORECASE)
_REFUTED = re.compile(
    r"\b(?:false|untrue|not\s+true|isn't\s+true|not\s+proven|unproven|no\s+(?:good\s+|strong\s+|real\s+|reliable\s+)?"
    r"evidence|(?:a|this|that)\s+myth|wrong|misleading|incorrect|not\s+supported|not\s+the\s+case|"
    r"not\s+backed|don't\s+believe|do\s+not\s+believe)\b", re.IGNORECASE)
_MYTH_LABEL = re.compile(r"^\W*(?:myth|false|not\s+true|fiction)\s*[:\-–]", re.IGNORECASE)


_REPORTED_WORDS = frozenset({"some", "many", "other", "certain", "you", "it", "claim", "claims", "rumor", "rumors",
                             "rumour", "rumours", "myth", "myths", "false", "not", "fiction"})
"""Words without which neither ``_REPORTED`` nor ``_MYTH_LABEL`` can match (each alternative needs one, whole)."""
_DISCLAIMER_WORDS = frozenset({"not", "general", "purposes", "consult", "talk", "speak", "ask", "cannot", "does",
                               "generated"})
"""Words without which ``_DISCLAIMER`` cannot match."""
_REFERENCE_WORDS = frozenset({"et", "doi", "pmid", "http", "https", "vol", "pp", "source", "sources", "reference",
                              "references", "citation", "citations", "see"})
"""Words without which ``_REFERENCE_LINE`` cannot match unless the line holds a digit."""


def _lacks(text: str, needed: frozenset[str], *, or_digit: bool = False) -> bool:
    """True only when ASCII ``text`` holds none of the words ``needed`` (nor, with ``or_digit``, a digit):
    a pattern each of whose alternatives needs one of them cannot match it, and is not searched."""
    seen = words_of(text)
    return seen is not None and not (or_digit and seen[0]) and seen[2].isdisjoint(needed)


def is_refuted(text: str, following: str = "") -> bool:
    """A figure the answer reports in order to refute it ("Myth: ...", "some sites claim X; that is false").

    The refutation may be in the sentence itself or open the next one ("... 6 months early. That is
    not proven."). Such a sentence is not a statement the answer makes.
    """
    if _lacks(text, _REPORTED_WORDS):
        return False
    if _MYTH_LABEL.match(text):
        return True
    if not _REPORTED.search(text):
        return False
    return _REFUTED.search(text) is not None or _REFUTED.search(" ".join(following.split()[:8])) is not None


def is_disclaimer(text: str) -> bool:
    """A disclaimer or referral sentence (never checked unless it also states a number)."""
    return not _lacks(text, _DISCLAIMER_WORDS) and _DISCLAIMER.search(text) is not None


def is_references_header(text: str) -> bool:
    """"Sources", "References:", "Source Guidelines" ...: what follows is a reference list."""
    return len(text) < 60 and _REFERENCES_HEADER.match(text) is not None


def is_reference_line(text: str) -> bool:
    """A bibliographic line (authors "et al.", a DOI, a URL, a journal volume)."""
    return not _lacks(text, _REFERENCE_WORDS, or_digit=True) and _REFERENCE_LINE.search(text) is not None


_NAMED_REGIMEN = re.compile(
    r"\b(?:[A-Za-z]+-)?[A-Z]{1,2}-[A-Z]{3,}\b"                  # R-CHOP, R-EPOCH, Pola-R-CHP
    r"|\b(?:FOLFOX|FOLFIRI|FOLFIRINOX|FOLFOXIRI|CAPOX|XELOX|CAPEOX|ABVD|BEACOPP|CHOP|EPOCH|CHP|ICE|DHAP|GDP|"
    r"GemOx|GEMOX|BR|FCR|VRd|DRd|KRd|DVRd|AC|EC|TC|TCHP|CMF|FEC|BEP|MVAC|PCV)\b")
"""Chemotherapy regimens by their letters: compared like drug names (R-EPOCH is not R-CHOP)."""


_LINE = re.compile(
    r"\b(first|initial|frontline|front-line|1st|second|2nd|third|3rd)(?:[-\s]+[a-z]+){0,2}?[-\s]+(?:line|treatment|"
    r"therapy|therapies|choice|option|regimen|drug)s?\b|\b(upfront|newly)\b", re.IGNORECASE)
_ORDINAL = {"first": "first", "initial": "first", "frontline": "first", "front-line": "first", "1st": "first",
            "upfront": "first", "newly": "first", "second": "second", "2nd": "second", "third": "third", "3rd": "third"}


def line_markers(text: str) -> set[str]:
    """Lines of treatment a text names ("first-line", "the usual first treatment" -> ``line:first``).

    A statement's line of treatment must be named by its backing sentence: "approved as a first
    treatment" is not backed by "after two or more treatments".
    """
    out = set()
    for m in _LINE.finditer(text):
        word = next(g for g in m.groups() if g)
        out.add("line:" + _ORDINAL[word.lower()])
    return out


def drug_names(text: str) -> set[str]:
    """Generic drug names (by their INN stems) and regimen names written in ``text``, lower-cased."""
    drugs = {m.group(0).lower() for m in _DRUG.finditer(text)} if _may_name_drug(text) else set()
    return drugs | {m.group(0).lower() for m in _NAMED_REGIMEN.finditer(text)}
