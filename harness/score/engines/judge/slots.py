"""Slot conflicts: the same statement with another filler in one of its slots.

Two sentences can share nearly every word and still disagree because one slot holds something else:

- **scope**: "trials are an option at any point" against "trials are only an option after standard
  treatment has failed"; "everyone with pancreatic cancer should have genetic testing" against "it is only
  needed for people with a family history"; "only a small share can have surgery" against "most people can";
- **comparison operands**: "A helped people live longer than B" against "people lived longer with B than
  with A" (the same comparative, the operands swapped; a mirrored comparison with the opposite comparative,
  "B ... shorter than A", agrees and is left to ``opposites.mirrored``);
- **line of therapy**: "the first treatment is an ALK inhibitor" against "ALK inhibitors are kept for after
  relapse"; "after two or more treatments" against "used as the first treatment" (``lines``).

Each finder reads both texts' words around the slot and asks that the rest of the statement is about the
same thing (shared content words), so a scope word about something else ("only your team can say")
or a comparison of other things does not count. ``structure.find_conflict`` reports what these find as an
"opposite" conflict naming both spans. Regex over folded text; linear in the sentence length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.score.engines.cues.context import fold
from harness.score.engines.judge import lexicon, opposites


@dataclass(frozen=True, slots=True)
class Slot:
    """Where the answer and the claim fill one slot differently: spans into each text and the words."""

    answer_span: tuple[int, int]
    claim_span: tuple[int, int]
    answer_words: str
    claim_words: str


def _keys(text: str) -> frozenset[str]:
    return frozenset(k for k in lexicon.content_keys(text) if not k.isdigit())


_NOUNS = (r"(?:patients?|people|persons?|adults?|survivors?|women|men|children|cases?|stages?|points?|times?|"
          r"steps?|phases?|ages?|levels?|results?)")
_UNIVERSAL = re.compile(rf"\b(?:all|every|each|any)\s+(?:[a-z-]+\s+)?{_NOUNS}\b|\beveryone\b|\beverybody\b|"
                        r"\bwhatever\s+(?:the\s+)?[a-z-]+\b|\bregardless\s+of\b|\b(?:most|the majority of)\s+(?:[a-z-]+\s+)?"
                        rf"{_NOUNS}\b")
_FEW = re.compile(r"\bonly\s+(?:a\s+)?(?:small|few|minority|some|a few)\b|\bonly\s+(?:a\s+)?small\s+share\b")
_ONLY = re.compile(r"(?<!\bnot )(?<!\bthe )\bonly\b(?!\s+(?:if|when|one|way|thing)\b)")
_BREAK = re.compile(r"[;:()]|,\s+(?:but|and|while|whereas|so)\b|\bnot only\b|\bbut also\b")


def _segment(low: str, at: int) -> tuple[int, int]:
    left = max((m.end() for m in _BREAK.finditer(low, 0, at)), default=0)
    right = next((m.start() for m in _BREAK.finditer(low, at)), len(low))
    return left, right


def _is_most(word: str) -> bool:
    return word.startswith(("most", "the majority"))


def scope_clash(answer: str, claim: str) -> Slot | None:
    """A universal claim ("every stage", "everyone", "at any point") restricted by the answer ("only ..."),
    or a restricted claim ("only a small share", "only at the end") made universal by the answer ("most
    people", "all patients"), about the same thing: the segment of each side around its scope word shares
    at least half of the claim segment's content words. "Not only ... but also" is not a restriction."""
    a_low, c_low = fold(answer), fold(claim)
    for c_re, a_re in ((_UNIVERSAL, _ONLY), (_FEW, _UNIVERSAL), (_ONLY, _UNIVERSAL)):
        for cm in c_re.finditer(c_low):
            if c_re is _UNIVERSAL and _is_most(cm.group(0)):
                continue  # "most people" restricted by "only some" is not a claim about everyone
            if c_re is _ONLY and _FEW.match(c_low, cm.start()):
                continue
            c0, c1 = _segment(c_low, cm.start())
            c_keys = _keys(c_low[c0:cm.start()] + " " + c_low[cm.end():c1]) - _keys(cm.group(0))
            if not c_keys or a_re.search(c_low[c0:c1]):
                continue  # the claim restricts and generalises in one breath: no direction to compare
            for am in a_re.finditer(a_low):
                if a_re is _UNIVERSAL and c_re is _ONLY and _is_most(am.group(0)):
                    continue  # "only at the end" is not denied by "most people"
                a0, a1 = _segment(a_low, am.start())
                if c_re.search(a_low[a0:a1]) and not (c_re is _FEW and a_re is _UNIVERSAL):
                    continue
                shared = c_keys & _keys(a_low[a0:a1])
                if 2 * len(shared) >= len(c_keys) and len(shared) >= 2:
                    return Slot((am.start(), am.end()), (cm.start(), cm.end()), answer[am.start():am.end()],
                                claim[cm.start():cm.end()])
    return None


_THAN = re.compile(r"\bthan\b")
_MORE = ("longer", "more", "better", "higher", "greater", "faster", "larger", "bigger", "stronger", "earlier")
_LESS = ("shorter", "less", "worse", "lower", "fewer", "slower", "smaller", "weaker", "later")


def _comparison(low: str) -> tuple[int, frozenset[str], frozenset[str], tuple[int, int]] | None:
    """(sign of the comparative, keys before it, keys after "than", span of the comparative) of the first
    comparison in ``low``; None without one or when the comparative is negated."""
    m = _THAN.search(low)
    if m is None:
        return None
    words = list(re.finditer(r"[a-z]+", low[:m.start()]))
    comp = next((w for w in reversed(words[-4:]) if w.group(0) in _MORE or w.group(0) in _LESS), None)
    if comp is None or opposites.negation(low, comp.start()) is not None:
        return None
    sign = 1 if comp.group(0) in _MORE else -1
    end = next((b.start() for b in re.finditer(r"[,;:.()]", low[m.end():])), len(low) - m.end()) + m.end()
    before = _keys(low[:comp.start()] + " " + low[comp.end():m.start()]) - {"often", "did", "do"}
    after = _keys(low[m.end():end]) - {"often", "did", "do"}
    return sign, before, after, (comp.start(), end)


def swapped_comparison(answer: str, claim: str) -> Slot | None:
    """The same comparative with its operands swapped: what the claim says is better (longer, more often)
    the answer says is compared against, and the other way round ("A helped people live longer than B" vs
    "people lived longer with B than with A")."""
    a_low, c_low = fold(answer), fold(claim)
    ca, cc = _comparison(a_low), _comparison(c_low)
    if ca is None or cc is None or ca[0] != cc[0]:
        return None
    a_sub, a_obj = ca[1] - ca[2], ca[2] - ca[1]
    c_sub, c_obj = cc[1] - cc[2], cc[2] - cc[1]
    if (c_sub & a_obj) and (c_obj & a_sub) and not (c_obj & a_obj) and not (c_sub & a_obj & a_sub):
        return Slot(ca[3], cc[3], answer[ca[3][0]:ca[3][1]], claim[cc[3][0]:cc[3][1]])
    return None


# lines of therapy as ranges of line numbers: "first-line" (1, 1), "after relapse" (2, inf), "after two or more
# treatments" (3, inf); the lexicon's line tokens (line1 / line2 / line3) count too
_INF = 99
_N = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_NUM = r"(one|two|three|four|five|[1-5])"
_KIND = r"(?:earlier\s+|prior\s+|previous\s+|other\s+|different\s+)?(?:lines?|treatments?|therap(?:y|ies)|regimens?)\b"
_LINE_PATTERNS: tuple[tuple[re.Pattern[str], tuple[int, int] | None], ...] = (
    (re.compile(r"\bfirst[- ]line\b|\bfront[- ]?line\b|\bfirst\s+(?:treatment|therapy)\b|\b(?:treated|given|used|started)\s+first\b"
                r"|\binitial\s+(?:treatment|therapy)\b|\bupfront\b|\bnewly\s+diagnosed\b"), (1, 1)),
    (re.compile(r"\bsecond[- ]line\b|\bsecond\s+(?:treatment|therapy)\b|\bat\s+first\s+relapse\b"
                r"|\bafter\s+(?:the\s+)?first\s+(?:line|treatment|therapy)\b"), (2, 2)),
    (re.compile(r"\bthird[- ]line\b|\bthird\s+(?:treatment|therapy)\b"), (3, 3)),
    (re.compile(r"\b(?:after|at|for|with|on)\s+(?:an?\s+)?(?:early\s+|late\s+)?relapse\b|\brelapsed\b|\brefractory\b"
                r"|\b(?:the\s+|your\s+)?(?:first|initial)\s+(?:treatment|therapy|line)\s+(?:has\s+|have\s+)?(?:stops|stopped|fails|"
                r"failed|did\s+not\s+work|does\s+not\s+work|didn't\s+work|doesn't\s+work)(?:\s+working)?\b"
                r"|\b(?:after|when|if|once)\s+(?:it|the\s+(?:lymphoma|cancer|disease|myeloma|leukemia))\s+(?:comes|came)\s+back\b"),
     (2, _INF)),
    (re.compile(rf"\b(?:after|following)\s+(?:at\s+least\s+)?{_NUM}\s+(?:or\s+more\s+)?{_KIND}"), None),
    (re.compile(rf"\b{_NUM}\s+or\s+more\s+{_KIND}"), None),
)
_LINE_TOKENS = {"line1": (1, 1), "line2": (2, 2), "line3": (3, _INF)}
_TREATMENT_KEYS = frozenset({"cart", "bispecific", "sct", "asct", "allosct", "chemotherapy", "radiotherapy", "adc", "tki",
                             "immunotherapy", "btkinh", "parpinh", "hormonetx", "antibody", "inhibit", "target"})


def line_slots(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """Every line of therapy ``text`` states: (first line, last line, start, end), in text order."""
    low = fold(text)
    out = []
    for pattern, lines in _LINE_PATTERNS:
        for m in pattern.finditer(low):
            lo_hi = lines if lines is not None else (_N[m.group(1)] + 1, _INF)
            out.append((*lo_hi, m.start(), m.end()))
    kept: list[tuple[int, int, int, int]] = []
    for slot in sorted(out, key=lambda s: s[2] - s[3]):  # the longest phrase wins ("first treatment stopped working")
        if not any(k[2] < slot[3] and slot[2] < k[3] for k in kept):
            kept.append(slot)
    return tuple(sorted(kept, key=lambda s: s[2]))


def _claim_lines(text: str, keys: dict[str, float]) -> tuple[int, int] | None:
    """The one range of lines a claim gives (the intersection of what it says), or None."""
    ranges = [(a, b) for a, b, _s, _e in line_slots(text)] + [r for k, r in _LINE_TOKENS.items() if k in keys]
    if not ranges:
        return None
    lo, hi = max(r[0] for r in ranges), min(r[1] for r in ranges)
    return (lo, hi) if lo <= hi else None


def _shown(lo: int, hi: int) -> str:
    names = {1: "first-line", 2: "second-line", 3: "third-line"}
    if hi >= _INF:
        return "after relapse" if lo == 2 else f"after {lo - 1} or more lines"
    return names.get(lo, f"line {lo}") if lo == hi else f"lines {lo}-{hi}"


def line_clash(answer_text: str, clauses: list[tuple[int, int, dict[str, float]]], claim_text: str,
               claim_keys: dict[str, float]) -> Slot | None:
    """A line of therapy the answer gives for the claim's treatment that the claim's line excludes: "CAR T is a
    standard second treatment" vs "CAR T is reserved for after two or more lines"; "ALK inhibitors are the first
    treatment" vs "ALK inhibitors are kept for after relapse". ``clauses``: (start, end, content keys) of every
    answer clause. An answer that also gives the claim's line for the treatment agrees (None)."""
    want = _claim_lines(claim_text, claim_keys)
    subjects = {k for k in claim_keys if k in _TREATMENT_KEYS or k.startswith("rx_")}
    if want is None or not subjects:
        return None
    clash = None
    for start, end, keys in clauses:
        if not subjects & set(keys):
            continue
        said = list(line_slots(answer_text[start:end]))
        said += [(*r, 0, end - start) for k, r in _LINE_TOKENS.items() if k in keys and not said]
        if not said:
            continue
        # the clause's most specific line ("relapsed ... after two or more lines": after two or more)
        lo, hi = max(x[0] for x in said), min(x[1] for x in said)
        if lo > hi:
            continue  # lines that exclude each other in one clause: nothing to compare
        if lo <= want[1] and want[0] <= hi:
            return None  # the answer also gives the claim's line for this treatment
        if clash is None:
            s, e = next((x[2], x[3]) for x in said if (x[0], x[1]) == (lo, hi) or x[0] == lo)
            c = line_slots(claim_text)
            c_span = (c[-1][2], c[-1][3]) if c else (0, len(claim_text))
            clash = Slot((start + s, start + e), c_span, _shown(lo, hi), _shown(*want))
    return clash
