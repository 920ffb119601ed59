"""The claim judge reads clinician register: the register lexicon (``register.txt``) and its plain rewrite.

Each case pairs a specialist's wording with a patient-facing one that says the same thing (or, for the
negative cases, something else); the pairs are written for these tests, not taken from the samples.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, lexicon, register

AS_OF = dt.date(2026, 1, 1)


def _keys(text: str) -> set[str]:
    return set(lexicon.content_keys(text))


@pytest.mark.parametrize(("specialist", "plain", "shared"), [
    ("Persistent cytopenias are expected after conditioning.", "Low blood counts are expected.", "lowcounts"),
    ("This assay remains investigational.", "This test is still being studied.", "investig"),
    ("Patients must refrain from driving for 8 weeks.", "Do not drive for 8 weeks.", "nodrive"),
    ("Neoadjuvant endocrine therapy was given.", "Hormone pills were given before surgery.", "neoadj"),
    ("Vasomotor symptoms are frequent.", "Hot flashes are common.", "hotflash"),
    ("New dyspnoea should be reported.", "Tell the team about trouble breathing.", "dyspnea"),
    ("Hematochezia warrants same-day review.", "Blood in the stool needs a call today.", "bloodystool"),
    ("Resection is the only curative modality.", "Only surgery can cure it.", "surgery"),
    ("Screening detected a second primary malignancy.", "A checkup found another cancer.", "secondcancer"),
])
def test_specialist_and_plain_wording_meet_on_one_token(specialist: str, plain: str, shared: str) -> None:
    assert shared in _keys(specialist)
    assert shared in _keys(plain)


def test_one_phrase_can_stand_for_several_concepts() -> None:
    # "B symptoms" are fevers, night sweats and weight loss; a regimen acronym is its drugs
    assert {"fever", "nightsweats", "weightloss"} <= _keys("She has B symptoms.")
    assert {"rx_bendamustine", "rx_rituximab", "rx_polatuzumab_vedotin"} <= _keys("He received pola-BR.")
    assert {"rx_fluorouracil", "rx_oxaliplatin"} <= _keys("Six months of FOLFOX were given.")


def test_an_expanded_phrase_weighs_no_more_than_its_heaviest_concept() -> None:
    expanded = [t for t in lexicon.tokens("FCR") if t.content]
    assert len(expanded) == 4
    assert sum(t.weight for t in expanded) == pytest.approx(max(lexicon.weight(t.key) for t in expanded))


def test_plain_weight_rows_weigh_like_their_plain_words() -> None:
    # "cytopenias" is rare English, "low blood counts" is not: the row weighs what the plain words weigh
    assert lexicon.weight("lowcounts") == pytest.approx(max(lexicon._frequency_weight(w) for w in ("low", "blood", "counts")))
    assert lexicon.weight("stage4") == 5.0  # explicit weights stay


def test_plain_rewrites_specialist_phrases_for_the_embedding() -> None:
    out = lexicon.plain("Stage IV denotes distant metastatic disease; CRS is common.")
    assert "stage 4" in out
    assert "spread to distant parts of the body" in out
    assert "cytokine release syndrome" in out
    # everyday rows ("~" in the file) weigh tokens but leave the text as it is
    assert "patients" in lexicon.plain("Patients were treated.")


def test_the_stemmer_lets_silent_e_forms_meet() -> None:
    assert lexicon.stem("drive") == lexicon.stem("driving")
    assert lexicon.stem("dose") == lexicon.stem("doses")
    assert lexicon.stem("change") == lexicon.stem("changed")


def test_a_malformed_register_row_names_file_line_and_column(tmp_path) -> None:
    bad = tmp_path / "register.txt"
    bad.write_text("# header\nfever\tfever\t\tpyrexia\nbroken\tonly two\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"register\.txt:3: expected 4 tab-separated columns"):
        register.read_register(bad)
    bad.write_text("fever\tfever\theavy\tpyrexia\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"register\.txt:1: column 'weight' holds 'heavy'"):
        register.read_register(bad)
    bad.write_text("fever\tfever\t\tpyrex(ia\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"register\.txt:1: column 'pattern' is not a valid regular expression"):
        register.read_register(bad)


def test_every_shipped_row_parses_and_the_table_is_broad() -> None:
    rows = register.read_register()
    assert len(rows) >= 250
    assert all(r.pattern or r.plain for r in rows)


@pytest.mark.parametrize(("answer", "claim"), [
    ("Post-infusion, patients should refrain from driving for 8 weeks.", "Do not drive for 8 weeks after the infusion."),
    ("Prolonged cytopenias after CAR T-cell therapy predispose to opportunistic infection.",
     "Low blood counts can last for weeks after CAR T, so infections are more likely."),
    ("Metastatic pancreatic adenocarcinoma is incurable; chemotherapy is palliative in intent.",
     "Pancreatic cancer that has spread cannot be cured, and chemo aims to ease symptoms."),
    ("Vasomotor symptoms and arthralgia are frequent with aromatase inhibition.",
     "Hot flashes and joint aches are common with aromatase inhibitors."),
])
def test_clinician_wording_supports_the_plain_claim(answer: str, claim: str) -> None:
    verdict = judge_answer(answer, [Claim(id="c", text=claim, kind="essential")], as_of=AS_OF)[0]
    assert verdict.verdict == "supported", verdict.reason


def test_register_does_not_make_unrelated_sentences_meet() -> None:
    answer = "Live vaccines are contraindicated during therapy."
    claim = Claim(id="c", text="Hot flashes and joint aches are common with aromatase inhibitors.", kind="essential")
    assert judge_answer(answer, [claim], as_of=AS_OF)[0].verdict == "missing"


def test_naming_both_sides_of_a_comparison_does_not_state_it() -> None:
    # a harmful comparative claim is not stated by a sentence that only names the two treatments
    answer = "The two main options are immunotherapy and targeted pills that block BRAF and MEK."
    claim = Claim(id="h", text="BRAF/MEK tablets outperform checkpoint inhibitors for every BRAF-mutant patient.",
                  kind="harmful")
    assert judge_answer(answer, [claim], as_of=AS_OF)[0].verdict == "absent"
