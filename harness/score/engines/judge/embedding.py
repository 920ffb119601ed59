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
import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
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
    out = mean_vectors(texts)
    out /= np.linalg.norm(out, axis=1, keepdims=True)  # as WordLlama.embed(norm=True) does
    return out


def embed_claims(texts: Sequence[str]) -> np.ndarray:
    """Claim embeddings, cached by text: every answer to a question meets the same gold claims."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CLAIM_CACHE]
    if todo:
        for t, row in zip(todo, embed(todo), strict=True):
            _CLAIM_CACHE[t] = row
            if len(_CLAIM_CACHE) > _CLAIM_CACHE_SIZE:
                _CLAIM_CACHE.popitem(last=False)
    return np.stack([_CLAIM_CACHE[t] for t in texts]) if texts else np.zeros((0, 256), dtype=np.float32)


@lru_cache(maxsize=4096)
def token_ids(text: str) -> np.ndarray:
    """WordLlama's token ids of one text (no special tokens, no padding), clipped to its token table as
    ``WordLlama.embed`` clips them; read-only.

    Cached by text: the learned cue component and the judge read the same answer sentences, so each
    is tokenized once. A text of words joined by single spaces is tokenized word by word, each word
    once per process (``_word_ids``): the tokenizer (LLaMA's BPE, no pre-tokenizer) writes each space
    as "▁" before the next word and none of its tokens holds a "▁" after another character, so no
    token spans two words and the ids of the text are its words' ids in order, the same as one
    call on the whole text (tested on every answer sentence; calling the tokenizer was most of what
    embedding cost). Any other text (a double, leading or trailing space, a literal "▁", a special
    token such as "<s>") goes to the tokenizer whole.
    """
    if text and _BY_WORDS.fullmatch(text) is not None and not ("<" in text and _SPECIAL.search(text)):
        ids = np.array(list(chain.from_iterable(map(_word_ids, text.split(" ")))), dtype=np.int64)
    else:
        ids = _encode(text)
    np.clip(ids, 0, model().embedding.shape[0] - 1, out=ids)
    ids.setflags(write=False)
    return ids


_BY_WORDS = re.compile(r"[^ \u2581]+(?: [^ \u2581]+)*")
"""Words joined by single spaces, without the tokenizer's own space mark "▁" (U+2581)."""
_SPECIAL = re.compile(r"<unk>|<s>|</s>")
"""The tokenizer's special tokens, matched in raw text before anything else."""


def _encode(text: str) -> np.ndarray:
    """One call of WordLlama's tokenizer: the ids of its attended tokens (all of them, unpadded)."""
    encoded = model().tokenizer.encode(text, add_special_tokens=False)
    return np.asarray(encoded.ids, dtype=np.int64)[np.asarray(encoded.attention_mask, dtype=bool)]


@lru_cache(maxsize=65536)
def _word_ids(word: str) -> tuple[int, ...]:
    """The ids of one word as the first word of a text (the tokenizer prefixes "▁"), cached: words repeat."""
    return tuple(int(i) for i in _encode(word))


def mean_vectors(texts: Sequence[str]) -> np.ndarray:
    """WordLlama's unnormalised mean token vector of each text (float32), equal bit for bit to
    ``model().embed(texts, norm=False)``.

    ``WordLlama.embed`` tokenizes a padded batch in the tokenizer's thread pool and pools a padded
    (texts x tokens x 256) tensor; here each text is tokenized alone and its own token rows are summed
    in order, in float32, and divided by the token count: the same additions in the same order (the
    padding added zeros), at about half the cost on the short texts an answer holds.
    """
    table = model().embedding
    out = np.empty((len(texts), table.shape[1]), dtype=np.float32)
    total = np.add.reduce  # what np.sum calls, without its wrapper's cost on many small arrays
    for i, text in enumerate(texts):
        ids = token_ids(text)
        out[i] = total(table[ids], axis=0, dtype=np.float32) / np.float32(max(len(ids), 1))
    return out


def similarity(units: Sequence[str], groups: Sequence[Sequence[int]], extra: Sequence[str],
               claims: Sequence[str]) -> np.ndarray:
    """(len(claims), len(groups) + len(extra) + 1) cosines of each claim with: each window made of a group
    of units (a sentence, two adjacent ones, an item with its lead-in), each extra text (clauses), and
    the whole answer.

    Only the units and the extra texts are embedded: WordLlama averages token vectors, so a window's
    vector is the length-weighted mean of its units' mean vectors (lengths in words, near enough).
    A group holds one or two units; all groups of a size are combined in one array operation (the
    same float32 additions, in the same order, as summing each group's rows).
    """
    texts = [lexicon.plain(t) for t in (*units, *extra)]  # clinician phrases in plain words, as the claims
    if not texts:
        return np.zeros((len(claims), len(groups) + 1), dtype=np.float32)
    means = mean_vectors(texts)
    sizes = np.array([max(1, len(t.split())) for t in texts], dtype=np.float32)
    n = len(units)
    weighted = means * sizes[:, None]
    w = np.empty((len(groups) + len(texts) - n + 1, means.shape[1]), dtype=np.float32)
    one = [j for j, g in enumerate(groups) if len(g) == 1]
    two = [j for j, g in enumerate(groups) if len(g) == 2]
    if len(one) + len(two) != len(groups):
        raise ValueError("a window groups one or two units")
    if one:
        a = [groups[j][0] for j in one]
        w[one] = weighted[a] / sizes[a, None]
    if two:
        a = [groups[j][0] for j in two]
        b = [groups[j][1] for j in two]
        w[two] = (weighted[a] + weighted[b]) / (sizes[a] + sizes[b])[:, None]
    w[len(groups):-1] = means[n:]
    w[-1] = weighted[:n].sum(axis=0) / sizes[:n].sum() if n else means.mean(axis=0)
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    c = embed_claims([lexicon.plain(t) for t in claims])
    if not len(c):
        return np.zeros((0, len(w)), dtype=np.float32)
    return c @ w.T
