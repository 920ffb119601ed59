"""The claim judge's fast paths give exactly what the plain ones gave (issue 16, round speed4).

Each fast path is compared with the straightforward code it replaced, kept here as the reference: the
windows most about a claim read from the answer's postings (and kept per answer and claim) against testing
every claim key against every sentence; word tokens cached by segment against tokenizing every segment
afresh; the drug-token set against a scan of the drug table's values; and (round speed5) the refutation signal's
stance, denial scopes and direction reading, each word's classes asked once, against matching every pattern
at every word, and the structure rules' judge-specific denial cues read only in a text holding one of their
words against reading them at every token, and the contradiction signal's mirror test asked only for a window
with opposite words against asking it for every window. The texts are the shipped sample
answers, the labelled cases, the default battery's gold answers and claims, and (when the shared dev data is
present) MedQuAD's cancer answers (``test_speed_paths._texts``).
"""

from __future__ import annotations

import re

import pytest

from harness.score.engines.judge import contradiction, drugs, lexicon, refutation
from harness.score.engines.judge.features import PreparedAnswer, PreparedClaim, prepare_answer, prepare_claim
from tests.unit.score.test_speed_paths import _claims, _sentences, _texts


def _reference_windows(answer: PreparedAnswer, claim: PreparedClaim) -> list[tuple[float, int, int]]:
    total = sum(claim.keys.values())
    if not total or not answer.units:
        return []
    per = [sum(w for k, w in claim.keys.items() if k in s.keys) / total for s in answer.singles]
    found = [(c, i, i) for i, c in enumerate(per) if c > 0]
    for i in range(len(per) - 1):
        if per[i] > 0 and per[i + 1] > 0:
            keys = answer.singles[i].keys.keys() | answer.singles[i + 1].keys.keys()
            cov = sum(w for k, w in claim.keys.items() if k in keys) / total
            if cov > max(per[i], per[i + 1]) + 0.1:
                found.append((cov, i, i + 1))
    return sorted(found, key=lambda t: (-t[0], t[1], t[2]))[:2]


def test_windows_from_postings_equal_testing_every_sentence() -> None:
    claims = [prepare_claim(c) for c in _claims()]
    answers = [prepare_answer(t) for t in _texts()[:150]]
    checked = 0
    for answer in answers:
        for claim in claims:
            want = _reference_windows(answer, claim)
            assert contradiction._find_windows(answer, claim) == want
            assert contradiction._windows(answer, claim) == want  # computed, then kept
            assert contradiction._windows(answer, claim) == want
            checked += bool(want)
    assert checked > 1000  # most pairs share nothing; enough of them do


def test_windows_kept_by_identity_not_by_equal_text() -> None:
    answer = prepare_answer(_texts()[0])
    claim = prepare_claim(_claims()[0])
    first = contradiction._windows(answer, claim)
    renamed = PreparedClaim(claim.text, {k + "x": w for k, w in claim.keys.items()}, claim.surfaces, claim.norm_sq,
                            claim.processed, claim.words, claim.quantities, claim.negations, claim.hedges)
    assert contradiction._windows(answer, renamed) == _reference_windows(answer, renamed)
    assert contradiction._windows(answer, claim) == first


def test_word_tokens_cached_by_segment_equal_fresh_ones() -> None:
    fresh = lexicon._word_tokens.__wrapped__  # type: ignore[attr-defined]
    texts = [*_sentences()[:3000], *_claims()]
    for text in texts:
        norm = lexicon.prepare(text)
        assert lexicon._word_tokens(norm) == tuple(fresh(norm))
    # a joined window's tokens equal those read with no segment cache at all
    lexicon._word_tokens.cache_clear()  # type: ignore[attr-defined]
    for a, b in zip(texts, texts[1:], strict=False):
        joined = lexicon.prepare(a + " " + b)
        assert lexicon._word_tokens(joined) == tuple(fresh(joined))


def test_drug_token_set_is_the_table_values() -> None:
    assert drugs.tokens() == frozenset(drugs.table().values())


