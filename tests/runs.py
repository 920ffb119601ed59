"""Build runs with chosen scores directly in a real run store, for the statistics, gate and report tests.

The gate, comparison and report are pure functions of stored records, so their tests write the
records they need through the store's public API (``create_run``, ``put_answer``,
``put_scores``) instead of depending on what today's scorers happen to output. End-to-end tests
elsewhere run the real runner.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from harness.core.records import Answer, ClaimVerdict, Score, Span
from harness.store import RunRecord, RunStore

Cell = tuple[float | None, bool | None]


def make_run(
    store: RunStore,
    run_id: str,
    scores: Mapping[str, Mapping[str, Cell | Sequence[Cell]]],
    *,
    battery: str = "syn",
    battery_path: str = "evals/syn.yaml",
    fingerprint: str = "fp-1",
    generator: str | None = None,
    texts: Mapping[str, str] | None = None,
    errors: Iterable[str] = (),
    claims: Mapping[str, Sequence[ClaimVerdict]] | None = None,
    evidence: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
    scorer_names: Sequence[str] | None = None,
) -> str:
    """A finished run: ``scores[qid][scorer] = (value, passed)`` or a list of them (one per sample).

    Questions in ``errors`` get a generation error and unscored scores whatever ``scores`` says.
    """
    errors = set(errors)
    names = list(scorer_names or dict.fromkeys(s for per in scores.values() for s in per))
    store.create_run(RunRecord(
        run_id=run_id, battery=battery, battery_version="1", battery_fingerprint=fingerprint,
        battery_path=battery_path, generator=generator or f"recorded:{run_id}.jsonl",
        scorers=tuple({"name": n, "version": "1", "params": {}} for n in names),
        params={"as_of": "2026-11-26", "samples": 1}, created_at="2026-11-26T00:00:00+00:00", status="finished"),
        _snapshot(battery_path, fingerprint))
    for qid, per in scores.items():
        cells = {s: (list(c) if isinstance(c, list) else [c]) for s, c in per.items()}
        n_samples = max(len(c) for c in cells.values())
        for sample in range(n_samples):
            err = "HTTP 500 from the model" if qid in errors else None
            text = None if err else (texts or {}).get(qid, f"Answer to {qid}.")
            store.put_answer(run_id, Answer(question_id=qid, generator=generator or run_id, text=text, sample=sample,
                                            error=err))
            out = []
            for scorer, cl in cells.items():
                value, passed = cl[min(sample, len(cl) - 1)]
                if err:
                    value, passed = None, None
                verdicts = tuple((claims or {}).get(qid, ())) if scorer == "claim_problems" and not err else ()
                out.append(Score(scorer=scorer, question_id=qid, sample=sample, value=value, passed=passed,
                                 reason=f"generation failed: {err}" if err else f"{scorer} says {value}",
                                 evidence=dict((evidence or {}).get((qid, scorer), {})), claim_verdicts=verdicts))
            store.put_scores(run_id, out)
    return run_id


def _snapshot(battery_path: str, fingerprint: str) -> Any:
    """The battery to snapshot with the run, as the runner does: the files', when they exist and match."""
    from harness.battery import load_battery
    from harness.errors import BatteryError

    try:
        battery = load_battery(battery_path)
    except (BatteryError, OSError):
        return None
    return battery if battery.fingerprint == fingerprint else None


def harmful(claim_id: str, text: str, start: int = 0) -> ClaimVerdict:
    """A stated harmful claim with one evidence span."""
    return ClaimVerdict(claim_id=claim_id, claim_kind="harmful", severity="high", verdict="stated",
                        evidence=(Span(start, start + len(text), text),), reason="the answer says it")


def recall_run(store: RunStore, run_id: str, values: Sequence[float], **kw: Any) -> str:
    """A one-scorer run: claim_recall per question q00, q01, ... (passed at >= 0.6)."""
    scores = {f"q{i:02d}": {"claim_recall": (v, v >= 0.6)} for i, v in enumerate(values)}
    return make_run(store, run_id, scores, **kw)


def write_recorded(path: Path, answers: Mapping[str, str]) -> str:
    """A recorded-generator JSONL file; returns its generator spec."""
    path.write_text("".join(json.dumps({"question_id": k, "answer": v}) + "\n" for k, v in answers.items()),
                    encoding="utf-8")
    return f"recorded:{path}"
