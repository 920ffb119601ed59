"""What the README, the samples README, the battery and the package metadata tell a newcomer is true (issue 15)."""

from __future__ import annotations

import re
import tomllib

from harness.apps.cli import main
from harness.battery import load_battery
from tests.paths import REPO


def _code_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


def test_readme_uses_one_command_form_and_says_the_true_counts():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    bare = [line for line in _code_lines(readme) if line.startswith("answer-audit ")]
    assert bare == [], "code blocks use .venv/bin/answer-audit (or the README says to activate .venv)"
    assert "source .venv/bin/activate" in readme
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    assert f"({len(battery.questions)} questions" in readme and len(battery.questions) == 41
    assert re.search(r"All 41 gold answers .*\n?.*pending clinician review", readme)


def test_validate_counts_clinician_reviewed_gold(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["validate", "oncology"]) == 0
    assert "0 of 41 gold answers clinician-reviewed; 41 are marked" in capsys.readouterr().out


def test_samples_readme_and_tags_do_not_mislead():
    samples = (REPO / "evals" / "samples" / "oncology" / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in samples and "reasonable recall" not in samples
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    cancers = {q.tags.get("cancer") for q in battery.questions}
    assert "all" not in cancers and "acute-lymphoblastic-leukemia" in cancers


def test_licence_is_an_spdx_string():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert meta["build-system"]["requires"] == ["setuptools>=77"]
