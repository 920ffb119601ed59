"""Medical words read from their parts (``wordparts``).

The words below are chosen to be ones no register row lists whole, so only the word-part reading can
understand them; the sentences are written for these tests, not taken from the samples or dev files.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, lexicon, wordparts

AS_OF = dt.date(2026, 1, 1)


@pytest.mark.parametrize(("word", "plain"), [
    ("odynophagia", "painful swallowing"),
    ("xerostomia", "dry mouth"),
    ("dysuria", "painful urination"),
    ("hepatomegaly", "enlarged liver"),
    ("cholecystectomy", "surgery to remove the gallbladder"),
    ("bronchoscopy", "a camera test of the airway"),
    ("hyponatremia", "low sodium in the blood"),
    ("thrombocytopenia", "low platelet count"),
    ("tachycardia", "a fast heartbeat"),
    ("nephrotoxicity", "harm to the kidney"),
    ("lymphadenopathy", "swollen lymph nodes"),
])
def test_a_word_built_from_known_parts_has_a_plain_reading(word: str, plain: str) -> None:
    assert wordparts.reading(word) == plain


@pytest.mark.parametrize("word", ["pneumonia", "lymphoma", "melanoma", "chemotherapy", "temozolomide",
                                  "information", "dysfunctional", "myeloma", "histology"])
def test_everyday_words_names_and_words_that_do_not_split_have_no_reading(word: str) -> None:
    assert wordparts.reading(word) is None


def test_the_reading_joins_word_coverage_without_outweighing_the_word() -> None:
    keys = lexicon.content_keys("Odynophagia limited oral intake.")
    assert {"painful", "swallow"} <= set(keys)
    parts = [t for t in lexicon.tokens("odynophagia") if t.content]
    assert sum(t.weight for t in parts) == pytest.approx(lexicon.weight("odynophagia"))


def test_the_embedding_reads_the_plain_wording() -> None:
    assert lexicon.plain("Xerostomia and odynophagia persisted.") == "dry mouth and painful swallowing persisted."
    # a phrase row still wins where it matches; the word parts read only what no row matched
    assert "shortness of breath" in lexicon.plain("New dyspnoea was reported.")


def test_a_word_part_reading_supports_a_plain_claim() -> None:
    answer = "Radiation to the head and neck commonly causes xerostomia and odynophagia."
    claim = Claim(id="c", text="Radiation to the head and neck often causes a dry mouth and painful swallowing.",
                  kind="essential")
    assert judge_answer(answer, [claim], as_of=AS_OF)[0].verdict == "supported"


def test_a_reading_names_its_own_organ_only() -> None:
    keys = set(lexicon.content_keys("The drug commonly causes hepatomegaly."))
    assert set(lexicon.content_keys("enlarged liver")) <= keys
    assert not set(lexicon.content_keys("spleen")) & keys
