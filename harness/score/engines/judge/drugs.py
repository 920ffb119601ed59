"""Brand and generic drug names for the claim judge, from a table shipped as package data.

``drug_names.json`` beside this module maps about 49,000 drug name variants (brand names,
generics, synonyms; lower-case, space-separated words) to a canonical token ("lexapro" ->
``rx_escitalopram``, "yescarta" -> ``rx_axicabtagene_ciloleucel``). It is generated from the
``drug-named-entity-recognition`` package's public interface by ``benchmarks/build_drug_names.py``
and records the package version it came from, so scoring reads one JSON file: no import of that
package, no unpickling of its internal data, nothing downloaded or cached outside the install.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("drug_names.json")
_FDA_SUFFIX = re.compile(r"-[a-z]{4}$")  # "tafasitamab-cxix" -> "tafasitamab"


def canonical_token(name: str) -> str:
    """The token a canonical drug name becomes: ``rx_`` + words joined by underscores."""
    name = _FDA_SUFFIX.sub("", name.lower().strip())
    return "rx_" + re.sub(r"[^a-z0-9]+", "_", name).strip("_")


@cache
def _load() -> tuple[dict[str, str], dict[str, int], dict[str, str]]:
    """(variant -> token, first word of a multi-word variant -> its most words, source block)."""
    with TABLE_PATH.open(encoding="utf-8") as fh:
        data = json.load(fh)
    names: dict[str, str] = data["names"]
    first: dict[str, int] = {}
    for variant in names:
        words = variant.split()
        if len(words) > 1:
            first[words[0]] = max(len(words), first.get(words[0], 0))
    return names, first, data["source"]


def table() -> dict[str, str]:
    """Variant (lower-case, space-separated words) -> canonical token."""
    return _load()[0]


@cache
def tokens() -> frozenset[str]:
    """Every canonical drug token of the table (a set: ``token in table().values()`` scans 49,000 values)."""
    return frozenset(table().values())


_CLASS_TOKEN = re.compile(r"(?<![uiso])s$")


def is_class(token: str) -> bool:
    """Whether a canonical token names a class of drugs, not one drug.

    The table's classes are MeSH pharmacological headings, plural nouns ("antidepressant" ->
    ``rx_antidepressive_agents``, "antiemetics" -> ``rx_antiemetics``, "penicillins"); one drug's token is
    singular, and the few drug names that end in s end in -us, -is, -os or -ss ("sirolimus").
    A claim that names a class is stated by an answer that names a member ("Lexapro, an SSRI"), so
    the class is no drug the answer must name.

    >>> is_class("rx_antidepressive_agents"), is_class("rx_escitalopram"), is_class("rx_sirolimus")
    (True, False, False)
    """
    return _CLASS_TOKEN.search(token) is not None


def first_words() -> dict[str, int]:
    """First word of every multi-word variant -> its longest variant's word count."""
    return _load()[1]


def source() -> dict[str, str]:
    """Where the table came from: package name and version, wordfreq version, the filter used."""
    return _load()[2]


def lookup(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """The drug named by the longest variant starting at ``words[i]``: (canonical token, word count)."""
    names, first, _ = _load()
    for n in range(min(first.get(words[i], 1), len(words) - i), 1, -1):
        hit = names.get(" ".join(words[i:i + n]))
        if hit is not None:
            return hit, n
    hit = names.get(words[i])
    return None if hit is None else (hit, 1)


# Drug -> the class words a patient answer uses for it (token keys as ``lexicon.tokens`` spells the class:
# "checkpoint inhibitor" and "immunotherapy" -> immunotherapy, "BTK inhibitor" -> btkinh, "CAR T" -> cart).
# Classes as the NCI Drug Dictionary describes each agent; a drug a claim names still has to be named by
# the answer (its own token weighs more than its class), the class only lets "a PARP inhibitor pill" meet
# "olaparib". Not here: broad classes (chemotherapy, steroids, antibodies, CAR T products), which made a bare
# list of product names (a sources line) look like a statement about the class, and the "chemotherapy" class
# met the chemotherapy/chemoresistance opposites of the contradiction rules.
_CLASS_MEMBERS: dict[str, tuple[str, ...]] = {
    "immunotherapy": ("pembrolizumab", "nivolumab", "ipilimumab", "atezolizumab", "durvalumab", "cemiplimab",
                      "dostarlimab", "avelumab", "tremelimumab", "relatlimab", "tislelizumab", "toripalimab",
                      "retifanlimab"),
    "btkinh": ("ibrutinib", "acalabrutinib", "zanubrutinib", "pirtobrutinib"),
    "parpinh": ("olaparib", "niraparib", "rucaparib", "talazoparib"),
    "aromataseinh hormonetx": ("anastrozole", "letrozole", "exemestane"),
    "hormonetx": ("tamoxifen", "fulvestrant", "elacestrant", "enzalutamide", "abiraterone", "apalutamide",
                  "darolutamide", "leuprolide", "goserelin", "degarelix", "relugolix"),
    "alk inhibit": ("alectinib", "brigatinib", "lorlatinib", "crizotinib", "ceritinib"),
    "egfr inhibit": ("osimertinib", "erlotinib", "gefitinib", "afatinib", "dacomitinib"),
    "braf inhibit": ("dabrafenib", "vemurafenib", "encorafenib"),
    "mek inhibit": ("trametinib", "cobimetinib", "binimetinib"),
    "tki": ("imatinib", "dasatinib", "nilotinib", "ponatinib", "bosutinib", "sunitinib", "pazopanib",
            "cabozantinib", "lenvatinib", "sorafenib", "regorafenib", "axitinib", "lapatinib", "tucatinib",
            "neratinib", "selpercatinib", "pralsetinib", "capmatinib", "tepotinib", "entrectinib",
            "larotrectinib", "gilteritinib", "midostaurin", "quizartinib"),
    "bispecific": ("epcoritamab", "glofitamab", "mosunetuzumab", "teclistamab", "elranatamab", "talquetamab",
                   "linvoseltamab", "blinatumomab", "tarlatamab"),
    "hma": ("azacitidine", "decitabine"),
}


@cache
def classes() -> dict[str, tuple[str, ...]]:
    """Canonical drug token -> the class tokens a patient answer may name it by."""
    out: dict[str, tuple[str, ...]] = {}
    for tokens, members in _CLASS_MEMBERS.items():
        for name in members:
            key = canonical_token(name)
            out[key] = (*out.get(key, ()), *tokens.split())
    return out
