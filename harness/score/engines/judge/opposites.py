"""Opposite terms said about the same thing: "the scan is painless" against "the scan hurts".

An answer that shares a claim's words and says the opposite with an antonym or an opposite predicate
("tiredness fades" / "tiredness is permanent", "given before surgery" / "after surgery", "rare" /
"common") is not support. The words come from ``opposites.txt`` (general-language antonym groups for
health text, two poles each; its header names the sources). This module loads that file, finds the
terms of each group in a text with their pole after negation ("not rare" is the common pole, "cannot be
cured" the incurable one; the cue scorers' ConText ``negator_before`` decides), and names a clash only
when the two opposite terms are about the same thing (``clash``):

- neither side uses both poles of the group ("rare in men, common in women" reads no direction);
- the claim's other content words are mostly in the answer text, and each opposite term has one of
  them in its own clause (the same subject nearby, never a word from an unrelated clause);
- for a relation ("before" / "after") the object that follows is the same ("before surgery" / "after
  surgery", not "before driving" / "after CAR T");
- a comparison ("lower with A than with B") against its mirror ("higher with B than with A") agrees.

Used by ``structure.find_conflict`` in its "opposite terms" step, so every such contradiction names the
two spans. Cost: one precompiled regex per group over the folded text, cached per text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from harness.score.engines.cues.context import fold, negator_before
from harness.score.engines.judge import lexicon

DATA = Path(__file__).with_name("opposites.txt")
COVER = 0.6
"""Share of the claim's weighted content words (its opposite terms aside) the answer text must hold."""
URGENCY_COVER = 0.4
"""The share for an urgency term: the action urged ("a call to your chemo unit today") is worded many ways,
while what is urgent (the claim's subject, which must be the answer's too) carries the match."""


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    kind: str
    """"attr" (describes its subject) or "rel" (relates its subject to the object that follows)."""
    pattern: re.Pattern[str]
    poles: dict[str, int]
    """Phrase (lower case, without "*") -> +1 or -1; a prefix entry is keyed by its stem."""
    prefixes: tuple[tuple[str, int], ...]
    firsts: frozenset[str] = frozenset()
    """First words of the group's phrases (a text without any of them cannot hold a term of the group)."""

    def may_occur(self, words: frozenset[str]) -> bool:
        return not self.firsts.isdisjoint(words) or any(w.startswith(p) for p, _ in self.prefixes for w in words
                                                        if w[:1] == p[:1])


@dataclass(frozen=True, slots=True)
class Term:
    """One opposite term found in a text."""

    group: str
    pole: int
    """+1 / -1 after negation."""
    start: int
    end: int
    surface: str
    negated: bool


_NOT_DENIAL = re.compile(
    r"\bnot\s+(?:only|just|merely|simply)\b[^,;:.!?]*$"  # "not only means ... higher, but also": emphasis
    r"|\bnothing\s+(?:stops|prevents|keeps|stands\s+in\s+the\s+way\s+of)\s+(?:you|anyone|people|patients)\s+from\s+"
    r"(?:[a-z'-]+\s+){0,3}$"  # "nothing stops you from leaving": a double negative
    r"|\b(?:that|which|who)\s+(?:(?:will|would|does|do|did|is|are|was|were|can|could|has|have|had)\s+(?:not|never)|cannot|"
    r"can't|can\s+not|couldn't)\s+"
    r"[^,;:.!?]*$"
    r"|\b(?:to\s+(?:make\s+sure|ensure|be\s+sure)|so\s+that|in\s+order\s+that)\b[^,;:.!?]*$"  # a purpose, not a fact
    r"|\b(?:not|never|n't|no)\s+(?:\w+\s+){0,2}?(?:the\s+same\s+as|same\s+as|like|similar\s+to|identical\s+to|"
    r"equivalent\s+to|a\s+substitute\s+for|a\s+replacement\s+for)\s+(?:[a-z'-]+\s+){0,3}$")
"""A negation cue that denies nothing after it: emphasis ("not only"), a double negative ("nothing stops you
from"), a relative clause ("bleeding that will not stop", read like ConText reads "that won't stop"), a
purpose ("a transplant to make sure the lymphoma does not return" states a goal, not a fact), or the standard
of a denied comparison ("palliative care is not the same as hospice" says nothing against hospice)."""