def _reference_reading(text: str) -> tuple[tuple[tuple[int, str, str], ...], tuple[tuple[int, str, str], ...], bool]:
    from harness.score.engines.cues.context import fold
    from harness.score.engines.judge import opposites, signals

    low = fold(text)
    dirs, vals = [], []
    negated_any = bool(signals.negations(lexicon.prepare(text)))
    terms = contradiction._term_spans(text)  # read for every text, as before
    for m in contradiction._WORD.finditer(low):
        d, v = contradiction._cls(m.group(0))
        if (not d and not v) or any(a <= m.start() < b for a, b in terms):
            continue
        neg = opposites.negation(low, m.start())
        sign = -1 if neg else 1
        begin = low.rfind(neg, max(0, m.start() - 64), m.start()) if neg else -1
        phrase = " ".join(text[begin:m.end()].split()) if begin >= 0 else m.group(0)
        if d:
            dirs.append((d * sign, m.group(0), phrase))
        if v:
            vals.append((v * sign, m.group(0), phrase))
    return tuple(dirs), tuple(vals), negated_any


def test_reading_tokenizes_only_texts_with_a_direction_word_and_reads_the_same() -> None:
    texts = [*_sentences()[:3000], *_claims()]
    texts += [a + " " + b for a, b in zip(texts[:1000], texts[1:1001], strict=False)]
    for text in texts:
        assert contradiction._reading.__wrapped__(text) == _reference_reading(text)  # type: ignore[attr-defined]


def test_cue_negation_kept_from_the_polarity_pass_equals_reading_it_again() -> None:
    from harness.score.engines.judge import opposites, structure

    texts = [*_sentences()[:3000], *_claims()]
    for text in texts:
        low = structure.folded(text)
        want = {k: (opposites.negation(low, start) is not None, start, end)
                for k, (_, start, end) in structure.polarity_words(text).items()}
        assert contradiction._polarity.__wrapped__(text) == want  # type: ignore[attr-defined]


def _reference_stance(text: str) -> int:
    r = refutation
    words = r._TOKENS.findall(" ".join(text.lower().replace("’", "'").split()))
    total = 0
    for i, w in enumerate(words):
        up, down = r._UP_WORDS.match(w) is not None, r._DOWN_WORDS.match(w) is not None
        sign = -1 if any(r._NEG_WORD.match(v) for v in words[max(0, i - 3):i]) else 1
        if up or down:
            near = words[i + 1:i + 6] + words[max(0, i - 3):i]
            outcome = next((-1 if r._BAD_OUTCOME.match(v) else 1 for v in near
                            if r._BAD_OUTCOME.match(v) or r._GOOD_OUTCOME.match(v)), 0)
            total += (1 if up else -1) * outcome * sign
        elif (w == "risk" and words[i + 1:i + 2] and words[i + 1].startswith("factor")) or r._BAD_WORDS.match(w):
            total -= sign
        elif r._GOOD_WORDS.match(w):
            total += sign
    return (total > 0) - (total < 0)


def _reference_scopes(text: str) -> tuple[set[str], set[str]]:
    r = refutation
    words = r._TOKENS.findall(r._NOT_ONLY.sub(" ", text.lower()))
    denied, said = set(), set()
    for i, w in enumerate(words):
        if len(w) < 4 or w in r._STOP:
            continue
        said.add(w[:5])
        if any(r._NEG_WORD.match(v) for v in words[max(0, i - 4):i]):
            denied.add(w[:5])
    return denied, said


def _reference_direction(window: str, claim: str) -> bool:
    c_dirs, c_vals, _ = contradiction._reading(claim)
    w_dirs, w_vals, _ = contradiction._reading(window)  # read for every window, as before
    for c, w in ((c_dirs, w_dirs), (c_vals, w_vals)):
        sc, sw = sum(s for s, _, _ in c), sum(s for s, _, _ in w)
        if sc and sw and (sc > 0) != (sw > 0):
            return True
    cl, wl = claim.lower(), window.lower()
    r = refutation
    return bool((r._BIGGER.search(cl) and r._SMALLER.search(wl) and not r._BIGGER.search(wl))
                or (r._SMALLER.search(cl) and r._BIGGER.search(wl) and not r._SMALLER.search(wl)))


