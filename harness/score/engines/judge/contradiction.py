"""The learned-contradiction signal: disagreement in substance between a claim and the answer window about it.

The ``structure`` signal names a conflict only when a rule fires (a negated predicate, opposite
bounds, another value of the same quantity). Most refutations in evidence/claim data disagree in
substance instead: "vitamin D increases COVID-19 mortality" against "vitamin D ... reduces the
severity", "the test finds the virus in seconds" against "in 30 min". This signal measures, for the
answer sentence (or adjacent pair) that is most *about* the claim, the ways it can disagree, as named
columns the contradiction head learns to weigh (``fit``):

- ``ctr_topic``: how much of the claim's weighted content the window holds (disagreement matters
  only between statements about the same thing);
- ``ctr_polarity``: share of the shared content words negated on one side only (negation scope from
  ``structure.polarity_words``, i.e. the cue scorers' ConText ``negator_before``; no second engine);
- ``ctr_neg_answer`` / ``ctr_neg_claim``: a negation on one side only, anywhere in the window/claim;
- ``ctr_direction``: opposite directions of change (increase/reduce, higher/lower, more/less,
  causes/prevents) once each side's negation is applied ("does not reduce" is up-or-flat);
- ``ctr_valence``: opposite judgements (effective/ineffective, safe/harmful, benefit/harm);
- ``ctr_quantity``: a value of the same dimension that differs (``signals.compare_numbers``);
- ``ctr_absolute``: the claim is universal ("all", "always", "never") where the window is partial
  ("only", "some", a percentage);
- ``ctr_affirmed``: the claim negates nothing (a learned contradiction is stated only for such a claim);
- ``ctr_clash``: the strongest of the named clashes above, times ``ctr_topic`` (the interaction a
  linear head cannot form itself).

Each claim also gets a ``Disagreement`` naming the window, the claim and, when known, the words that
conflict, so a learned "contradicted" verdict always names the pair of spans and says why in words.
Cost: a word scan of the claim and its two best windows; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from harness.score.engines.judge import lexicon, opposites, signals, structure
from harness.score.engines.judge.features import PreparedAnswer, PreparedClaim

COLUMNS: tuple[str, ...] = ("ctr_topic", "ctr_polarity", "ctr_neg_answer", "ctr_neg_claim", "ctr_direction",
                            "ctr_valence", "ctr_quantity", "ctr_absolute", "ctr_affirmed", "ctr_clash")

QUANTITY_TOPIC = 0.5
"""Two values of one dimension clash only in a window holding this share of the claim (as ``structure``)."""

# a small generic table of directions of change (stems by prefix) and of judgements
_UP = ("increas", "rise", "rising", "rais", "higher", "more", "greater", "elevat", "enhanc", "boost", "promot",
       "accelerat", "exacerbat", "aggravat", "induc", "caus", "trigger", "worsen", "amplif", "doubl",
       "tripl", "grow", "stimulat", "activat", "longer", "faster", "strengthen", "maximi",
       # degree: high / large / dominant against low / small / insignificant
       "high", "large", "major", "dominant", "main", "significant", "upregulat", "substantial", "strong")
_DOWN = ("decreas", "reduc", "lower", "less", "fewer", "declin", "diminish", "drop", "fall", "inhibit", "suppress",
         "block", "prevent", "protect", "attenuat", "alleviat", "mitigat", "limit", "slow", "shorter", "weaken",
         "lessen", "minimi", "halv", "impair", "stop", "cut",
       "low", "small", "minor", "insignificant", "negligible", "downregulat", "modest", "weak", "little")
_GOOD = ("effective", "efficac", "safe", "benefi", "improv", "help", "cure", "curable", "useful", "recommend",
         "approv", "success", "favorabl", "favourabl", "protect", "good", "better")
_BAD = ("ineffective", "unsafe", "harm", "danger", "toxic", "risk", "useless", "fail", "worse", "advers",
        "unfavorabl", "unfavourabl", "incurable", "poor", "bad", "detriment", "hazard")
_NOT_CLASSED = frozenset({"droplet", "droplets", "moreover", "causal", "causality", "cutaneous", "subcutaneous",
                          "badge", "lesson", "lessons", "limitation", "limitations", "fallopian", "helpful",
                          "riskier", "halves", "cutoff", "helper", "helpers", "poorly", "mainly", "maintain", "maintained",
                          "maintenance", "highlight", "highlighted", "highlights", "significance", "lowest", "blockade",
                          "blockades", "blocker", "blockers", "inducible", "induction", "spreadsheet", "inhibitor", "inhibitors", "activator",
                          "activators", "promoter", "promoters", "risk", "risks", "high-risk", "low-risk",
                          "doublet", "doublets", "triplet", "triplets", "quadruplet", "quadruplets"})
_WORD = re.compile(r"[a-z][a-z'-]*")
_UNIVERSAL = re.compile(r"\b(?:all|every|everyone|always|never|none|no one|nobody|completely|entirely|any)\b")
_PARTIAL = re.compile(r"\b(?:only|some|most|few|rarely|majority|minority|proportion|partly|partial|subset)\b|%")


@dataclass(frozen=True, slots=True)
class Disagreement:
    """The answer window most about the claim, and what in it disagrees with the claim (for the reason)."""

    answer_span: tuple[int, int]
    answer_text: str
    claim_text: str
    words: tuple[str, str] | None = None
    """(what the answer says, what the claim says) when a clash names them."""
    topic: float = 0.0
    """Share of the claim's weighted content the window holds (``ctr_topic``)."""
    negative_claim: bool = False
    """The claim itself negates ("do not drive for 8 weeks"): an answer often says it positively ("wait 8
    weeks before driving"), so no learned contradiction is stated for it (structural rules still run)."""
    suspect: float | None = None
    """Set on a contradiction suspected but below the reporting level: its calibrated probability."""
    kind: str = "substance"
    refutes: str | None = None
    """What the ``refutation`` signal read as the clash, in words ("the claim says 'no evidence', the answer
    'associated'"), when a profile reads its columns: named in the reason when no clashing words are."""

    @property
    def named(self) -> bool:
        """About the claim (``model.ON_TOPIC``) with the conflicting words named: a learned contradiction may
        be stated for it."""
        from harness.score.engines.judge.model import ON_TOPIC

        return self.topic >= ON_TOPIC and self.words is not None and not self.negative_claim

    def describe(self) -> str:
        window = " ".join(self.answer_text.split())
        if len(window) > 140:
            window = window[:139].rstrip() + "…"
        if self.words is not None:
            return f"answer says the opposite: '{self.words[0]}' vs '{self.words[1]}' ('{window}')"
        if self.refutes is not None:
            return f"answer refutes it ({self.refutes}): '{window}' vs the claim '{self.claim_text}'"
        return f"answer's statement about it disagrees in substance: '{window}' vs the claim '{self.claim_text}'"


