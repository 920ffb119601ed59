"""The results table (``harness.results.table.to_frame``) exported for researchers: CSV, Parquet, ``datasets``.

CSV is written with fixed number formatting (``harness.report.run_files.fmt_value``: empty for missing,
up to 6 significant digits) and ``true``/``false``/empty booleans, so the same store gives a
byte-identical file. Parquet and the ``datasets`` export keep the column types (missing values
stay missing). Nothing here touches the network.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from harness.errors import ConfigError
from harness.report.run_files import fmt_bool, fmt_value
from harness.results.compare import Comparison

ExportFormat = Literal["csv", "parquet", "datasets"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "parquet", "datasets")


def _cell(value: Any) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return fmt_bool(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else fmt_value(value)
    if isinstance(value, int):
        return str(value)
    return str(value)


def frame_csv(frame: pd.DataFrame) -> str:
    """A DataFrame as deterministic CSV text (header row, ``\\n`` line ends), formatted column by column."""
    columns = [_format_column(frame[c]) for c in frame.columns]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(frame.columns))
    w.writerows(zip(*columns, strict=True))
    return buf.getvalue()


def _format_column(col: pd.Series) -> list[str]:
    values = col.tolist()  # one conversion per column (fast for Arrow-backed strings too)
    kind = str(col.dtype)
    if kind.startswith("float"):
        return ["" if v is None or math.isnan(v) else fmt_value(v) for v in values]
    if kind in ("bool", "boolean"):
        return ["" if v is None or v is pd.NA else fmt_bool(bool(v)) for v in values]
    if kind.startswith("int"):
        return [str(v) for v in values]
    return [_cell(v) for v in values]


def comparison_csv(comp: Comparison) -> str:
    return frame_csv(comp.to_frame())


def export_frame(frame: pd.DataFrame, path: Path, fmt: str) -> Path:
    """Write ``frame`` to ``path`` as csv, parquet or a ``datasets`` directory (``save_to_disk``)."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"export format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path.write_text(frame_csv(frame), encoding="utf-8", newline="")
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        to_dataset(frame).save_to_disk(str(path))
    return path


def to_dataset(frame: pd.DataFrame) -> Any:
    """The results table as a Hugging Face ``datasets.Dataset`` (nullable columns kept as None)."""
    from datasets import Dataset
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()  # a library call should not draw progress bars on the caller's terminal

    plain = frame.copy()
    for col in plain.columns:
        if str(plain[col].dtype) in ("boolean", "string", "str"):
            plain[col] = plain[col].astype(object).where(plain[col].notna(), None)
    return Dataset.from_pandas(plain, preserve_index=False)
