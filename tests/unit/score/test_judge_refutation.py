"""The refutation signal (``refutation``): each column fires on a refutation of its kind and stays quiet on a
look-alike; a profile that reads its columns records the signal and states a learned contradiction with it; a
profile that reads none of them does not run it.

Every pair is our own wording (evidence-style sentences about everyday health topics), not dataset text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harness.battery import Claim
from harness.score.engines.judge import get_judge, refutation
from harness.score.engines.judge.features import prepare_answer, prepare_claim
from harness.score.engines.judge.lexical import CombinerJudge
from harness.score.engines.judge.model import Combiner, Head
from harness.score.engines.judge.protocol import ALL_COLUMNS, OWNER, compute, signals_for

AS_OF = dt.date(2026, 11, 26)


def _cols(answer: str, claim: str) -> dict[str, float]:
    return dict(zip(refutation.COLUMNS, refutation.measure(prepare_answer(answer), prepare_claim(claim)), strict=True))


# (column, evidence, claim that it refutes, claim of the same topic that it does not refute in that way)
CASES = [
    ("ref_same",
     "Among walkers, knee pain was three times higher in those over 60 than in those under 40.",
     "Knee pain among walkers is the same in those over 60 and those under 40.",
     "Knee pain among walkers was higher in those over 60 than in those under 40."),
    ("ref_null_claim",
     "Daily flossing was associated with a significant reduction in gum bleeding among adults.",
     "There is no evidence that daily flossing changes gum bleeding in adults.",
     "Daily flossing reduces gum bleeding in adults."),
    ("ref_null_answer",
     "In this trial, the herbal syrup was not associated with shorter coughs in children.",
     "The herbal syrup shortens coughs in children, a trial found.",
     "In a trial, the herbal syrup did not shorten coughs in children."),
    ("ref_certainty",
     "Early laboratory work suggests that the plant extract may slow the growth of the fungus.",
     "The plant extract kills the fungus.",
     "The plant extract may slow the growth of the fungus in early laboratory work."),
    ("ref_neg_claim",
     "The booster dose produced strong antibody levels in every volunteer tested.",
     "The booster dose was unable to produce antibodies in volunteers.",
     "The booster dose produced antibodies in volunteers."),
    ("ref_stance",
     "Heavy drinking was a risk factor for severe liver damage in the cohort.",
     "Heavy drinking lowers the risk of liver damage.",
     "Heavy drinking raises the risk of liver damage."),
    ("ref_flip",
     "Teenagers who slept less than seven hours reported headaches more often.",
     "Teenagers who slept less than seven hours did not report headaches.",
     "Teenagers who slept less than seven hours reported headaches."),
]


@pytest.mark.parametrize(("column", "evidence", "refuted", "agreeing"), CASES, ids=[c[0] for c in CASES])
def test_each_column_fires_on_its_refutation_and_not_on_the_agreeing_claim(column, evidence, refuted, agreeing):
    assert _cols(evidence, refuted)[column] > 0, _cols(evidence, refuted)
    assert _cols(evidence, agreeing)[column] == 0, _cols(evidence, agreeing)


def test_direction_reads_opposite_multipliers():
    evidence = "Risk of a second sprain in the year after the first was about half that of the first year."
    assert _cols(evidence, "Risk of a second sprain in the year after the first is twice that of the first year.")[
        "ref_direction"] > 0
    assert _cols(evidence, "Risk of a second sprain in the year after the first is about half that of the first year."
                 )["ref_direction"] == 0


def test_a_claim_that_answers_its_own_question():
    evidence = "Cats in the study caught the infection from their owners and passed it to other cats."
    no = _cols(evidence, "Can cats catch the infection? No, they cannot.")
    yes = _cols(evidence, "Can cats catch the infection? Yes, they can.")
    assert no["ref_neg_claim"] > 0 and yes["ref_neg_claim"] == 0


def test_debunking_evidence_is_a_null_against_an_effect():
    evidence = "The idea that radio masts spread the flu is a conspiracy theory with no scientific basis."
    assert _cols(evidence, "Radio masts increase the spread of the flu.")["ref_null_answer"] > 0


def test_columns_are_scaled_by_how_much_of_the_claim_the_window_holds():
    evidence = "Daily flossing was associated with a significant reduction in gum bleeding among adults."
    on = _cols(evidence, "There is no evidence that daily flossing changes gum bleeding in adults.")
    off = _cols("Parking near the clinic costs four pounds an hour.",
                "There is no evidence that daily flossing changes gum bleeding in adults.")
    assert on["ref_null_claim"] > 0.3 and all(v == 0 for v in off.values())


def test_stance_reads_outcomes_and_negation():
    assert refutation.stance("Masks slow the spread of the virus.") == 1
    assert refutation.stance("The drug did not reduce deaths and was harmful.") == -1
    assert refutation.stance("Smoking is a risk factor for severe illness.") == -1
    assert refutation.stance("The clinic opens at nine.") == 0


def test_signal_is_registered_and_runs_only_for_a_profile_that_reads_it():
    assert all(OWNER[c] == "refutation" for c in refutation.COLUMNS)
    assert set(refutation.COLUMNS) <= set(ALL_COLUMNS)
    judge = get_judge("default")
    assert isinstance(judge, CombinerJudge)
    assert "refutation" in signals_for(judge.combiner.feature_names)  # the shipped substance head reads it
    assert "refutation" in (judge.combiner.meta or {}).get("signals", [])
    assert "refutation" not in signals_for(("cov_best", "emb_max"))
    assert "refutation" in signals_for(("cov_best", "ref_stance"))
    m, _ = compute("Masks slow the spread.", ["Masks increase the spread."], ("ref_stance",))
    assert m.shape == (1, 1) and m[0, 0] > 0


def test_a_profile_reading_the_columns_states_a_learned_contradiction_with_them():
    base = get_judge("default")
    assert isinstance(base, CombinerJudge)
    names = ("cov_best", "ref_null_claim")
    profile = Combiner(name="t", feature_names=names, mean=(0.0, 0.0), scale=(1.0, 1.0),
                       support=Head((1.0, 0.0), -5.0), contradict=Head((0.0, 0.0), -6.0),
                       substance=Head((0.0, 20.0), -5.0), threshold_learned=0.5, learned_gate="open")
    data = profile.to_json() | {"signals": ["lexical", "refutation"]}
    profile = Combiner.from_json(data, origin="t.json")
    evidence = "Daily flossing was associated with a significant reduction in gum bleeding among adults."
    judge = CombinerJudge(profile)
    refuted = judge.judge(evidence, [Claim(id="c", text="Daily flossing is unrelated to gum bleeding in adults.")],
                          as_of=AS_OF)[0]
    agreeing = judge.judge(evidence, [Claim(id="c", text="Daily flossing reduces gum bleeding in adults.")],
                           as_of=AS_OF)[0]
    assert refuted.verdict == "contradicted", refuted.reason
    assert refuted.evidence and refuted.evidence[0].text == evidence
    assert "answer refutes it (the claim says 'unrelated', the answer 'associated')" in refuted.reason, refuted.reason
    assert agreeing.verdict != "contradicted", agreeing.reason