@lru_cache(maxsize=65536)
def _cls(word: str) -> tuple[int, int]:
    """(direction, valence) of one word: +1 up/good, -1 down/bad, 0 neither."""
    if word in _NOT_CLASSED and word not in ("helpful",):
        return 0, 0
    if word == "helpful":
        return 0, 1
    if word.startswith(("ineffect", "unsafe", "incurab")):
        return 0, -1
    d = 1 if word.startswith(_UP) else -1 if word.startswith(_DOWN) else 0
    v = 1 if word.startswith(_GOOD) else -1 if word.startswith(_BAD) else 0
    return d, v


@lru_cache(maxsize=8192)
def _reading(text: str) -> tuple[tuple[tuple[int, str, str], ...], tuple[tuple[int, str, str], ...], bool]:
    """Signed direction and valence words of ``text`` after negation: ((sign, word, phrase), ...) each,
    and whether the text negates anything."""
    from harness.score.engines.cues.context import fold

    low = fold(text)
    dirs, vals = [], []
    negated_any = bool(signals.negations(lexicon.prepare(text)))
    terms: list[tuple[int, int]] | None = None  # tokenized only when a word has a direction or a valence
    for m in _WORD.finditer(low):
        d, v = _cls(m.group(0))
        if not d and not v:
            continue
        if terms is None:
            terms = _term_spans(text)
        if any(a <= m.start() < b for a, b in terms):
            continue  # part of a clinical term's name ("adverse events", "harm to a developing baby"), not a judgement
        neg = opposites.negation(low, m.start())
        sign = -1 if neg else 1
        begin = low.rfind(neg, max(0, m.start() - 64), m.start()) if neg else -1
        phrase = " ".join(text[begin:m.end()].split()) if begin >= 0 else m.group(0)
        if d:
            dirs.append((d * sign, m.group(0), phrase))
        if v:
            vals.append((v * sign, m.group(0), phrase))
    return tuple(dirs), tuple(vals), negated_any


