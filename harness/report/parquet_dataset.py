"""The results table of large runs as a partitioned Parquet dataset (``answer-audit export --format parquet``).

For runs of 10^5 to 10^6 answers the long table (one row per answer x scorer) does not need to be
held in memory at once: rows are read from the store in slices and written as they come, one
directory per run (hive partitioning, ``PATH/run_id=<id>/part-00000.parquet``, at most
``rows_per_file`` rows per file). Every file has the columns and dtypes of
``harness.results.table.to_frame`` (the ``tag_*`` columns of every exported run, empty where a
run's battery has no such tag) except ``run_id``, which is the partition key. Read it back with
``pandas.read_parquet(PATH)`` (``run_id`` comes back as a column) or ``pyarrow.dataset.dataset(PATH,
partitioning="hive")``, filtering by run without reading the others.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from harness.errors import ConfigError
from harness.results.table import (
    RESULT_COLUMNS,
    TAG_PREFIX,
    higher_is_better,
    load_run_battery,
    score_row,
    to_frame,
    typed_frame,
)
from harness.store import RunStore

ROWS_PER_FILE = 1_000_000


def write_parquet_dataset(store: RunStore, run_ids: Sequence[str], path: Path, *, overlay: Any = None,
                          rows_per_file: int = ROWS_PER_FILE) -> int:
    """Write the runs' results table under ``path`` (a directory); return the number of rows written.

    A run's earlier partition under ``path`` is replaced. With ``overlay`` (reviewed values) each
    run's table is built whole, as ``to_frame`` builds it, then written in the same layout.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.exists() and not path.is_dir():
        raise ConfigError(f"--output {path}: a Parquet export is a directory (one folder per run), and a file "
                          "of that name exists", parameters=("output",))
    run_ids = list(dict.fromkeys(run_ids))
    tags: dict[str, dict[str, dict[str, Any]]] = {}
    for run_id in run_ids:
        battery = load_run_battery(store, store.require_run(run_id))[0]
        tags[run_id] = {q.id: dict(q.tags) for q in battery.questions} if battery else {}
    tag_keys = sorted({k for by_q in tags.values() for t in by_q.values() for k in t})
    columns = [*RESULT_COLUMNS, *(TAG_PREFIX + k for k in tag_keys)]
    schema = _schema(columns)
    written = 0
    for run_id in run_ids:
        part = path / f"run_id={run_id}"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        if overlay is not None:
            frames: Iterator[pd.DataFrame] = iter([to_frame(store, [run_id], overlay=overlay).reindex(columns=columns)])
        else:
            frames = _frames(store, run_id, tags[run_id], columns, rows_per_file)
        for i, frame in enumerate(frames):
            table = pa.Table.from_pandas(frame.drop(columns=["run_id"]), schema=schema, preserve_index=False)
            pq.write_table(table, part / f"part-{i:05d}.parquet")
            written += len(frame)
    return written


def _schema(columns: list[str]) -> Any:
    """One Arrow schema for every file (a column empty in one slice must not change its type)."""
    import pyarrow as pa

    types = {"sample": pa.int64(), "value": pa.float64(), "passed": pa.bool_(), "higher_is_better": pa.bool_(),
             "errored": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in columns if c != "run_id"])


def _frames(store: RunStore, run_id: str, tags: dict[str, dict[str, Any]], columns: list[str],
            rows_per_file: int) -> Iterator[pd.DataFrame]:
    """The run's rows of ``to_frame``, in its order, ``rows_per_file`` at a time."""
    run = store.require_run(run_id)
    errored = store.errored_keys(run_id)
    direction: dict[str, bool | None] = {}
    for cells in store.iter_score_cells(run_id, rows_per_file):
        records = []
        for qid, sample, scorer, value, passed, reason in cells:
            if scorer not in direction:
                direction[scorer] = higher_is_better(scorer)
            records.append(score_row(run, qid, sample, scorer, value, passed, reason, direction[scorer],
                                     (qid, sample) in errored, tags.get(qid, {})))
        yield typed_frame(records, columns)
