"""From (answer, claim) to the feature vector the combiner scores, plus the evidence behind it.

The answer is prepared once (``prepare_answer``, cached): sentences from the markdown-aware
splitter (``harness.core.text.split_sentences``), each with its canonical tokens, quantities, negation
and hedge cues. Every sentence is a candidate *window*, and so is every pair of adjacent sentences,
because a claim is often split across two ("CAR T is a second-line option. It is used when
lymphoma returns within 12 months.").

For one claim the window that covers most of the claim's weighted content is the evidence; the
features describe how well it covers the claim (weighted coverage, TF-IDF cosine, rapidfuzz
token-set ratio), whether rare claim words are absent from the whole answer, and whether numbers,
negation, hedging, opposite words and drug names agree. ``FEATURE_NAMES`` is the contract with the
fitted parameters: a profile stores the names it was fitted on and refuses a mismatch.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from harness.score.engines.judge import drugs, lexicon, signals
from harness.score.engines.judge.units import answer_units as _units

FEATURE_NAMES: tuple[str, ...] = (
    "cov_best",          # weighted share of claim content in the evidence window
    "cos_best",          # TF-IDF cosine, claim vs evidence window
    "tsr_best",          # rapidfuzz token_set_ratio / 100, claim vs evidence window
    "tsr_max",           # best token_set_ratio over single sentences (the classic baseline)
    "cov_answer",        # weighted share of claim content anywhere in the answer
    "cov_focus",         # coverage in the window of the claim words that are not the answer's topic words
    "top_missing",       # the window lacks the claim's weightiest word (weight ratio to the heaviest)
    "top3_missing",      # share of the claim's three weightiest words the window lacks
    "rare_missing",      # share of the claim's rare-word weight absent from the whole answer
    "max_missing",       # weight of the rarest claim word absent from the answer / 7
    "drug_claim",        # the claim names a drug
    "drug_missing",      # share of the claim's drugs the answer never names
    "core_drug_missing",  # the same for drugs named outside an example list ("such as", "e.g.")
    "num_claim",         # the claim gives a quantity
    "num_match",         # share of claim quantities the evidence window matches
    "num_conflict",      # the window gives a different value in the same dimension
    "neg_claim",         # the claim is negated
    "neg_window",        # the evidence window is negated
    "neg_mismatch_cov",  # exactly one of them is negated, times coverage
    "hedge_mismatch_cov",  # exactly one hedges, times coverage
    "antonym_cov",       # the window uses the opposite of a claim word, times coverage
    "conflict_cov",      # numbers conflict, times coverage
    "pair_window",       # evidence spans two sentences
    "claim_len",         # log(1 + claim content words)
    "answer_len",        # log(1 + answer sentences)
)
RARE_WEIGHT = 4.5
_EXAMPLES = re.compile(r"\b(?:such as|e\.g\.|for example|for instance|including|like)\b|\(", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Window:
    """A sentence, or two adjacent ones, of the answer, ready for comparison."""

    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    keys: dict[str, float]
    counts: dict[str, int]
    norm_sq: float
    processed: str
    words: frozenset[str]
    quantities: tuple[signals.Quantity, ...]
    negations: tuple[str, ...]
    hedges: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: prepared once per text
class PreparedAnswer:
    text: str
    units: tuple[tuple[int, int, str], ...]
    singles: tuple[Window, ...]
    keys: dict[str, float]
    topic: frozenset[str]
    """Words in at least a third of the sentences (what the whole answer is about)."""
    postings: dict[str, tuple[int, ...]]
    """Token key -> indices of the sentences that contain it."""
    processed: tuple[str, ...]
    """Each sentence as rapidfuzz's default_process sees it."""
    quantities: tuple[signals.Quantity, ...]
    leads: tuple[int | None, ...] = ()
    """For each list item, the index of the sentence leading into its list (else None)."""

    def pair(self, i: int) -> Window:
        """Sentences i and i+1 as one window (built only when a claim needs it)."""
        return _pair(self, i)

    def with_lead(self, i: int) -> Window:
        """List item i with the sentence leading into its list, as one window."""
        return _with_lead(self, i)