def _unbounded(window: str, claim: PreparedClaim) -> tuple[signals.Quantity, ...]:
    """The claim's quantities to compare with the window's, less a plain duration that falls inside a bound the
    window gives ("about 20 months" is within "within 24 months"; a bound on both sides is the structural
    threshold rule's to read)."""

    window_bounds = structure.bounds(structure.folded(window))
    if not window_bounds or structure.bounds(structure.folded(claim.text)):
        return claim.quantities

    def inside(q: signals.Quantity) -> bool:
        return any(q.hi <= b.days * 1.001 if b.direction == "upper" else q.lo >= b.days * 0.999 for b in window_bounds)

    return tuple(q for q in claim.quantities if q.dimension != "time" or not inside(q))


def _term_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (in ``fold(text)``) of the lexicon's multi-word terms: "immune-related adverse events" is
    one clinical term (irAE), so its "adverse" judges nothing."""
    from harness.score.engines.cues.context import fold

    low, out, pos = fold(text), [], 0
    for tok in lexicon.tokens(text):
        if not tok.content or " " not in tok.surface:
            continue
        at = low.find(tok.surface, pos)
        if at >= 0:
            out.append((at, at + len(tok.surface)))
            pos = at + len(tok.surface)
    return out


def _near(text: str, phrase: str, topic: frozenset[str]) -> frozenset[str]:
    """Content keys of the (up to) two content words either side of the phrase's direction word, in its clause,
    the answer's topic words left out: what the word is about ("strong chemo" unsafe, improved "overall survival")."""
    from harness.score.engines.cues.context import fold

    word = phrase.split()[-1].lower()
    low = fold(text)
    at = re.search(r"\b" + re.escape(word) + r"\b", low)
    if at is None:
        return frozenset()
    a, b = structure._clause_around(low, at.start(), at.end())
    toks = [t for t in lexicon.tokens(text[a:b]) if t.content]
    idx = next((j for j, t in enumerate(toks) if word in t.surface.split()), None)
    if idx is None:
        return frozenset()
    return frozenset(t.key for t in (*toks[max(0, idx - 2):idx], *toks[idx + 1:idx + 3]) if t.key not in topic)


def _same_target(window: str, claim: str, words: tuple[str, str] | None, topic: frozenset[str]) -> tuple[str, str] | None:
    """``words`` when the two direction words are about the same thing (their neighbouring content words meet),
    else None: "improved overall survival" does not oppose "strong chemo is unsafe" for the same people."""
    if words is None:
        return None
    if not _near(window, words[0], topic) & _near(claim, words[1], topic):
        return None
    if _condition_flipped(window, claim, words):
        return None
    return words if _subject_kept(window, claim, words, topic) else None


def _condition_flipped(window: str, claim: str, words: tuple[str, str]) -> bool:
    """Whether the two sides also differ by the opposite poles of another pair of terms, so the two flips
    cancel: "if MRD is negative, the chance of relapse is lower" agrees with "if MRD is positive, it is higher"."""
    from harness.score.engines.judge import opposites

    own = {words[0].split()[-1].lower(), words[1].split()[-1].lower()}
    a_terms = [t for t in opposites.terms(window) if t.surface.lower() not in own]
    c_terms = [t for t in opposites.terms(claim) if t.surface.lower() not in own]
    return any(a.group == c.group and (a.pole * (-1 if a.negated else 1)) != (c.pole * (-1 if c.negated else 1))
               for a in a_terms for c in c_terms)


def _subject_kept(window: str, claim: str, words: tuple[str, str], topic: frozenset[str]) -> bool:
    """Whether the answer's clause holding its direction word names at least half of what the claim's word
    is said of (the claim's content words before it in its clause, topic words aside): "hormone pills lower
    the chance of relapse" is not denied by "people at higher risk also get a second pill"."""
    from harness.score.engines.cues.context import fold

    w_low, c_low = fold(window), fold(claim)
    cw = re.search(r"\b" + re.escape(words[1].split()[-1].lower()) + r"\b", c_low)
    aw = re.search(r"\b" + re.escape(words[0].split()[-1].lower()) + r"\b", w_low)
    if cw is None or aw is None:
        return True
    c0, _ = structure._clause_around(c_low, cw.start(), cw.end())
    subject = {k: w for k, w in lexicon.content_keys(claim[c0:cw.start()]).items() if k not in topic}
    if not subject:
        return True
    a0, a1 = structure._clause_around(w_low, aw.start(), aw.end())
    said = lexicon.content_keys(window[a0:a1])
    return 2 * sum(w for k, w in subject.items() if k in said) >= sum(subject.values())


