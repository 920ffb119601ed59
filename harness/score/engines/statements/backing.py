"""Does a backing text carry a specific statement? Passages, their words and the matching rule.

A *passage* is a piece of text that may back a statement: a gold claim, a sentence (or two adjacent
sentences) of the gold answer, or a key fact of a registry source the answer cites. A passage
**carries** a statement when

1. every quantity the statement states is stated by the passage too (same value, compatible unit:
   "6-7 months" is not carried by a passage that says "a set number of months", nor "12 weeks"
   by "12 months");
2. every generic drug or regimen name the statement names is named by the passage, and so is its
   line of treatment ("as a first treatment" needs "first" in the backing sentence itself);
3. the passage says it with the same polarity: a word the two share is not negated on one side
   while the other side negates nothing ("not recommended from age 70" does not back
   "recommended from age 70");
4. enough of the statement's content words appear in the passage: at least ``min_overlap`` of them
   (a stricter share when the statement states no number, because then words are all there is).

Words are compared after light stemming and a small table of patient-language synonyms
("tablet" = "pill", "tumour" = "tumor", "alive" = "survive"), so paraphrases of the gold match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from harness.score.engines.statements.numbers import Quantity, quantities
from harness.score.engines.statements.specific import drug_names, line_markers, mask

_STOP = frozenset("""
a about above after again against all almost also although always am an and any are aren't around as at be
because been before being below between both but by can cannot could did do does doing done down during each
either else even ever every few for from further get gets getting got had has have having he her here hers
him his how however i if in into is isn't it its itself just least less let like likely lot lots made make
many may maybe me might more most much must my near need needs no nor not now of off often on once one only
or other others our out over own per perhaps quite rather really same say says see seen she should so some
someone something sometimes still such than that the their them then there these they this those though
through thus to too under until up upon us usually very was we well were what when where whether which
while who whom whose why will with within without would yes yet you your yours approximately roughly
around nearly typically generally commonly normally mostly mainly usual usually common called known
""".split())
_SYNONYMS = {
    "tablet": "pill", "capsule": "pill", "tumor": "tumour", "tumors": "tumour", "physician": "doctor",
    "oncologist": "doctor", "medication": "drug", "medicine": "drug", "alive": "surviv", "live": "surviv",
    "lived": "surviv", "living": "surviv", "survival": "surviv", "survive": "surviv", "survived": "surviv",
    "operation": "surgery", "operated": "surgery", "chemo": "chemotherapy", "approval": "approv",
    "approved": "approv", "approve": "approv", "licensed": "approv", "recommended": "recommend",
    "recommendation": "recommend", "advised": "recommend", "advise": "recommend", "suggested": "recommend",
    "screened": "screen", "screening": "screen", "yearly": "year", "annual": "year", "annually": "year",
    "tests": "test", "testing": "test", "relapsed": "relapse", "relapses": "relapse", "recur": "relapse",
    "recurrence": "relapse", "returns": "relapse", "treated": "treat", "treatment": "treat", "treatments": "treat",
    "therapy": "treat", "therapies": "treat", "standard": "standard", "begin": "start", "started": "start",
    "starting": "start", "initial": "first", "first-line": "first", "frontline": "first", "months": "month",
    "weeks": "week", "years": "year", "days": "day", "women": "woman", "men": "man", "people": "person",
    "patients": "person", "patient": "person", "persons": "person", "adults": "adult", "kids": "child",
    "children": "child", "shrinks": "shrink", "shrank": "shrink", "option": "option", "options": "option",
    "choice": "option", "choices": "option", "alternative": "option", "vaccination": "vaccine",
    "vaccinated": "vaccine", "shot": "vaccine", "jab": "vaccine", "dose": "dose", "doses": "dose",
    "op": "surgery", "surgical": "surgery", "radiation": "radiotherapy", "irradiation": "radiotherapy",
    "begins": "start", "starts": "start", "kicks": "start", "commence": "start", "commences": "start",
    "phone": "call", "telephone": "call", "ring": "call", "contact": "call", "called": "call", "calling": "call",
    "hospital": "hospital", "bowel": "bowel", "intestine": "bowel", "colon": "bowel",
}
_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[a-z]")
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|can't|don't|doesn't|isn't|aren't|won't|without|none|neither|nor|"
                       r"unlikely|rarely)\b|n't\b")


_SPELLING = ((re.compile(r"^haem"), "hem"), (re.compile(r"^oe(?=s)"), "e"), (re.compile(r"rhoea"), "rhea"),
             (re.compile(r"(?<=[a-z]{3})our$"), "or"), (re.compile(r"(?<=[a-z]{2}[^aeiou])tre$"), "ter"),
             (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"), (re.compile(r"(?<=[a-z]{3})yse$"), "yze"))
"""British spellings to American ones, so "centre" meets "center" and "haematology" "hematology"."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's comparison form: synonym class, else a light suffix strip ("lives" -> "live"); cached, as
    the gold's passages (every sentence, and every pair of sentences) meet the same words again and again."""
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)] + keep
            return _SYNONYMS.get(base, base)
    return word


