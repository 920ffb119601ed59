"""Reading YAML while remembering where every key and list item stood.

Batteries are written by people, so an error must say ``file:line``. PyYAML's composer knows
each node's position; this loader keeps it on the mappings and lists it builds, so a validator
can turn a field path such as ``claims[3].kind`` into the line that holds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from harness.errors import Problem


class LineDict(dict[str, Any]):
    """A dict that also knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A list that also knows the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser (when PyYAML was built with it) is ~20x faster on long gold answers and still
# gives every node its start mark; the constructors below stay in Python either way.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date-looking scalar that is not a real date stays a string, so validation can name it."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text as UTF-8, or a Problem saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(str(path), None, None, "file not found")
    except OSError as exc:
        return None, Problem(str(path), None, None, f"cannot read file: {exc.strerror}")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(
            str(path), line, None,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
        )


def load_yaml(path: Path) -> tuple[Any, Problem | None]:
    """Parse one YAML file into LineDict/LineList values, or return the Problem that stops it."""
    text, problem = read_text(path)
    if problem is not None:
        return None, problem
    assert text is not None
    try:
        return yaml.load(text, Loader=_LineLoader), None  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or str(exc)
        return None, Problem(str(path), line, None, f"malformed YAML: {what}")
    except yaml.YAMLError as exc:
        return None, Problem(str(path), None, None, f"malformed YAML: {exc}")


def line_of(data: Any, path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest element of ``path`` that can be located in ``data``."""
    line: int | None = getattr(data, "line", None)
    node = data
    for part in path:
        if isinstance(node, LineDict) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
        inner = getattr(node, "line", None)
        if isinstance(node, LineDict | LineList) and inner and part is not None and isinstance(part, int):
            line = inner
    return line
