"""The one table reader and writer: CSV/TSV, JSONL, JSON, Parquet and ``datasets`` datasets.

Every command that takes a table of records (recorded answers, judge pairs, readability texts,
battery imports) reads it here, so every one reports bad input the same way: a ``Problem`` per
bad row naming ``file:line`` (the 1-based *physical* line for CSV and JSONL, where a row starts)
and the field, all of them at once in line order, as one ``InputError``.

``read_table(source)`` picks the format from the suffix (``format=`` overrides it). A directory
is a ``datasets`` ``save_to_disk`` folder (or a folder of data files), and a name that is no file
is a Hugging Face dataset in the local cache; both are read offline (``harness.io.hf``).
``write_table(path, columns, rows)`` writes CSV/TSV, JSONL or JSON atomically.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import InputError, Problem, suggest

FORMATS: dict[str, str] = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                           ".json": "json", ".parquet": "parquet"}
"""File suffix -> format."""
MAX_PROBLEMS = 50
"""Reading stops collecting row problems after this many (the count of the rest is reported)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a table and where it came from."""

    number: int
    """1-based data row (the header is not a row)."""
    line: int | None
    """1-based physical line where the record starts (CSV, JSONL); None for JSON, Parquet, datasets."""
    data: dict[str, Any]

    @property
    def where(self) -> str:
        """``"line 12"`` when the line is known, else ``"row 7"`` (for notes and messages)."""
        return f"line {self.line}" if self.line is not None else f"row {self.number}"


@dataclass(frozen=True, slots=True)
class Table:
    """Rows read from one source, with the columns in first-seen order."""

    source: str
    format: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    header_line: int | None = None
    """1 for CSV/TSV (the header row), None for formats without a header."""

    def problem(self, row: Row | None, field_name: str | None, message: str) -> Problem:
        """A Problem located at ``row`` (or the header when ``row`` is None) of this table."""
        if row is None:
            return Problem(self.source, self.header_line, field_name, message)
        if row.line is None:
            return Problem(self.source, None, field_name, f"{row.where}: {message}")
        return Problem(self.source, row.line, field_name, message)

    def missing_column(self, name: str) -> Problem:
        """The Problem for a column that no row (or the header) has."""
        known = ", ".join(repr(c) for c in self.columns) or "(none)"
        what = "no column" if self.header_line else "no field"
        return self.problem(None, name, f"{what} {name!r}; the columns are {known}{suggest(name, self.columns)}")

    def missing_field(self, row: Row, name: str) -> Problem:
        """The Problem for a field absent from one row."""
        keys = [str(k) for k in row.data]
        return self.problem(row, name, f"field {name!r} is missing; the row has "
                                       f"{', '.join(repr(k) for k in keys) or 'no fields'}{suggest(name, keys)}")

    def require_columns(self, *names: str | None) -> None:
        """InputError unless every named column exists (None entries are ignored)."""
        problems = [self.missing_column(n) for n in names if n is not None and n not in self.columns]
        if problems:
            raise InputError(problems)


def table_format(path: str | Path, *, allowed: Iterable[str] | None = None, role: str = "input") -> str:
    """The format named by ``path``'s suffix, or an InputError saying which suffixes work."""
    path = Path(path)
    suffix = path.suffix.lower()
    ok = {s: f for s, f in FORMATS.items() if allowed is None or f in set(allowed)}
    if suffix in ok:
        return ok[suffix]
    names = list(ok)
    expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    raise InputError([Problem(str(path), None, None,
                              f"cannot tell the format from the suffix {suffix or '(none)'!r}; the {role} must "
                              f"end in {expected}")])


