"""Quantities in a statement: the numbers it states, normalised so paraphrases compare equal.

"five years", "5 years" and "5-year" are one quantity; "6-7 months" states two (6 and 7 months),
each inside the range 6-7; "about half", "halves" and "50%" are the same share; "one in five"
is a ratio of 1 to 5 (20%); "12 months" is "a year" and "14 days" "2 weeks"; 38 °C is 100.4 °F.
Each ``Quantity`` keeps the values it may be written as, its unit (month, year, %, deg ...) and,
when it is one end of a range, the range. A backing text *carries* a quantity when it states one
of those values (or a range containing it) in a compatible unit.

A quantity is a *figure* when it is written as a number (digits, a number word with a unit, a
ratio, a share, "doubles"); "every day" and "a year" are quantities too (they must match when
compared) but do not by themselves make a sentence a specific statement ("walk a little every day").

Pure functions of the text; no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_SHARES = {"half": 50.0, "third": 33.0, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0, "two-thirds": 67.0,
           "three-quarters": 75.0, "halve": 50.0, "halves": 50.0, "halved": 50.0, "halving": 50.0}
_MULTIPLIERS = {"double": 2.0, "doubles": 2.0, "doubled": 2.0, "doubling": 2.0, "twice": 2.0, "triple": 3.0,
                "triples": 3.0, "tripled": 3.0, "tripling": 3.0}
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "mo": "month", "year": "year", "years": "year", "yr": "year",
    "yrs": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute", "decade": "decade", "decades": "decade",
    "fortnight": "fortnight", "fortnights": "fortnight",
    "%": "%", "percent": "%", "pct": "%",
    "°c": "deg", "°f": "deg", "degrees": "deg", "degree": "deg",
    "mg": "mg", "g": "g", "mcg": "mcg", "ml": "ml", "gy": "gy", "cycles": "cycle", "cycle": "cycle",
    "doses": "dose", "dose": "dose", "times": "times", "pack-year": "pack-year", "pack-years": "pack-year",
}
_TIME_BASE = {"day": ("day", 1), "week": ("day", 7), "fortnight": ("day", 14), "month": ("month", 1),
              "year": ("month", 12), "decade": ("month", 120)}
"""Time units that convert exactly: days and weeks, months and years."""
_COMPATIBLE = ({"%", "ratio"}, {"age", "year"})
_NUMBER_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d+(?:[.,]\d+)?|(?:{_NUMBER_WORD})(?:[\s-](?:and\s+a\s+half))?)"
_UNIT = (r"(?:\s*(?:-\s*)?(%|per\s?cent\b|pct\b|°\s?[cf]\b|degrees?\b|pack-years?\b|"
         r"(?:days?|weeks?|wks?|months?|mo|years?|yrs?|hours?|hrs?|minutes?|mins?|mg|mcg|ml|g|gy|cycles?|doses?|"
         r"times|decades?|fortnights?)\b))?")
_QUANTITY = re.compile(rf"(?<![\w.])({_NUM})(?:\s*(-|–|to|or|and)\s*(?:every\s+|each\s+|day\s+|week\s+|up\s+to\s+)?"
                       rf"({_NUM}))?{_UNIT}", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"\b(day|week|month|year|cycle|age[sd]?)\s+$", re.IGNORECASE)
_ONE_UNIT = re.compile(r"\b(?:(?:every|each|once\s+a|once\s+per|once\s+every|per|a|an|one)\s+"
                       r"(day|week|fortnight|month|year|decade)|(daily|weekly|fortnightly|monthly|yearly|annually|annual))\b",
                       re.IGNORECASE)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month", "yearly": "year",
                "annually": "year", "annual": "year"}
_RATIO = re.compile(rf"(?<![\w.])({_NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?({_NUM})(?![\w])", re.IGNORECASE)
_SHARE = re.compile(r"\b(two-thirds|three-quarters|half|a\s+third|one\s+third|a\s+quarter|one\s+quarter|a\s+fifth|"
                    r"one\s+fifth|a\s+tenth|one\s+tenth|halve[sd]?|halving)\b", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\b(double[sd]?|doubling|twice|triple[sd]?|tripling)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number as stated: the values it may be written as, its unit, and where it is."""

    values: frozenset[float]
    unit: str | None
    start: int
    end: int
    text: str
    figure: bool = True
    """Written as a figure (digits, a ratio, a share ...); False for "every day", "a year"."""
    required: bool = True
    """False for "a month" and "a year" (often relative: "a month later"): a backing text need not state
    them, though they carry "12 months" when a backing text says "a year"."""
    low: float | None = None
    high: float | None = None
    """The range this quantity is one end of ("6-7 months": 6 to 7), in its own unit."""

    def carried_by(self, others: list[Quantity]) -> bool:
        """True when some quantity in ``others`` states one of these values (or a range holding one), compatibly."""
        return any(_carries(o, self) for o in others)


