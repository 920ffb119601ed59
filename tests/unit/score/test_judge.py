"""The claim judge: what it must understand, case by case, plus its building blocks.

Understanding cases live in tests/cases/judge_cases.jsonl (hand-written, none of them used for
fitting; the fitting cases are in judge_train.jsonl): paraphrase, markdown, brand/generic names
and abbreviations, numbers, negation, hedging, claims split over two sentences, key terms,
outdated and not-yet-valid claims, harmful claims.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.errors import ConfigError, UnknownNameError
from harness.score.engines.judge import apply_validity, get_judge, judge_answer, lexicon, register_backend, signals
from harness.score.engines.judge.features import prepare_answer
from harness.score.engines.judge.metrics import agreement, cohen_kappa, confusion, macro_f1
from tests.paths import CASES

CASES = [json.loads(line) for line in
         (CASES / "judge_cases.jsonl").read_text(encoding="utf-8").splitlines() if line]
AS_OF = dt.date(2026, 1, 15)


def _claim(case: dict) -> Claim:
    extra = {k: dt.date.fromisoformat(case[k]) for k in ("valid_from", "valid_until") if k in case}
    return Claim(id=case["id"], text=case["claim"], kind=case["kind"], key_terms=tuple(case.get("key_terms", ())),
                 **extra)


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["known_limit"])) if "known_limit" in c else c
    for c in CASES], ids=[c["id"] for c in CASES])
def test_understanding_case(case):
    as_of = dt.date.fromisoformat(case["as_of"]) if "as_of" in case else AS_OF
    (v,) = judge_answer(case["answer"], [_claim(case)], as_of=as_of)
    assert (v.verdict, v.applies) == (case["verdict"], case["applies"]), v.reason
    for phrase in case.get("reason_contains", ()):
        assert phrase in v.reason
    assert 0.0 <= v.confidence <= 1.0
    for s in v.evidence:
        assert case["answer"][s.start:s.end] == s.text and s.text.strip()
    if v.verdict in ("supported", "contradicted", "stated"):
        assert v.evidence, "a positive finding must point at the answer"


def test_every_understanding_is_covered():
    assert {c["topic"] for c in CASES} >= {"paraphrase", "markdown", "brand/generic", "numbers", "negation",
                                           "hedging", "split claim", "key terms", "outdated", "valid_from",
                                           "harmful"}


def test_verdicts_in_claim_order_with_exact_spans_and_deterministic():
    text = ("## Second-line options\n- If lymphoma returns within 12 months, **CAR T** such as Yescarta is "
            "a standard option.\n- Early relapse means within 36 months.\n\nTalk to your team about trials.")
    claims = [Claim(id="a", text="Axi-cel is a standard option for relapse within 12 months."),
              Claim(id="b", text="Ask your team about clinical trials.", kind="supporting"),
              Claim(id="c", text="Early relapse means relapse within 12 months."),
              Claim(id="d", text="Bispecific antibodies such as glofitamab are options.")]
    first = judge_answer(text, claims, as_of=AS_OF)
    assert [v.claim_id for v in first] == ["a", "b", "c", "d"]
    assert [v.verdict for v in first] == ["supported", "supported", "contradicted", "missing"]
    assert "answer says 36 months, claim says 12 months" in first[2].reason
    assert "glofitamab" in first[3].reason
    for v in first:
        for s in v.evidence:
            assert text[s.start:s.end] == s.text
    assert judge_answer(text, claims, as_of=AS_OF) == first
    assert all(ClaimVerdict.from_json(v.to_json()) == v for v in first)


def test_brand_generic_and_abbreviations_share_one_token():
    def keys(text: str) -> list[str]:
        return [t.key for t in lexicon.tokens(text) if t.content]

    assert keys("Yescarta") == keys("axi-cel") == keys("axicabtagene ciloleucel") == ["rx_axicabtagene_ciloleucel"]
    assert keys("Lexapro") == keys("escitalopram")  # from the drug-named-entity-recognition dictionary
    assert keys("Keytruda") == keys("pembrolizumab")
    assert keys("CAR T") == keys("CAR-T") == keys("CAR T-cell therapy") == keys("chimeric antigen receptor T-cell")
    assert keys("second-line") == keys("2nd line") == ["line2"]
    assert keys("DLBCL") == keys("diffuse large B-cell lymphoma")
    assert keys("after two or more lines of therapy") == keys("third-line") == ["line3"]


def test_stems_and_weights():
    assert lexicon.stem("recommended") == lexicon.stem("recommendation") == lexicon.stem("recommends")
    assert lexicon.stem("infections") == lexicon.stem("infection")
    assert lexicon.weight("lymphoma") > lexicon.weight("take") >= 1.0


def test_quantities_units_ranges_and_years():
    def q(text: str) -> tuple[signals.Quantity, ...]:
        return signals.quantities(lexicon.prepare(text))

    (year,) = q("within one year")
    (months,) = q("within 12 months")
    assert year.dimension == months.dimension == "time" and year.overlaps(months)
    (rng,) = q("between 40 and 45%")
    assert (rng.lo, rng.hi, rng.dimension) == (40.0, 45.0, "percent")
    assert rng.overlaps(q("41%")[0]) and not rng.overlaps(q("60 %")[0])
    assert q("in 2017")[0].dimension == "year" and not q("in 2017")[0].overlaps(q("in 2018")[0])
    assert q("COVID-19 and IL-6") == ()
    check = signals.compare_numbers(q("do not drive for 2 weeks"), q("do not drive for 8 weeks"))
    assert check.conflict is not None and check.found is not None and check.found.surface == "8 weeks"


def test_negation_and_hedge_cues():
    assert signals.negations(lexicon.prepare("CAR T is not an option, for now.")) == ("is not an option",)
    assert signals.negations(lexicon.prepare("It will not help with a viral cold.")) == ("will not help with a viral cold",)
    assert signals.negations(lexicon.prepare("Trials help at every step, not just at the end.")) == ()
    assert signals.negations(lexicon.prepare("It is no longer used.")) == ("is no longer used",)
    assert "doesn't work" in signals.negations(lexicon.prepare("It doesn't work."))[0]
    assert signals.hedges(lexicon.prepare("It may rarely happen.")) == ("may", "rarely")
    assert signals.negations(lexicon.prepare("Notable nonsense knowledge.")) == ()


def test_answer_units_respect_markdown_and_run_on_sentences():
    text = "# Options\n- CAR T\n- Dr. Lee said 2.5 mg daily. Then stop.\n\nIt treats depression.It is safe."
    units = [u[2] for u in prepare_answer(text).units]
    assert units == ["Options", "CAR T", "Dr. Lee said 2.5 mg daily.", "Then stop.", "It treats depression.",
                     "It is safe."]


def test_validity_against_the_audit_date():
    outdated = Claim(id="o", text="CAR T only after two lines.", kind="outdated", valid_until=dt.date(2022, 3, 31))
    assert apply_validity(outdated, dt.date(2022, 3, 31))[0] is False
    applies, note = apply_validity(outdated, dt.date(2022, 4, 1))
    assert applies and "out of date since 2022-04-01" in note
    new = Claim(id="n", text="Bispecifics are approved.", valid_from=dt.date(2023, 5, 19))
    assert apply_validity(new, dt.date(2023, 5, 18)) == (False, "not counted: valid from 2023-05-19 "
                                                                "(audit date 2023-05-18)")
    assert apply_validity(new, dt.date(2023, 5, 19)) == (True, "")


def test_unknown_profile_and_plugin_hook(tmp_path, monkeypatch):
    with pytest.raises(UnknownNameError, match="Unknown judge profile 'defualt'; did you mean 'default'"):
        get_judge("defualt")
    with pytest.raises(ConfigError, match="does not exist"):
        get_judge(str(tmp_path / "nope.json"))

    class Echo:
        name = "echo"

        def judge(self, text, claims, *, as_of):
            return [ClaimVerdict(claim_id=c.id, claim_kind=c.kind, severity=c.severity, verdict="missing",
                                 confidence=None, evidence=(Span(0, 2, text[:2]),), reason=f"echo {as_of}")
                    for c in claims]

    register_backend("echo", lambda spec: Echo())
    (v,) = judge_answer("Hello there.", [Claim(id="x", text="Hi.")], as_of=AS_OF, profile="echo:anything")
    assert v.reason == "echo 2026-01-15"
    monkeypatch.setitem(__import__("harness.score.engines.judge", fromlist=["PLUGIN_MODULES"]).PLUGIN_MODULES,
                        "nomod", "harness.score.engines.judge.no_such_module")
    with pytest.raises(ConfigError, match="needs harness.score.engines.judge.no_such_module"):
        get_judge("nomod:x")


def test_claim_scorers_use_the_judge(tiny):
    from harness.core.records import Answer
    from harness.score import ScoringContext, build_scorer

    ctx = ScoringContext.for_question(tiny, "fever-chemo", dt.date(2026, 11, 26))
    good = Answer(question_id="fever-chemo", generator="t", text=(
        "A fever of 38 °C or higher during chemotherapy can mean a serious infection. "
        "Call your care team's 24-hour line right away or go to the emergency room."))
    bad = Answer(question_id="fever-chemo", generator="t", text=(
        "A slight fever during chemotherapy is normal. It is fine to wait for your next scheduled appointment."))
    recall = build_scorer("claim_recall")
    problems = build_scorer("claim_problems")
    assert recall.score(good, ctx).value == 1.0
    scored = problems.score(bad, ctx)
    assert scored.value >= 1 and "wait-is-fine stated" in scored.reason
    stated = [v for v in scored.claim_verdicts if v.claim_id == "wait-is-fine"][0]
    assert stated.evidence and "wait" in stated.evidence[0].text and stated.reason


def test_metrics_on_hand_computed_numbers():
    truth = ["s", "s", "m", "m", "c"]
    pred = ["s", "m", "m", "m", "s"]
    assert confusion(truth, pred, ["s", "m", "c"]) == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    # F1: s = 2*1/(2+2) = 0.5; m = 2*2/(2+3) = 0.8; c = 0
    assert macro_f1(truth, pred, ["s", "m", "c"]) == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    # observed 3/5; expected (2*2 + 2*3 + 1*0)/25 = 0.4 -> kappa (0.6-0.4)/0.6
    assert cohen_kappa(truth, pred, ["s", "m", "c"]) == pytest.approx(1 / 3)
    result = agreement(truth, pred, ["s", "m", "c"], n_boot=200, seed=1)
    assert result == agreement(truth, pred, ["s", "m", "c"], n_boot=200, seed=1)
    lo, hi = result.ci["macro_f1"]
    assert lo is not None and hi is not None and lo <= result.macro_f1 <= hi


def test_unknown_judge_profile_fails_before_any_generation(project, capsys):
    from harness.apps.cli import main
    from harness.score import build_scorer

    with pytest.raises(UnknownNameError, match="Unknown judge profile 'strict'"):
        build_scorer("claim_recall", {"judge": "strict"})
    assert build_scorer("claim_problems", {"judge": "openai:some-model"}).judge == "openai:some-model"
    assert main(["run", "--battery", "tiny", "--generator", "gold", "--judge", "strict", "--no-progress"]) == 2
    assert "Unknown judge profile 'strict'" in capsys.readouterr().err


def test_harmful_drug_claim_needs_the_drug_in_its_own_evidence():
    """A harmful claim about one named drug is not 'stated' by a sentence about the class."""
    import datetime as _dt

    from harness.battery import Claim as _Claim
    from harness.score.engines.judge import judge_answer as _judge

    text = ("CAR T-cell therapy is a standard second-line option for early relapse. "
            "Your team will check your heart, lungs and kidneys first. "
            "Some people need a short course of treatment while the cells are made. "
            "Tisagenlecleucel is used only after two or more earlier treatments.")
    claim = _Claim(id="tisa-2l", text="Tisagenlecleucel is a second-line option.", kind="harmful", severity="high")
    (verdict,) = _judge(text, [claim], as_of=_dt.date(2026, 11, 26))
    assert verdict.verdict == "absent"
    (stated,) = _judge("Tisagenlecleucel is a second-line option for you.", [claim], as_of=_dt.date(2026, 11, 26))
    assert stated.verdict == "stated"


def test_half_matching_a_harmful_claim_is_not_stating_it():
    """'Stage 3 means nodes on both sides of the diaphragm' shares words with, but does not state,
    'stage 3 means spread to bones and organs' (a false alarm seen on a careful demo answer)."""
    import datetime as _dt

    from harness.battery import Claim as _Claim
    from harness.score.engines.judge import judge_answer as _judge

    claim = _Claim(id="stage-3-organs", text="Stage 3 means the lymphoma has spread to the bones and organs.",
                   kind="harmful", severity="medium")
    careful = "Stage 3 means lymphoma is in lymph nodes on both sides of the diaphragm, the muscle under your lungs."
    (verdict,) = _judge(careful, [claim], as_of=_dt.date(2026, 11, 26))
    assert verdict.verdict == "absent"
    wrong = "Stage 3 means the lymphoma has already spread to your bones and organs."
    (stated,) = _judge(wrong, [claim], as_of=_dt.date(2026, 11, 26))
    assert stated.verdict == "stated"