@dataclass(frozen=True, slots=True)
class PreparedClaim:
    text: str
    keys: dict[str, float]
    surfaces: dict[str, str]
    norm_sq: float
    processed: str
    words: frozenset[str]
    quantities: tuple[signals.Quantity, ...]
    negations: tuple[str, ...]
    hedges: tuple[str, ...]
    numeric: frozenset[str] = frozenset()
    """Number and unit tokens, covered by an equal quantity rather than by spelling."""
    core_drugs: frozenset[str] = frozenset()
    """Drugs the claim names outside an example list: the answer must name them to support it."""


@dataclass(frozen=True, slots=True)
class Details:
    """What the features saw, for the verdict's evidence and reason."""

    window: Window | None
    coverage: float
    missing_terms: tuple[str, ...]
    number_conflict: tuple[str, str] | None = None
    """(answer says, claim says)"""
    negation: tuple[str, str] | None = None
    """(side that negates: 'answer' | 'claim', the negated phrase)"""
    antonym: tuple[str, str] | None = None
    hedge: tuple[str, str] | None = None
    values: dict[str, float] = field(default_factory=dict)


def _window(spans: list[tuple[int, int, str]]) -> Window:
    keys: dict[str, float] = {}
    counts: dict[str, int] = {}
    words: set[str] = set()
    quantities: list[signals.Quantity] = []
    negs: list[str] = []
    hedges: list[str] = []
    for _, _, sentence in spans:
        prepared = lexicon.prepare(sentence)
        for tok in lexicon.tokens(sentence):
            words.add(tok.surface)
            if tok.content:
                counts[tok.key] = counts.get(tok.key, 0) + 1
                if keys.get(tok.key, 0.0) < tok.weight:
                    keys[tok.key] = tok.weight
        quantities.extend(signals.quantities(prepared))
        negs.extend(signals.negations(prepared))
        hedges.extend(signals.hedges(prepared))
    norm_sq = sum((keys[k] * c) ** 2 for k, c in counts.items())
    return Window(spans[0][0], spans[-1][1], tuple((s, e) for s, e, _ in spans), keys, counts, norm_sq,
                  default_process(" ".join(t for _, _, t in spans)), frozenset(words), tuple(quantities),
                  tuple(negs), tuple(hedges))


@lru_cache(maxsize=256)
def prepare_answer(text: str) -> PreparedAnswer:
    unit_list, leads = _units(text)
    units = tuple(unit_list)
    singles = tuple(_window([u]) for u in units)
    keys: dict[str, float] = {}
    quantities: list[signals.Quantity] = []
    for w in singles:
        for k, v in w.keys.items():
            keys[k] = max(v, keys.get(k, 0.0))
        quantities.extend(w.quantities)
    postings: dict[str, list[int]] = {}
    for i, w in enumerate(singles):
        for k in w.keys:
            postings.setdefault(k, []).append(i)
    topic = frozenset(k for k, ids in postings.items() if len(ids) >= 2 and len(ids) >= len(singles) / 3)
    return PreparedAnswer(text, units, singles, keys, topic, {k: tuple(v) for k, v in postings.items()},
                          tuple(w.processed for w in singles), tuple(quantities), tuple(leads))


@lru_cache(maxsize=1024)
def _pair(answer: PreparedAnswer, i: int) -> Window:
    return _window([answer.units[i], answer.units[i + 1]])


@lru_cache(maxsize=1024)
def _with_lead(answer: PreparedAnswer, i: int) -> Window:
    lead = answer.leads[i]
    assert lead is not None
    return _window([answer.units[lead], answer.units[i]])


