"""Quantities in a statement: the numbers it states, normalised so paraphrases compare equal.

"five years", "5 years" and "5-year" are one quantity; "6-7 months" states two (6 and 7 months);
"about half" and "50%" are the same share; "one in five" is a ratio of 1 to 5 (20%). Each
``Quantity`` keeps the values it may be written as and its unit (month, year, %, deg ...), so a
backing text carries it when it states one of those values with the same unit (or with no unit).

Pure functions of the text; no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_SHARES = {"half": 50.0, "third": 33.0, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0, "two-thirds": 67.0,
           "three-quarters": 75.0}
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "mo": "month", "year": "year", "years": "year", "yr": "year",
    "yrs": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute",
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
    "°c": "deg", "°f": "deg", "degrees": "deg", "degree": "deg", "c": "deg", "f": "deg",
    "mg": "mg", "g": "g", "mcg": "mcg", "ml": "ml", "gy": "gy", "cycles": "cycle", "cycle": "cycle",
    "doses": "dose", "dose": "dose", "times": "times", "pack-year": "pack-year", "pack-years": "pack-year",
    "decade": "decade", "decades": "decade", "fortnight": "fortnight",
}
_NUMBER_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d+(?:[.,]\d+)?|(?:{_NUMBER_WORD})(?:[\s-](?:and\s+a\s+half))?)"
_UNIT = (r"(?:\s*(?:-\s*)?(%|per\s?cent\b|pct\b|°\s?[cf]\b|degrees?\b|pack-years?\b|"
         r"(?:days?|weeks?|wks?|months?|mo|years?|yrs?|hours?|hrs?|minutes?|mins?|mg|mcg|ml|g|gy|cycles?|doses?|"
         r"times|decades?|fortnights?)\b))?")
_QUANTITY = re.compile(rf"(?<![\w.])({_NUM})(?:\s*(?:-|–|to|or|and)\s*(?:every\s+|each\s+|day\s+|week\s+|up\s+to\s+)?"
                       rf"({_NUM}))?{_UNIT}", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"\b(day|week|month|year|cycle|age[sd]?)\s+$", re.IGNORECASE)
_FREQUENCY = re.compile(r"\b(?:(?:every|each|once\s+a|once\s+per|once\s+every|per)\s+(day|week|month|year)|"
                        r"(daily|weekly|monthly|yearly|annually|annual))\b", re.IGNORECASE)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
                "annual": "year"}
_COMPATIBLE = ({"%", "ratio"}, {"age", "year"})
_SCALED = {"decade": (10, "year"), "fortnight": (2, "week")}
_RATIO = re.compile(rf"(?<![\w.])({_NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?({_NUM})(?![\w])", re.IGNORECASE)
_SHARE = re.compile(r"\b(two-thirds|three-quarters|half|a\s+third|one\s+third|a\s+quarter|one\s+quarter|a\s+fifth|"
                    r"one\s+fifth|a\s+tenth|one\s+tenth)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number as stated: the values it may be written as, its unit, and where it is."""

    values: frozenset[float]
    unit: str | None
    start: int
    end: int
    text: str

    def carried_by(self, others: list[Quantity]) -> bool:
        """True when some quantity in ``others`` states one of these values with a compatible unit."""
        return any(self.values & o.values and _compatible(self.unit, o.unit) for o in others)


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
        return float(token.replace(",", "")) + half if "," in token and len(token.split(",")[-1]) == 3 \
            else float(token.replace(",", ".")) + half
    except ValueError:
        return None


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    key = re.sub(r"\s+", "", raw.lower())
    key = {"percent": "%", "percent.": "%"}.get(key, key)
    return _UNITS.get(key, _UNITS.get(key.replace("°", "°")))


def quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text`` (digits always; number words, shares and ratios too)."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _RATIO.finditer(text):
        a, b = _value(m.group(1)), _value(m.group(2))
        if a is None or b is None or not b:
            continue
        values = frozenset({a, b, round(100 * a / b)})
        out.append(Quantity(values, "ratio", m.start(), m.end(), m.group(0)))
        taken.append((m.start(), m.end()))
    for m in _FREQUENCY.finditer(text):
        unit = (m.group(1) or _ADVERB_UNIT[m.group(2).lower()]).lower()
        out.append(Quantity(frozenset({1.0}), unit, m.start(), m.end(), m.group(0)))
    for m in _QUANTITY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        unit = _unit(m.group(3))
        if unit is None and (before := _UNIT_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            unit = before.group(1).lower().rstrip("sd") or "age"  # "day 7", "age 45", "aged 40"
        for group in (1, 2):
            token = m.group(group)
            if token is None:
                continue
            value = _value(token)
            if value is None:
                continue
            if unit is None and token.lower() in _WORDS and _WORDS[token.lower()] < 10:
                continue  # "four other medicines", "two large studies": a count in words, not a figure
            u = unit
            if u in _SCALED:
                value, u = value * _SCALED[u][0], _SCALED[u][1]  # "a decade" is 10 years
            shares: set[float] = {value}
            if u == "%":
                shares.add(value / 100)
            elif u == "deg":  # 38 °C is 100.4 °F: either scale carries the other
                shares.add(round((value - 32) * 5 / 9, 1) if value > 50 else round(value * 9 / 5 + 32, 1))
            out.append(Quantity(frozenset(shares), u, m.start(group), m.end(group), token))
    for m in _SHARE.finditer(text):
        if any(q.start <= m.start() < q.end for q in out):
            continue  # the half of "six and a half years"
        share = _SHARES[m.group(1).lower().split()[-1]]
        out.append(Quantity(frozenset({share, share / 100}), "%", m.start(), m.end(), m.group(0)))
    out.sort(key=lambda q: q.start)
    return out


def has_digit_quantity(text: str) -> bool:
    """True when ``text`` states a number in digits (the cheap test specificity starts with)."""
    return any(ch.isdigit() for ch in text)