def _refutation_texts() -> list[str]:
    texts = [*_sentences()[:3000], *_claims(),
             "Masks slow the spread of the virus.", "The drug did not reduce deaths and was harmful.",
             "Smoking is a risk factor for severe illness.", "It is not only safe but never harmful; no risk factor.",
             "Patients lacked antibodies and could not mount an immune response to the vaccine."]
    return texts + [a + " " + b for a, b in zip(texts[:1500], texts[1:1501], strict=False)]


def test_refutation_stance_reading_each_word_once_equals_matching_every_pattern() -> None:
    texts = _refutation_texts()
    signed = 0
    for text in texts:
        got = refutation.stance.__wrapped__(text)  # type: ignore[attr-defined]
        assert got == _reference_stance(text), text
        signed += got != 0
    assert signed > 300  # the texts carry stances of both kinds, not only neutral ones


def test_refutation_denial_scopes_and_flip_equal_matching_every_pattern() -> None:
    texts = _refutation_texts()
    denied = 0
    for text in texts:
        want = _reference_scopes(text)
        assert refutation._denials.__wrapped__(text) == want  # type: ignore[attr-defined]
        denied += bool(want[0])
    assert denied > 300
    for a, b in zip(texts[:2000], texts[7:2007], strict=False):
        (cd, cs), (wd, ws) = _reference_scopes(b), _reference_scopes(a)
        want = len((cd & (ws - wd)) | (wd & (cs - cd))) / len(cd | wd) if cd | wd else 0.0
        assert refutation._flip(a, b) == want


def test_refutation_direction_reads_the_window_only_for_a_claim_with_a_direction() -> None:
    texts = _refutation_texts()
    opposed = 0
    for a, b in zip(texts[:3000], texts[11:3011], strict=False):
        want = _reference_direction(a, b)
        assert refutation._direction(a, b) == want
        opposed += want
    assert opposed > 10  # some pairs do point opposite ways


def test_polarity_reading_gated_on_against_words_equals_reading_every_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from harness.score.engines.judge import structure

    texts = _refutation_texts() + ["EGFR-negative tumours respond poorly.", "Surgery is preferred over radiation.",
                                   "Osimertinib is not recommended here.", "It failed in the second line."]
    fast = [structure.polarity_reading.__wrapped__(t) for t in texts]  # type: ignore[attr-defined]
    words = structure._AGAINST_WORDS
    monkeypatch.setattr(structure, "_AGAINST_WORDS", ("",))  # "" is in every text: the cues read at every token
    plain = [structure.polarity_reading.__wrapped__(t) for t in texts]  # type: ignore[attr-defined]
    assert fast == plain
    assert sum(neg for reading, _ in plain for neg, _, _ in reading.values()) > 300
    against = [t for t in texts if any(structure._judged_against(structure.folded(t), m.start(), m.end())
                                       for m in re.finditer(r"[a-z]+", structure.folded(t)))]
    assert len(against) > 20 and all(any(w in structure.folded(t) for w in words) for t in against)


