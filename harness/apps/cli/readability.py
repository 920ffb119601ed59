"""``answer-audit readability --input F --text-field T --output out.csv``: reading level of many texts.

One output row per input row, keeping the input's other fields (an id, a model name) and adding
the six formulas, the learned ``difficulty`` and the counts they used. Input is CSV or JSONL
(by extension); output CSV or JSONL (by extension). A row whose text is empty or not English
gets empty values and a ``reason``, never a 0. Bad input (missing file or column, invalid JSON,
a text field that is not text) stops before anything is written, listing every bad row (file:line
and field, through ``harness.io.tables``), with exit code 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from harness.apps.cli import ExitCode

FORMULA_COLUMNS = ("fkgl", "smog", "fre", "fog", "cli", "dale_chall", "difficulty")
COUNT_COLUMNS = ("sentences", "words", "syllables", "polysyllables", "fog_complex_words",
                 "dale_chall_difficult_words", "letters")
OUTPUT_COLUMNS = (*FORMULA_COLUMNS, *COUNT_COLUMNS, "reason", "notes")
MIN_ENGLISH_SHARE = 0.6


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "readability", help="reading-level formulas and learned difficulty for every text in a CSV/JSONL file",
        description="Reading level of every text in a CSV or JSONL file: FKGL, SMOG, Flesch Reading Ease, "
                    "Gunning Fog, Coleman-Liau, Dale-Chall (as textstat defines them, from our own counts; offline, markdown-aware) and the learned "
                    "difficulty (MedReadMe 1-6 scale), with the counts used. Empty or non-English texts get empty "
                    "values and a reason.",
        epilog="example: answer-audit readability --input answers.jsonl --text-field answer --output grades.csv",
    )
    p.add_argument("--input", type=Path, required=True, help="a .csv or .jsonl file, one text per row")
    p.add_argument("--text-field", default="text", help="the column/field holding the text (default: text)")
    p.add_argument("--output", type=Path, required=True, help="where to write the rows (.csv or .jsonl)")
    p.add_argument("--keep-text", action="store_true", help="also copy the text itself into the output")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from harness.io.tables import table_format, write_table

    table_format(args.output, allowed=("csv", "jsonl"), role="output")  # refuse before reading anything
    rows = read_rows(args.input, args.text_field)
    results = [measure(text) for _, text, _ in rows]
    fields = _input_fields(rows, args.text_field, args.keep_text)
    out_rows = []
    for (_, _text, record), result in zip(rows, results, strict=True):
        row = {_unclash(k): v for k, v in record.items() if k in fields}
        row.update(result)
        out_rows.append(row)
    columns = [_unclash(f) for f in fields] + list(OUTPUT_COLUMNS)
    write_table(args.output, columns, out_rows, allowed=("csv", "jsonl"))
    unscored = sum(1 for r in results if r["reason"])
    print(f"measured {len(rows)} text{'s' if len(rows) != 1 else ''} from {args.input}"
          + (f" ({unscored} without values: see the reason column)" if unscored else "")
          + f"; wrote {args.output}")
    return ExitCode.OK


def read_rows(path: Path, field: str) -> list[tuple[int | None, str | None, dict[str, Any]]]:
    """``(line, text or None, record)`` per row; InputError listing every bad row otherwise."""
    from harness.errors import InputError
    from harness.io.tables import read_table

    table = read_table(path, allowed=("csv", "jsonl"))
    if table.header_line is not None and field not in table.columns:
        raise InputError([table.missing_column(field)])
    problems = []
    out: list[tuple[int | None, str | None, dict[str, Any]]] = []
    for row in table.rows:
        if field not in row.data:
            problems.append(table.missing_field(row, field))
            continue
        text = row.data[field]
        if text is not None and not isinstance(text, str):
            problems.append(table.problem(row, field, f"field {field!r} must be text (a JSON string), found "
                                                      f"{type(text).__name__} {json.dumps(text)[:40]}"))
            continue
        out.append((row.line, text, row.data))
    if problems:
        raise InputError(problems)
    return out


def measure(text: str | None) -> dict[str, Any]:
    """The output columns for one text: values, or empty values and a reason."""
    from harness.score.engines.readability import analyze, english_word_share

    empty: dict[str, Any] = dict.fromkeys(OUTPUT_COLUMNS)
    if text is None or not text.strip():
        return {**empty, "reason": "empty text: nothing to measure"}
    latin, share = english_word_share(text)
    if latin == 0:
        return {**empty, "reason": "no English words to measure"}
    if share < MIN_ENGLISH_SHARE:
        return {**empty, "reason": f"mostly not English: {share:.0%} of words are Latin-script"}
    result = analyze(text)
    f = result.formulas
    if f.words == 0:
        return {**empty, "reason": "no words to measure"}
    row: dict[str, Any] = {k: _round(getattr(f, k)) for k in FORMULA_COLUMNS if k != "difficulty"}
    row["difficulty"] = _round(result.difficulty)
    row.update({k: getattr(f, k) for k in COUNT_COLUMNS})
    row["reason"] = None
    row["notes"] = "; ".join(f.notes) or None
    return row


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _input_fields(rows: list[tuple[int | None, str | None, dict[str, Any]]], text_field: str, keep_text: bool) -> list[str]:
    seen: dict[str, None] = {}
    for _, _, record in rows:
        for key in record:
            if keep_text or key != text_field:
                seen.setdefault(key, None)
    return list(seen)


def _unclash(name: str) -> str:
    """Input fields named like an output column are kept as ``input_<name>``."""
    return f"input_{name}" if name in OUTPUT_COLUMNS else name