def _clash(a: tuple[tuple[int, str, str], ...], c: tuple[tuple[int, str, str], ...]) -> tuple[str, str] | None:
    """(answer phrase, claim phrase) when every signed word of the claim points one way and every one of the
    window the other (a window that says both "higher" and "lower" is not read for a direction)."""
    sa, sc = sum(s for s, _, _ in a), sum(s for s, _, _ in c)
    if not sa or not sc or (sa > 0) == (sc > 0) or abs(sa) != len(a) or abs(sc) != len(c):
        return None
    pa = next(p for s, _, p in a if (s > 0) == (sa > 0))
    pc = next(p for s, _, p in c if (s > 0) == (sc > 0))
    return pa, pc


_WINDOWS_SEEN: dict[tuple[int, int], tuple[PreparedAnswer, PreparedClaim, tuple[tuple[float, int, int], ...]]] = {}


def _windows(answer: PreparedAnswer, claim: PreparedClaim) -> list[tuple[float, int, int]]:
    """(coverage, first unit, last unit) of the two windows (a sentence or two adjacent) most about the claim.

    Kept for the (answer, claim) pair (by identity: the batch's prepared objects), which this signal, the
    ``refutation`` signal and ``direction_conflict`` each ask for."""
    seen = _WINDOWS_SEEN.get((id(answer), id(claim)))
    if seen is not None and seen[0] is answer and seen[1] is claim:
        return list(seen[2])
    if len(_WINDOWS_SEEN) >= 2048:
        _WINDOWS_SEEN.clear()
    found = _find_windows(answer, claim)
    _WINDOWS_SEEN[(id(answer), id(claim))] = (answer, claim, tuple(found))
    return found


def _find_windows(answer: PreparedAnswer, claim: PreparedClaim) -> list[tuple[float, int, int]]:
    total = sum(claim.keys.values())
    if not total or not answer.units:
        return []
    held: list[list[float]] = [[] for _ in answer.singles]  # each sentence's weights of the claim, in its order
    for k, w in claim.keys.items():
        for i in answer.postings.get(k, ()):
            held[i].append(w)
    per = [sum(ws) / total for ws in held]
    found = [(c, i, i) for i, c in enumerate(per) if c > 0]
    for i in range(len(per) - 1):
        if per[i] > 0 and per[i + 1] > 0:
            keys = answer.singles[i].keys.keys() | answer.singles[i + 1].keys.keys()
            cov = sum(w for k, w in claim.keys.items() if k in keys) / total
            if cov > max(per[i], per[i + 1]) + 0.1:  # a pair only when it adds the claim's content
                found.append((cov, i, i + 1))
    return sorted(found, key=lambda t: (-t[0], t[1], t[2]))[:2]


def measure(answer: PreparedAnswer, claim: PreparedClaim) -> tuple[list[float], Disagreement | None]:
    """The signal's columns for one (answer, claim) and the window it read (None: nothing about the claim)."""
    best: tuple[float, list[float], Disagreement] | None = None
    c_dirs, c_vals, c_neg = _reading(claim.text)
    c_pol = _polarity(claim.text)
    for cov, a, b in _windows(answer, claim):
        start, end = answer.units[a][0], answer.units[b][1]
        window = answer.text[start:end]
        w_dirs, w_vals, w_neg = _reading(window)
        w_pol = _polarity(window)
        # the answer's topic words ("cancer" in an answer about CA-125) are not what a claim asserts
        shared = [k for k in c_pol if k in w_pol and k not in answer.topic]
        flipped = sorted((k for k in shared if c_pol[k][0] != w_pol[k][0]), key=str.isdigit)  # words name it first
        if flipped and (structure.same_wait(window, claim.text) or opposites.agrees(window, claim.text)):
            flipped = []  # "do not drive for 8 weeks" / "wait 8 weeks before driving"; "not rare" / "common"
        weight = sum(claim.keys.get(k, 0.5) for k in shared) or 1.0
        polarity = sum(claim.keys.get(k, 0.5) for k in flipped) / weight if shared else 0.0
        d_words, v_words = _clash(w_dirs, c_dirs), _clash(w_vals, c_vals)
        # "lower with A than B" / "higher with B than A" agree (asked only when there are opposite words to excuse)
        mirror = (d_words is not None or v_words is not None) and _mirrored(window, claim.text)
        direction = None if mirror else _same_target(window, claim.text, d_words, answer.topic)
        valence = None if mirror else _same_target(window, claim.text, v_words, answer.topic)
        qs = tuple(q for s in range(a, b + 1) for q in answer.singles[s].quantities)
        numbers = signals.compare_numbers(_unbounded(window, claim), qs, roles=True)
        quantity = numbers.conflict is not None and cov >= QUANTITY_TOPIC  # a number about something else
        # "ALL" in capitals is acute lymphoblastic leukaemia, not a quantifier
        universal = _UNIVERSAL.search(claim.text.replace("ALL", "").lower())
        partial = _PARTIAL.search(window.lower())
        absolute = universal is not None and partial is not None
        words: tuple[str, str] | None = direction or valence
        if words is None and flipped:
            k = flipped[0]
            wa, ca = w_pol[k], c_pol[k]
            words = (_negated_phrase(window, wa), _negated_phrase(claim.text, ca))
        if words is None and quantity and numbers.found is not None and numbers.conflict is not None:
            words = (numbers.found.surface, numbers.conflict.surface)
        if words is None and universal is not None and partial is not None:
            words = (partial.group(0), universal.group(0))
        clash = max(polarity, float(direction is not None), float(valence is not None), float(quantity))
        row = [cov, polarity, float(w_neg and not c_neg), float(c_neg and not w_neg), float(direction is not None),
               float(valence is not None), float(quantity), float(absolute), float(not c_neg), clash * cov]
        found = Disagreement((start, end), window, claim.text, words, cov, c_neg)
        if best is None or (row[-1], cov) > (best[1][-1], best[0]):
            best = (cov, row, found)
    if best is None:
        return [0.0] * len(COLUMNS), None
    return best[1], best[2]