@lru_cache(maxsize=8192)
def prepare_claim(text: str) -> PreparedClaim:
    keys: dict[str, float] = {}
    surfaces: dict[str, str] = {}
    words: set[str] = set()
    for tok in lexicon.tokens(text):
        words.add(tok.surface)
        if tok.content and keys.get(tok.key, 0.0) < tok.weight:
            keys[tok.key] = tok.weight
            surfaces.setdefault(tok.key, tok.surface)
    prepared = lexicon.prepare(text)
    quantities = signals.quantities(prepared)
    core = _EXAMPLES.split(text, maxsplit=1)[0]
    core_drugs = frozenset(t.key for t in lexicon.tokens(core) if t.key.startswith("rx_") and not drugs.is_class(t.key))
    return PreparedClaim(text, keys, surfaces, sum(v * v for v in keys.values()), default_process(text),
                         frozenset(words), quantities, signals.negations(prepared), signals.hedges(prepared),
                         _numeric_keys(keys) if quantities else frozenset(), core_drugs)


def _numeric_keys(keys: dict[str, float]) -> frozenset[str]:
    """The claim's number and unit tokens (judged by quantity, not by spelling)."""
    units = {lexicon.stem(u) for u in signals.UNIT_WORDS}
    return frozenset(k for k in keys if k.replace(".", "").isdigit() or k in units)


def _touches(phrase: str, keys: dict[str, float], topic: frozenset[str]) -> bool:
    """Whether a negated phrase ("is not an option") shares a content word with ``keys``, not counting
    drug names and the answer's topic words (what is negated is a predicate, not a name)."""
    return any(tok.content and tok.key in keys and not tok.key.startswith("rx_") and tok.key not in topic
               for tok in lexicon.tokens(phrase))


def _coverage(claim: PreparedClaim, window: Window, total: float) -> float:
    return sum(w for k, w in claim.keys.items() if k in window.keys) / total if total else 0.0


def _cosine(claim: PreparedClaim, window: Window) -> float:
    if not claim.norm_sq or not window.norm_sq:
        return 0.0
    dot = sum(w * window.keys[k] * window.counts[k] for k, w in claim.keys.items() if k in window.keys)
    return dot / math.sqrt(claim.norm_sq * window.norm_sq)


def _respell(answer: PreparedAnswer, claim: PreparedClaim) -> PreparedClaim:
    """Map rare claim words the answer spells differently ("benedryl"/"benadryl") onto the answer's spelling."""
    absent = [k for k, w in claim.keys.items() if k not in answer.keys and w >= RARE_WEIGHT and len(k) >= 6
              and not k.startswith("rx_")]
    if not absent:
        return claim
    vocab = [k for k in answer.keys if len(k) >= 5]
    renamed: dict[str, str] = {}
    for k in absent:
        hit = process.extractOne(k, vocab, scorer=fuzz.ratio, score_cutoff=84) if vocab else None
        if hit is not None and hit[0] not in claim.keys:
            renamed[k] = hit[0]
    if not renamed:
        return claim
    keys = {renamed.get(k, k): w for k, w in claim.keys.items()}
    surfaces = {renamed.get(k, k): v for k, v in claim.surfaces.items()}
    return replace(claim, keys=keys, surfaces=surfaces)


