"""Pydantic validation errors as located Problems: one message form for every config and data file.

Batteries (YAML) and the gate config (TOML) are validated by pydantic models; this turns each
field error into a ``Problem`` naming the file, the line (through a ``locate`` callback that
knows the file's layout), the field path (``claims[2].kind``), what was expected and what was
found, with "did you mean" for unknown keys and enum values.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from harness.errors import Problem, suggest

Loc = tuple[str | int, ...]
Locate = Callable[[Loc], "int | None"]


def field_path(loc: Loc) -> str | None:
    """``("claims", 2, "kind")`` -> ``"claims[2].kind"`` (None for the file itself)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or None


def validate(model: type[Any], data: Any, path: Path | str, prefix: Loc, problems: list[Problem],
             locate: Locate) -> Any:
    """``data`` validated as ``model``; on failure one Problem per field error is added and None returned."""
    if not isinstance(data, Mapping):
        found = "nothing" if data is None else type(data).__name__
        problems.append(Problem(str(path), locate(prefix), field_path(prefix),
                                f"expected a mapping of fields, found {found}"))
        return None
    try:
        return model.model_validate(plain(data))
    except ValidationError as exc:
        problems.extend(problems_of(exc, model, path, prefix, locate))
        return None


def problems_of(exc: ValidationError, model: type[Any], path: Path | str, prefix: Loc,
                locate: Locate) -> list[Problem]:
    """One Problem per error of ``exc`` (a list whose items failed is reported by its items)."""
    errors = exc.errors()
    deeper = [tuple(e["loc"]) for e in errors]
    out = []
    for err in errors:
        here = tuple(err["loc"])
        if err["type"] == "too_short" and any(len(d) > len(here) and d[: len(here)] == here for d in deeper):
            continue  # a list whose items failed: the item errors say it better
        loc = prefix + here
        out.append(Problem(str(path), locate(loc), field_path(loc), message(model, err, here)))
    return out


def plain(value: Any) -> Any:
    """Mapping/list subclasses (line-tracking YAML values) -> plain dict/list."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def message(model: type[Any], err: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    """The sentence for one pydantic error: what was expected, what was found, and a suggestion."""
    kind = err["type"]
    found = err.get("input")
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner is not None else []
        msg = f"unknown key {loc[-1]!r}{suggest(str(loc[-1]), known)}"
        return msg + (f" (known keys: {', '.join(known)})" if known else "")
    if kind == "missing":
        return "required field is missing"
    shown = repr(found)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    hint = ""
    expected = (err.get("ctx") or {}).get("expected")
    if kind in ("literal_error", "enum") and isinstance(found, str) and expected:
        choices = [c.strip().strip("'\"") for c in str(expected).replace(" or ", ",").split(",")]
        hint = suggest(found, [c for c in choices if c])
    return f"{err['msg'].rstrip('.')}; found {shown}{hint}"


def model_at(model: type[Any], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model class that owns the field at ``loc`` (for 'did you mean' key lists)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            if isinstance(current, type) and issubclass(current, BaseModel):
                continue  # a key of a mapping field (scorers.<name>): stay on the mapping's value model
            return None
        annotation = fields[part].annotation
        for arg in (annotation, *typing.get_args(annotation)):
            for inner in (arg, *typing.get_args(arg)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
                    break
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
