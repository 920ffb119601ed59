"""``answer-audit readability --input F --text-field T --output out.csv``: reading level of many texts.

One output row per input row, keeping the input's other fields (an id, a model name) and adding
the six formulas, the learned ``difficulty`` and the counts they used. Input is CSV or JSONL
(by extension); output CSV or JSONL (by extension). A row whose text is empty or not English
gets empty values and a ``reason``, never a 0. Bad input (missing file or column, invalid JSON,
a text field that is not text) stops before anything is written, with one sentence naming the
file, line and field, and exit code 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harness.apps.cli import ExitCode

FORMULA_COLUMNS = ("fkgl", "smog", "fre", "fog", "cli", "dale_chall", "difficulty")
COUNT_COLUMNS = ("sentences", "words", "syllables", "polysyllables", "fog_complex_words",
                 "dale_chall_difficult_words", "letters")
OUTPUT_COLUMNS = (*FORMULA_COLUMNS, *COUNT_COLUMNS, "reason", "notes")
_JSONL = (".jsonl", ".ndjson")
MIN_ENGLISH_SHARE = 0.6


class InputProblem(Exception):
    """One sentence about what is wrong with the input, naming file, line and field."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "readability", help="reading-level formulas and learned difficulty for every text in a CSV/JSONL file",
        description="Reading level of every text in a CSV or JSONL file: FKGL, SMOG, Flesch Reading Ease, "
                    "Gunning Fog, Coleman-Liau, Dale-Chall (textstat, offline, markdown-aware) and the learned "
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
    try:
        rows = read_rows(args.input, args.text_field)
        out_format = _format_of(args.output, "output")
    except InputProblem as exc:
        print(f"answer-audit readability: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    results = [measure(text) for _, text, _ in rows]
    fields = _input_fields(rows, args.text_field, args.keep_text)
    out_rows = []
    for (_, _text, record), result in zip(rows, results, strict=True):
        row = {_unclash(k): v for k, v in record.items() if k in fields}
        row.update(result)
        out_rows.append(row)
    columns = [_unclash(f) for f in fields] + list(OUTPUT_COLUMNS)
    _write(args.output, out_format, columns, out_rows)
    unscored = sum(1 for r in results if r["reason"])
    print(f"measured {len(rows)} text{'s' if len(rows) != 1 else ''} from {args.input}"
          + (f" ({unscored} without values: see the reason column)" if unscored else "")
          + f"; wrote {args.output}")
    return ExitCode.OK


def _format_of(path: Path, role: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in _JSONL:
        return "jsonl"
    raise InputProblem(f"{path}: {role} must end in .csv or .jsonl; found {suffix or 'no extension'!r}")


def read_rows(path: Path, field: str) -> list[tuple[int, str | None, dict[str, Any]]]:
    """``(line, text or None, record)`` per row; raises InputProblem on the first bad row."""
    fmt = _format_of(path, "--input")
    if not path.is_file():
        raise InputProblem(f"{path}: input file does not exist")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(_csv_rows(path, fh, field) if fmt == "csv" else _jsonl_rows(path, fh, field))
    except UnicodeDecodeError as exc:
        raise InputProblem(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from None


def _csv_rows(path: Path, fh: Iterable[str], field: str) -> Iterable[tuple[int, str | None, dict[str, Any]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # answers can be megabytes long
    reader = csv.DictReader(fh)  # type: ignore[arg-type]
    if reader.fieldnames is None:
        raise InputProblem(f"{path}: line 1: empty file, expected a header row naming a column {field!r}")
    if field not in reader.fieldnames:
        raise InputProblem(f"{path}: line 1 (header): no column {field!r}; the columns are "
                           f"{', '.join(repr(c) for c in reader.fieldnames)}")
    for record in reader:
        if None in record:
            raise InputProblem(f"{path}: line {reader.line_num}: more values than header columns "
                               f"({len(reader.fieldnames)} expected)")
        yield reader.line_num, record[field], dict(record)


def _jsonl_rows(path: Path, fh: Iterable[str], field: str) -> Iterable[tuple[int, str | None, dict[str, Any]]]:
    for line_no, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputProblem(f"{path}: line {line_no}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise InputProblem(f"{path}: line {line_no}: expected a JSON object with a field {field!r}, "
                               f"found a {type(record).__name__}")
        if field not in record:
            raise InputProblem(f"{path}: line {line_no}: field {field!r} is missing; the fields are "
                               f"{', '.join(repr(k) for k in record) or '(none)'}")
        text = record[field]
        if text is not None and not isinstance(text, str):
            raise InputProblem(f"{path}: line {line_no}: field {field!r} must be text (a JSON string), "
                               f"found {type(text).__name__} {json.dumps(text)[:40]}")
        yield line_no, text, record


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


def _input_fields(rows: list[tuple[int, str | None, dict[str, Any]]], text_field: str, keep_text: bool) -> list[str]:
    seen: dict[str, None] = {}
    for _, _, record in rows:
        for key in record:
            if keep_text or key != text_field:
                seen.setdefault(key, None)
    return list(seen)


def _unclash(name: str) -> str:
    """Input fields named like an output column are kept as ``input_<name>``."""
    return f"input_{name}" if name in OUTPUT_COLUMNS else name


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write(path: Path, fmt: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """Write atomically (a temporary file renamed over the target)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if fmt == "csv":
                writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                for row in rows:
                    writer.writerow({c: _cell(row.get(c)) for c in columns})
            else:
                for row in rows:
                    fh.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
