"""The judge's phrase dispatch (first character -> phrases) finds exactly what one full scan finds.

The first characters are read from the phrase table's own syntax (no private ``re`` internals); a
phrase whose start it cannot read is tried at every word start, so dispatch may be slower, never wrong.
"""

from __future__ import annotations

import json
import re

from harness.score.engines.judge import lexicon, phrase_starts
from tests.paths import REPO


def _naive(norm: str) -> list[tuple[int, int]]:
    full = re.compile(r"(?:" + "|".join(f"(?:{pat})" for pat, _ in lexicon.PHRASES) + r")\b")
    out, pos = [], 0
    for start in re.finditer(r"\b[a-z0-9]", norm):
        i = start.start()
        if i < pos:
            continue
        m = full.match(norm, i)
        if m is not None and m.end() > i:
            out.append((m.start(), m.end()))
            pos = m.end()
    return out


def test_first_characters_of_simple_patterns():
    assert phrase_starts.first_chars(r"axi[ -]?cel|axicabtagene(?: ciloleucel)?|yescarta") == {"a", "y"}
    assert phrase_starts.first_chars(r"(?:first|1st)[ -]line|front[ -]?line") == {"f", "1"}
    assert phrase_starts.first_chars(r"o?edema|swelling") == {"o", "e", "s"}
    assert phrase_starts.first_chars(r"\w+ cells") == phrase_starts._WORD_CHARS  # unknown start: every word start


def test_dispatch_matches_a_full_scan_on_the_shipped_samples():
    texts = []
    for name in ("careful", "jargon", "outdated"):
        path = REPO / "evals" / "samples" / "oncology" / f"{name}.jsonl"
        texts += [json.loads(line)["answer"].lower() for line in path.read_text(encoding="utf-8").splitlines() if line]
    found = 0
    for text in texts:
        fast = [(m.start(), m.end()) for m in lexicon._phrases(text)]
        assert fast == _naive(text)
        found += len(fast)
    assert found > 500  # the samples really exercise the table
