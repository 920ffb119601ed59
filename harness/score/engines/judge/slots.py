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
