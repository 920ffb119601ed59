"""The cue patterns' literal prefilter finds exactly what the whole patterns find (issue 16).

Every cue pattern wrapped as a ``literals.Alternation`` is compared with the pattern it wraps
(``.full``) on the sentences of the shipped samples, the labelled cases, the default gold and some
MedQuAD answers (``test_speed_paths._texts``: one in eight, and every odd-numbered one in the slow test),
on sentences with words of the patterns' own
literals spliced in (so several alternatives are open at once and their matches overlap), and with
``pos`` / ``endpos``; plus the rules for what the prefilter reads from a pattern and when it steps aside.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from functools import lru_cache

import pytest

import harness.score.engines.cues as cues
from harness.score.engines.cues.address import Addressed
from harness.score.engines.cues.context import prepare
from harness.score.engines.cues.literals import _SCANNER, Alternation, _needs, _p
from tests.unit.score.test_speed_paths import _texts


def _wrapped() -> list[tuple[str, Alternation]]:
    out = []
    for info in pkgutil.iter_modules(cues.__path__):
        module = importlib.import_module(f"{cues.__name__}.{info.name}")
        out += [(f"{info.name}.{name}", rx) for name, rx in vars(module).items() if isinstance(rx, Alternation)]
        out += [(f"{info.name}.{name}.phrase", rx.phrase) for name, rx in vars(module).items() if isinstance(rx, Addressed)]
    return out


@lru_cache(maxsize=1)
def _lows() -> tuple[str, ...]:
    from harness.core.text import split_sentences

    return tuple(dict.fromkeys(u.low for text in _texts() for u in prepare(split_sentences(text))))


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def _same(rx: Alternation, low: str, where: str, *, bounds: bool = True) -> None:
    full = rx.full
    for pos, endpos in ((0, len(low)), (len(low) // 3, len(low)), (0, 2 * len(low) // 3))[:3 if bounds else 1]:
        a, b = full.search(low, pos, endpos), rx.search(low, pos, endpos)
        assert (a and a.span()) == (b and b.span()), (where, low, pos, endpos)
        a, b = full.match(low, pos, endpos), rx.match(low, pos, endpos)
        assert (a and a.span()) == (b and b.span()), (where, low, pos, endpos)
        assert _spans(full.finditer(low, pos, endpos)) == _spans(rx.finditer(low, pos, endpos)), (where, low, pos)


def _compare_on_sentences(step: int, offset: int = 0) -> None:
    wrapped = _wrapped()
    assert len(wrapped) >= 20 and all(rx._split() >= 0 for _, rx in wrapped)  # each one really is split
    lows = _lows()[offset::step]
    assert len(lows) > 1000
    for where, rx in wrapped:
        for i, low in enumerate(lows):
            _same(rx, low, where, bounds=i % 8 == 0)


def test_wrapped_cue_patterns_find_what_the_whole_patterns_find() -> None:
    """One sentence in eight of the texts, each whole; one in eight of those also with ``pos`` / ``endpos``."""
    _compare_on_sentences(8)


@pytest.mark.slow  # every odd-numbered sentence: about 20 s on 2 idle cores; `make test` runs it, `make test-fast` does not
def test_wrapped_cue_patterns_find_what_the_whole_patterns_find_on_more_sentences() -> None:
    _compare_on_sentences(2, offset=1)


def test_spliced_literals_open_many_alternatives_at_once() -> None:
    """Sentences with the pattern's own literals spliced in: many alternatives open, matches overlapping."""
    chooser = random.Random(16)
    lows = _lows()
    wrapped = _wrapped()
    for _, rx in wrapped:
        rx.open("")  # read every pattern's literals
    words = sorted(_SCANNER._owners)
    for where, rx in wrapped:
        for _ in range(150):
            base = chooser.choice(lows).split()
            for _ in range(chooser.randint(2, 8)):
                base.insert(chooser.randint(0, len(base)), chooser.choice(words).strip())
            _same(rx, " ".join(base), where)


def test_required_literals_read_from_the_pattern() -> None:
    def needs(pattern: str) -> frozenset[str] | None:
        return _needs(_p.parse(pattern))

    assert needs(r"\bnot\s+medical\s+advice") == {"medical"} or needs(r"\bnot\s+medical\s+advice") == {"advice"}
    assert needs(r"\b(?:call|ring)\s+(?:your\s+)?team") == {"team"}
    assert needs(r"\b(?:call|phone)\w*") == {"call", "phone"}
    assert needs(r"(?:your\s+)?\w+") is None  # nothing certain
    assert needs(r"(?i:doctor)") is None  # case-blind: a literal is not required as spelled
    assert needs(r"x{0,2}y") == {"y"}
    assert needs(r"(?:ab|c)+d") in ({"ab", "c"}, {"d"})


def test_patterns_that_cannot_be_split_exactly_run_whole() -> None:
    for pattern in (re.compile(r"(call) your team|ask"), re.compile(r"call your team|ask", re.IGNORECASE),
                    re.compile(r"call your team|(?:ask)?"), re.compile(r"\w+|\d+")):
        rx = Alternation(pattern)
        assert rx._split() < 0
        assert _spans(rx.finditer("ask them, or call your team")) == _spans(pattern.finditer("ask them, or call your team"))


def test_absent_literals_mean_no_match_without_running_the_pattern() -> None:
    rx = Alternation(re.compile(r"\bcall\s+(?:your|the)\s+team\b|\bring\s+111\b"))
    assert rx.open("nothing here to find") == []
    assert rx.search("nothing here to find") is None
    assert _spans(rx.finditer("ring 111 or call the team, then ring 111")) == [(0, 8), (12, 25), (32, 40)]
    assert rx.match("call your team now").span() == (0, 14)
