"""The harness's exceptions, one tree so callers can catch what they mean.

```
HarnessError
 ├─ BatteryError(ValueError)      every problem in a battery's files, each naming file:line and field
 ├─ ConfigError(ValueError)       a bad parameter, spec string or config file
 ├─ UnknownNameError(KeyError)    an unknown scorer/generator/battery name, with "did you mean"
 ├─ StoreError(RuntimeError)      the run store refuses an operation (unknown run, battery changed)
 └─ GenerationError(RuntimeError) raised *inside* a generator; the runner records it on the Answer
```

Messages are one sentence each: what, where, what was expected, what was found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class HarnessError(Exception):
    """Base class of every error the harness raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class BatteryError(HarnessError, ValueError):
    """A battery's files have one or more problems; all of them are listed, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class ConfigError(HarnessError, ValueError):
    """A parameter, spec string or configuration file is not what was expected."""


class UnknownNameError(HarnessError, KeyError):
    """A name that no registry knows; the message suggests the closest known names."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        self.kind, self.name, self.known = kind, name, tuple(known)
        hint = did_you_mean(name, known)
        msg = f"Unknown {kind} {name!r}."
        if hint:
            msg += f" Did you mean: {', '.join(hint)}?"
        msg += f" Available: {', '.join(known) if known else '(none)'}."
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


class StoreError(HarnessError, RuntimeError):
    """The run store refuses an operation (unknown run id, battery changed under a resumed run)."""


class GenerationError(HarnessError, RuntimeError):
    """A generator could not produce an answer; the runner stores the message as Answer.error."""


def did_you_mean(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Closest known names to ``name`` (case-insensitive), best first."""
    import difflib

    known = list(known)
    lowered = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=limit, cutoff=0.6)
    return [lowered[h] for h in hits]
