"""Warm the scorers' static data once, in the fork server the scoring workers are forked from.

The scorers load static data on first use (the pronouncing dictionary, word frequencies, the
judge profile, the drug-name table, the citation patterns). Imported by the fork server of the
local process pool (``set_forkserver_preload``), this module scores one made-up answer with every
default scorer, so each worker forked afterwards starts with that data in memory (shared
copy-on-write) instead of loading it again. Scoring is pure, so warming changes no score; a
failure here only costs the warm start (the fork server ignores a preload that fails).
"""

from __future__ import annotations

import datetime as dt

from harness.battery.models import BatteryCard, Claim, GoldAnswer, Question, Source
from harness.core.records import Answer
from harness.score.base import ScoringContext, build_scorers

_TEXT = ("Osimertinib is a targeted pill for lung cancer with an EGFR mutation. This is general information, "
         "not medical advice: talk with your care team. Call your care team right away if you have a fever "
         "of 38 C or more. See the National Cancer Institute PDQ summary (2024) and the FDA label.")


def warm() -> None:
    """Score one made-up answer with every default scorer (first-use loads happen here)."""
    from harness.run.worker import one_blas_thread

    one_blas_thread()  # the workers forked from here inherit it
    claim = Claim(id="c", text="Osimertinib is a targeted treatment for EGFR-mutated lung cancer.", kind="essential")
    gold = GoldAnswer(question_id="warm", answer=_TEXT, claims=(claim,), reviewed_by="warm-up",
                      reviewed_on=dt.date(2026, 1, 1), guideline_version="warm-up")
    source = Source(id="nci-pdq", title="NCI PDQ Cancer Information Summaries", publisher="National Cancer Institute")
    ctx = ScoringContext(question=Question(id="warm", question="What is osimertinib?"), gold=gold,
                         card=BatteryCard(name="warm", version="1"), sources={"nci-pdq": source},
                         as_of=dt.date(2026, 1, 1))
    answer = Answer(question_id="warm", generator="warm", text=_TEXT)
    ctx = ctx.with_answer(answer)
    for scorer in build_scorers(None):
        hook = getattr(scorer, "per_question", None)
        if hook is not None:
            hook(ctx)
        scorer.score(answer, ctx)
    from harness.score.engines.cues.literals import split_all

    split_all()  # the cue patterns the made-up answer did not reach


warm()
