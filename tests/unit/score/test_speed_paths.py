"""The fast scoring paths give exactly what the plain ones gave (issue 16: speed never changes a score).

Each optimisation is compared with the straightforward code it replaced, kept here as the
reference: WordLlama's own ``embed`` against the per-text tokenization, the per-window weighted
means against the array form, the character-by-character mask against the sliced one, the full
not-a-figure and drug patterns against their prefilters, per-claim clause cutting against the
once-per-answer cuts, word-by-word token ids against one tokenizer call on the whole text, the
statement patterns against their word prefilters, ``best_match`` against matching every passage in
full, a gold pair passage read from its two sentences against the pair read whole, and the scores of
the shipped samples with BLAS on one thread against BLAS on several. The texts are the shipped sample answers, the gold answers and claims of the default
battery, the labelled cases, and (when the shared dev data is present) MedQuAD's cancer answers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pytest

from harness.battery import load_battery
from harness.core.text import split_sentences
from harness.generate import make_generator
from harness.score.base import build_scorers
from harness.score.engines.judge import embedding, lexicon, protocol
from harness.score.engines.judge.features import PreparedAnswer, PreparedClaim, prepare_answer, prepare_claim
from harness.score.engines.statements import backing, numbers, specific
from harness.score.session import ScoringSession
from tests.paths import CASES, REPO, SHARED_DATA

MEDQUAD = SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl"
SAMPLES = sorted((REPO / "evals" / "samples" / "oncology").glob("*.jsonl"))


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """Answers and other long strings of the shipped samples and cases, the default gold, some MedQuAD answers."""
    out: list[str] = []
    for path in [*SAMPLES, *sorted(CASES.glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            out += [v for v in row.values() if isinstance(v, str) and len(v) > 20] if isinstance(row, dict) else []
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    out += [battery.gold[q.id].answer for q in battery.questions]
    if MEDQUAD.is_file():
        out += [json.loads(line)["answer"] for line in MEDQUAD.read_text(encoding="utf-8").splitlines()[:300]]
    return tuple(out)


@lru_cache(maxsize=1)
def _claims() -> tuple[str, ...]:
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    return tuple(c.text for q in battery.questions for c in battery.gold[q.id].claims)


def _sentences() -> list[str]:
    return [t[s.start:s.end] for t in _texts() for s in split_sentences(t)]


# ------------------------------------------------------------------ embeddings


def test_mean_vectors_equal_wordllama_embed_bit_for_bit() -> None:
    model = embedding.model()
    for text in _texts()[:200]:
        units = [u[2] for u in prepare_answer(text).units]
        if not units:
            continue
        assert np.array_equal(embedding.mean_vectors(units), model.embed(units, norm=False))
    claims = list(_claims())
    assert np.array_equal(embedding.embed(claims), model.embed(claims, norm=True))


def test_learned_cue_embeddings_equal_their_own_tokenization() -> None:
    """The learned cue component reads token ids through the judge's cache: the same rows as encoding itself."""
    from harness.score.engines.cues import learned

    wl = learned.embedder()
    for text in _texts()[:120]:
        sentences = [s.text for s in split_sentences(text)]
        if not sentences:
            continue
        encoded = [wl.tokenizer.encode(t, add_special_tokens=False) for t in sentences]
        own = [np.asarray(e.ids, dtype=np.int64)[np.asarray(e.attention_mask, dtype=bool)] for e in encoded]
        assert all(np.array_equal(a, embedding.token_ids(t)) for a, t in zip(own, sentences, strict=True))
        rows = np.zeros((len(sentences), wl.embedding.shape[1]))
        for i, ids in enumerate(own):
            if len(ids):
                rows[i] = wl.embedding[np.clip(ids, 0, wl.embedding.shape[0] - 1)].sum(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        expected = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
        assert np.allclose(learned.embed(sentences), expected, atol=1e-6)


def test_token_ids_word_by_word_equal_one_tokenizer_call() -> None:
    """Tokenizing word by word gives the ids of one call on the whole text; other texts go whole."""
    odd = ["a  b", " lead", "trail ", "x <s> y", "<unk>", "a\u2581b", "tab\there", "new\nline", "", "   ", "a - b",
           "caf\u00e9 na\u00efve \U0001f600 \u4e2d\u6587", "Stage IV (M1), i.e. stage-4; 5-FU/LV...", "x</s>"]
    texts = [*odd, *_sentences()[:4000], *(lexicon.plain(t) for t in _sentences()[:1500]), *_claims()]
    size = embedding.model().embedding.shape[0]
    for text in texts:
        encoded = embedding.model().tokenizer.encode(text, add_special_tokens=False)
        whole = np.clip(np.asarray(encoded.ids, dtype=np.int64)[np.asarray(encoded.attention_mask, dtype=bool)],
                        0, size - 1)
        assert np.array_equal(embedding.token_ids(text), whole), text


def _reference_similarity(units: Sequence[str], groups: Sequence[Sequence[int]], extra: Sequence[str],
                          claims: Sequence[str]) -> np.ndarray:
    """The per-window code the array form replaced (WordLlama's own embed, one weighted mean per group),
    reading the same plain-word rewrite of each text (``lexicon.plain``) as the signal does."""
    texts = [lexicon.plain(t) for t in (*units, *extra)]
    means = np.asarray(embedding.model().embed(list(texts), norm=False), dtype=np.float32)
    sizes = np.array([max(1, len(t.split())) for t in texts], dtype=np.float32)
    n = len(units)
    rows = [(means[list(g)] * sizes[list(g), None]).sum(axis=0) / sizes[list(g)].sum() for g in groups]
    rows += list(means[n:])
    rows.append((means[:n] * sizes[:n, None]).sum(axis=0) / sizes[:n].sum() if n else means.mean(axis=0))
    w = np.stack(rows)
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    c = np.asarray(embedding.model().embed([lexicon.plain(t) for t in claims], norm=True), dtype=np.float32)
    return c @ w.T


def test_window_similarities_equal_the_per_window_reference() -> None:
    claims = list(_claims()[:12])
    checked = 0
    for text in _texts()[:150]:
        answer = prepare_answer(text)
        n = len(answer.units)
        if not n:
            continue
        windows = [(i, i) for i in range(n)] + [(i, i + 1) for i in range(n - 1)]
        windows += [(lead, i) for i, lead in enumerate(answer.leads) if lead is not None and lead != i - 1]
        groups = [(a,) if a == b else (a, b) for a, b in windows]
        clauses = [c for _, _, t in answer.units if len(t) > 160 for c in protocol._split_clauses(t)]
        units = [u[2] for u in answer.units]
        fast = embedding.similarity(units, groups, clauses, claims)
        assert fast.dtype == np.float32
        assert np.array_equal(fast, _reference_similarity(units, groups, clauses, claims))
        checked += 1
    assert checked > 50


# ------------------------------------------------------------------ structure signal: clauses cut once


def _reference_clauses(answer: PreparedAnswer, claim: PreparedClaim) -> list[tuple[float, int, int]]:
    total = sum(claim.keys.values())
    if not total:
        return []
    sentences: set[int] = set()
    for k in claim.keys:
        sentences.update(answer.postings.get(k, ()))
    found = []
    for i in sentences:
        start, end, _ = answer.units[i]
        raw = answer.text[start:end]
        cuts = [0, *(m.start() for m in protocol._CLAUSE.finditer(raw)), len(raw)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            keys = lexicon.content_keys(raw[a:b])
            cov = sum(w for k, w in claim.keys.items() if k in keys) / total
            if cov >= 0.4:
                found.append((cov, start + a, start + b))
            elif a == 0 and i > 0 and protocol._ANAPHOR.match(answer.units[i][2]):  # a pronoun reads back
                before = lexicon.content_keys(answer.text[answer.units[i - 1][0]:answer.units[i - 1][1]])
                cov = sum(w for k, w in claim.keys.items() if k in keys or k in before) / total
                if cov >= 0.4:
                    found.append((cov, answer.units[i - 1][0], start + b))
    if not found:
        return []
    top = max(c for c, _, _ in found)
    return sorted((t for t in found if t[0] >= 0.85 * top), key=lambda t: (-t[0], t[1]))[:2]


def test_clauses_cut_once_per_answer_equal_cutting_per_claim() -> None:
    claims = [prepare_claim(c) for c in _claims()]
    for text in _texts()[:120]:
        answer = prepare_answer(text)
        cuts = protocol.Clauses(answer)
        for claim in claims:
            assert protocol._clauses(answer, claim, cuts) == _reference_clauses(answer, claim)


# ------------------------------------------------------------------ statements: mask and its prefilters


def _reference_mask(text: str, spans: Sequence[tuple[int, int]] = ()) -> str:
    """The character-by-character mask, with the full patterns on every sentence."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(max(0, start), min(len(chars), end)):
            if not chars[i].isspace():
                chars[i] = " "

    for start, end in spans:
        blank(start, end)
    for m in specific._NOT_FIGURES.finditer(text):
        blank(m.start(), m.end())
    for m in specific._TRIAL_NAME.finditer(text):
        blank(m.start(), m.end())
    return "".join(chars)


NUMBERED_WORDS = [w.replace("\\", "") for w in specific._NUMBERED.split("|")]


EXTRAS = [
    "See https://www.cancer.gov/types and doi 10.1000/x for more.",
    "Read www.nhs.uk first.",
    "Call the twenty-four hour helpline.",
    "CALL THE TWENTY-FOUR HOUR NURSE LINE, visit HTTPS://WWW.NHS.UK or see DOI: abc.",
    *(f"This is {w} iv and {w.upper()} II disease." for w in NUMBERED_WORDS),
    "Osimertinib and pembrolizumab\u00a0are options\u2003for stage\u00a0IV.",
]


def test_mask_equals_the_character_reference() -> None:
    for sentence in [*EXTRAS, *_sentences()]:
        assert specific.mask(sentence) == _reference_mask(sentence)
        spans = [(-2, 4), (len(sentence) // 2, len(sentence) + 5), (3, 3)]
        assert specific.mask(sentence, spans) == _reference_mask(sentence, spans)


def test_prefilters_never_hide_a_match() -> None:
    sentences = [*EXTRAS, *_sentences()] + [f"{w} {r}" for w in NUMBERED_WORDS for r in ("iv", "x", "III", "2b")]
    for s in sentences:
        if specific._NOT_FIGURES.search(s) is not None or specific._TRIAL_NAME.search(s) is not None:
            assert specific._may_hold_non_figure(s), s
        if specific._DRUG.search(s) is not None:
            assert specific._may_name_drug(s), s


def test_statement_prefilters_never_hide_a_match() -> None:
    """A pattern skipped by a word prefilter (``numbers.may_state``, ``specific.may_say``, ``specific._lacks``)
    has no match in that text."""
    words = [w for rx in (numbers._SHARE, numbers._MULTIPLIER, numbers._ONE_UNIT) for w in re.findall(r"[a-z]+",
             rx.pattern)] + list(numbers._WORDS) + sorted(specific._STANDARD_WORDS | specific._LEAD_WORDS)
    tricky = [f"{a} {b} {c}" for a, b, c in zip(words, words[3:], words[7:], strict=False)]
    tricky += ["Tenfold", "FIVE-year survival", "It is the Standard Of Care", "Months earlier than scans",
               "FDA approved in March 2020", "Myth: false", "Some people say", "Not medical advice", "see: x",
               "Doubled", "TWICE daily", "two-thirds", "half of them", "ANNUALLY", "K\u212a one", "\u017ftandard"]
    for s in [*tricky, *_sentences()]:
        numeric, shares, multipliers, one_units = numbers.may_state(s)
        assert numeric or (numbers._RATIO.search(s) is None and numbers._QUANTITY.search(s) is None), s
        assert shares or numbers._SHARE.search(s) is None, s
        assert multipliers or numbers._MULTIPLIER.search(s) is None, s
        assert one_units or numbers._ONE_UNIT.search(s) is None, s
        digit, lead, standard = specific.may_say(s)
        assert digit or not any(rx.search(s) for rx in (specific._YEAR, specific._DATE, specific._EDITION)), s
        assert lead or specific._LEAD_TIME.search(s) is None, s
        assert standard or not (specific._STANDARD.search(s) or specific._STANDARD_NOUN_FIRST.search(s)), s
        if specific._lacks(s, specific._REPORTED_WORDS):
            assert specific._REPORTED.search(s) is None and specific._MYTH_LABEL.match(s) is None, s
        if specific._lacks(s, specific._DISCLAIMER_WORDS):
            assert specific._DISCLAIMER.search(s) is None, s
        if specific._lacks(s, specific._REFERENCE_WORDS, or_digit=True):
            assert specific._REFERENCE_LINE.search(s) is None, s


def _reference_best_match(facts: backing.StatementFacts, passages: Sequence[backing.Passage],
                          min_overlap: float) -> tuple[backing.Match | None, backing.Match | None]:
    """Every passage matched in full, the best and closest picked from the ``Match`` objects."""
    best = closest = None
    for passage in passages:
        m = backing.match(facts, passage)
        if m.carries(min_overlap):
            if best is None or m.overlap > best.overlap:
                best = m
        elif closest is None or (m.overlap - 0.2 * len(m.missing_numbers) - 0.2 * len(m.missing_drugs)) > (
                closest.overlap - 0.2 * len(closest.missing_numbers) - 0.2 * len(closest.missing_drugs)):
            closest = m
    return best, closest


def test_best_match_equals_matching_every_passage_in_full() -> None:
    texts = _texts()
    checked = 0
    for i, text in enumerate(texts[:160]):
        gold = texts[(i + 1) % len(texts)]
        passages = [backing.Passage.of("gold", f"{s.start}-{s.end}", gold[s.start:s.end])
                    for s in split_sentences(gold)]
        passages += [backing.Passage.of("claim", str(j), c) for j, c in enumerate(_claims()[:40])]
        for s in split_sentences(text):
            raw = text[s.start:s.end]
            facts = backing.statement_facts(raw, specific.mask(raw))
            for threshold in (0.0, 0.5):
                assert backing.best_match(facts, passages, threshold) == _reference_best_match(facts, passages,
                                                                                             threshold)
            checked += 1
    assert checked > 500


def test_pair_passages_equal_reading_the_pair_whole() -> None:
    """A pair of gold sentences read from its two cached parts equals the pair read as one text."""
    texts = [*_texts()[:250], "He can't. No way\u2019s that right away. Not 5", "It is not; given R-CHOP. CAR-T not x"]
    checked = 0
    for text in texts:
        sentences = split_sentences(text)
        for a, b in zip(sentences, sentences[1:], strict=False):
            for context in (a.text, a.text.rstrip(".") + " not", text[a.start:a.end]):
                fast = backing.Passage.of("gold", "r", b.text, context=context)
                full = f"{context} {b.text}"
                assert (fast.text, fast.words, fast.drugs, fast.negated) == (
                    full, backing.content_words(full),
                    frozenset(specific.drug_names(full) | specific.line_markers(b.text)), backing.negated(full))
                checked += 1
    assert checked > 1000


def test_phrase_canonical_token_is_the_first_pattern_that_matches() -> None:
    for text in _texts()[:200]:
        norm = lexicon.prepare(text)
        for m in lexicon._phrases(norm):
            # a row that reads the words around its phrase ("ER" before "-negative") is matched in place
            first = next(((tok, plain) for i, (pat, tok, plain) in enumerate(lexicon._PHRASE_EACH)
                          if (pat.fullmatch(m.group(0)) if i not in lexicon._CONTEXT_ROWS else
                              (hit := lexicon._CONTEXT_ROWS[i].match(norm, m.start())) and hit.end() == m.end())),
                         ("", None))
            assert lexicon._row_of(m) == first


# ------------------------------------------------------------------ one BLAS thread changes no score


def _score_samples() -> list[str]:
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    out = []
    for path in SAMPLES:
        generator = make_generator(f"recorded:{path}", battery)
        session = ScoringSession(battery, build_scorers(None), dt.date(2026, 11, 26))
        for q in battery.questions:
            scored = session.score(generator.generate(q))
            out += [repr(s) for s in scored.scores] + [repr(sorted(scored.judgements.items()))]
    return out


@pytest.mark.slow  # scores the samples twice: > 3 s; `make test` runs it, `make test-fast` does not
def test_scores_are_the_same_with_one_blas_thread_or_several() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        one = _score_samples()
    with threadpoolctl.threadpool_limits(limits=4, user_api="blas"):
        several = _score_samples()
    assert one == several
    assert any(re.search(r"verdict='supported'", line) for line in one)
