"""Signals that turn "similar words" into "same claim" or "opposite claim".

Word overlap cannot tell "CAR T is an option" from "CAR T is not an option", nor "12 months"
from "36 months". This module reads, from one prepared text (``lexicon.prepare``):

- quantities: numbers, ranges ("10-20%", "between 2 and 4 weeks"), units and durations
  normalised to one scale (12 months == 1 year), and calendar years;
- negation cues ("not", "no longer", "never", "cannot", "is not an option") with the phrase they
  negate, for reasons like ``answer negates: 'is not an option'``;
- hedges ("may", "rarely", "sometimes") that soften a statement;
- antonym pairs (increase/decrease, safe/unsafe, approved/not approved) that flip a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# unit word -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1.0), "percent": ("percent", 1.0), "per cent": ("percent", 1.0),
    "minute": ("time", 1 / 1440), "minutes": ("time", 1 / 1440), "min": ("time", 1 / 1440),
    "hour": ("time", 1 / 24), "hours": ("time", 1 / 24), "hr": ("time", 1 / 24), "hrs": ("time", 1 / 24),
    "h": ("time", 1 / 24),
    "day": ("time", 1.0), "days": ("time", 1.0),
    "week": ("time", 7.0), "weeks": ("time", 7.0), "wk": ("time", 7.0), "wks": ("time", 7.0),
    "month": ("time", 30.4375), "months": ("time", 30.4375), "mo": ("time", 30.4375),
    "year": ("time", 365.25), "years": ("time", 365.25), "yr": ("time", 365.25), "yrs": ("time", 365.25),
    "mcg": ("mass", 1e-6), "µg": ("mass", 1e-6), "ug": ("mass", 1e-6), "mg": ("mass", 1e-3),
    "g": ("mass", 1.0), "gram": ("mass", 1.0), "grams": ("mass", 1.0), "kg": ("mass", 1e3),
    "ml": ("volume", 1e-3), "l": ("volume", 1.0), "liter": ("volume", 1.0), "litre": ("volume", 1.0),
    "times": ("fold", 1.0), "fold": ("fold", 1.0), "x": ("fold", 1.0),
    "patients": ("count", 1.0), "people": ("count", 1.0), "cycles": ("cycles", 1.0), "cycle": ("cycles", 1.0),
    "doses": ("doses", 1.0), "dose": ("doses", 1.0), "lines": ("lines", 1.0), "line": ("lines", 1.0),
    "°c": ("temp_c", 1.0), "°f": ("temp_f", 1.0), "degrees": ("temp", 1.0),
}
UNIT_WORDS = frozenset(u for u in UNITS if u.isalpha() or u == "%")
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_NUM = r"\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(
    rf"(?:between\s+)?(?P<lo>{_NUM})\s*(?:(?:-|to|and|–)\s*(?P<hi>{_NUM}))?\s*(?P<unit>{_UNIT_ALT})?(?![a-z0-9])"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")

NEGATION_CUES: tuple[str, ...] = (
    "no longer", "not", "n't", "never", "no", "none", "neither", "nor", "cannot", "without", "lack of",
    "lacks", "absence of", "insufficient", "unlikely", "fails to", "failed to", "rather than", "instead of",
    "is not recommended", "not recommended", "avoid", "contraindicated", "free of",
)
"""Also "doesn't" and "X-free" ("event-free" = without events), matched at the end of a word."""
_NEG_RE = re.compile(r"(?:(?<![a-z])(" + "|".join(re.escape(c) for c in sorted(NEGATION_CUES, key=len, reverse=True)
                                                   if c != "n't") + r")|(n't|-free))(?![a-z])")
HEDGE_CUES: tuple[str, ...] = (
    "may", "might", "could", "can", "possibly", "possible", "sometimes", "some", "rarely", "rare", "occasionally",
    "uncommon", "uncommonly", "likely", "probably", "perhaps", "in some cases", "not always", "seldom",
)
_WORDS = re.compile(r"[a-z]+")
_NOT_NEGATION = re.compile(r"not (?:just|only|merely|always)\b|no matter\b|no doubt\b|nothing but\b")
_HEDGE_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(c) for c in sorted(HEDGE_CUES, key=len, reverse=True))
                       + r")(?![a-z])")
# pairs of opposite words (stems compared by prefix): one side in the claim, the other in the answer
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"), ("increase", "reduce"), ("higher", "lower"), ("raise", "lower"),
    ("improve", "worsen"), ("safe", "unsafe"), ("safe", "dangerous"), ("effective", "ineffective"),
    ("recommended", "discouraged"), ("approved", "unapproved"), ("benefit", "harm"), ("common", "rare"),
    ("common", "uncommon"), ("early", "late"), ("always", "never"), ("allowed", "forbidden"),
    ("curable", "incurable"), ("appropriate", "inappropriate"), ("chemotherapy", "chemoresist"),
    ("chemoimmunotherapy", "chemoresist"),
    ("benign", "malignant"), ("positive", "negative"), ("same", "different"), ("similar", "different"),
    # lines of therapy exclude each other (lexicon tokens)
    ("line1", "line2"), ("line1", "line3"), ("line2", "line3"),
)
READABLE = {"line1": "first-line", "line2": "second-line", "line3": "third-line or later"}
"""How a reason names the lexicon's canonical tokens."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or range with its unit, normalised to the unit's dimension."""

    lo: float
    hi: float
    dimension: str
    """"percent", "time", "mass", ..., "year" (a calendar year) or "" (a bare number)."""
    surface: str
    head: str = ""
    """For a bare number: the stemmed noun it counts or labels ("2 options" -> option, "stage 4" -> stage);
    bare numbers are compared only when their heads agree."""
    role: str = ""
    """For a time: what it measures when the words around say so: "duration" ("for 2 weeks"), "interval"
    ("every 3 weeks"), "distance" ("within 2 hours of the center"); "" when they do not."""
    bound: str = ""
    """"lower" ("50% or higher", "at least 8 weeks"), "upper" ("up to 2 years", "under 60"), or "" (a value)."""
    before: tuple[str, ...] = ()
    """The words just before it ("not drive for"): of several other values, the one said of the same thing."""

    def overlaps(self, other: Quantity, tolerance: float = 0.05) -> bool:
        # calendar years must match exactly; other values within 5% (rounding: "41%" vs "40-45%")
        pad = 0.0 if self.dimension == "year" else tolerance * max(abs(self.hi), abs(other.hi), 1e-9)
        return self.lo - pad <= other.hi and other.lo - pad <= self.hi


# Numbers that are not quantities: citation markers ("[3]", "[2, 5]"), URLs, reference years in
# parentheses ("(Temel et al., NEJM 2010)"), list numbers at the start of a line, phone numbers.
_NOT_QUANTITY = re.compile(
    r"\[\s*\d+(?:\s*[,-]\s*\d+)*\s*\]|\bhttps?://\S+|\bwww\.\S+|\b\S+\.(?:com|org|gov|net|edu)\S*"
    r"|\([^()]*\b(?:19|20)\d\d[a-z]?\s*\)|(?:^|\n)\s*\d+[.)]\s|\b(?:call|dial|ring|phone)\s+\d{3}\b"
    r"|\bet al\.?,?(?:\s+\w+){0,3}\s+(?:19|20)\d\d\b"
)
_SKIP_BEFORE = frozenset({"<", ">", "<=", ">=", "≤", "≥", "than", "less", "more", "about", "approximately", "around",
                          "over", "under", "nearly", "almost", "only", "just", "least", "at", "to", "and", "or",
                          "between", "of", "up"})


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _head(prepared: str, start: int, end: int) -> str:
    """The noun a bare number labels or counts: a content word just before it ("stage 4", "anc < 500"),
    else the first content word after it ("2 options")."""
    from harness.score.engines.judge.lexicon import STOPWORDS, stem

    before = [w for w in re.findall(r"[a-z<>≤≥=]+", prepared[max(0, start - 40):start])]
    while before and before[-1] in _SKIP_BEFORE:
        before.pop()
    if before and before[-1] not in STOPWORDS and before[-1].isalpha():
        return stem(before[-1])
    for w in re.findall(r"[a-z]+", prepared[end:end + 40]):
        if w not in STOPWORDS:
            return stem(w)
    return ""


@lru_cache(maxsize=16384)
def quantities(prepared: str) -> tuple[Quantity, ...]:
    """Numbers with units in a prepared (normalised) text (citation markers, URLs and the like excluded)."""
    out: list[Quantity] = []
    if not _DIGIT.search(prepared):
        return ()
    prepared = _NOT_QUANTITY.sub(_blank, prepared)
    for m in _QUANTITY.finditer(prepared):
        start = m.start("lo")
        if start > 0 and (prepared[start - 1].isalpha() or prepared[start - 1] in "-_"):
            continue  # "covid-19", "il6", "h2": names, not quantities
        lo_s, hi_s, unit = m.group("lo"), m.group("hi"), m.group("unit")
        try:
            lo = float(lo_s.replace(",", "")) if "," in lo_s and len(lo_s.split(",")[-1]) == 3 else float(
                lo_s.replace(",", "."))
            hi = float(hi_s.replace(",", ".")) if hi_s else lo
        except ValueError:
            continue
        if hi < lo:
            lo, hi = hi, lo
        if unit:
            dim, factor = UNITS[unit]
            out.append(Quantity(lo * factor, hi * factor, dim, m.group(0).strip(),
                                role=_role(prepared, m.start(), m.end()) if dim == "time" else "",
                                bound=_bound(prepared, m.start(), m.end()),
                                before=tuple(w for w in _WORDS.findall(prepared[max(0, m.start() - 48):m.start()])
                                             if w not in _FILLER)[-4:]))
        elif _YEAR.match(lo_s) and not hi_s:
            out.append(Quantity(lo, hi, "year", lo_s))
        else:
            out.append(Quantity(lo, hi, "", m.group(0).strip(), _head(prepared, m.start(), m.end()),
                                bound=_bound(prepared, m.start(), m.end())))
    return tuple(out)


_DISTANCE = re.compile(r"\s*(?:drive\s+|travel\s+|journey\s+)?(?:away\b|(?:of|from)\s+(?:the\s+|your\s+|a\s+)?(?:[a-z]+\s+)?"
                       r"(?:cent(?:er|re)|hospital|clinic|unit|home|site|facility)\b)")
_INTERVAL = re.compile(r"\b(?:every|each|once|twice|per)\s+(?:about\s+|around\s+)?$")
_DURATION = re.compile(r"\b(?:for|during|lasting|lasts|last|takes|take)\s+(?:about\s+|around\s+|approximately\s+|at least\s+|"
                       r"up to\s+|a further\s+|another\s+)?$")
_LOWER_AFTER = re.compile(r"\)?\s*(?:\([^()]{0,20}\)\s*)?(?:\+|or\s+(?:higher|more|above|greater|longer|older|over|later)\b)")
_UPPER_AFTER = re.compile(r"\)?\s*(?:\([^()]{0,20}\)\s*)?or\s+(?:lower|less|below|fewer|younger|under|shorter|earlier)\b")
_LOWER_BEFORE = re.compile(r"(?:\bat least|\bmore than|\bover|\babove|\bgreater than|\bolder than|\blonger than|>|≥)\s*$")
_UPPER_BEFORE = re.compile(r"(?:\bup to|\bunder|\bbelow|\bless than|\bfewer than|\bat most|\bno more than|"
                           r"\byounger than|\bwithin|<|≤)\s*$")


def _role(prepared: str, start: int, end: int) -> str:
    """What a time measures, from the words around it (``Quantity.role``)."""
    before = prepared[max(0, start - 30):start]
    if _DISTANCE.match(prepared, end) and re.search(r"\bwithin\s+(?:about\s+)?$", before):
        return "distance"
    if _INTERVAL.search(before):
        return "interval"
    return "duration" if _DURATION.search(before) else ""


def _bound(prepared: str, start: int, end: int) -> str:
    """Whether a figure is a bound, from the words around it (``Quantity.bound``)."""
    before = prepared[max(0, start - 20):start]
    if _LOWER_AFTER.match(prepared, end) or _LOWER_BEFORE.search(before):
        return "lower"
    if _UPPER_AFTER.match(prepared, end) or _UPPER_BEFORE.search(before):
        return "upper"
    return ""


_FILLER = frozenset({"for", "the", "a", "an", "of", "to", "and", "or", "about", "around", "at", "in", "is", "are", "be",
                     "you", "your", "it", "not", "with", "than", "up", "least", "within", "after", "before", "by"})
_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
_VAGUE: tuple[tuple[re.Pattern[str], float, float], ...] = (
    (re.compile(r"\b(?:a\s+)?few\s+(day|week|month|year)s\b"), 2.0, 6.0),
    (re.compile(r"\bseveral\s+(day|week|month|year)s\b"), 3.0, 9.0),
    (re.compile(r"\b(?:for|over)\s+(week|month|year)s\b(?!\s+(?:or|to|and)\b)"), 2.0, 30.0),
    (re.compile(r"\b(week|month|year)s\s+later\b"), 1.0, 30.0),
)
_SPAN = re.compile(r"\b(day|week|month)s\s+to\s+(week|month|year)s\b")


@lru_cache(maxsize=16384)
def vague_times(low: str) -> tuple[Quantity, ...]:
    """Durations said without a figure, as generous ranges: "a few weeks" (2-6 weeks), "days to weeks" (1 day
    to 6 weeks), "for years" (2-30 years), "weeks later" (1-30 weeks). Only the structural rule reads them, and
    only for a side that gives no time in figures."""
    out = [Quantity(_DAYS[m.group(1)], 6 * _DAYS[m.group(2)], "time", m.group(0), role=_role(low, m.start(), m.end()),
                    bound=_bound(low, m.start(), m.end())) for m in _SPAN.finditer(low)]
    for pattern, lo, hi in _VAGUE:
        for m in pattern.finditer(low):
            if not any(q.surface in m.group(0) or m.group(0) in q.surface for q in out):
                unit = _DAYS[m.group(1)]
                out.append(Quantity(lo * unit, hi * unit, "time", m.group(0), role=_role(low, m.start(), m.end()),
                                    bound=_bound(low, m.start(), m.end())))
    return tuple(out)


_LABEL_WORDS = ("stage", "phase", "grade", "type", "step", "part", "cycle", "day", "line", "level", "tier")


@lru_cache(maxsize=1024)
def _label(head: str) -> bool:
    """Whether a bare number's noun makes it a name ("stage 3", "phase 1", "type 2"): "stage 3 means ..." and
    "stage 4 means ..." are about two stages, not two values of one."""
    from harness.score.engines.judge.lexicon import stem

    return head in {stem(w) for w in _LABEL_WORDS} or head in _LABEL_WORDS


def other_label(claim: str, passage: str) -> str | None:
    """The passage's label number when it names another one than the claim for the same noun ("stage 4" in a
    passage, "stage 3" in the claim, and no "stage 3" in the passage), else None: the two speak of different
    things, so the passage neither contradicts nor supports the claim."""
    from harness.score.engines.judge.lexicon import prepare

    mine = {(q.head, q.lo) for q in quantities(prepare(claim)) if not q.dimension and q.head and _label(q.head)}
    theirs = {(q.head, q.lo): q.surface for q in quantities(prepare(passage))
              if not q.dimension and q.head and _label(q.head)}
    for head, value in mine:
        said = [surface for (h, v), surface in theirs.items() if h == head]
        if said and (head, value) not in theirs:
            m = re.search(rf"\b([a-z]+)\s+{re.escape(said[0])}\b", prepare(passage))
            return f"{m.group(1)} {said[0]}" if m else said[0]
    return None


def same_role(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of one dimension may measure the same thing: a distance only with a distance,
    another role only with the same role or with a time whose role is not said."""
    if "distance" in (a.role, b.role):
        return a.role == b.role
    return not a.role or not b.role or a.role == b.role