def featurize(answer: PreparedAnswer, claim: PreparedClaim) -> tuple[list[float], Details]:
    """The feature vector (in ``FEATURE_NAMES`` order) and the details a reason is written from."""
    claim = _respell(answer, claim)
    total = sum(claim.keys.values())
    singles = answer.singles
    # numbers and their units count as covered where the window states the same quantity
    # ("40 to 45%" covers "41%"; "two years" covers "24 months"), not by spelling
    numeric = {k: w for k, w in claim.keys.items() if k in claim.numeric}
    # inverted index: only sentences sharing a word with the claim are scored
    cov_at: dict[int, float] = {}
    dot_at: dict[int, float] = {}
    for k, w in claim.keys.items():
        if k in numeric:
            continue
        for i in answer.postings.get(k, ()):
            cov_at[i] = cov_at.get(i, 0.0) + w
            win = singles[i]
            dot_at[i] = dot_at.get(i, 0.0) + w * win.keys[k] * win.counts[k]
    num_hit: set[int] = set()
    num_w = sum(numeric.values())
    if numeric:
        for i, win in enumerate(singles):
            if win.quantities and any(q.overlaps(p) for q in claim.quantities for p in win.quantities
                                      if q.dimension == p.dimension):
                cov_at[i] = cov_at.get(i, 0.0) + num_w
                num_hit.add(i)
    best: Window | None = singles[0] if singles else None
    best_score, best_cov, best_cos = 0.0, 0.0, 0.0
    for i in sorted(cov_at):
        cov = cov_at[i] / total
        cos = dot_at.get(i, 0.0) / math.sqrt(claim.norm_sq * singles[i].norm_sq) if claim.norm_sq and singles[i].norm_sq \
            else 0.0
        if cov + 0.5 * cos > best_score:
            best, best_score, best_cov, best_cos = singles[i], cov + 0.5 * cos, cov, cos
    hit = process.extractOne(claim.processed, answer.processed, scorer=fuzz.token_set_ratio,
                             processor=None) if answer.processed else None
    tsr_max = hit[1] / 100 if hit else 0.0
    pair_used = 0.0
    pair_cov: dict[int, float] = {}
    last = len(singles) - 1  # pairs start at 0 .. last - 1
    for k, w in claim.keys.items():
        touched: set[int] = set()
        for i in answer.postings.get(k, ()):  # the pairs holding sentence i: (i - 1, i) and (i, i + 1)
            if 0 < i <= last:
                touched.add(i - 1)
            if i < last:
                touched.add(i)
        for j in touched:
            pair_cov[j] = pair_cov.get(j, 0.0) + w
    for j in list(pair_cov):
        if j in num_hit or j + 1 in num_hit:
            pair_cov[j] += num_w
    anchor = best  # numbers are read from one sentence: a neighbour's "12 months" must not rescue "36 months"
    for i in sorted(pair_cov):
        cov = pair_cov[i] / total
        if cov >= best_cov + 0.15:
            pair = answer.pair(i)
            cos = _cosine(claim, pair)
            if cov + 0.5 * cos > best_score + 0.1:
                best, best_score, best_cov, best_cos, pair_used = pair, cov + 0.5 * cos, cov, cos, 1.0
                anchor = singles[i] if cov_at.get(i, 0.0) >= cov_at.get(i + 1, 0.0) else singles[i + 1]
    # a list item with the sentence leading into its list ("CAR T is now used when:" / "- the lymphoma
    # comes back within 12 months")
    for i, lead in enumerate(answer.leads):
        if lead is None or lead == i - 1 or i not in cov_at:
            continue
        cov = (cov_at[i] + sum(w for k, w in claim.keys.items() if k not in singles[i].keys
                               and k in singles[lead].keys and k not in numeric)) / total
        if cov >= best_cov + 0.15:
            led = answer.with_lead(i)
            cos = _cosine(claim, led)
            if cov + 0.5 * cos > best_score + 0.1:
                best, best_score, best_cov, best_cos, pair_used = led, cov + 0.5 * cos, cov, cos, 1.0
                anchor = singles[i]
    numbers_stated = bool(numeric) and any(q.overlaps(p) for q in claim.quantities for p in answer.quantities
                                           if q.dimension == p.dimension)
    missing = [k for k in claim.keys if k not in answer.keys and not (numbers_stated and k in numeric)]
    rare_total = sum(w for w in claim.keys.values() if w >= RARE_WEIGHT)
    rare_missing = sum(claim.keys[k] for k in missing if claim.keys[k] >= RARE_WEIGHT)
    cov_answer = 1.0 - (sum(claim.keys[k] for k in missing) / total) if total else 0.0
    drugs = [k for k in claim.keys if k.startswith("rx_")]
    drug_missing = sum(k in missing for k in drugs) / len(drugs) if drugs else 0.0
    core_drug_missing = sum(k not in answer.keys for k in claim.core_drugs) / len(claim.core_drugs) \
        if claim.core_drugs else 0.0
    details_kw: dict[str, object] = {}
    if best is None:
        values = dict.fromkeys(FEATURE_NAMES, 0.0)
        values.update(rare_missing=1.0 if rare_total else 0.0, max_missing=1.0, drug_claim=float(bool(drugs)),
                      drug_missing=1.0 if drugs else 0.0, core_drug_missing=1.0 if claim.core_drugs else 0.0,
                      num_claim=float(bool(claim.quantities)),
                      neg_claim=float(bool(claim.negations)), claim_len=math.log1p(len(claim.keys)))
    else:
        check = signals.compare_numbers(claim.quantities, anchor.quantities if anchor else best.quantities)
        # a negation counts only where it touches what the claim and the window share
        # (names do not count: "it is not recommended to take Zyrtec" does not negate "Zyrtec is an antihistamine")
        neg_c = any(_touches(phrase, best.keys, answer.topic) for phrase in claim.negations)
        neg_w = any(_touches(phrase, claim.keys, answer.topic) for phrase in best.negations)
        hedge_c, hedge_w = bool(claim.hedges), bool(best.hedges)
        antonym = signals.antonym_clash(claim.keys, best.keys)
        tsr_best = fuzz.token_set_ratio(claim.processed, best.processed) / 100
        focus = {k: w for k, w in claim.keys.items() if k not in answer.topic}
        focus_total = sum(focus.values())
        cov_focus = sum(w for k, w in focus.items() if k in best.keys) / focus_total if focus_total else best_cov
        ranked = sorted(claim.keys, key=lambda k: -claim.keys[k])
        heaviest = claim.keys[ranked[0]] if ranked else 1.0
        absent_in_window = [k for k in ranked if k not in best.keys and not (k in numeric and check.matched)]
        values = {
            "cov_best": best_cov, "cov_focus": cov_focus,
            "top_missing": claim.keys[absent_in_window[0]] / heaviest if absent_in_window else 0.0,
            "top3_missing": sum(k in absent_in_window for k in ranked[:3]) / max(1, min(3, len(ranked))), "cos_best": best_cos, "tsr_best": tsr_best, "tsr_max": tsr_max,
            "cov_answer": cov_answer,
            "rare_missing": rare_missing / rare_total if rare_total else 0.0,
            "max_missing": max((claim.keys[k] for k in missing), default=0.0) / 7.0,
            "drug_claim": float(bool(drugs)), "drug_missing": drug_missing, "core_drug_missing": core_drug_missing,
            "num_claim": float(bool(claim.quantities)),
            "num_match": check.matched / check.n_claim if check.n_claim else 0.0,
            "num_conflict": float(check.conflict is not None),
            "neg_claim": float(neg_c), "neg_window": float(neg_w),
            "neg_mismatch_cov": float(neg_c != neg_w) * best_cov,
            "hedge_mismatch_cov": float(hedge_c != hedge_w) * best_cov,
            "antonym_cov": float(antonym is not None) * best_cov,
            "conflict_cov": float(check.conflict is not None) * best_cov,
            "pair_window": pair_used,
            "claim_len": math.log1p(len(claim.keys)),
            "answer_len": math.log1p(len(answer.singles)),
        }
        if check.conflict is not None and check.found is not None:
            details_kw["number_conflict"] = (check.found.surface, check.conflict.surface)
        if neg_c != neg_w:
            side, phrases, keys = ("answer", best.negations, claim.keys) if neg_w else ("claim", claim.negations,
                                                                                        best.keys)
            details_kw["negation"] = (side, next(p for p in phrases if _touches(p, keys, answer.topic)))
        if hedge_c != hedge_w:
            details_kw["hedge"] = ("answer", best.hedges[0]) if hedge_w else ("claim", claim.hedges[0])
        if antonym is not None:
            details_kw["antonym"] = antonym
    missing_terms = tuple(claim.surfaces[k] for k in sorted(missing, key=lambda k: -claim.keys[k]))
    details = Details(best, best_cov, missing_terms, values=values, **details_kw)  # type: ignore[arg-type]
    return [values[n] for n in FEATURE_NAMES], details
