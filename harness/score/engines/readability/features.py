"""Interpretable text features for the difficulty model: vocabulary, jargon, sentence shape.

The standard formulas see only sentence length and syllables, which is why they rank a Cochrane
plain-language summary easier than its technical abstract in only about a quarter of pairs.
People find medical text hard mostly because of its words: rare words, jargon, acronyms,
numbers and statistics. Each feature below is one such property, measured per word or per
sentence so it means the same on a one-sentence rating item and on a long answer:

==========================  ===============================================================
``words_per_sentence``      words / sentence units (headings and list items are units)
``syllables_per_word``      mean syllables (project syllable source, as the formulas use)
``polysyllable_share``      share of words with 3+ syllables
``letters_per_word``        mean letters per word
``mean_zipf``               mean wordfreq Zipf frequency of the words (7 = "the", 3 = once
                            per million words, 0 = not in wordfreq's English list)
``rare_share``              share of words with Zipf < 3
``jargon_share``            share of words that are medical jargon: Zipf < 4 and a medical
                            morpheme (``-itis``, ``-oma``, ``cyto-``...), a drug stem
                            (``-mab``, ``-nib``...) or an override-table term
``acronym_share``           tokens with 2+ capitals (CI, GWAS, ctDNA) per token
``number_share``            numbers and ``%`` signs per token
``parens_per_sentence``     parenthesised asides per sentence unit
``personal_share``          share of you/your/we/our/us/I/my (plain-language register)
``difficult_share``         share of words not on the Dale-Chall easy list (textstat's copy)
==========================  ===============================================================

All offline: wordfreq ships its word lists inside the package.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from operator import mul

from harness.score.engines.readability.formulas import easy_words
from harness.score.engines.readability.syllables import OVERRIDES, count_syllables

FEATURE_NAMES: tuple[str, ...] = (
    "words_per_sentence", "syllables_per_word", "polysyllable_share", "letters_per_word",
    "mean_zipf", "rare_share", "jargon_share", "acronym_share", "number_share",
    "parens_per_sentence", "personal_share", "difficult_share",
)

_TOKEN = re.compile(r"[A-Za-z0-9%]+(?:['’\-.][A-Za-z0-9]+)*%?")
_ALPHA = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TWO_CAPITALS = re.compile(r"[A-Z][^A-Z]*[A-Z]")
_NUMBER = re.compile(r"[0-9][0-9.,]*%?|%")
_PERSONAL = frozenset(("you", "your", "yours", "yourself", "we", "our", "ours", "us", "i", "my", "me"))
_MEDICAL_MORPHEME = re.compile(
    r"(?:itis|omas?|ectom(?:y|ies)|otom(?:y|ies)|ostom(?:y|ies)|emia|aemia|opath(?:y|ies)|plasi(?:a|as)|"
    r"plastic|cytes?|cytic|genic|genesis|osis|oses|ology|ological|ologist|algia|uria|penia|"
    r"trophy|kinase|ase|mab|nib|zomib|platin|taxel|rubicin|cel|tide|vir|azole|statin|lukast|"
    r"ulin|idine|amine|mide|mycin|cillin)$"
    r"|^(?:cyto|hemat|haemat|lymph|myel|leuk|carcin|onco|neur|nephr|hepat|cardi|gastr|angio|"
    r"immun|thromb|erythr|fibr|oste|derm|path|pharmac|chemo|radio|endo|histo|adeno|metasta)"
)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="best")


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a lower-case word (log10 of uses per billion words); 0 if unknown."""
    import math

    freq = _frequencies().get(word, 0.0)
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


WORD_MEMO_SIZE = 262_144
"""Bound of the per-word memo below: a fact about a word, never about an answer (static-ish, like the
word lists it reads), bounded so a long-running process does not grow without limit."""


@lru_cache(maxsize=WORD_MEMO_SIZE)
def word_vector(word: str) -> tuple[int, int, int, float, int, int, int, int]:
    """Per-word facts, memoised per word (answers reuse most of their vocabulary):

    ``(syllables, polysyllabic, letters, zipf, rare, jargon, personal, difficult)``.
    """
    z = zipf(word)
    syl = count_syllables(word)
    jargon = word in OVERRIDES or (z < 4.0 and bool(_MEDICAL_MORPHEME.search(word)))
    return (syl, int(syl >= 3), len(word), z, int(z < 3.0), int(jargon), int(word in _PERSONAL),
            int(word not in easy_words()))


def features(units: Sequence[str]) -> dict[str, float] | None:
    """The feature vector of a text given as its sentence units; None when it has no words."""
    if not units:
        return None
    text = "\n".join(units)
    tokens = _TOKEN.findall(text)
    words = _ALPHA.findall(text.lower().replace("’", "'"))
    if not words or not tokens:
        return None
    counts = Counter(words)  # per distinct word: answers repeat their vocabulary
    weights = list(counts.values())
    syl, poly, letters, zipfs, rare, jargon, personal, difficult = (
        sum(map(mul, column, weights)) for column in zip(*map(word_vector, counts), strict=True))
    acronyms = sum(1 for t in tokens if not t.islower() and _TWO_CAPITALS.search(t))
    numbers = len(_NUMBER.findall(text))
    n, n_tok, n_units = len(words), len(tokens), len(units)
    return {
        "words_per_sentence": n / n_units,
        "syllables_per_word": syl / n,
        "polysyllable_share": poly / n,
        "letters_per_word": letters / n,
        "mean_zipf": zipfs / n,
        "rare_share": rare / n,
        "jargon_share": jargon / n,
        "acronym_share": acronyms / n_tok,
        "number_share": numbers / n_tok,
        "parens_per_sentence": text.count("(") / n_units,
        "personal_share": personal / n,
        "difficult_share": difficult / n,
    }