def within_bound(a: Quantity, b: Quantity, tolerance: float = 0.05) -> bool:
    """Whether one side's value lies inside the other side's bound ("a score of 80%" and "50% or higher"),
    so the two are not other values of one quantity. Two bounds agree only when they are the same."""
    if a.bound and b.bound:
        return a.bound == b.bound and a.overlaps(b, tolerance)
    bound, value = (a, b) if a.bound else (b, a) if b.bound else (None, None)
    if bound is None or value is None:
        return False
    return value.lo >= bound.lo * 0.999 if bound.bound == "lower" else value.hi <= bound.hi * 1.001


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """How the claim's quantities fare in a passage."""

    n_claim: int
    matched: int
    conflict: Quantity | None
    """A claim quantity whose dimension the passage also gives, with a different value."""
    found: Quantity | None
    """The passage's quantity of that dimension (for the reason)."""


def compare_numbers(claim_q: tuple[Quantity, ...], passage_q: tuple[Quantity, ...], *,
                    roles: bool = False) -> NumberCheck:
    """How the claim's quantities fare in a passage. ``roles`` (the structural rule): a time is compared only
    with a time of the same role (``same_role``), and a value inside the other side's bound agrees with it."""
    matched, conflict, found = 0, None, None
    bare = sum(q.dimension == "" for q in claim_q)
    for q in claim_q:
        same_dim = [p for p in passage_q if p.dimension == q.dimension and (not roles or same_role(q, p))]
        if roles and len(same_dim) > 1:
            same_dim = _said_of_the_same(q, same_dim)
        # a temperature is read to the tenth of a degree (100.4°F is not 102°F), not within 5%
        tolerance = 0.002 if roles and q.dimension.startswith("temp") else 0.05
        if roles and any(within_bound(q, p, tolerance) for p in same_dim):
            matched += 1
            continue
        if any(q.overlaps(p, tolerance) for p in same_dim):
            matched += 1
        elif same_dim and conflict is None and q.dimension:
            conflict, found = q, same_dim[0]  # with roles, one of the values said of the same thing ("drive for")
        elif same_dim and conflict is None and bare == 1 and q.head and not (roles and _label(q.head)):
            # a lone bare number ("age 45", "2 options") conflicts only with a number of the same noun;
            # "CheckMate 067", "ANC < 500" or "call 911" count something else
            same_head = [p for p in same_dim if p.head == q.head]
            if same_head and not any(q.overlaps(p) for p in same_head):
                conflict, found = q, same_head[0]
    return NumberCheck(len(claim_q), matched, conflict, found)


