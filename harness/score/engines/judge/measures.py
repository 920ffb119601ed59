"""Measures spelled one way for word matching: temperatures, durations, proportions and frequencies.

A clinician and a patient give the same measure in different units: "38 °C" and "100.4 °F", "24 months"
and "2 years", "4-8 weeks" and "1 to 2 months", "1 in 5" and "20%", "qd" and "once a day". The judge's
word tokens (``lexicon.tokens``) read each measure here first, so both spellings become the same keys:

- a body temperature (°C, °F, "degrees"; or a bare one-decimal number in the Fahrenheit fever range such as
  "100.4") becomes one key, ``temp`` + tenths of a degree Celsius ("temp380"), and from 38 °C also "fever"
  ("a temperature of 38 °C" says "fever");
- a duration (days, weeks, months, years; a value or a range) is written in the coarsest of those units in
  which every bound is within 9% of a whole number ("8 weeks" -> 2 months, "14 days" -> 2 weeks,
  "12 months" -> 1 year), each bound one number key (its days in that unit, below) plus the unit's stem (and the unit as written);
- "N in M" / "N out of M" and "a third", "a quarter", "half of" become a percentage (number keys and "%");
- "per day", "a day", "each day", "qd", "once daily" become "daily" (and the same for weeks and months).

This only changes which keys two texts share; the quantity comparisons of the contradiction rules read the
prepared text themselves (``signals``) and are not affected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d+(?:\.\d+)?"
_TEMP = re.compile(
    rf"(?<![\d.])(?P<t>{_NUM})\s*(?:°|º|degrees?)\s*(?P<u>celsius|fahrenheit|c|f)?(?![a-z])"
    rf"|(?<![\d.])(?P<t2>{_NUM})\s*(?P<u2>celsius|fahrenheit|c|f)(?![a-z0-9%])"
    r"|(?<![\d.])(?P<t3>(?:99|10[0-5])\.\d)(?![\d.]|\s*(?:%|percent|mg|ml|g|kg|mm|cm|l)(?![a-z]))"
)
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
_NOMINAL_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
"""A duration's number key is its whole count of the chosen unit in these days: "2 weeks" -> 14, "8 weeks" ->
2 months -> 60, so equal durations share the key and "2 weeks" / "2 months" share none; the key stays a
number (the contradiction rules read digit keys as numbers, not words)."""
_DURATION = re.compile(
    rf"(?<![\d.])(?P<lo>{_NUM})(?:\s*(?:-|–|to)\s*(?P<hi>{_NUM}))?\s*(?P<du>days?|weeks?|wks?|months?|mos?|years?|yrs?)(?![a-z])"
)
_UNIT_OF = {"wk": "week", "wks": "week", "mo": "month", "mos": "month", "yr": "year", "yrs": "year"}
_FRACTION = re.compile(r"(?<![\d.])(?P<a>\d+) (?:in|out of) (?P<b>\d+)(?![\d.])"
                       r"|(?<![a-z])(?P<w>a third|1 third|a quarter|1 quarter|half|2 thirds|3 quarters)(?= (?:of|to)\b)")
_WORD_PERCENT = {"a third": 33, "1 third": 33, "a quarter": 25, "1 quarter": 25, "half": 50, "2 thirds": 67,
                 "3 quarters": 75}
_PER = re.compile(r"(?<![a-z0-9])(?:once |1 time )?(?:per|a|each|every|/) ?(?P<pu>day|week|month)(?![a-z])"
                  r"|(?<![a-z])(?:once[ -])?(?P<adv>daily|weekly|monthly)(?![a-z])|(?<![a-z])(?P<qd>qd)(?![a-z])")
_ADVERB = {"day": "daily", "week": "weekly", "month": "monthly"}
_MEASURE = re.compile("|".join(f"(?:{p.pattern})" for p in (_TEMP, _DURATION, _FRACTION, _PER)))


@dataclass(frozen=True, slots=True)
class Measure:
    start: int
    end: int
    words: tuple[str, ...]
    """The canonical words the measure is read as (each becomes a token key)."""


def _temperature(m: re.Match[str]) -> tuple[str, ...] | None:
    value = m.group("t") or m.group("t2") or m.group("t3")
    unit = (m.group("u") or m.group("u2") or "")[:1]
    v = float(value)
    if not unit:  # "38 degrees", "100.4": read by the range it falls in
        unit = "c" if 34.0 <= v <= 43.0 else "f" if 93.0 <= v <= 110.0 else ""
    if unit == "f":
        v = (v - 32.0) * 5.0 / 9.0
    if unit not in ("c", "f") or not 34.0 <= v <= 43.0:
        return None  # not a body temperature ("5 c" of something else)
    # 38 °C and above is a fever (NCI: a body temperature above normal; 38 °C / 100.4 °F is the usual threshold)
    return (f"temp{round(v * 10)}", "fever") if v >= 37.95 else (f"temp{round(v * 10)}",)


def _duration(m: re.Match[str]) -> tuple[str, ...]:
    unit = _UNIT_OF.get(m.group("du"), m.group("du").rstrip("s"))
    bounds = [float(m.group("lo"))] + ([float(m.group("hi"))] if m.group("hi") else [])
    days = [b * _UNIT_DAYS[unit] for b in bounds]
    for coarse in ("year", "month", "week", "day"):
        if _UNIT_DAYS[coarse] < _UNIT_DAYS[unit]:
            break  # never a finer unit than the one written
        values = [d / _UNIT_DAYS[coarse] for d in days]
        if all(v >= 0.9 and abs(v - round(v)) <= 0.09 * round(v) for v in values):
            written = () if coarse == unit else (unit,)  # "8 weeks" still says "weeks" ("for 8 weeks" / "for 2 weeks")
            return (*(str(round(v) * _NOMINAL_DAYS[coarse]) for v in values), coarse, *written)
    return (*(f"{b:g}".replace(".", "") for b in bounds), unit)


def _fraction(m: re.Match[str]) -> tuple[str, ...] | None:
    if m.group("w"):
        return (str(_WORD_PERCENT[m.group("w")]), "%")
    a, b = int(m.group("a")), int(m.group("b"))
    if not 0 < a < b <= 1000:
        return None
    return (str(round(100 * a / b)), "%")


def _per(m: re.Match[str]) -> tuple[str, ...]:
    if m.group("qd"):
        return ("daily",)
    return (m.group("adv") or _ADVERB[m.group("pu")],)


def measures(text: str) -> list[Measure]:
    """The measures in normalised lower-case ``text`` (number words already digits), left to right."""
    out: list[Measure] = []
    for m in _MEASURE.finditer(text):
        for reader, rx in ((_temperature, _TEMP), (_duration, _DURATION), (_fraction, _FRACTION), (_per, _PER)):
            sub = rx.match(text, m.start())
            if sub is None or sub.end() != m.end():
                continue
            words = reader(sub)
            if words is not None:
                out.append(Measure(m.start(), m.end(), words))
            break
    return out
