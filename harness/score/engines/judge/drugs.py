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
