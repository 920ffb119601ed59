"""The harness's exceptions and its one way of saying where an input is wrong.

```
HarnessError
 ├─ ProblemsError(ValueError)     one or more located Problems, all listed (not just the first)
 │   ├─ BatteryError              every problem in a battery's files
 │   │   └─ BatteryNotFoundError  no battery of that name (with "did you mean")
 │   └─ InputError(ConfigError)   a table, recorded-answers file, gate config or import input
 ├─ ConfigError(ValueError)       a bad parameter, spec string or config file
 ├─ UnknownNameError(KeyError)    an unknown scorer/generator/battery name, with "did you mean"
 ├─ StoreError(RuntimeError)      the run store refuses an operation (unknown run, battery changed)
 └─ GenerationError(RuntimeError) raised *inside* a generator; the runner records it on the Answer
```

Messages are one sentence each: what, where, what was expected, what was found. A location is
always rendered by ``Problem.__str__`` as ``file:line:column: [field] message`` (parts that are
unknown are left out), and "did you mean" always comes from ``suggest()``.

Library errors name *parameters* (``base_url``, ``run_id``), never command-line flags: a
``ConfigError`` quotes each parameter it names in backticks (```base_url``` must ...) and lists
them in ``parameters``; the CLI shows them as its flags (``harness.apps.cli.error_line``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class HarnessError(Exception):
    """Base class of every error the harness raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``line`` and ``column`` are 1-based (physical lines for CSV, JSONL, YAML and TOML); ``field``
    is the dotted path of the offending field (``claims[2].kind``) or column name.
    """

    file: str
    line: int | None
    field: str | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file (first appearance), then line and column."""
    problems = list(problems)
    files = {p.file: i for i, p in reversed(list(enumerate(problems)))}
    return sorted(problems, key=lambda p: (files[p.file], p.line or 0, p.column or 0))


class ProblemsError(HarnessError, ValueError):
    """One or more located problems with an input; every one is listed, in reading order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if len(self.problems) == 1:
            super().__init__(str(self.problems[0]))
            return
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class BatteryError(ProblemsError):
    """A battery's files have one or more problems; all of them are listed, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        # a battery always says how many problems it has, even for one (validate's output)
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        ValueError.__init__(self, head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class BatteryNotFoundError(BatteryError):
    """No battery of that name or path: a usage error (exit 2), said in one sentence with suggestions."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        ProblemsError.__init__(self, problems)


class ConfigError(HarnessError, ValueError):
    """A parameter, spec string or configuration file is not what was expected.

    ``parameters`` names the API parameters the message mentions (``base_url``), so a front end
    can show them as its own option names.
    """

    def __init__(self, message: str, *, parameters: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.parameters: tuple[str, ...] = tuple(parameters)


class InputError(ProblemsError, ConfigError):
    """An input file (table, recorded answers, gate config, import source) has located problems."""

    def __init__(self, problems: Sequence[Problem], *, parameters: Sequence[str] = ()) -> None:
        ProblemsError.__init__(self, problems)
        self.parameters = tuple(parameters)


class UnknownNameError(HarnessError, KeyError):
    """A name that no registry knows; the message suggests the closest known names."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        self.kind, self.name, self.known = kind, name, tuple(known)
        msg = f"Unknown {kind} {name!r}{suggest(name, known)}."
        msg += f" Available: {', '.join(known) if known else '(none)'}."
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


class StoreError(HarnessError, RuntimeError):
    """The run store refuses an operation (unknown run id, battery changed under a resumed run).

    Like ConfigError, ``parameters`` names the API parameters the message mentions in backticks.
    """

    def __init__(self, message: str, *, parameters: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.parameters: tuple[str, ...] = tuple(parameters)


class GenerationError(HarnessError, RuntimeError):
    """A generator could not produce an answer; the runner stores the message as Answer.error."""


def did_you_mean(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Closest known names to ``name`` (case-insensitive), best first."""
    known = [str(k) for k in known]
    lowered = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=limit, cutoff=0.6)
    return [lowered[h] for h in hits]


def suggest(name: str, known: Iterable[str], limit: int = 3) -> str:
    """The one "did you mean" clause: ``"; did you mean 'gold'?"`` (or ``'a' or 'b'``), else ``""``.

    Appended to a sentence fragment: ``f"unknown key {key!r}{suggest(key, known)}"``.
    """
    hits = did_you_mean(name, known, limit)
    if not hits:
        return ""
    names = [repr(h) for h in hits]
    shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"; did you mean {shown}?"
