"""A passage that only asks or quotes a claim does not support it: a question, advice to ask the team
whether it holds, a quotation. A sentence that asks and also says it, a claim that is itself advice to ask,
and a quotation closed on the next hard-wrapped line are not caught by this."""

from __future__ import annotations

import datetime as dt

from harness.battery import Claim
from harness.score.engines.judge import judge_answer
from harness.score.engines.judge.lexical import asked_or_quoted

AS_OF = dt.date(2026, 11, 26)


def _one(text: str, claim_text: str):
    return judge_answer(text, [Claim(id="c", text=claim_text, kind="essential")], as_of=AS_OF)[0]


def test_a_question_with_the_claims_words_does_not_support_it():
    verdict = _one("Could the radiation leave your skin red and sore for a few weeks? Bring that question to your "
                   "next visit.", "Radiation can leave the skin red and sore for a few weeks.")
    assert verdict.verdict == "missing", verdict.reason
    assert verdict.needs_review and "only asks" in verdict.reason


def test_advice_to_ask_whether_it_holds_does_not_support_it():
    verdict = _one("Ask your nurse whether the port will need flushing every four weeks between treatments.",
                   "The port needs flushing every four weeks between treatments.")
    assert verdict.verdict == "missing", verdict.reason
    assert "only asks" in verdict.reason


def test_a_sentence_that_asks_and_also_says_it_supports_it():
    verdict = _one("Ask your doctor whether a study suits you; clinical trials exist for every stage of this cancer.",
                   "Clinical trials exist for every stage of this cancer.")
    assert verdict.verdict == "supported", verdict.reason


def test_a_claim_that_is_advice_to_ask_is_said_by_that_advice():
    verdict = _one("Please ask your team whether a clinical trial could be a good fit for you.",
                   "Ask your care team whether a clinical trial could fit you.")
    assert verdict.verdict == "supported", verdict.reason


def test_a_quotation_closed_on_the_next_wrapped_line_does_not_swallow_the_sentence_after_it():
    text = 'PSA stands for "prostate-specific\nantigen." It is a protein made by the prostate gland.'
    start = text.index("It is")
    assert not asked_or_quoted(text, start, len(text))
    assert asked_or_quoted(text, text.index("prostate-specific"), text.index("antigen.") + 8)
