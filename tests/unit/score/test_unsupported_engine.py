"""The statements engine: quantities, non-figures, kinds, which sentences are checked, and backing."""

from __future__ import annotations

import pytest

from harness.core.text import split_sentences
from harness.score.engines.statements import check_statements, fact_passages, find_statements, gold_passages
from harness.score.engines.statements.numbers import quantities
from harness.score.engines.statements.specific import kinds_of, mask


def _values(text):
    return [(sorted(q.values), q.unit) for q in quantities(text)]


@pytest.mark.parametrize(("a", "b"), [
    ("for 5 years", "for five years"),
    ("a 5-year course", "5 years"),
    ("about half of them", "50% of them"),
    ("one in five people", "20% of people"),
    ("8 in 10 are alive", "80% are alive"),
    ("six and a half years", "6.5 years"),
    ("every year", "once a year"),
    ("100.4°F", "100.4 degrees"),
    ("100.4°F", "38°C"),
    ("12 months of treatment", "a year of treatment"),
    ("14 days", "2 weeks"),
    ("every 3 weeks", "every 2 to 6 weeks"),
    ("halves the risk", "cuts the risk by 50%"),
    ("can double your chances", "doubles the chance"),
])
def test_paraphrased_quantities_are_carried(a, b):
    qa, qb = quantities(a), quantities(b)
    assert qa and all(q.carried_by(qb) for q in qa), (_values(a), _values(b))


@pytest.mark.parametrize(("a", "b"), [
    ("12 weeks", "12 months"),
    ("6-7 months earlier", "a set number of months early"),
    ("in 2015", "in 2018"),
    ("39.5°C", "38°C"),
    ("every 8 weeks", "every 2 to 6 weeks"),
    ("12 weeks", "3 months"),
    ("every 3 or every 6 weeks", "every 4 weeks"),
])
def test_different_quantities_are_not_carried(a, b):
    assert not all(q.carried_by(quantities(b)) for q in quantities(a))


def test_ranges_state_both_ends_and_small_counts_in_words_are_not_figures():
    assert _values("6-7 months") == [([6.0], "month"), ([7.0], "month")]
    assert _values("every 3 or every 6 weeks") == [([3.0], "week"), ([6.0], "week")]
    assert quantities("two large studies and four other medicines") == []
    assert _values("day 7") == [([7.0], "day")]


@pytest.mark.parametrize("text", [
    "If you feel very unwell, call 911 or go to the emergency room.",
    "Stage 4 means the cancer has spread.",
    "Immune side effects can affect the bowel [1][2].",
    "The ZUMA-7 and KEYNOTE-189 trials tested this.",
    "Your team will test for CD19, HER2 and exon 19 changes.",
    "Ring the acute oncology line on 0161 446 3658 or 1-800-4-CANCER.",
    "A Gleason score of 7 and a grade 3 tumour need a plan.",
    "Call the 24-hour line before 5 pm for a 2nd opinion.",
    "Last reviewed March 2024.",
    "Option 2: surgery first, then radiotherapy (see table 1).",
    "As of November 2026, this is what we know.",
])
def test_number_looking_text_that_is_not_a_figure_is_not_specific(text):
    assert kinds_of(mask(text)) == ()


@pytest.mark.parametrize(("text", "kind"), [
    ("In the trial, 5-year survival was 60%.", "survival-figure"),
    ("Osimertinib was approved for first-line use in 2018.", "approval-or-guideline"),
    ("Treatment usually starts within 8 weeks of surgery.", "time-frame"),
    ("A blood test can show relapse months earlier than scans.", "time-frame"),
    ("Only about 1 in 5 people can have surgery.", "number"),
    ("Carfilzomib is the standard first treatment for newly diagnosed myeloma.", "standard-of-care"),
    ("For EGFR-positive lung cancer that spreads to the brain, lorlatinib is given.", "named-drug"),
])
def test_kinds(text, kind):
    kinds = kinds_of(mask(text))
    assert kinds and kinds[0] == kind, kinds


def test_every_day_and_a_year_are_compared_but_do_not_make_a_statement_specific():
    assert kinds_of(mask("Walk a little every day after the operation.")) == ()
    assert [q.figure for q in quantities("walk every day for 2 weeks")] == [False, True]
    assert kinds_of(mask("Pembrolizumab is given every week.")) == ("named-drug",)


def test_the_line_of_treatment_must_match_and_relative_a_month_is_not_required():
    gold = ("Epcoritamab is an option after two or more treatments. The FDA approved epcoritamab in May 2023. "
            "It can cause a reaction after the first doses.")
    (c,) = _check("Epcoritamab is now approved as a first treatment for lymphoma.", gold)
    assert not c.backed and "first-line treatment" in c.why
    (ok,) = _check("The FDA approved epcoritamab in May 2023, a month after it was filed.", gold)
    assert ok.backed


def test_regimens_are_compared_like_drugs():
    gold = "The usual first treatment for DLBCL is R-CHOP, given every 3 weeks."
    (c,) = _check("The standard first treatment for DLBCL is R-EPOCH.", gold)
    assert not c.backed and "r-epoch" in c.why
    (ok,) = _check("The standard first treatment for DLBCL is R-CHOP.", gold)
    assert ok.backed


def test_table_rows_are_statements():
    text = "| Treatment | How often |\n|---|---|\n| R-CHOP | every 2 weeks |"
    (c,) = _check(text, "R-CHOP is given every 3 weeks.")
    assert not c.backed and c.statement.text.startswith("| R-CHOP")


def test_what_is_not_checked():
    text = ("# Treatment in 2026\nLung cancer options for 2026\nShould you start before 45?\n"
            "This is general information, not medical advice; ask your doctor.\n"
            "That is the standard plan.\nWash your hands before you eat.\n"
            "Sources:\n- Hodgkin Lymphoma Treatment (PDQ), National Cancer Institute, 2024\n"
            "- Locke et al. NEJM 2022;386:640\n")
    assert find_statements(text, split_sentences(text)) == []