@lru_cache(maxsize=8192)
def _polarity(text: str) -> dict[str, tuple[bool, int, int]]:
    """``structure.polarity_words`` with negation read by ConText's ``negator_before`` alone: the judge's
    extra denials ("preferred over X", "refractory to X") name what an answer rejects, not the opposite
    of a claim about X, so they do not count here (``structure.polarity_reading`` keeps that reading)."""
    by_cue = structure.polarity_reading(text)[1]
    return {k: (by_cue[k], start, end) for k, (_, start, end) in structure.polarity_words(text).items()}


DIRECTION_TOPIC = 0.75
"""A window holding this share of an affirmative claim, pointing the opposite way, is a structural conflict."""


def direction_conflict(answer: PreparedAnswer, claim: PreparedClaim) -> structure.Conflict | None:
    """An opposite direction of change or judgement in a window that holds nearly all of an affirmative claim
    ("a fatty meal lowers the amount in the blood" vs "... increases the amount in the blood"), as a
    structural conflict naming both words; None otherwise."""
    c_dirs, c_vals, c_neg = _reading(claim.text)
    if c_neg or not (c_dirs or c_vals):
        return None
    for cov, a, b in _windows(answer, claim):
        if cov < DIRECTION_TOPIC:
            continue
        start, end = answer.units[a][0], answer.units[b][1]
        w_dirs, w_vals, _ = _reading(answer.text[start:end])
        if _mirrored(answer.text[start:end], claim.text):
            continue
        window = answer.text[start:end]
        words = _same_target(window, claim.text, _clash(w_dirs, c_dirs), answer.topic) or \
            _same_target(window, claim.text, _clash(w_vals, c_vals), answer.topic)
        if words is not None:
            at = answer.text.lower().find(words[0].split()[-1], start, end)
            span = (at, at + len(words[0].split()[-1])) if at >= 0 else (start, end)
            c_at = max(claim.text.lower().find(words[1].split()[-1]), 0)
            return structure.Conflict("opposite", span, (c_at, c_at + len(words[1].split()[-1])), words[0], words[1])
    return None


def _mirrored(window: str, claim: str) -> bool:
    """A comparison and its mirror (``opposites.mirrored``): their opposite directions agree."""
    from harness.score.engines.cues.context import fold

    return opposites.mirrored(fold(window), fold(claim))


def _negated_phrase(text: str, at: tuple[bool, int, int]) -> str:
    """A word with the negation that governs it: "did not ease the itching" (just the word when not negated)."""

    neg, start, end = at
    if not neg:
        return text[start:end]
    low = structure.folded(text)
    cue = opposites.negation(low, start)
    begin = low.rfind(cue, max(0, start - 64), start) if cue else -1
    if begin < 0 or start - begin > 60:
        begin = max(0, start - 24)
    return " ".join(text[begin:end].split())
