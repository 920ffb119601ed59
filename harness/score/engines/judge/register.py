"""The clinician-register table of the claim judge: ``register.txt`` read into rows, with located errors.

The table itself (its header says where the entries come from and what the columns mean) is data, so a
reviewer can read and extend it without reading code; ``lexicon`` turns its rows into phrase tokens,
weights and the plain wording the embedding reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REGISTER_FILE = Path(__file__).with_name("register.txt")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    token: str
    """One canonical token, or several separated by spaces (one phrase, several concepts)."""
    plain: str | None
    weight: float | str | None
    """A number, "plain" (the rarest plain word's weight) or None (the token's own word weight)."""
    pattern: str | None
    """None: only a plain form for a token PHRASES defines."""


def read_register(path: Path = REGISTER_FILE) -> tuple[RegisterRow, ...]:
    """The register rows; a malformed row is a ValueError naming file, line and column."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ValueError(f"{path}:{n}: expected 4 tab-separated columns (token, plain, weight, pattern), "
                             f"found {len(cells)}")
        token, plain, raw_weight, pattern = (c.strip() for c in cells)
        weight: float | str | None = None
        if raw_weight == "plain":
            weight = "plain"
        elif raw_weight:
            try:
                weight = float(raw_weight)
            except ValueError:
                raise ValueError(f"{path}:{n}: column 'weight' holds {raw_weight!r}; expected a number, "
                                 f"'plain' or nothing") from None
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{path}:{n}: column 'pattern' is not a valid regular expression ({exc})") from None
        if not token:
            raise ValueError(f"{path}:{n}: column 'token' is empty")
        rows.append(RegisterRow(token, None if plain in ("", "-") else plain, weight, pattern or None))
    return tuple(rows)


def rewrites(row: RegisterRow) -> str | None:
    """The wording the embedding reads for ``row``'s phrase (None: keep the phrase; "~" marks a plain
    wording that only weighs the token, for everyday words the embedding already reads well)."""
    return None if row.plain is None or row.plain.startswith("~") else row.plain
