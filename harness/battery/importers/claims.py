"""Claims from an imported answer's sentences, and safe unique question ids."""

from __future__ import annotations

import re
from typing import Any

from harness.core.text import normalize, split_sentences

_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_ID_LENGTH = 80


def sentence_claims(answer: str, essential_count: int = 3, max_claims: int = 15) -> tuple[list[dict[str, Any]], int]:
    """Claims from an answer's sentences (see the module docstring) and how many sentences were left out."""
    seen: set[str] = set()
    texts: list[str] = []
    for s in split_sentences(answer):
        if s.kind == "heading":
            continue
        text = re.sub(r"^[-*•]\s+", "", s.text).strip()
        if len(text.split()) < 4:
            continue
        key = normalize(text)
        if key in seen:
            continue
        seen.add(key)
        texts.append(text)
    kept = texts if max_claims <= 0 else texts[:max_claims]
    # (no per-claim note: the gold answer's notes say how its claims were made, once)
    claims = [{"id": f"s{i:02d}", "text": t, "kind": "essential" if i <= essential_count else "supporting"}
              for i, t in enumerate(kept, start=1)]
    return claims, len(texts) - len(kept)


def safe_id(raw: str) -> str:
    """An id made of safe characters ([A-Za-z0-9_.-], starting with a letter or digit), at most 80 long."""
    text = _SAFE_ID.sub("-", raw.strip())
    text = re.sub(r"-{2,}", "-", text).lstrip("._-")[:MAX_ID_LENGTH].rstrip("._-")
    return text


def unique_id(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``... (compared case-insensitively: macOS/Windows file names)."""
    out, k = candidate, 2
    while out.lower() in taken:
        suffix = f"-{k}"
        out = candidate[: MAX_ID_LENGTH - len(suffix)] + suffix
        k += 1
    taken.add(out.lower())
    return out
