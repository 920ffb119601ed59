"""The judge's phrase dispatch (first two characters -> phrases) finds exactly what one full scan finds.

The first characters are read from the phrase table's own syntax, the first two from the ``re`` parse; a
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


def test_first_two_characters_of_patterns():
    assert phrase_starts.first_pairs(r"axi[ -]?cel|axicabtagene(?: ciloleucel)?|yescarta") == {"ax", "ye"}
    assert phrase_starts.first_pairs(r"o?edema|swelling") == {"oe", "ed", "sw"}
    assert phrase_starts.first_pairs(r"(?:first|1st)[ -]line") == {"fi", "1s"}
    assert phrase_starts.first_pairs(r"x{1,3}y") == {"xx", "xy"}
    assert phrase_starts.first_pairs(r"x|yz") is None  # a one-character match: tried after any second character
    assert phrase_starts.first_pairs(r"\w+ cells") is None
    assert phrase_starts.first_pairs(r"(?i:ab)c") is None
    assert all(phrase_starts.first_pairs(pat) is not None for pat, _ in lexicon.PHRASES[:50])


def test_pair_dispatch_matches_a_full_scan_on_medquad_sentences():
    """Dispatch by two characters against one scan of every phrase, on MedQuAD answers (dev data, when present)."""
    from tests.paths import SHARED_DATA

    path = SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl"
    if not path.is_file():
        import pytest

        pytest.skip("shared dev data not present")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:120]]
    found = 0
    for row in rows:
        norm = lexicon.prepare(row["answer"])
        fast = [(m.start(), m.end()) for m in lexicon._phrases(norm)]
        assert fast == _naive(norm)
        found += len(fast)
    assert found > 500
