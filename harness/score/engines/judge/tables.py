"""Tables of (answer, claim[, label]) pairs for the judge commands: CSV or JSONL in and out.

The format follows the file extension (``.csv``, ``.jsonl``/``.ndjson``; ``.json`` holding a list
of objects is read too). Bad input raises ``ConfigError`` with one sentence naming the file, the
row (1-based, counting data rows; for CSV the header is line 1, so row N is line N+1) and the
column, what was expected and what was found.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.battery import Claim
from harness.core.records import ClaimVerdict
from harness.errors import ConfigError
from harness.score.engines.judge import get_judge

KINDS = ("essential", "supporting", "harmful", "outdated")
VERDICTS = ("supported", "missing", "contradicted", "stated", "absent")


@dataclass(frozen=True, slots=True)
class Table:
    path: Path
    columns: list[str]
    rows: list[dict[str, Any]]

    def require(self, *columns: str | None) -> None:
        for col in columns:
            if col is not None and col not in self.columns:
                raise ConfigError(f"{self.path}: column {col!r} not found; the columns are "
                                  f"{', '.join(self.columns) or '(none)'}")

    def text(self, i: int, column: str) -> str:
        """Row ``i``'s non-empty text in ``column`` (ConfigError naming file, row and column otherwise)."""
        value = self.rows[i].get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ConfigError(f"{self.path}: row {i + 1}, column {column!r} is empty; expected text")
        if not isinstance(value, str):
            if isinstance(value, int | float | bool):
                return str(value)
            raise ConfigError(f"{self.path}: row {i + 1}, column {column!r} holds {type(value).__name__}; "
                              f"expected text")
        return value


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    raise ConfigError(f"{path}: unknown table format {suffix!r}; expected .csv or .jsonl")


def read_table(path: str | Path) -> Table:
    path = Path(path)
    fmt = _format(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the file ({exc})") from exc
    rows: list[dict[str, Any]] = []
    if fmt == "csv":
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        try:
            reader = csv.DictReader(raw.splitlines(keepends=True), dialect=dialect)
            columns = list(reader.fieldnames or [])
            for n, row in enumerate(reader, 1):
                if None in row:
                    raise ConfigError(f"{path}: row {n} (line {reader.line_num}) has more cells than the header's "
                                      f"{len(columns)} columns")
                rows.append(dict(row))
        except csv.Error as exc:
            raise ConfigError(f"{path}: unreadable CSV ({exc})") from exc
        return Table(path, columns, rows)
    if fmt == "json":
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"{path}: not valid JSON ({exc})") from exc
        if not isinstance(data, list):
            raise ConfigError(f"{path}: expected a JSON list of objects, found {type(data).__name__}")
        items = list(enumerate(data, 1))
    else:
        items = []
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except ValueError as exc:
                raise ConfigError(f"{path}: line {n} is not valid JSON ({exc.args[0]})") from exc
    columns: list[str] = []
    for n, item in items:
        if not isinstance(item, Mapping):
            raise ConfigError(f"{path}: line {n} holds {type(item).__name__}; expected a JSON object")
        rows.append(dict(item))
        columns.extend(k for k in item if k not in columns)
    return Table(path, columns, rows)


def write_table(path: str | Path, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    path = Path(path)
    fmt = _format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(row.get(k)) for k in columns})
    elif fmt == "json":
        path.write_text(json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(dict(row), ensure_ascii=False) + "\n")


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def parse_label_map(spec: str | None) -> dict[str, str]:
    """``"Entailment=supported,Neutral=missing"`` -> mapping; targets must be verdicts."""
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in spec.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ConfigError(f"--label-map entry {part.strip()!r} must look like LABEL=VERDICT")
        src, dst = (s.strip() for s in part.split("=", 1))
        if dst not in VERDICTS:
            raise ConfigError(f"--label-map maps {src!r} to {dst!r}; expected one of {', '.join(VERDICTS)}")
        out[src] = dst
    return out


def labels_of(table: Table, column: str, label_map: Mapping[str, str]) -> list[str]:
    """Each row's human label as a verdict (after ``label_map``)."""
    out = []
    for i in range(len(table.rows)):
        raw = table.text(i, column).strip()
        label = label_map.get(raw, raw)
        if label not in VERDICTS:
            hint = " (use --label-map to translate labels)" if not label_map else ""
            raise ConfigError(f"{table.path}: row {i + 1}, column {column!r} holds {raw!r}; expected one of "
                              f"{', '.join(VERDICTS)}{hint}")
        out.append(label)
    return out


def judge_rows(table: Table, *, answer_col: str, claim_col: str, kind_col: str | None = None,
               key_terms_col: str | None = None, profile: str = "default", as_of: dt.date | None = None,
               profiles_dir: str | None = None) -> list[ClaimVerdict]:
    """One verdict per row: the row's claim judged against the row's answer."""
    table.require(answer_col, claim_col, kind_col, key_terms_col)
    judge = get_judge(profile, directory=profiles_dir)
    day = as_of or dt.date.today()
    out = []
    for i in range(len(table.rows)):
        answer, claim_text = table.text(i, answer_col), table.text(i, claim_col)
        kind = "essential"
        if kind_col is not None:
            kind = table.text(i, kind_col).strip().lower()
            if kind not in KINDS:
                raise ConfigError(f"{table.path}: row {i + 1}, column {kind_col!r} holds {kind!r}; expected one of "
                                  f"{', '.join(KINDS)}")
        terms: tuple[str, ...] = ()
        if key_terms_col is not None:
            raw = table.rows[i].get(key_terms_col)
            if isinstance(raw, list):
                terms = tuple(str(t) for t in raw if str(t).strip())
            elif isinstance(raw, str):
                terms = tuple(t.strip() for t in raw.split(";") if t.strip())
        claim = Claim(id=f"row{i + 1}", text=claim_text, kind=kind, key_terms=terms)  # type: ignore[arg-type]
        out.extend(judge.judge(answer, [claim], as_of=day))
    return out