def _said_of_the_same(q: Quantity, candidates: list[Quantity]) -> list[Quantity]:
    """Of several values of one kind, those whose words before them meet the claim value's words before it
    ("stay ... for 4 weeks" is compared with "stay near the center for about 2 weeks", not with "it takes one to
    two months" to the infusion); all of them when none meets."""
    overlap = [len(set(q.before) & set(p.before)) for p in candidates]
    best = max(overlap)
    return [p for p, n in zip(candidates, overlap, strict=True) if n == best] if best else candidates


@lru_cache(maxsize=16384)
def negations(prepared: str) -> tuple[str, ...]:
    """Each negation cue with the few words after it: ('is not an option', ...)."""
    out = []
    for m in _NEG_RE.finditer(prepared):
        if _NOT_NEGATION.match(prepared, m.start()):
            continue  # "not just", "not only", "no matter": emphasis, not negation
        # the negated phrase: up to five words, not past the end of the clause
        after = re.split(r"[,;:.!?()]", prepared[m.end():], maxsplit=1)[0].split()[:5]
        if m.group(2):  # "doesn't", "event-free": the cue is the end of a word
            word = prepared[: m.end()].split()[-1]
            phrase = " ".join([word, *after])
        else:
            before = prepared[: m.start()].split()[-1:]
            phrase = " ".join([*before, m.group(1), *after])
        out.append(re.sub(r"[.,;:!?]+$", "", phrase.strip()))
    return tuple(out)


