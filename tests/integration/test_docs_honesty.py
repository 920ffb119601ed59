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


def _readme_commands() -> list[list[str]]:
    """Every `.venv/bin/answer-audit ...` command of the README's code blocks, continuation lines joined."""
    import shlex

    joined, pending = [], ""
    for line in _code_lines((REPO / "README.md").read_text(encoding="utf-8")):
        pending += line.rstrip("\\").rstrip() + " " if line.rstrip().endswith("\\") else line
        if not line.rstrip().endswith("\\"):
            joined.append(pending)
            pending = ""
    return [shlex.split(c, comments=True)[1:] for c in joined if c.startswith(".venv/bin/answer-audit ")]


def test_readme_commands_name_only_runs_that_the_demo_or_an_earlier_command_made():
    """A newcomer running the README top to bottom after `make demo` never meets "No run 'candidate'"."""
    from harness.apps.cli.demo import demo_generators

    made = {run_id for run_id, _ in demo_generators("oncology")}
    named: list[tuple[str, str]] = []
    for args in _readme_commands():
        if "..." in args:
            continue  # an elided example ("run ... --dry-run"), not a command to paste
        if args[0] == "run" and "--run-id" in args:
            made.add(args[args.index("--run-id") + 1])
        elif args[0] in ("report", "export", "compare"):
            named += [(args[0], a) for a in args[1:] if not a.startswith("-")
                      and not args[args.index(a) - 1].startswith("--")]
        elif args[0] == "gate":
            named += [("gate", args[args.index(f) + 1]) for f in ("--run", "--baseline") if f in args]
        for cmd, run_id in named:
            assert run_id in made, f"README: `{cmd}` names run {run_id!r}, which nothing before it creates"
    assert ("gate", "demo-oncology-careful") in named and ("report", "demo-oncology-careful") in named