def test_a_reference_list_ends_at_prose_and_a_source_line_is_skipped_alone():
    text = ("Source: Fever and Cancer Treatment, NCI, 2024.\nThe fever threshold is 38 °C.\n\nSources\n"
            "- NCI PDQ 2024\nAfter the list, one more long sentence of prose follows here, and it says that 60% "
            "of people are fine.")
    found = [s.text for s in find_statements(text, split_sentences(text))]
    assert found == ["The fever threshold is 38 °C.", "After the list, one more long sentence of prose follows "
                     "here, and it says that 60% of people are fine."]


@pytest.mark.parametrize("text", [
    "Myth: a ctDNA test finds relapse 6 months before a scan.",
    "Some websites say ctDNA can spot a relapse 6 to 7 months early. That is not proven.",
    "Claims that a ketogenic diet shrinks tumours in 30% of patients are false.",
])
def test_figures_reported_to_refute_them_are_not_statements(text):
    assert find_statements(text, split_sentences(text)) == []


def test_a_reported_figure_that_is_not_refuted_is_checked():
    text = "Some websites say ctDNA can spot a relapse 6 to 7 months early. Ask your team."
    assert len(find_statements(text, split_sentences(text))) == 1


def test_negation_scope_ends_at_a_number():
    gold = "Stay near the centre for 2 weeks and do not drive for 2 weeks."
    (c,) = _check("Stay near the centre for about 2 weeks.", gold)
    assert c.backed
    gold = "ctDNA tests cannot promise to find a relapse a set number of months early."
    (c,) = _check("A ctDNA test will usually find a relapse months before a scan would.", gold)
    assert not c.backed


def test_a_statement_has_its_exact_span():
    text = "Intro line here.\nThis testing can identify recurrence approximately 6-7 months earlier than imaging."
    (s,) = find_statements(text, split_sentences(text))
    assert text[s.start:s.end] == s.text and s.id == f"s{s.start}-{s.end}" and s.kind == "time-frame"


def _check(answer, gold, claims=(), facts=None):
    passages = (*gold_passages(gold, claims), *fact_passages(facts or {}))
    return check_statements(find_statements(answer, split_sentences(answer)), passages)


def test_backed_when_the_gold_says_it_in_other_words():
    gold = "Hormone therapy such as tamoxifen is usually taken for 5 years, and some people take it for up to 10 years."
    (c,) = _check("Hormone pills like tamoxifen are normally taken for five years, or as long as ten.", gold)
    assert c.backed and c.backing is not None and c.backing["type"] == "gold"


def test_a_number_the_gold_does_not_state_is_unsupported_and_says_so():
    gold = "Blood tests for tumour DNA cannot promise to spot a relapse a set number of months early."
    (c,) = _check("ctDNA testing finds relapse approximately 6-7 months earlier than imaging.", gold)
    assert not c.backed and "6, 7" in c.why


def test_a_negated_gold_sentence_does_not_back_the_affirmative():
    gold = "Routine PSA screening is not recommended from age 70."
    (c,) = _check("Routine PSA screening is recommended from age 70.", gold)
    assert not c.backed and "opposite" in c.why
    (ok,) = _check("After 70, routine PSA screening is not recommended.", gold)
    assert ok.backed


def test_a_drug_the_gold_does_not_name_is_unsupported():
    gold = "Multiple myeloma is often treated first with daratumumab, lenalidomide, bortezomib and dexamethasone."
    (c,) = _check("Carfilzomib is the standard first treatment for newly diagnosed myeloma.", gold)
    assert not c.backed and "carfilzomib" in c.why


def test_a_claim_backs_and_a_key_fact_backs():
    (c,) = _check("The FDA approved osimertinib for first-line use in 2018.", "Osimertinib is a pill.",
                  claims=[("approval", "Osimertinib was approved for first-line use in 2018.")])
    assert c.backed and c.backing == {"type": "claim", "claim_id": "approval",
                                      "text": "Osimertinib was approved for first-line use in 2018."}
    facts = {"uspstf": ["Women aged 40 to 74 years should have a screening mammogram every 2 years."]}
    (k,) = _check("Women aged 40 to 74 should be screened with a mammogram every 2 years.", "Ask your doctor.",
                  facts=facts)
    assert k.backed and k.backing is not None and k.backing["source_id"] == "uspstf"


def test_the_sentence_before_gives_words_and_drugs_but_not_figures():
    gold = ("A year of nivolumab or pembrolizumab lowers the chance of melanoma coming back. "
            "Treatment is given every 2 to 6 weeks depending on the drug.")
    (c,) = _check("Pembrolizumab is given every 3 weeks.", gold)
    assert c.backed
    gold = "Chemotherapy lasts 3 or 6 months. Hormone therapy is not used for bowel cancer."
    (c,) = _check("Hormone therapy is not used for bowel cancer and would last 6 months.", gold)
    assert not c.backed


def test_judged_claims_back_overlapping_statements_only_when_their_numbers_match():
    answer = "Breyanzi gives durable benefit after 12 months."
    statements = find_statements(answer, split_sentences(answer))
    passages = gold_passages("Nothing here.", [("c1", "CAR T is a second-line option within 12 months.")])
    (c,) = check_statements(statements, passages, judged={"c1": [(0, 10)]})
    assert c.backed and "judged" in c.why
    passages = gold_passages("Nothing here.", [("c1", "CAR T is a second-line option within 6 months.")])
    (c,) = check_statements(statements, passages, judged={"c1": [(0, 10)]})
    assert not c.backed
