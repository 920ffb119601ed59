"""Cheap literal prefilters: one Aho-Corasick pass per sentence decides which detailed patterns run.

Most cue patterns begin with ``\\b`` or a look-behind before a large alternation, which stops the
regex engine from using its literal prefix search, so a pattern costs a full scan of every sentence
even though few sentences hold a cue (issue 16). Each detailed pattern is therefore registered here
under a name with the literal words it cannot match without (``PREFILTER.gate("certainty",
("cure", "guarantee", ...))``); :meth:`Prefilter.scan` finds every registered word of a sentence in
one pass of a ``pyahocorasick`` automaton and returns the names whose words occur. A detector runs
its pattern only when its name is in that set.

A key must be a *necessary* condition: if the pattern can match, one of its keys occurs in the
folded sentence. Gated and ungated detection (:data:`ALL_GATES`, every pattern runs) must agree;
``tests/unit/score/test_cue_prefilter.py`` checks that on every labelled case and shipped sample.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ahocorasick


class _AllGates(frozenset[str]):
    """Every gate open: the ungated reference path (all patterns run on every sentence)."""

    def __contains__(self, name: object) -> bool:
        return True


ALL_GATES: frozenset[str] = _AllGates()


class Prefilter:
    """Named sets of literal keys, matched together in one automaton pass."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, ...]] = {}
        self._automaton: Any = None

    def gate(self, name: str, keys: Iterable[str]) -> str:
        """Register ``keys`` (lower-case literals) as the words pattern ``name`` needs; returns ``name``."""
        keys = tuple(keys)
        if not keys or any(not k or k != k.lower() for k in keys):
            raise ValueError(f"prefilter gate {name!r} needs non-empty lower-case keys")
        if name in self._keys and self._keys[name] != keys:
            raise ValueError(f"prefilter gate {name!r} registered twice with different keys")
        self._keys[name] = keys
        self._automaton = None
        return name

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def keys(self, name: str) -> tuple[str, ...]:
        return self._keys[name]

    def _build(self) -> Any:
        automaton = ahocorasick.Automaton()
        owners: dict[str, set[str]] = {}
        for name, keys in self._keys.items():
            for key in keys:
                owners.setdefault(key, set()).add(name)
        for key, names in owners.items():
            automaton.add_word(key, frozenset(names))
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def scan(self, low: str) -> frozenset[str]:
        """The names of every gate with at least one key in ``low`` (one automaton pass)."""
        automaton = self._automaton or self._build()
        found: set[str] = set()
        for _, names in automaton.iter(low):
            found |= names
        return frozenset(found)


PREFILTER = Prefilter()
"""The one prefilter every cue detector registers its gates with."""