def read_table(source: str | Path, *, format: str | None = None, allowed: Iterable[str] | None = None,  # noqa: A002
               limit: int | None = None, split: str | None = None, root: Path | None = None,
               problems: list[Problem] | None = None) -> Table:
    """Read every row of ``source`` (at most ``limit``); InputError listing every bad row otherwise.

    ``source`` is a file, a ``datasets`` directory, or a cached hub dataset name; ``allowed``
    restricts the file formats a caller accepts (and, like ``format``, rules out datasets);
    ``root`` is where relative paths are also tried.
    With a ``problems`` list, bad rows are left out and their problems appended there instead
    of raised, so a caller can add its own field checks and report everything at once.
    """
    sink = problems
    path = Path(source)
    if not path.is_absolute() and root is not None and not path.exists() and (root / path).exists():
        path = root / path
    datasets_ok = format is None and allowed is None  # a caller that names formats takes files only
    if datasets_ok and (path.is_dir() or (not path.exists() and _looks_like_hub_name(str(source)))):
        from harness.io import hf

        label = str(path) if path.is_dir() else str(source)
        columns, rows = hf.read_dataset(path if path.is_dir() else str(source), split=split, limit=limit)
        return Table(label, "datasets", tuple(columns), tuple(rows))
    fmt = format or table_format(path, allowed=allowed)
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "file not found")])
    if fmt == "parquet":
        columns, rows = _parquet(path, limit, sink)
        return Table(str(path), fmt, tuple(columns), tuple(rows))
    text = _text(path)
    if fmt in ("csv", "tsv"):
        return _csv(path, text, "\t" if fmt == "tsv" else ",", limit, sink)
    if fmt == "json":
        columns, rows = _records(path, _json_items(path, text), limit, sink)
        return Table(str(path), fmt, tuple(columns), tuple(rows))
    return _jsonl(path, text, limit, sink)


def _looks_like_hub_name(source: str) -> bool:
    """``org/name`` or ``name`` with no file suffix and no leading path punctuation."""
    if Path(source).suffix.lower() in FORMATS or source.startswith((".", "/", "~")):
        return False
    first = source.split("/", 1)[0]
    return not ("/" in source and Path(first).is_dir())


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(str(path), line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                                                         "save the file as UTF-8", column=col)]) from None


def _finish(problems: list[Problem], dropped: int, sink: list[Problem] | None) -> None:
    """Hand the row problems to the caller's ``sink``, or raise them as one InputError."""
    if dropped:
        problems.append(Problem(problems[-1].file, None, None, f"... and {dropped} more bad rows"))
    if sink is not None:
        sink.extend(problems)
    elif problems:
        raise InputError(problems)


def _csv(path: Path, text: str, delimiter: str, limit: int | None, sink: list[Problem] | None) -> Table:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # answers can be megabytes long
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    problems: list[Problem] = []
    dropped = 0
    try:
        header = next(reader, None)
        if header is None:
            raise InputError([Problem(str(path), 1, None, "empty file: expected a header row naming the columns")])
        columns = [c.strip() for c in header]
        rows: list[Row] = []
        last = reader.line_num
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not cells:
                continue
            if limit is not None and len(rows) >= limit:
                break
            if len(cells) > len(columns):
                if len(problems) < MAX_PROBLEMS:
                    problems.append(Problem(str(path), start, None, f"{len(cells)} cells, but the header has "
                                                                    f"{len(columns)} columns"))
                else:
                    dropped += 1
                continue
            data: dict[str, Any] = dict(zip(columns, cells, strict=False))
            for missing in columns[len(cells):]:
                data[missing] = None
            rows.append(Row(len(rows) + 1, start, data))
    except csv.Error as exc:
        raise InputError([Problem(str(path), reader.line_num, None, f"unreadable CSV ({exc})")]) from None
    _finish(problems, dropped, sink)
    return Table(str(path), "tsv" if delimiter == "\t" else "csv", tuple(columns), tuple(rows), header_line=1)