def negation(low: str, start: int) -> str | None:
    """The negation governing the word at ``low[start:]`` (ConText's ``negator_before``, "can't" included),
    except cues that deny nothing there (``_NOT_DENIAL``). Shared by the opposite terms, ``structure`` and the
    contradiction signal, so every rule reads one negation scope."""
    cue = negator_before(low, start, cannot=True)
    if cue is not None and _NOT_DENIAL.search(low[max(0, start - 90):start]) is not None:
        return None
    if cue is not None and re.search(r"[.!?]\s", low[max(0, low.rfind(cue, 0, start)):start]):
        return None  # a window of two sentences: a negation does not reach into the next sentence
    return cue


def _phrase_re(phrase: str) -> str:
    star = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    return body + (r"[a-z]*" if star else "")


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[Group, ...], re.Pattern[str]]:
    """The groups of ``opposites.txt`` and the pattern of its exceptions; a malformed line is named."""
    out: list[Group] = []
    excepts: list[str] = []
    for n, raw in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if parts[0] == "except" and len(parts) == 2:
            excepts += [p.strip().lower() for p in parts[1].split(",") if p.strip()]
            continue
        if len(parts) != 4 or parts[1] not in ("attr", "rel"):
            raise ValueError(f"{DATA}: line {n}: expected 'name | attr|rel | pole A, ... | pole B, ...', got {raw!r}")
        poles: dict[str, int] = {}
        prefixes: list[tuple[str, int]] = []
        for sign, field in ((1, parts[2]), (-1, parts[3])):
            for p in (p.strip().lower() for p in field.split(",")):
                if not p:
                    raise ValueError(f"{DATA}: line {n}: an empty phrase in group {parts[0]!r}")
                if p.endswith("*"):
                    prefixes.append((p[:-1], sign))
                else:
                    poles[" ".join(p.split())] = sign
        phrases = sorted([*poles, *(f"{s}*" for s, _ in prefixes)], key=len, reverse=True)
        alt = "|".join(_phrase_re(p) for p in phrases)
        firsts = frozenset(re.split(r"[\s-]", p)[0] for p in poles)
        out.append(Group(parts[0], parts[1], re.compile(rf"(?<![\w-])(?:{alt})(?![\w])"), poles, tuple(prefixes),
                         firsts))
    exc = "|".join(_phrase_re(p) for p in sorted(excepts, key=len, reverse=True)) or r"(?!x)x"
    return tuple(out), re.compile(rf"(?<![\w-])(?:{exc})(?![\w-])")


def _pole(group: Group, surface: str) -> int:
    key = " ".join(surface.split())
    if key in group.poles:
        return group.poles[key]
    return next((sign for stem, sign in sorted(group.prefixes, key=lambda p: -len(p[0])) if key.startswith(stem)), 0)


@lru_cache(maxsize=16384)
def terms(text: str) -> tuple[Term, ...]:
    """Every opposite term of ``text`` with its pole after negation, outside the exception phrases."""
    low = fold(text)
    table, excepts = groups()
    blocked = [(m.start(), m.end()) for m in excepts.finditer(low)]
    found = []
    words = frozenset(re.findall(r"[a-z]+", low))
    for g in table:
        if not g.may_occur(words):
            continue
        for m in g.pattern.finditer(low):
            if any(a < m.end() and m.start() < b for a, b in blocked):
                continue
            sign = _pole(g, m.group(0))
            if not sign:
                continue
            cue = negation(low, m.start())
            # a relation word ("after") is turned only by a negation right before it ("not after surgery"):
            # in "do not drive for 2 weeks after CAR T" the negation is the instruction's, not the time's
            neg = cue is not None and (g.kind != "rel" or re.search(r"\b(?:not|never|no)\s+(?:until\s+)?$",
                                                                   low[max(0, m.start() - 16):m.start()]) is not None)
            found.append(Term(g.name, -sign if neg else sign, m.start(), m.end(), text[m.start():m.end()], neg))
    return tuple(sorted(found, key=lambda t: t.start))


_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:but|while|whereas|although|though|however|so|because|which)\b")
_THAN = re.compile(r"\bthan\b")


def _clause(low: str, at: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE.finditer(low, 0, at)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(low, at)), len(low))
    return left, right


@lru_cache(maxsize=16384)
def _keys(text: str) -> dict[str, float]:
    """``lexicon.content_keys``, cached (callers only read the dict)."""
    return lexicon.content_keys(text)


def _object(low: str, end: int) -> frozenset[str]:
    """Content keys of the (up to three) words after a relation word: "before [the] surgery"."""
    words = re.findall(r"[a-z][a-z'-]*", low[end:end + 40])[:3]
    return frozenset(_keys(" ".join(words)))


