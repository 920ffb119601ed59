"""``import_battery()``: rows in (any table ``harness.io.tables`` reads), a checked battery out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from harness.battery.importers.claims import safe_id, sentence_claims, unique_id
from harness.battery.importers.common import (
    ImportInputError,
    ImportResult,
    ImportSpec,
    RowProblem,
    statements,
    text_field,
)
from harness.battery.importers.write import clean_answer, write_battery
from harness.errors import InputError, Problem, sort_problems
from harness.io.tables import Row, Table, read_table

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _check_request(spec: ImportSpec) -> None:
    """Refuse a request that cannot work, before reading anything (parameters named as the API names them)."""
    if not _NAME.match(spec.name):
        raise ImportInputError(f"`name` {spec.name!r}: a battery name uses letters, digits, '_', '.' and '-' and "
                               "starts with a letter or digit", parameters=("name",))
    if spec.limit is not None and spec.limit < 1:
        raise ImportInputError(f"`limit` {spec.limit}: expected a positive number of rows", parameters=("limit",))
    if spec.nice_field is not None and spec.must_field is None:
        raise ImportInputError("`nice_field` needs `must_field` (the essential statements)",
                               parameters=("nice_field", "must_field"))
    if spec.essential_count < 0 or spec.max_claims < 0:
        raise ImportInputError(f"`essential_count` {spec.essential_count} / `max_claims` {spec.max_claims}: expected "
                               "numbers of 0 or more", parameters=("essential_count", "max_claims"))


def import_battery(spec: ImportSpec) -> ImportResult:
    """Read, check and write one imported battery; return what was written.

    Raises:
        ImportInputError: bad input (every bad row, naming file, line and field) or an existing
            battery without ``force``.
    """
    _check_request(spec)
    root = spec.root
    battery_path = root / "evals" / f"{spec.name}.yaml"
    gold_dir = root / "gold_answers" / spec.name
    existing = battery_path.exists() or (gold_dir.is_dir() and any(gold_dir.iterdir()))
    if existing and not spec.force:
        where = battery_path if battery_path.exists() else gold_dir
        raise ImportInputError(f"battery {spec.name!r} already exists ({where}); choose another `name` or pass "
                               "`force` to replace it", parameters=("name", "force"))
    try:
        table = read_table(spec.input, limit=spec.limit, split=spec.split, root=root)
    except InputError as exc:
        raise ImportInputError(exc.problems, parameters=exc.parameters) from None
    label = table.source
    display = Path(label).name if Path(label).exists() else label
    questions: list[dict[str, Any]] = []
    golds: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    problems: list[Problem] = []
    renamed = claims_total = 0
    for row in table.rows:
        try:
            question, gold, was_renamed = _one(spec, table, row, taken, display)
        except RowProblem as exc:
            problems.append(exc.problem)
            continue
        questions.append(question)
        golds[question["id"]] = gold
        renamed += was_renamed
        claims_total += len(gold["claims"])
    if problems:
        raise ImportInputError(sort_problems(problems))
    if not questions:
        raise ImportInputError([Problem(label, None, None, "no rows to import")])
    card = {
        "name": spec.name,
        "version": spec.today.isoformat(),
        "description": (f"Imported from {display} by answer-audit import on {spec.today.isoformat()}: "
                        f"{len(questions)} questions. Gold answers and claims are unreviewed."),
        "audience": "",
        "defaults": {"target_reading_grade": 8.0, "disclaimer_required": True, "citation_required": False},
        "questions": questions,
    }
    return write_battery(spec, battery_path, gold_dir, card, golds, claims_total, renamed)


def _one(spec: ImportSpec, table: Table, row: Row, taken: set[str],
         display: str) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """One row as (question entry, gold answer, id renamed?); RowProblem when a field is unusable."""
    label = table.source
    question = text_field(table, row, spec.question_field)
    answer = text_field(table, row, spec.answer_field)
    assert question is not None and answer is not None
    if spec.id_field:
        raw_id = text_field(table, row, spec.id_field, required=False) or None
        base = (safe_id(raw_id) if raw_id else "") or f"row-{row.number}"
    else:
        raw_id = None
        base = f"q{row.number:04d}"
    must = statements(table, row, spec.must_field) if spec.must_field else []
    nice = statements(table, row, spec.nice_field) if spec.nice_field else []
    published = text_field(table, row, spec.source_field, required=False) if spec.source_field else None
    tags = {"origin": "import"}
    for tag in spec.tag_fields:
        value = text_field(table, row, tag, required=False)
        if value:
            tags[tag] = value
    qid = unique_id(base, taken)
    note_lines = [f"Imported by answer-audit import on {spec.today.isoformat()} from {label}, {row.where}"
                  + (f" ({spec.id_field} = {raw_id!r})" if raw_id is not None else "") + "."]
    dropped = 0
    if spec.must_field:
        claims = [{"id": f"must-{i:02d}", "text": t, "kind": "essential"} for i, t in enumerate(must, 1)]
        claims += [{"id": f"nice-{i:02d}", "text": t, "kind": "supporting"} for i, t in enumerate(nice, 1)]
        if not claims:
            claims, dropped = sentence_claims(answer, spec.essential_count, spec.max_claims)
            note_lines.append(f"{spec.must_field} and {spec.nice_field or '(no nice field)'} were empty, so the "
                              "claims were derived from the answer's sentences.")
        else:
            note_lines.append(f"Claims are the statements of {spec.must_field} (essential)"
                              + (f" and {spec.nice_field} (supporting)" if spec.nice_field else "")
                              + ", unreviewed.")
    else:
        claims, dropped = sentence_claims(answer, spec.essential_count, spec.max_claims)
        note_lines.append(f"Claims were derived from the answer's sentences and are unreviewed: the first "
                          f"{spec.essential_count} essential, the rest supporting.")
    if not claims:
        # an answer too short to yield a sentence of four words: the whole answer is the one claim
        claims = [{"id": "s01", "text": re.sub(r"\s+", " ", answer), "kind": "essential"}]
        note_lines.append("The answer is too short to split, so it is the one claim.")
    if dropped:
        note_lines.append(f"{dropped} further sentence(s) were not made into claims (max_claims = "
                          f"{spec.max_claims}).")
    if published:
        note_lines.append("Sources as published: " + re.sub(r"\s+", " ", published) + ".")
    note_lines.append("Neither the answer nor the claims have been reviewed by a clinician.")
    entry = {"id": qid, "question": re.sub(r"\s+", " ", question), "tags": tags}
    gold = {
        "question_id": qid,
        "status": "unreviewed",
        "reviewed_by": f"imported from {display} (unreviewed)",
        "reviewed_on": spec.today,
        "guideline_version": f"as published in {display}",
        "notes": " ".join(note_lines),
        "answer": clean_answer(answer),
        "claims": claims,
    }
    return entry, gold, raw_id is not None and qid != raw_id