_PHRASES = re.compile(r"\b(?:right\s+away|straight\s+away|at\s+once|without\s+delay|as\s+soon\s+as\s+possible|"
                      r"straightaway|urgently|promptly)\b")
"""Ways of saying "immediately", read as that one word."""


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` (stop words and bare numbers left out)."""
    low = _PHRASES.sub("immediately", text.lower().replace("’", "'"))
    out = set()
    for raw in _WORD.findall(low):
        for part in raw.split("-") if "-" in raw and not raw.startswith("first-") else (raw,):
            if len(part) < 2 or part in _STOP or part.isdigit():
                continue
            out.add(stem(part))
    return frozenset(out)


_NEGATION_SCOPE = 3
_SCOPE_END = re.compile(r"[\d,.;:!?()]")


def negated(text: str) -> frozenset[str]:
    """The content words a negation governs: up to three after each "not", "no", "cannot" ...

    The scope ends at a number or punctuation: "do not drive for 2 weeks" negates *drive*, not
    *weeks*; "cannot promise to find a relapse" negates *promise, find, relapse*; "is not
    recommended from age 70" negates *recommend, age*. Comparing these per word keeps a negation
    elsewhere in a passage from vetoing a statement that agrees with the rest of it.
    """
    low = text.lower().replace("’", "'")
    out = set()
    for m in _NEGATION.finditer(low):
        rest = low[m.end():m.end() + 80]
        stop = _SCOPE_END.search(rest)
        taken = 0
        for raw in _WORD.findall(rest[:stop.start()] if stop else rest):
            if raw in _STOP or len(raw) < 2:
                continue
            out.add(stem(raw))
            taken += 1
            if taken == _NEGATION_SCOPE:
                break
    return frozenset(out)


@lru_cache(maxsize=4096)
def _figures(text: str) -> tuple[Quantity, ...]:
    """The quantities ``text`` states (after ``mask``): a gold sentence is read alone and again as the second
    sentence of a pair, so it is read once (quantities are frozen values)."""
    return tuple(quantities(mask(text)))


@lru_cache(maxsize=8192)
def _content_words(text: str) -> frozenset[str]:
    return content_words(text)


@lru_cache(maxsize=8192)
def _negated(text: str) -> frozenset[str]:
    return negated(text)


@lru_cache(maxsize=8192)
def _drugs(text: str) -> frozenset[str]:
    """``drug_names(text)``: neither of its patterns matches across a space, so a pair's are its sentences'."""
    return frozenset(drug_names(text))


@lru_cache(maxsize=8192)
def _lines(text: str) -> frozenset[str]:
    return frozenset(line_markers(text))


def _joined(context: str) -> bool:
    """Whether ``f"{context} {text}"`` reads as its two parts: the context ends where a negation's scope ends
    (a full stop, a number ...), so no negation reaches across, and no word or "immediately" phrase (letters
    and spaces) spans the join either. Its content words, drugs and negated words are then its parts'."""
    return bool(context) and _SCOPE_END.match(context[-1]) is not None


@dataclass(frozen=True, slots=True)
class Passage:
    """A text that may back statements, with where it comes from and what it states."""

    origin: str
    """``claim``, ``gold`` or ``source``."""
    ref: str
    """The claim id, ``start-end`` of the gold text, or the source id."""
    text: str
    words: frozenset[str] = field(default=frozenset())
    numbers: tuple[Quantity, ...] = ()
    drugs: frozenset[str] = field(default=frozenset())
    negated: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(cls, origin: str, ref: str, text: str, *, context: str = "") -> Passage:
        """The passage ``text``, read with ``context`` (the sentence before it) for words and drugs only.

        Figures count only where they are stated: "Chemotherapy lasts 3 or 6 months. Hormone therapy
        is not used." does not back "hormone therapy lasts 6 months", while "... nivolumab or
        pembrolizumab ... Treatment is given every 2 to 6 weeks." backs "pembrolizumab is given every
        3 weeks".
        """
        full = f"{context} {text}" if context else text
        if not context:
            return cls(origin, ref, full, _content_words(text), _figures(text), _drugs(text) | _lines(text),
                       _negated(text))
        # a pair of sentences: what each says, read once per sentence, where reading them together
        # cannot differ (``_joined``)
        if _joined(context):
            return cls(origin, ref, full, _content_words(context) | _content_words(text), _figures(text),
                       _drugs(context) | _drugs(text) | _lines(text), _negated(context) | _negated(text))
        return cls(origin, ref, full, content_words(full), _figures(text), _drugs(full) | _lines(text),
                   negated(full))

    def to_json(self) -> dict[str, str]:
        key = {"claim": "claim_id", "gold": "gold_span", "source": "source_id"}[self.origin]
        return {"type": self.origin, key: self.ref, "text": self.text}


@dataclass(frozen=True, slots=True)
class Match:
    """How well one passage carries one statement, and what it lacks when it does not."""

    passage: Passage
    overlap: float
    missing_numbers: tuple[str, ...]
    missing_drugs: tuple[str, ...]
    polarity_differs: bool

    def carries(self, min_overlap: float) -> bool:
        return _carries(self.overlap, len(self.missing_numbers), len(self.missing_drugs), self.polarity_differs,
                        min_overlap)


def _carries(overlap: float, n_numbers: int, n_drugs: int, differs: bool, min_overlap: float) -> bool:
    """A passage carries a statement: no figure or drug missing, the same polarity, enough shared words."""
    return not n_numbers and not n_drugs and not differs and overlap >= min_overlap


@dataclass(frozen=True, slots=True)
class StatementFacts:
    """What a statement states, in the form passages are compared on."""

    words: frozenset[str]
    numbers: tuple[Quantity, ...]
    drugs: frozenset[str]
    negated: frozenset[str]


def statement_facts(text: str, masked: str) -> StatementFacts:
    """The statement's facts; words and numbers are read from ``masked`` (citations and non-figures blanked)."""
    return StatementFacts(content_words(masked), tuple(q for q in quantities(masked) if q.required),
                          frozenset(drug_names(text) | line_markers(masked)), negated(masked))


def _weigh(facts: StatementFacts, passage: Passage) -> tuple[float, bool]:
    """(share of the statement's words the passage holds, whether their polarity differs)."""
    shared = facts.words & passage.words
    overlap = len(shared) / len(facts.words) if facts.words else 1.0
    # Opposite polarity: one side negates a word both use, and the other side negates nothing at all
    # (when both negate something, "if chemo isn't possible" and "who cannot have chemo", they agree).
    differs = (bool(facts.negated & shared) and not passage.negated) or (
        bool(passage.negated & shared) and not facts.negated)
    return overlap, differs


def match(facts: StatementFacts, passage: Passage) -> Match:
    carried = [q for q in facts.numbers if q.carried_by(list(passage.numbers))]
    missing_numbers = tuple(q.text for q in facts.numbers if q not in carried)
    missing_drugs = tuple(sorted(d for d in facts.drugs if d not in passage.drugs))
    overlap, differs = _weigh(facts, passage)
    return Match(passage, overlap, missing_numbers, missing_drugs, differs)


def best_match(facts: StatementFacts, passages: Iterable[Passage], min_overlap: float) -> tuple[Match | None, Match | None]:
    """(the best passage that carries the statement or None, the closest one that does not, for the reason).

    Each passage is weighed with ``match``'s arithmetic on counts alone (a gold answer and its claims hold
    hundreds of passages); only the two it picks are then built as ``Match`` by ``match`` itself.
    """
    best: Passage | None = None
    closest: Passage | None = None
    best_overlap, closest_key = 0.0, 0.0
    numbers, drugs = facts.numbers, facts.drugs
    for passage in passages:
        overlap, differs = _weigh(facts, passage)
        if numbers:
            theirs = list(passage.numbers)
            n_numbers = sum(1 for q in numbers if not q.carried_by(theirs)) if theirs else len(numbers)
        else:
            n_numbers = 0
        n_drugs = len(drugs - passage.drugs) if drugs else 0
        if _carries(overlap, n_numbers, n_drugs, differs, min_overlap):
            if best is None or overlap > best_overlap:
                best, best_overlap = passage, overlap
        else:
            key = overlap - 0.2 * n_numbers - 0.2 * n_drugs  # how close a passage that does not carry it comes
            if closest is None or key > closest_key:
                closest, closest_key = passage, key
    return (match(facts, best) if best is not None else None,
            match(facts, closest) if closest is not None else None)


def why_not(facts: StatementFacts, closest: Match | None, sources_cited: Sequence[str]) -> str:
    """In words: why nothing backs the statement (what the closest passage lacks)."""
    where = "the gold answer, its claims" + (f" and the cited sources ({', '.join(sources_cited)})"
                                              if sources_cited else " (no cited registry source has key facts)")
    if closest is None:
        return f"nothing in {where} to compare with"
    label = f"{closest.passage.origin} {closest.passage.ref}"
    if closest.missing_numbers:
        return f"no backing text states {', '.join(closest.missing_numbers)} (closest: {label}; checked {where})"
    if closest.missing_drugs:
        names = ", ".join(d.replace("line:", "") + "-line treatment" if d.startswith("line:") else d
                          for d in closest.missing_drugs)
        return f"no backing text names {names} for this (closest: {label})"
    if closest.polarity_differs:
        return f"the closest text ({label}) says the opposite (negation differs)"
    return f"no backing text says this (closest: {label}, {closest.overlap:.0%} of its words; checked {where})"
