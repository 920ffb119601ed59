"""The learned-contradiction gate of a profile: ``named`` (shipped default) and ``open`` (a profile fitted on a
user's own pairs may choose it from out-of-fold figures); recorded, read back, and what each lets through.

Cases are our own wording: a guideline whose claim negates and whose answer states the opposite in other words,
and a fit on the hand-written cases (too few contradictions to trust the open gate).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from harness.battery import Claim
from harness.errors import ConfigError
from harness.score.engines.judge import contradiction, get_judge
from harness.score.engines.judge.features import prepare_answer, prepare_claim
from harness.score.engines.judge.fit import fit, read_cases
from harness.score.engines.judge.fitting import MIN_OPEN_CONTRADICTIONS, refutation_f1
from harness.score.engines.judge.lexical import CombinerJudge
from harness.score.engines.judge.model import Combiner
from tests.paths import CASES

AS_OF = dt.date(2026, 11, 26)
ANSWER = "Children who had the vaccine at school were then allowed to swim in the public pool the same afternoon."
CLAIM = "Children should not swim in public pools for two days after the vaccine."


def _default() -> Combiner:
    judge = get_judge("default")
    assert isinstance(judge, CombinerJudge)
    return judge.combiner


def test_gate_is_recorded_read_back_and_validated():
    base = _default()
    assert base.learned_gate == "named"  # the shipped profile keeps the gates that protect careful answers
    opened = dataclasses.replace(base, learned_gate="open")
    data = opened.to_json()
    assert data["learned_gate"] == "open"
    assert Combiner.from_json(data, origin="x").learned_gate == "open"
    legacy = {k: v for k, v in base.to_json().items() if k != "learned_gate"}
    assert Combiner.from_json(legacy, origin="old").learned_gate == "named"
    with pytest.raises(ConfigError, match="learned_gate must be one of named, open; found 'wide'"):
        Combiner.from_json(data | {"learned_gate": "wide"}, origin="bad.json")


def test_open_gate_reads_a_window_the_named_gate_does_not():
    _, found = contradiction.measure(prepare_answer(ANSWER), prepare_claim(CLAIM))
    assert found is not None and found.negative_claim and not found.named
    base = _default()
    assert not base.may_learn(found)
    assert dataclasses.replace(base, learned_gate="open").may_learn(found)


def test_open_gate_contradiction_names_the_window_and_the_claim():
    # a profile whose substance head always speaks (threshold near 0) shows what each gate lets through: no clash
    # word is named here (a route of giving a drug, not an opposite term), so only the open gate may call it
    # contradicted. ("fades" vs "permanent", the earlier example, is now a named opposite: structure's rule.)
    answer = "This injection for bone health goes into a vein over about fifteen minutes."
    claim = "This injection for bone health goes under the skin of the tummy."
    eager = dataclasses.replace(_default(), threshold_learned=1e-9)
    named = CombinerJudge(eager).judge(answer, [Claim(id="c", text=claim)], as_of=AS_OF)[0]
    opened = CombinerJudge(dataclasses.replace(eager, learned_gate="open")).judge(
        answer, [Claim(id="c", text=claim)], as_of=AS_OF)[0]
    assert named.verdict != "contradicted", named.reason
    assert opened.verdict == "contradicted", opened.reason
    assert opened.evidence and answer[opened.evidence[0].start:opened.evidence[0].end] == answer
    assert "disagrees in substance" in opened.reason and claim in opened.reason


def test_auto_gate_keeps_named_without_enough_contradictions_and_records_both():
    pairs = read_cases(CASES / "judge_train.jsonl")
    contradicted = [p for p in pairs if p.label == "contradicted"][:MIN_OPEN_CONTRADICTIONS - 1]
    pairs = [p for p in pairs if p.label != "contradicted"] + contradicted
    result = fit(pairs, name="x", c=0.1, gate="auto")
    assert result.combiner.learned_gate == "named"
    choice = result.combiner.to_json()["fitted_with"]["gate_choice"]
    assert set(choice) == {"named", "open"} and all(0 <= v["precision"] <= 1 for v in choice.values())
    forced = fit(pairs, name="x", c=0.1, gate="open").combiner
    assert forced.learned_gate == "open" and json.loads(json.dumps(forced.to_json()))["learned_gate"] == "open"
    with pytest.raises(ValueError, match="gate must be"):
        fit(pairs, name="x", c=0.1, gate="wide")


def test_refutation_f1_counts_only_rows_predicted_out_of_fold():
    truth = ["contradicted", "contradicted", "missing", "supported", "contradicted"]
    pred = ["contradicted", "missing", "contradicted", "supported", ""]
    assert refutation_f1(truth, pred) == pytest.approx((0.5, 0.5, 0.5))


def test_calibrate_records_the_gate_it_was_asked_for_and_prints_both(tmp_path, capsys):
    from harness.apps.cli import main

    src = tmp_path / "mine.jsonl"
    src.write_text((CASES / "judge_train.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["calibrate", "--input", str(src), "--answer-col", "answer", "--claim-col", "claim", "--label-col", "label",
            "--group-col", "group", "--profiles-dir", str(tmp_path)]
    assert main([*args, "--name", "opened", "--contradiction-gate", "open"]) == 0
    out = capsys.readouterr().out
    assert "contradictions out of fold: named gate precision" in out and "uses the open gate" in out
    assert json.loads((tmp_path / "opened.json").read_text(encoding="utf-8"))["learned_gate"] == "open"
    assert main([*args, "--name", "kept", "--contradiction-gate", "named"]) == 0
    assert "contradictions out of fold" not in capsys.readouterr().out
    assert json.loads((tmp_path / "kept.json").read_text(encoding="utf-8"))["learned_gate"] == "named"
