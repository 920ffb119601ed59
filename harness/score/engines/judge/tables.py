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
    """The pairs table at ``path``, read by the one table reader (``harness.io.tables``)."""
    from harness.io.tables import read_table as read_any

    path = Path(path)
    fmt = "tsv" if path.suffix.lower() == ".tsv" else _format(path)
    table = read_any(path, format=fmt)
    return Table(path, list(table.columns), [row.data for row in table.rows])


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