_HEDGE_WORDS = frozenset(c for c in HEDGE_CUES if " " not in c)


@lru_cache(maxsize=16384)
def hedges(prepared: str) -> tuple[str, ...]:
    """Hedge cues in order ("may", "rarely", "in some cases")."""
    if "in some cases" not in prepared and "not always" not in prepared:
        # one-word cues only: a word scan is several times cheaper than the regex
        return tuple(w for w in _WORDS.findall(prepared) if w in _HEDGE_WORDS)
    return tuple(m.group(1) for m in _HEDGE_RE.finditer(prepared))


_ANTONYM_STEMS: tuple[tuple[str, str], ...] = ()
_ANTONYM_SET: frozenset[str] = frozenset()


def antonym_clash(claim_keys: dict[str, float] | frozenset[str], passage_keys: dict[str, float] | frozenset[str]
                  ) -> tuple[str, str] | None:
    """(claim word, passage word) when the passage uses the opposite of a claim word and not the word itself.

    Both arguments hold stemmed token keys (``lexicon.tokens``).
    """
    global _ANTONYM_STEMS, _ANTONYM_SET
    if not _ANTONYM_STEMS:
        from harness.score.engines.judge.lexicon import stem

        _ANTONYM_STEMS = tuple((a, b, stem(a), stem(b)) for a, b in ANTONYMS)  # type: ignore[assignment,misc]
        _ANTONYM_SET = frozenset(x for a, b, sa, sb in _ANTONYM_STEMS for x in (a, b, sa, sb))  # type: ignore[misc]
    if not any(k in _ANTONYM_SET for k in claim_keys):
        return None
    for a, b, sa, sb in _ANTONYM_STEMS:  # type: ignore[misc]
        for x, y, sx, sy in ((a, b, sa, sb), (b, a, sb, sa)):
            # stemmed words, or whole lexicon tokens ("incurable"), in any combination
            cx = next((k for k in (sx, x) if k in claim_keys), None)
            py = next((k for k in (sy, y) if k in passage_keys), None)
            if cx and py and cx not in passage_keys and py not in claim_keys:
                return READABLE.get(x, x), READABLE.get(y, y)
    return None
