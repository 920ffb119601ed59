"""What an import is asked to do, what it wrote, and how it reads one field of one row.

Field readers raise ``RowProblem`` carrying one located ``Problem``; ``import_battery`` collects
them over every row and raises one ``ImportInputError`` listing all of them in line order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harness.errors import InputError, Problem
from harness.io.tables import Row, Table


class ImportInputError(InputError):
    """The input cannot be imported as asked (missing file or field, bad rows, existing battery).

    Built from located problems, or from one sentence about the request itself (a bad ``name``).
    """

    def __init__(self, problems: Sequence[Problem] | str, *, parameters: Sequence[str] = ()) -> None:
        if isinstance(problems, str):
            ValueError.__init__(self, problems)
            self.problems = ()
            self.parameters = tuple(parameters)
            return
        super().__init__(problems, parameters=parameters)


class RowProblem(Exception):  # noqa: N818 - carries a Problem, caught by import_battery
    """One field of one row cannot be used; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportSpec:
    """What to import and how; the CLI's options one to one."""

    input: str
    name: str
    question_field: str
    answer_field: str
    id_field: str | None = None
    """Column holding a question id; None numbers the rows (q0001, q0002, ...)."""
    must_field: str | None = None
    nice_field: str | None = None
    tag_fields: tuple[str, ...] = ()
    """Columns copied into each question's tags (e.g. a question type or focus)."""
    source_field: str | None = None
    """Column naming the answer's published sources (URLs, references): kept in the gold notes, not the registry."""
    limit: int | None = None
    split: str | None = None
    """Split of a Hugging Face dataset (default: the only split, or "train")."""
    root: Path = field(default_factory=Path.cwd)
    force: bool = False
    essential_count: int = 3
    max_claims: int = 15
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What was written."""

    battery_path: Path
    gold_dir: Path
    questions: int
    claims: int
    created_sources: bool
    renamed_ids: int
    """Question ids that had to be changed (unsafe characters, duplicates)."""


def text_field(table: Table, row: Row, name: str, *, required: bool = True) -> str | None:
    """The row's text in ``name`` (numbers become text); RowProblem when missing, empty or not text."""
    if name not in row.data:
        raise RowProblem(table.missing_field(row, name))
    value = row.data[name]
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowProblem(table.problem(row, name, f"field {name!r} should be text, found a {type(value).__name__}"))
    text = str(value).strip()
    if required and not text:
        raise RowProblem(table.problem(row, name, f"field {name!r} is empty"))
    return text


def statements(table: Table, row: Row, name: str) -> list[str]:
    """A list-of-statements field: a list, a JSON list in a string (CSV), or one statement per line."""
    if name not in row.data:
        raise RowProblem(table.missing_field(row, name))
    value = row.data[name]
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise RowProblem(table.problem(row, name, f"field {name!r} looks like a JSON list but is not "
                                                          f"valid JSON ({exc.msg})")) from None
        else:
            value = stripped.splitlines()
    if not isinstance(value, list | tuple):
        raise RowProblem(table.problem(row, name, f"field {name!r} should be a list of statements, found a "
                                                  f"{type(value).__name__}"))
    out = []
    for j, item in enumerate(value):
        if not isinstance(item, str):
            raise RowProblem(table.problem(row, name, f"field {name!r} item {j + 1} should be a statement (text), "
                                                      f"found a {type(item).__name__}"))
        if item.strip():
            out.append(re.sub(r"\s+", " ", item).strip())
    return out
