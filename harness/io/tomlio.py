"""Reading TOML config files while knowing which line each table and key stands on.

``tomllib`` gives values but no positions; config errors must still say ``file:line``. The
locator here reads the file's table headers (``[scorers.claim_recall]``) and ``key = value``
lines, which is what hand-written config files are made of (inline tables and multi-line
arrays are located at their first line).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.errors import InputError, Problem

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\-\"' ]+?)\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in dotted.split("."))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Every table and key path of a TOML text -> its 1-based line."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            in_multiline = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + _parts(key.group(1)), number)
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = True
    return lines


def locator(text: str) -> Callable[[tuple[str | int, ...]], int | None]:
    """``locate(path)``: the line of the deepest located prefix of a key path (None if none)."""
    lines = key_lines(text)

    def locate(path: tuple[str | int, ...]) -> int | None:
        parts = tuple(str(p) for p in path if not isinstance(p, int))
        while parts:
            if parts in lines:
                return lines[parts]
            parts = parts[:-1]
        return None

    return locate


def load_toml(path: Path, *, missing: str = "file not found") -> tuple[dict[str, Any], Callable[..., int | None]]:
    """``(data, locate)`` for a TOML file; InputError (file:line:column) when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, None, missing)]) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), None, None, f"not UTF-8 text ({exc.reason}); save it as UTF-8")]) \
            from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        what = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, col = (int(where.group(1)), int(where.group(2))) if where else (None, None)
        raise InputError([Problem(str(path), line, None, f"not valid TOML: {what}", column=col)]) from None
    return data, locator(text)
