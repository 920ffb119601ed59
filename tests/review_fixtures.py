"""A store with two runs of the tiny battery (one with hostile answer text) and three reviewers."""

from __future__ import annotations

import json
from pathlib import Path

from harness.battery import load_battery
from harness.generate import make_generator
from harness.results import reviews as rv
from harness.run import run_battery
from harness.store import RunStore

HOSTILE = ("<script>alert('xss')</script> Call your care team now if you have a fever. "
           "<img src=x onerror=alert(1)> [more](javascript:alert(2)) This is general information, not medical advice.")


def build_review_store(project: Path) -> tuple[Path, dict[str, str]]:
    """Runs 'gold-run' (gold) and 'hostile-run' (recorded, hostile text); reviewers alice, bob, carol."""
    battery = load_battery("tiny")
    answers = project / "hostile.jsonl"
    answers.write_text(json.dumps({"question_id": "fever-chemo", "answer": HOSTILE}) + "\n"
                       + json.dumps({"question_id": "egfr-lung-first-line",
                                     "answer": "Chemotherapy alone is the only first treatment."}) + "\n",
                       encoding="utf-8")
    path = project / "reports" / "review.sqlite"
    with RunStore(path) as store:
        run_battery(battery, make_generator("gold", battery), store, run_id="gold-run")
        run_battery(battery, make_generator(f"recorded:{answers}", battery), store, run_id="hostile-run")
        tokens = {"alice": rv.add_reviewer(store, "alice"), "bob": rv.add_reviewer(store, "bob"),
                  "carol": rv.add_reviewer(store, "carol", "adjudicator")}
    return path, tokens