def _carries(o: Quantity, q: Quantity) -> bool:
    if q.unit in _TIME_BASE and o.unit in _TIME_BASE and q.unit != o.unit:
        (base_q, fq), (base_o, fo) = _TIME_BASE[q.unit], _TIME_BASE[o.unit]
        if base_q != base_o:
            return False
        mine = {round(v * fq, 3) for v in q.values}
        if mine & {round(v * fo, 3) for v in o.values}:
            return True
        return o.low is not None and o.high is not None and any(o.low * fo <= v <= o.high * fo for v in mine)
    if not _compatible(q.unit, o.unit):
        return False
    if q.values & o.values:
        return True
    return o.low is not None and o.high is not None and any(o.low <= v <= o.high for v in q.values)


def _compatible(a: str | None, b: str | None) -> bool:
    """Units that may state the same figure: equal, one unstated, a share and a ratio, an age and years."""
    return a is None or b is None or a == b or any(a in pair and b in pair for pair in _COMPATIBLE)


def _value(token: str) -> float | None:
    token = token.lower().strip()
    half = 0.5 if token.endswith("and a half") else 0.0
    token = re.sub(r"[\s-]*and\s+a\s+half$", "", token)
    if token in _WORDS:
        return _WORDS[token] + half
    try:
        if "," in token and len(token.split(",")[-1]) == 3:  # 1,000
            return float(token.replace(",", "")) + half
        return float(token.replace(",", ".")) + half  # 2,5 (a decimal comma)
    except ValueError:
        return None


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    key = re.sub(r"\s+", "", raw.lower())
    return "%" if key.startswith("per") else _UNITS.get(key)


def _with_scale(value: float, unit: str | None) -> set[float]:
    """The values a quantity may also be written as: a share as a fraction, a temperature in the other scale."""
    out = {value}
    if unit == "%":
        out.add(value / 100)
    elif unit == "deg":  # 38 °C is 100.4 °F
        out.add(round((value - 32) * 5 / 9, 1) if value > 50 else round(value * 9 / 5 + 32, 1))
    return out


_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_NUMBER_START = re.compile(r"(?<![a-z])(?:" + _NUMBER_WORD + ")")
"""A number word at the start of a run of letters (``_NUM`` needs it or a digit: its words need not end there)."""
_SHARE_WORDS = frozenset({"half", "halve", "halves", "halved", "halving", "third", "thirds", "quarter", "quarters",
                          "fifth", "tenth"})
_MULTIPLIER_WORDS = frozenset(w for w in _MULTIPLIERS)
_ONE_UNIT_WORDS = frozenset({"day", "week", "fortnight", "month", "year", "decade", *_ADVERB_UNIT})


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[bool, bool, frozenset[str]] | None:
    """(holds a digit, holds a number: a digit or a word that starts with a number word, its runs of letters)
    of ASCII ``text``, lower-cased; None for other text.

    What the prefilters of this module and of ``specific`` read: each of their case-blind patterns can
    only match where one of a few words occurs (in ASCII, a case-blind match is a lower-case match),
    so a sentence without any of them is not searched. Outside ASCII nothing is skipped.
    """
    if not text.isascii():
        return None
    lower = text.lower()
    digit = _DIGIT.search(lower) is not None
    return digit, digit or _NUMBER_START.search(lower) is not None, frozenset(_WORD.findall(lower))


def quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text`` (digits; number words with a unit; ratios, shares, multipliers; "a year").

    Each pattern runs only where it can match (``words_of``): a number (a digit, or a word that starts
    with a number word: the patterns do not need one to end there), a share, a multiplier or a unit word.
    """
    gates = may_state(text)
    return _quantities(text, *gates) if any(gates) else []


def may_state(text: str) -> tuple[bool, bool, bool, bool]:
    """Whether ``text`` may hold (a number for ``_RATIO`` and ``_QUANTITY``, a share, a multiplier, a unit word
    for ``_ONE_UNIT``): False only where that pattern cannot match."""
    seen = words_of(text)
    if seen is None:
        return True, True, True, True
    _, number, words = seen
    return (number, not words.isdisjoint(_SHARE_WORDS),
            not words.isdisjoint(_MULTIPLIER_WORDS), not words.isdisjoint(_ONE_UNIT_WORDS))


def _quantities(text: str, numeric: bool, shares: bool, multipliers: bool, one_units: bool) -> list[Quantity]:
    out: list[Quantity] = []

    def taken(pos: int) -> bool:
        return any(q.start <= pos < q.end for q in out)

    for m in _RATIO.finditer(text) if numeric else ():
        a, b = _value(m.group(1)), _value(m.group(2))
        if a is not None and b:
            out.append(Quantity(frozenset({a, b, round(100 * a / b)}), "ratio", m.start(), m.end(), m.group(0)))
    for m in _QUANTITY.finditer(text) if numeric else ():
        if taken(m.start()):
            continue
        unit = _unit(m.group(4))
        if unit is None and (before := _UNIT_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            unit = before.group(1).lower().rstrip("sd")  # "day 7", "age 45", "aged 40"
        ends = [(g, _value(m.group(g))) for g in (1, 3) if m.group(g) is not None]
        is_range = len(ends) == 2 and (m.group(2) or "").lower() not in ("or", "and")
        low, high = (min(v for _, v in ends if v is not None), max(v for _, v in ends if v is not None)) \
            if is_range and all(v is not None for _, v in ends) else (None, None)
        for group, value in ends:
            token = m.group(group)
            if value is None or (unit is None and token.lower() in _WORDS and _WORDS[token.lower()] < 10):
                continue  # "four other medicines", "two large studies": a count in words, not a figure
            out.append(Quantity(frozenset(_with_scale(value, unit)), unit, m.start(group), m.end(group), token,
                                low=low, high=high))
    for m in _SHARE.finditer(text) if shares else ():
        if not taken(m.start()):  # not the half of "six and a half years"
            share = _SHARES[m.group(1).lower().split()[-1]]
            out.append(Quantity(frozenset({share, share / 100}), "%", m.start(), m.end(), m.group(0)))
    for m in _MULTIPLIER.finditer(text) if multipliers else ():
        if not taken(m.start()):
            out.append(Quantity(frozenset({_MULTIPLIERS[m.group(1).lower()]}), "times", m.start(), m.end(), m.group(0)))
    for m in _ONE_UNIT.finditer(text) if one_units else ():
        if not taken(m.start()):
            unit = (m.group(1) or _ADVERB_UNIT[m.group(2).lower()]).lower()
            article = m.group(0).lower().split()[0] in ("a", "an", "one")
            out.append(Quantity(frozenset({1.0}), unit, m.start(), m.end(), m.group(0), figure=False,
                                required=not article))
    out.sort(key=lambda q: q.start)
    return out
