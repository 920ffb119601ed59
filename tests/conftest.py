"""Shared fixtures: a throw-away copy of the tiny test project, and a run store inside it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.battery import Battery, load_battery
from harness.store import RunStore
from tests.paths import DATA


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/data/project (evals/tiny.yaml + gold) as the working directory."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def tiny(project: Path) -> Battery:
    return load_battery("tiny")


@pytest.fixture
def store(project: Path) -> Iterator[RunStore]:
    with RunStore(project / "reports" / "test.sqlite") as s:
        yield s