def _compared(low: str) -> frozenset[str] | None:
    """Content keys after "than" (what a comparison is against), or None without a comparison."""
    m = _THAN.search(low)
    return frozenset(k for k in _keys(low[m.end():m.end() + 40]) if not k.isdigit()) if m else None


def clash(answer: str, claim: str) -> tuple[Term, Term] | None:
    """(answer term, claim term) when the answer text uses the opposite term about the same thing as the
    claim (see the module docstring), or None."""
    claim = _without_examples(claim)
    c_terms = terms(claim)
    if not c_terms:
        return None
    a_terms = terms(answer)
    if not any(a.group == c.group and a.pole != c.pole for a in a_terms for c in c_terms):
        return None  # no group in which the two say opposite things (the common case: cheap)
    a_low, c_low = fold(answer), fold(claim)
    term_words = {k for t in (*c_terms, *a_terms) for k in _keys(t.surface)}
    c_keys = {k: w for k, w in _keys(claim).items() if k not in term_words}
    total = sum(c_keys.values())
    if not total:
        return None
    # the answer's words are also read with its terms blanked: a register phrase may swallow a term with
    # its neighbour ("grow slowly" is one concept), which would hide the "grow" the claim's subject holds
    a_keys = _keys(answer) | _keys(_blank(answer, a_terms))
    listed = _alternatives_said(c_low, a_keys)  # "call for A, B, C or D": an answer about A and B speaks to the list
    cover = sum(w for k, w in c_keys.items() if k in a_keys or k in listed) / total
    if cover < URGENCY_COVER:
        return None
    for ct in c_terms:
        if cover < COVER and ct.group != "urgency":
            continue
        if {t.pole for t in c_terms if t.group == ct.group} != {ct.pole}:
            continue  # the claim says both ("early menopause is a late effect")
        same = [t for t in a_terms if t.group == ct.group]
        if not same or {t.pole for t in same} != {-ct.pole}:
            continue  # the answer says both, or agrees
        at = same[0]
        if not (_near(a_low, at, c_keys) and _near(c_low, ct, c_keys)):
            continue
        if _group(ct.group).kind == "rel" and not (_object(a_low, at.end) & _object(c_low, ct.end)):
            continue  # "before driving" and "after CAR T" are about different things
        if mirrored(a_low, c_low):
            continue  # "lower with A than with B" and "higher with B than with A" agree
        if not _same_subject(c_low, ct, c_terms, a_keys) or (ct.group != "urgency" and not _same_qualifier(a_low, at, c_low, ct)):
            continue
        if _typical_vs_few(a_low, at, c_low, ct):
            continue  # "usually mild" and "can be severe in a few people" agree
        return at, ct
    return None


def mirrored(a_low: str, c_low: str) -> bool:
    """Both texts compare ("than ...") against different things: a comparison and its mirror."""
    ca, cc = _compared(a_low), _compared(c_low)
    # "than usual" on both sides compares nothing: one side's compared thing holding the other's is no mirror
    return ca is not None and cc is not None and not (ca <= cc or cc <= ca)


def _blank(text: str, found: tuple[Term, ...]) -> str:
    """The text with its opposite terms blanked to spaces."""
    for t in found:
        text = text[:t.start] + " " * (t.end - t.start) + text[t.end:]
    return text


_EXAMPLE = re.compile(r",?\s*\b(?:such as|like|e\.g\.|for example|for instance|including)\b[^,;:()]*,?")


def _without_examples(claim: str) -> str:
    """The claim with its illustrations blanked ("A few stage 4 cancers, such as some testicular cancers,
    can be cured" reads "A few stage 4 cancers can be cured"): an answer can deny what a claim says
    without naming its examples, so they count neither towards "the same thing" nor as the term's
    clause. Blanked to spaces, so the claim's offsets stay the same."""
    return _EXAMPLE.sub(lambda m: " " * len(m.group(0)), claim) if "," in claim or "e.g." in claim else claim


_ACTION = re.compile(r"\b(?:needs?|needed|requires?|call|calls|contact|tell|go|seek|should|must|see|ring|report)\b")
SUBJECT_COVER = 0.8
"""Share of the claim's words before its opposite term (in its clause: the subject) the answer must hold."""


