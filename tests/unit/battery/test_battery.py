"""Loading and validating batteries: every problem reported at once, each with file:line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.battery import load_battery
from harness.errors import BatteryError, BatteryNotFoundError


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(name: str = "tiny") -> list[str]:
    with pytest.raises(BatteryError) as info:
        load_battery(name)
    return [str(p) for p in info.value.problems]


def test_tiny_battery_loads(tiny):
    assert tiny.name == "tiny"
    assert tiny.question_ids() == ("fever-chemo", "egfr-lung-first-line")
    assert tiny.question("egfr-lung-first-line").context.biomarkers == ("EGFR exon 19 deletion",)
    assert tiny.gold["fever-chemo"].requirements.escalation is True
    assert tiny.reading_grade_target("fever-chemo") == 8
    assert set(tiny.sources) == {"nci-fever", "fda-osimertinib-label"}
    assert len(tiny.fingerprint) == 16


def test_fingerprint_changes_with_content(project, tiny):
    _edit(project / "gold_answers/tiny/fever-chemo.yaml", "Do not wait.", "Do not wait at all.")
    assert load_battery("tiny").fingerprint != tiny.fingerprint


def test_all_problems_reported_with_file_line_and_field(project):
    gold = project / "gold_answers/tiny/fever-chemo.yaml"
    _edit(gold, "kind: supporting", "kind: suporting")
    _edit(gold, "    severity: high\n    key_terms", "    severty: high\n    key_terms")
    _edit(gold, "reviewed_on: 2026-11-26", "reviewed_on: 2026-13-40")
    _edit(project / "gold_answers/tiny/egfr-lung-first-line.yaml", "\nsources: [fda-osimertinib-label]\n",
          "\nsources: [fda-osimertinib]\n")
    with (project / "evals/tiny.yaml").open("a", encoding="utf-8") as f:
        f.write("  - id: fever-chemo\n    question: again\n  - id: nogold\n    question: where is my gold?\n")
    problems = _problems()
    joined = "\n".join(problems)
    assert "gold_answers/tiny/fever-chemo.yaml:17: [claims[1].kind] Input should be 'essential', 'supporting', " \
           "'harmful' or 'outdated'; found 'suporting'" in joined
    assert "gold_answers/tiny/fever-chemo.yaml:13: [claims[0].severty] unknown key 'severty'; did you mean " \
           "'severity'?" in joined
    assert "gold_answers/tiny/fever-chemo.yaml:3: [reviewed_on]" in joined and "'2026-13-40'" in joined
    assert ("gold_answers/tiny/egfr-lung-first-line.yaml:19: [sources[0]] source id 'fda-osimertinib' is not in "
            "gold_answers/sources.yaml; did you mean 'fda-osimertinib-label'?") in joined
    assert "evals/tiny.yaml:22: [questions[2].id] duplicate question id 'fever-chemo' (first used on line 11)" in joined
    assert "question 'nogold' has no gold answer: expected file gold_answers/tiny/nogold.yaml" in joined
    assert len(problems) == 6


def test_claim_id_used_twice_and_bad_validity_window(project):
    gold = project / "gold_answers/tiny/fever-chemo.yaml"
    _edit(gold, "- id: threshold", "- id: call-now")
    _edit(project / "gold_answers/tiny/egfr-lung-first-line.yaml", "valid_until: 2015-11-12",
          "valid_from: 2016-01-01\n    valid_until: 2015-11-12")
    joined = "\n".join(_problems())
    assert "fever-chemo.yaml:15: [claims[1].id] claim id 'call-now' used twice (first on line 10)" in joined
    assert "[claims[1].valid_until] valid_until 2015-11-12 is before valid_from 2016-01-01" in joined


def test_malformed_yaml_names_the_line(project):
    path = project / "gold_answers/tiny/fever-chemo.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "claims: [unclosed\n", encoding="utf-8")
    (problem,) = _problems()
    assert problem.startswith("gold_answers/tiny/fever-chemo.yaml:") and "malformed YAML" in problem


def test_duplicate_yaml_key_is_reported(project):
    path = project / "evals/tiny.yaml"
    _edit(path, 'version: "1"', 'version: "1"\nversion: "2"')
    (problem,) = _problems()
    assert "duplicate key 'version'" in problem and "evals/tiny.yaml:4" in problem


def test_non_utf8_file_is_reported(project):
    path = project / "gold_answers/tiny/egfr-lung-first-line.yaml"
    path.write_bytes(path.read_bytes().replace(b"Ask your", "Ask \xe9 your".encode("latin-1")))
    (problem,) = _problems()
    assert "egfr-lung-first-line.yaml:7" in problem and "not valid UTF-8" in problem


def test_gold_file_for_unknown_question(project):
    (project / "gold_answers/tiny/fever-chemotherapy.yaml").write_text("question_id: x\n", encoding="utf-8")
    (problem,) = _problems()
    assert "not a question of battery 'tiny'; did you mean 'fever-chemo'?" in problem


def test_wrong_types_and_missing_fields(project):
    path = project / "evals/tiny.yaml"
    _edit(path, "tags: {cancer: any, topic: side-effects, risk: high}", "tags: [any, side-effects]")
    _edit(project / "gold_answers/tiny/fever-chemo.yaml", "reviewed_by: Test fixture (not clinically reviewed)\n", "")
    joined = "\n".join(_problems())
    assert "evals/tiny.yaml:13: [questions[0].tags] Input should be a valid dictionary" in joined
    assert "fever-chemo.yaml:1: [reviewed_by] required field is missing" in joined


def test_missing_battery_file(project):
    (problem,) = _problems("nope")
    assert "evals/nope.yaml: file not found: no battery 'nope' (batteries in evals: tiny)" in problem


def test_missing_battery_suggests_the_closest_name(project):
    with pytest.raises(BatteryNotFoundError) as info:
        load_battery("tinny")
    assert str(info.value) == ("evals/tinny.yaml: file not found: no battery 'tinny'; did you mean 'tiny'? "
                               "(batteries in evals: tiny)")


def test_unknown_enum_value_suggests_the_closest(project):
    _edit(project / "gold_answers/tiny/fever-chemo.yaml", "kind: essential", "kind: esential")
    (problem,) = _problems()
    assert "fever-chemo.yaml:12: [claims[0].kind] Input should be 'essential', 'supporting', 'harmful' or " \
           "'outdated'; found 'esential'; did you mean 'essential'?" in problem


def test_battery_name_must_match_file(project):
    _edit(project / "evals/tiny.yaml", "name: tiny", "name: small")
    assert any("battery name 'small' does not match its file name 'tiny'" in p for p in _problems())