def _reference_measure(answer: PreparedAnswer, claim: PreparedClaim) -> tuple[list[float], contradiction.Disagreement | None]:
    C = contradiction
    best: tuple[float, list[float], contradiction.Disagreement] | None = None
    c_dirs, c_vals, c_neg = C._reading(claim.text)
    c_pol = C._polarity(claim.text)
    for cov, a, b in C._windows(answer, claim):
        start, end = answer.units[a][0], answer.units[b][1]
        window = answer.text[start:end]
        w_dirs, w_vals, w_neg = C._reading(window)
        w_pol = C._polarity(window)
        # the answer's topic words ("cancer" in an answer about CA-125) are not what a claim asserts
        shared = [k for k in c_pol if k in w_pol and k not in answer.topic]
        flipped = sorted((k for k in shared if c_pol[k][0] != w_pol[k][0]), key=str.isdigit)  # words name it first
        if flipped and (C.structure.same_wait(window, claim.text) or C.opposites.agrees(window, claim.text)):
            flipped = []  # "do not drive for 8 weeks" / "wait 8 weeks before driving"; "not rare" / "common"
        weight = sum(claim.keys.get(k, 0.5) for k in shared) or 1.0
        polarity = sum(claim.keys.get(k, 0.5) for k in flipped) / weight if shared else 0.0
        mirror = C._mirrored(window, claim.text)  # asked for every window, as before
        direction = None if mirror else C._same_target(window, claim.text, C._clash(w_dirs, c_dirs), answer.topic)
        valence = None if mirror else C._same_target(window, claim.text, C._clash(w_vals, c_vals), answer.topic)
        qs = tuple(q for s in range(a, b + 1) for q in answer.singles[s].quantities)
        numbers = C.signals.compare_numbers(C._unbounded(window, claim), qs, roles=True)
        quantity = numbers.conflict is not None and cov >= C.QUANTITY_TOPIC  # a number about something else
        # "ALL" in capitals is acute lymphoblastic leukaemia, not a quantifier
        universal = C._UNIVERSAL.search(claim.text.replace("ALL", "").lower())
        partial = C._PARTIAL.search(window.lower())
        absolute = universal is not None and partial is not None
        words: tuple[str, str] | None = direction or valence
        if words is None and flipped:
            k = flipped[0]
            wa, ca = w_pol[k], c_pol[k]
            words = (C._negated_phrase(window, wa), C._negated_phrase(claim.text, ca))
        if words is None and quantity and numbers.found is not None and numbers.conflict is not None:
            words = (numbers.found.surface, numbers.conflict.surface)
        if words is None and universal is not None and partial is not None:
            words = (partial.group(0), universal.group(0))
        clash = max(polarity, float(direction is not None), float(valence is not None), float(quantity))
        row = [cov, polarity, float(w_neg and not c_neg), float(c_neg and not w_neg), float(direction is not None),
               float(valence is not None), float(quantity), float(absolute), float(not c_neg), clash * cov]
        found = C.Disagreement((start, end), window, claim.text, words, cov, c_neg)
        if best is None or (row[-1], cov) > (best[1][-1], best[0]):
            best = (cov, row, found)
    if best is None:
        return [0.0] * len(C.COLUMNS), None
    return best[1], best[2]


def test_contradiction_mirror_asked_only_with_opposite_words_measures_the_same() -> None:
    claims = [prepare_claim(c) for c in _claims()]
    answers = [prepare_answer(t) for t in _texts()[:120]]
    read = 0
    for answer in answers:
        for claim in claims:
            want = _reference_measure(answer, claim)
            assert contradiction.measure(answer, claim) == want
            read += want[1] is not None and (want[0][4] > 0 or want[0][5] > 0)
    assert read > 5  # some windows do point the other way


def test_find_conflict_asks_agrees_after_a_denial_with_the_same_conflicts(monkeypatch: pytest.MonkeyPatch) -> None:
    from harness.score.engines.judge import opposites, polarity, structure

    sentences, claims = list(_sentences()[:1500]), list(_claims())
    pairs = [(s, claims[i % len(claims)]) for i, s in enumerate(sentences)]
    pairs += [(a, b) for a, b in zip(sentences[:1500], sentences[1:1501], strict=False)]
    pairs += [("Side effects of this drug are not rare.", "Side effects of this drug are common."),
              ("Side effects of this drug are not rare.", "Side effects of this drug are rare."),
              ("This lump is not malignant.", "This lump is benign."), ("Radiation does not cure it.", "Radiation cures it.")]
    real = polarity.denied
    found, excused = 0, 0
    for sentence, claim in pairs:
        fast = structure.find_conflict(sentence, 0, claim)
        agree = opposites.agrees(sentence, claim)  # the reference: a double negative skips the polarity rule first
        monkeypatch.setattr(polarity, "denied", (lambda *a, **k: None) if agree else real)
        assert structure.find_conflict(sentence, 0, claim) == fast, (sentence, claim)
        monkeypatch.setattr(polarity, "denied", real)
        found += fast is not None
        excused += agree and fast is None
    assert found > 20 and excused >= 1