def _same_subject(c_low: str, ct: Term, c_terms: tuple[Term, ...], a_keys: dict[str, float]) -> bool:
    """The claim's subject ("quitting smoking" in "quitting smoking lowers the risk") is the answer's too."""
    a, _ = _clause(c_low, ct.start)
    end = ct.start
    if ct.group == "urgency":  # "X needs a call to your unit today": the subject is X, not the action urged
        act = _ACTION.search(c_low, a, end)
        end = act.start() if act is not None else end
    own = {k for t in c_terms for k in _keys(t.surface)}
    keys = {k: w for k, w in _keys(c_low[a:end]).items() if k not in own and not k.isdigit()}  # figures: quantity rules
    total = sum(keys.values())
    return not total or sum(w for k, w in keys.items() if k in a_keys) / total >= SUBJECT_COVER


_PREP = re.compile(r"\s*(?:for|in|with|of|from|among)\s+")
_SEGMENT = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:and|but|while|whereas|although|though|however|so|because|which)\b")


def _same_qualifier(a_low: str, at: Term, c_low: str, ct: Term) -> bool:
    """A claim term qualified by what follows ("experimental for lung cancer") clashes only with an answer
    term whose own phrase (cut at "and") holds most of that qualifier ("approved for breast cancer" does not)."""
    m = _PREP.match(c_low, ct.end)
    if m is None:
        return True
    end = next((x.start() for x in _SEGMENT.finditer(c_low, m.end())), len(c_low))
    keys = _keys(c_low[m.end():end])
    if not keys:
        return True
    left = max((x.end() for x in _SEGMENT.finditer(a_low, 0, at.start)), default=0)
    right = next((x.start() for x in _SEGMENT.finditer(a_low, at.end)), len(a_low))
    near = _keys(a_low[left:right])
    return sum(w for k, w in keys.items() if k in near) / sum(keys.values()) >= 0.5


_TYPICAL = re.compile(r"\b(?:usually|mostly|most|generally|typically|often|normally|in most)\b")
_FEW = re.compile(r"\b(?:a few|some|sometimes|occasionally|in rare cases|may|might|can|could)\b")


def _typical_vs_few(a_low: str, at: Term, c_low: str, ct: Term) -> bool:
    """One side says what is typical ("usually mild"), the other what can happen to a few ("may get worse")."""
    ca, cb = _clause(c_low, ct.start)
    aa, ab = _clause(a_low, at.start)
    a_text, c_text = a_low[aa:ab], c_low[ca:cb]
    return bool((_TYPICAL.search(a_text) and _FEW.search(c_text) and not _TYPICAL.search(c_text)) or
                (_TYPICAL.search(c_text) and _FEW.search(a_text) and not _TYPICAL.search(a_text)))


def agrees(answer: str, claim: str) -> bool:
    """Whether a negated opposite term of one side says what the other side's term says ("not rare" /
    "common", "not malignant" / "benign"): a double negative, agreement rather than a denial."""
    a_terms, c_terms = terms(answer), terms(claim)
    return any(x.group == y.group and x.pole == y.pole and x.negated != y.negated
               for x in a_terms for y in c_terms)


def _near(low: str, term: Term, keys: dict[str, float]) -> bool:
    """Whether one of the claim's content words shares the clause of ``term`` (its subject or object).

    A term that is its clause's only content ("Rarely, PARP inhibitors are linked to ...": a sentence adverb
    cut off by its comma) is read with the clause that follows it."""
    a, b = _clause(low, term.start)
    if not set(_keys(low[a:b])) - set(_keys(term.surface.lower())) and b < len(low):
        b = _clause(low, b + 1)[1]
    return any(k in keys for k in _keys(low[a:b]))


_LIST = re.compile(r"(?:[^,;:.()]+,\s+){2,}(?:or|and)\s+[^,;:.()]+|(?:[^,;:.()]+,\s+)+[^,;:.()]+,?\s+(?:or|and)\s+[^,;:.()]+")


def _alternatives_said(c_low: str, a_keys: dict[str, float]) -> frozenset[str]:
    """The content keys of a claim's list of alternatives ("diarrhea, more bowel movements, blood in the stool,
    or bad belly pain") when the answer names at least one of its items in full: an answer that speaks to some
    of the items speaks to the list, so the items it leaves out do not count against "the same thing"."""
    out: set[str] = set()
    for m in _LIST.finditer(c_low):
        items = [set(_keys(x)) for x in re.split(r",\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+", m.group(0)) if x.strip()]
        items = [i for i in items if i]
        if len(items) >= 3 and any(i <= set(a_keys) for i in items[1:]):
            out.update(k for i in items[1:] for k in i)
    return frozenset(out)


def _group(name: str) -> Group:
    return next(g for g in groups()[0] if g.name == name)
