"""The review overlay: the results table with reviewers' settled decisions in place of automatic values.

``to_frame(store, runs, overlay=review_overlay)`` (or ``harness.results.table.review_overlay()``)
gives the table that reviewed reports, ``gate --use-reviews``, ``compare --use-reviews`` and
``export --use-reviews`` read. Claim reviews are re-aggregated by the claim scorer itself, so the
reviewed numbers follow the automatic arithmetic exactly; nothing here rewrites the stored record.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from harness.errors import HarnessError
from harness.results.reviews import ensure_schema, reviewed_values
from harness.store import RunStore


def review_overlay(store: RunStore, frame: Any) -> Any:
    """``harness.results.table.to_frame(..., overlay=review_overlay)``: reviewed values replace automatic ones.

    Settled claim reviews are re-aggregated by the scorer itself (its ``aggregate()``, built from
    the run's recorded scorer spec, over the judgements of that scorer's own judge), so reviewed
    numbers follow exactly the arithmetic of automatic ones; settled statement reviews likewise,
    over the items of the stored score's evidence named by the scorer's ``reviewed_items``
    (``unsupported_statements``: its ``statements``); settled score reviews replace
    ``passed``. A re-aggregated row's ``reason`` is the scorer's reason for the reviewed value. The
    automatic numbers stay in ``auto_value`` and ``auto_passed``; changed rows get
    ``value_source = "review"``. Disagreements no adjudicator has settled leave the automatic value.
    """
    from harness.score.base import build_scorer

    ensure_schema(store)
    frame = frame.copy()
    frame["auto_value"] = frame["value"]
    frame["auto_passed"] = frame["passed"]
    for run_id in frame["run_id"].unique():
        settled = reviewed_values(store, run_id)
        if not settled:
            continue
        run = store.require_run(run_id)
        scorers = {}
        for spec in run.scorers:
            try:
                scorers[spec["name"]] = build_scorer(spec["name"], spec.get("params"))
            except HarnessError:  # a scorer no longer installed: its automatic value stays
                continue
        verdicts: dict[tuple[str, str, int], list[Any]] = defaultdict(list)
        for judge in store.judges(run_id):
            for qid, sample, v in store.claim_verdicts(run_id, judge):
                verdicts[(judge, qid, sample)].append(v)
        stored = ({(sc.question_id, sc.sample, sc.scorer): sc for sc in store.scores(run_id)}
                  if any((k[2] == "statement") for k in settled) else {})
        rows = frame.index[frame["run_id"] == run_id]
        for idx in rows:
            qid, sample, name = frame.at[idx, "question_id"], int(frame.at[idx, "sample"]), frame.at[idx, "scorer"]
            changed = False
            scorer = scorers.get(name)
            judge_of = run.judge_of(name)
            if scorer is not None and judge_of is not None and hasattr(scorer, "aggregate"):
                claims = scorer.judged(verdicts.get((judge_of, qid, sample), []))
                overrides = {v.claim_id: settled[(qid, sample, "claim", v.claim_id)] for v in claims
                             if (qid, sample, "claim", v.claim_id) in settled}
                if overrides:
                    out = scorer.aggregate(claims, overrides)
                    if out.value is not None:
                        frame.at[idx, "value"], frame.at[idx, "passed"], changed = out.value, out.passed, True
                        frame.at[idx, "reason"] = out.reason  # "1 of 7 supported", not the automatic "0 of 7"
            items_key = getattr(scorer, "reviewed_items", None)
            if scorer is not None and items_key and (qid, sample, name) in stored:
                items = stored[(qid, sample, name)].evidence.get(items_key) or []
                overrides = {str(i["id"]): settled[(qid, sample, "statement", str(i["id"]))] for i in items
                             if (qid, sample, "statement", str(i["id"])) in settled}
                if overrides:
                    out = scorer.aggregate(items, overrides)
                    if out.value is not None:
                        frame.at[idx, "value"], frame.at[idx, "passed"], changed = out.value, out.passed, True
                        frame.at[idx, "reason"] = out.reason  # "1 of 7 supported", not the automatic "0 of 7"
            reviewed = settled.get((qid, sample, "score", name))
            if reviewed in ("pass", "fail"):
                frame.at[idx, "passed"], changed = reviewed == "pass", True
            if changed:
                frame.at[idx, "value_source"] = "review"
    return frame
