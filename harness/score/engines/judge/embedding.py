"""The meaning signal: static sentence embeddings (WordLlama) compared by cosine, one batch per answer.

Word overlap cannot see that "most stage IV solid tumours are incurable" and "stage 4 cancer
usually cannot be cured" say the same thing. A sentence embedding can, to a degree. The model is
WordLlama ``l2_supercat`` at 256 dimensions (MIT licence, 16 MB of weights shipped inside the
``wordllama`` wheel): token embeddings distilled from a large language model, averaged per text,
so one answer costs well under a millisecond on one core and nothing is downloaded (the loader is
pointed at the package folder with downloading disabled).

Chosen by measurement (``benchmarks/bench_judge.py``): on K-QA dev, "best answer window vs claim"
cosine with a threshold tuned on inner folds agrees with physicians better than the rapidfuzz
baseline, at a cost that fits the judge's 2 ms per (answer, claim) budget; transformer models that
ship their weights (e5-small 4-bit, MiniLM int8) cost 50-1000x more per answer.

Columns (``COLUMNS``), for every (window, claim) pair of one answer in one matrix product:

- ``emb_max``: the best cosine between the claim and any evidence window;
- ``emb_at_best``: the cosine with the lexical evidence window (the one the verdict cites);
- ``emb_answer``: the cosine between the claim and the whole answer (what it is about).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from harness.score.engines.judge import lexicon

COLUMNS: tuple[str, ...] = ("emb_max", "emb_at_best", "emb_answer")
_CLAIM_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CLAIM_CACHE_SIZE = 8192


class EmbeddingUnavailable(RuntimeError):
    """The embedding package or its weights cannot be loaded."""


@lru_cache(maxsize=1)
def model() -> Any:
    """The WordLlama model, loaded once from the weights inside the installed package (no network)."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:  # pragma: no cover - a core dependency; the message is for broken installs
        raise EmbeddingUnavailable("the 'embedding' judge signal needs the wordllama package "
                                   "(pip install wordllama)") from exc
    folder = os.path.dirname(wordllama.__file__)
    try:
        return WordLlama.load(cache_dir=folder, disable_download=True)
    except Exception as exc:  # noqa: BLE001 - any failure to load is one sentence for the user
        raise EmbeddingUnavailable(f"the 'embedding' judge signal cannot load WordLlama's weights from {folder} "
                                   f"({exc})") from exc


def available() -> str | None:
    """None when the signal can run, else the sentence saying why not."""
    try:
        model()
    except EmbeddingUnavailable as exc:
        return str(exc)
    return None


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (float32)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    out = model().embed(list(texts), norm=True)
    return np.asarray(out, dtype=np.float32)


def embed_claims(texts: Sequence[str]) -> np.ndarray:
    """Claim embeddings, cached by text: every answer to a question meets the same gold claims."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CLAIM_CACHE]
    if todo:
        for t, row in zip(todo, embed(todo), strict=True):
            _CLAIM_CACHE[t] = row
            if len(_CLAIM_CACHE) > _CLAIM_CACHE_SIZE:
                _CLAIM_CACHE.popitem(last=False)
    return np.stack([_CLAIM_CACHE[t] for t in texts]) if texts else np.zeros((0, 256), dtype=np.float32)


def similarity(units: Sequence[str], groups: Sequence[Sequence[int]], extra: Sequence[str],
               claims: Sequence[str]) -> np.ndarray:
    """(len(claims), len(groups) + len(extra) + 1) cosines of each claim with: each window made of a group
    of units (a sentence, two adjacent ones, an item with its lead-in), each extra text (clauses), and
    the whole answer.

    Only the units and the extra texts are embedded: WordLlama averages token vectors, so a window's
    vector is the length-weighted mean of its units' mean vectors (lengths in words, near enough).
    """
    texts = [lexicon.plain(t) for t in (*units, *extra)]  # clinician phrases in plain words, as the claims
    if not texts:
        return np.zeros((len(claims), len(groups) + 1), dtype=np.float32)
    means = np.asarray(model().embed(list(texts), norm=False), dtype=np.float32)
    sizes = np.array([max(1, len(t.split())) for t in texts], dtype=np.float32)
    n = len(units)
    rows = [(means[list(g)] * sizes[list(g), None]).sum(axis=0) / sizes[list(g)].sum() for g in groups]
    rows += list(means[n:])
    rows.append((means[:n] * sizes[:n, None]).sum(axis=0) / sizes[:n].sum() if n else means.mean(axis=0))
    w = np.stack(rows)
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    c = embed_claims([lexicon.plain(t) for t in claims])
    if not len(c):
        return np.zeros((0, len(w)), dtype=np.float32)
    return c @ w.T
