"""The battery's problems: field errors of each YAML file and the checks that span records.

Field errors come from the pydantic models (``harness.io.validation``), located by the YAML
loader's line numbers; the cross-record checks are the ones a single model cannot make: a gold
answer's question id, duplicate claim ids, validity windows, source ids against the registry,
gold files for questions the battery does not have.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from harness.battery.models import GoldAnswer, Source
from harness.errors import Problem, suggest
from harness.io.validation import validate
from harness.io.yamlio import line_of, load_yaml


def validate_yaml(model: type[Any], data: Any, path: Path, prefix: tuple[str | int, ...],
                  problems: list[Problem], root: Any = None) -> Any:
    """``data`` (from YAML file ``path``) as ``model``, or None with its problems added (file:line, field)."""
    root = data if root is None else root
    return validate(model, data, path, prefix, problems, lambda loc: line_of(root, loc))


def load_gold(path: Path, question_id: str, sources: Mapping[str, Source],
              problems: list[Problem]) -> GoldAnswer | None:
    """One gold answer file, validated and checked against its question and the registry."""
    raw, problem = load_yaml(path)
    if problem is not None:
        problems.append(problem)
        return None
    gold = validate_yaml(GoldAnswer, raw, path, (), problems)
    if gold is None:
        return None
    if gold.question_id != question_id:
        problems.append(Problem(str(path), line_of(raw, ("question_id",)), "question_id",
                                f"expected {question_id!r} (the file name), found {gold.question_id!r}"))
    first_line: dict[str, int | None] = {}
    for i, claim in enumerate(gold.claims):
        line = line_of(raw, ("claims", i, "id"))
        if claim.id in first_line:
            problems.append(Problem(str(path), line, f"claims[{i}].id",
                                    f"claim id {claim.id!r} used twice (first on line {first_line[claim.id]})"))
        first_line.setdefault(claim.id, line)
        if claim.valid_from and claim.valid_until and claim.valid_until < claim.valid_from:
            problems.append(Problem(str(path), line_of(raw, ("claims", i, "valid_until")),
                                    f"claims[{i}].valid_until",
                                    f"valid_until {claim.valid_until} is before valid_from {claim.valid_from}"))
        for j, sid in enumerate(claim.sources):
            check_source(sid, sources, path, line_of(raw, ("claims", i, "sources", j)),
                         f"claims[{i}].sources[{j}]", problems)
    for j, sid in enumerate(gold.sources):
        check_source(sid, sources, path, line_of(raw, ("sources", j)), f"sources[{j}]", problems)
    return gold


def check_source(sid: str, sources: Mapping[str, Source], path: Path, line: int | None,
                 field: str, problems: list[Problem]) -> None:
    """A source id must be in the citation registry."""
    if sid in sources:
        return
    problems.append(Problem(str(path), line, field,
                            f"source id {sid!r} is not in gold_answers/sources.yaml{suggest(sid, sources)}"))


def orphan_gold_files(gold_dir: Path, raw_ids: set[Any], known: Iterable[str], battery: str) -> list[Problem]:
    """Gold files for questions the battery does not have (a renamed question leaves one behind)."""
    if not gold_dir.is_dir():
        return []
    known = list(known)
    return [Problem(str(extra), None, None, f"gold answer for {extra.stem!r}, which is not a question of battery "
                                            f"{battery!r}{suggest(extra.stem, known)}")
            for extra in sorted(gold_dir.glob("*.y*ml")) if extra.stem not in raw_ids]
