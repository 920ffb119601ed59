"""Markdown-aware sentence splitting: headings, items, abbreviations, decimals, wrapped lines, spans."""

from __future__ import annotations

import pytest

from harness.core.text import normalize, plain_text, restore_lost_breaks, split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("# Options\n- CAR T\n- Dr. Lee said 2.5 mg. Then stop.",
     ["Options", "CAR T", "Dr. Lee said 2.5 mg.", "Then stop."]),
    ("1. Call your team.\n2) Go to the ER.\n* **Bold** item", ["Call your team.", "Go to the ER.", "Bold item"]),
    ("See e.g. the NCI page. It helps.", ["See e.g. the NCI page.", "It helps."]),
    ("Axi-cel (Yescarta) was approved in the U.S. in 2017. Later, more.",
     ["Axi-cel (Yescarta) was approved in the U.S. in 2017.", "Later, more."]),
    ("Understanding Treatment Failure\nWhen treatment stops working, doctors look again.",
     ["Understanding Treatment Failure", "When treatment stops working, doctors look again."]),
    ("A hard-wrapped paragraph in a YAML block keeps going on the\nnext line and ends here.",
     ["A hard-wrapped paragraph in a YAML block keeps going on the next line and ends here."]),
    ("For advanced lung cancer with an EGFR mutation, the first treatment is usually a pill\n"
     "Called osimertinib. Short line\nNew sentence.",
     ["For advanced lung cancer with an EGFR mutation, the first treatment is usually a pill Called osimertinib.",
      "Short line", "New sentence."]),
    ("| a | b |\n|---|---|\n| 1 | 2 |", ["| a | b |", "| 1 | 2 |"]),
    ("", []),
    ("   \n\n  ", []),
])
def test_split(text, expected):
    assert _texts(text) == expected


def test_spans_point_into_the_original_text():
    text = "Intro line here.\n\n## Heading\n- **Item one** has *bold*.\n- Item two. Second sentence!"
    for s in split_sentences(text):
        raw = text[s.start:s.end]
        assert raw.replace("**", "").replace("*", "") == s.text
    kinds = [s.kind for s in split_sentences(text)]
    assert kinds == ["sentence", "heading", "item", "item", "sentence"]


def test_bullets_are_separate_units_for_the_seed_answer(tmp_path):
    text = "Options:\n- Refractory disease: no response\n- Relapsed disease: comes back\n- Progressive disease"
    assert _texts(text) == ["Options:", "Refractory disease: no response", "Relapsed disease: comes back",
                            "Progressive disease"]


def test_normalize_and_plain_text():
    assert normalize("CAR‑T  “cells” — Yescarta’s") == 'car-t "cells" - yescarta\'s'
    assert plain_text("# Title\n- one\n- two") == "Title\none\ntwo"


def test_linear_on_huge_input():
    text = "Call your care team if you have a fever. " * 20000
    assert len(split_sentences(text)) == 20000


def test_line_breaks_flattened_to_a_letter_n_are_put_back_at_the_same_length():
    # as in exported model answers: a symptom list run together, and a sentence glued to the next
    text = "It can also cause, when eatingnHeartburnnCoughingnWeight loss. Rest well.nDrink water."
    restored = restore_lost_breaks(text)
    assert len(restored) == len(text)
    assert restored == "It can also cause, when eating\nHeartburn\nCoughing\nWeight loss. Rest well.\nDrink water."
    assert [s.text for s in split_sentences(text)][-2:] == ["Rest well.", "Drink water."]


def test_compound_names_and_clean_text_keep_their_letter_n():
    for text in ("Levels in the ReninAngiotensin system", "a vaccine from CanSino", "von Willebrand disease",
                 "see https://example.org/page?sectionName=CLINICAL", "Nothing to restore here."):
        assert restore_lost_breaks(text) == text
