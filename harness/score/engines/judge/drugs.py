"""Brand and generic drug names, from the offline ``drug-named-entity-recognition`` package.

The package ships a dictionary of about 100,000 drug name variants (brand names, generics,
synonyms) mapped to canonical generic names ("lexapro" -> escitalopram, "yescarta" ->
axicabtagene ciloleucel). Importing the package itself takes seconds (it builds a fuzzy n-gram
index we do not need), so the judge reads the dictionary file directly, keeps only what name
matching needs (variant -> canonical token) and caches that compact table as JSON in the user's
cache directory (``$ANSWER_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/answer-audit``, else
``~/.cache/answer-audit``). Nothing is downloaded; without the package, drug names are simply
compared as words.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

_TABLE: dict[str, str] | None = None
_FIRST_WORDS: dict[str, int] = {}
"""First word of each multi-word variant -> the most words a variant starting with it has."""
_MAX_WORDS = 3
_FDA_SUFFIX = re.compile(r"-[a-z]{4}$")  # "tafasitamab-cxix" -> "tafasitamab"
_CACHE_VERSION = 1


def canonical_token(name: str) -> str:
    """The token a canonical drug name becomes: ``rx_`` + words joined by underscores."""
    name = _FDA_SUFFIX.sub("", name.lower().strip())
    return "rx_" + re.sub(r"[^a-z0-9]+", "_", name).strip("_")


def cache_dir() -> Path:
    """Where the compact drug table is cached (see the module docstring)."""
    env = os.environ.get("ANSWER_AUDIT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "answer-audit" if xdg else Path.home() / ".cache" / "answer-audit"


def table() -> dict[str, str]:
    """Variant (lower-case, space-separated words) -> canonical token; empty without the package."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _load()
        for variant in _TABLE:
            words = variant.split()
            if len(words) > 1:
                _FIRST_WORDS[words[0]] = max(len(words), _FIRST_WORDS.get(words[0], 0))
    return _TABLE


def first_words() -> dict[str, int]:
    """First word of every multi-word variant -> its longest variant's word count."""
    table()
    return _FIRST_WORDS


def lookup(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """The drug named by the longest variant starting at ``words[i]``: (canonical token, word count)."""
    names = table()
    if not names:
        return None
    for n in range(min(_FIRST_WORDS.get(words[i], 1), len(words) - i), 1, -1):
        hit = names.get(" ".join(words[i:i + n]))
        if hit is not None:
            return hit, n
    hit = names.get(words[i])
    return None if hit is None else (hit, 1)


def _package_version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version("drug-named-entity-recognition")
    except metadata.PackageNotFoundError:
        return None


def _load() -> dict[str, str]:
    version = _package_version()
    if version is None:
        return {}
    path = cache_dir() / f"drug-names-{version}-v{_CACHE_VERSION}.json"
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, just slower on the next process
    return data


def _build() -> dict[str, str]:
    """Read the package's dictionary file and keep the variants worth matching."""
    import bz2
    import importlib.resources
    import pickle

    from wordfreq import zipf_frequency

    source = importlib.resources.files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2")
    with bz2.open(str(source), "rb") as fh:
        raw = pickle.load(fh)  # noqa: S301 - the installed package's own data file
    out: dict[str, str] = {}
    for variant, canonicals in raw["drug_variant_to_canonical"].items():
        if not canonicals or not re.fullmatch(r"[a-z][a-z ]{3,}[a-z]", variant):
            continue
        words = variant.split()
        if len(words) > _MAX_WORDS:
            continue
        # Common English words that happen to be product names ("today", "sits") are not drugs.
        if len(words) == 1 and zipf_frequency(variant, "en") > 3.8:
            continue
        out[variant] = canonical_token(canonicals[0])
    return out