def _jsonl(path: Path, text: str, limit: int | None, sink: list[Problem] | None) -> Table:
    problems: list[Problem] = []
    items: list[tuple[int, Any]] = []
    dropped = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if limit is not None and len(items) >= limit:
            break
        try:
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            if len(problems) < MAX_PROBLEMS:
                problems.append(Problem(str(path), number, None, f"not valid JSON ({exc.msg})", column=exc.colno))
            else:
                dropped += 1
    columns: list[str] = []
    rows: list[Row] = []
    for number, item in items:
        if not isinstance(item, dict):
            problems.append(Problem(str(path), number, None, "expected a JSON object with named fields, found "
                                                             f"{_kind(item)}"))
            continue
        columns.extend(k for k in item if k not in columns)
        rows.append(Row(len(rows) + 1, number, item))
    problems.sort(key=lambda p: (p.line or 0))
    _finish(problems, dropped, sink)
    return Table(str(path), "jsonl", tuple(columns), tuple(rows))


def _json_items(path: Path, text: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(path), exc.lineno, None, f"not valid JSON ({exc.msg})",
                                  column=exc.colno)]) from None
    if isinstance(data, dict):
        # {"data": [...]} / {"rows": [...]} are common wrappers
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError([Problem(str(path), None, None, "expected a JSON array of objects (or an object "
                                                             "holding one array), found an object with keys "
                                                             f"{', '.join(map(str, data))}")])
        data = lists[0]
    if not isinstance(data, list):
        raise InputError([Problem(str(path), None, None, f"expected a JSON array of objects, found {_kind(data)}")])
    return data


def _records(path: Path, items: Iterable[Any], limit: int | None,
             sink: list[Problem] | None = None) -> tuple[list[str], list[Row]]:
    """Rows from already-parsed records (JSON items, Parquet rows, dataset rows); located by row number."""
    columns: list[str] = []
    rows: list[Row] = []
    problems: list[Problem] = []
    for i, item in enumerate(items, start=1):
        if limit is not None and len(rows) >= limit:
            break
        if not isinstance(item, Mapping):
            problems.append(Problem(str(path), None, None, f"item {i}: expected a JSON object with named fields, "
                                                           f"found {_kind(item)}"))
            continue
        columns.extend(str(k) for k in item if k not in columns)
        rows.append(Row(i, None, dict(item)))
    _finish(problems[:MAX_PROBLEMS], max(0, len(problems) - MAX_PROBLEMS), sink)
    return columns, rows


def _parquet(path: Path, limit: int | None, sink: list[Problem] | None) -> tuple[list[str], list[Row]]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors are varied
        raise InputError([Problem(str(path), None, None, f"not a readable Parquet file ({exc})")]) from None
    if limit is not None:
        table = table.slice(0, limit)
    columns, rows = _records(path, table.to_pylist(), limit, sink)
    return list(table.column_names) or columns, rows


def _kind(value: Any) -> str:
    """``"a list"``, ``"an int"``: what a JSON value is, for messages."""
    name = {dict: "object", list: "list", str: "string", int: "int", float: "float", bool: "bool",
            type(None): "null"}.get(type(value), type(value).__name__)
    return ("an " if name[0] in "aeiou" else "a ") + name


# --------------------------------------------------------------------------------------------
# writing


def _cell(value: Any) -> Any:
    """A CSV cell: None -> empty, lists and mappings as JSON, the rest as-is."""
    if value is None:
        return ""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_table(path: str | Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
                allowed: Iterable[str] | None = None) -> None:
    """Write ``rows`` (only ``columns``, in that order) as CSV/TSV, JSONL or JSON; atomically.

    The format follows the suffix. The file is written to a temporary name and renamed over the
    target, so a failure never leaves half a table behind.
    """
    path = Path(path)
    fmt = table_format(path, allowed=allowed or ("csv", "tsv", "jsonl", "json"), role="output")
    columns = list(columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if fmt in ("csv", "tsv"):
                writer = csv.writer(fh, delimiter="\t" if fmt == "tsv" else ",")
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([_cell(row.get(c)) for c in columns])
            elif fmt == "json":
                fh.write(json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False,
                                    indent=1) + "\n")
            else:
                for row in rows:
                    fh.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
