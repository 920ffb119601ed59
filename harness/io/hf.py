"""Hugging Face ``datasets`` as table sources, read offline only.

A directory is a ``save_to_disk`` folder, or else a folder of data files that ``load_dataset``
reads; any other name is a hub dataset that must already be in the local cache. Before the first
``datasets``/``huggingface_hub`` import (and on their config if already imported) the offline
switches are set, so nothing here ever downloads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from harness.errors import InputError, Problem
from harness.io.tables import Row, _records


def _problem(label: str, message: str) -> InputError:
    return InputError([Problem(label, None, None, message)])


def _offline(datasets: Any) -> None:
    """Never let datasets or huggingface_hub reach the network from here."""
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    datasets.config.HF_DATASETS_OFFLINE = True
    datasets.config.HF_HUB_OFFLINE = True
    try:
        import huggingface_hub.constants as hub_constants

        hub_constants.HF_HUB_OFFLINE = True
    except ImportError:  # pragma: no cover - datasets depends on huggingface_hub
        pass


def _datasets() -> Any:
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise _problem("datasets", f"reading a dataset needs the 'datasets' package ({exc})") from None
    _offline(datasets)
    return datasets


def _first_line(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text.splitlines()[0][:160] if text else 'no detail'}"


def read_dataset(source: Path | str, *, split: str | None = None,
                 limit: int | None = None) -> tuple[list[str], list[Row]]:
    """``(columns, rows)`` of a datasets directory (a Path) or a cached hub dataset (a name)."""
    datasets = _datasets()
    label = str(source)
    if isinstance(source, Path):
        try:
            loaded = datasets.load_from_disk(label)
        except FileNotFoundError:
            try:
                loaded = datasets.load_dataset(label)
            except Exception as exc:  # noqa: BLE001 - datasets raises many types for unreadable folders
                raise _problem(label, "a directory, but neither a datasets save_to_disk directory nor a folder of "
                                      f"data files datasets can read ({_first_line(exc)})") from None
    else:
        try:
            loaded = datasets.load_dataset(label, split=split) if split else datasets.load_dataset(label)
        except Exception as exc:  # noqa: BLE001 - datasets raises many types for "not cached"
            raise _problem(label, f"no such file or directory, and not a Hugging Face dataset in the local cache "
                                  f"({_first_line(exc)}); nothing is downloaded: load it once with network access, "
                                  "or save it with save_to_disk and pass the directory") from None
    dataset = pick_split(loaded, split, label)
    if limit is not None:
        dataset = dataset.select(range(min(limit, len(dataset))))
    columns, rows = _records(Path(label), dataset, limit)
    return list(getattr(dataset, "column_names", None) or columns), rows


def pick_split(loaded: Any, split: str | None, label: str) -> Any:
    """The one split to read: the named one, the only one, or ``train``; else ask for ``split``."""
    if not hasattr(loaded, "keys"):  # a Dataset
        return loaded
    splits = list(loaded.keys())
    if split is not None:
        if split not in splits:
            raise _problem(label, f"no split {split!r}; it has {', '.join(splits)}")
        return loaded[split]
    if len(splits) == 1:
        return loaded[splits[0]]
    if "train" in splits:
        return loaded["train"]
    raise InputError([Problem(label, None, None, f"has several splits ({', '.join(splits)}); choose one with `split`")],
                     parameters=("split",))
