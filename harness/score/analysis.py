"""The per-answer analysis: work that several scorers need, computed at most once per answer.

Scorers share work through this object on the scoring context, never through process-global
caches: the runner builds one ``AnswerAnalysis`` per answer, every scorer asks it for what it needs
(sentences, cue hits, citation mentions, readability counts, claim judgements), and it computes
each piece lazily the first time it is asked. When the answer has been scored the analysis is
dropped, so memory and cost do not depend on cache sizes, and a result can never leak from one
answer into another.

Engines stay pure functions of the text; this module only decides *when* they run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from harness.battery import Claim
    from harness.core.records import Judgement
    from harness.core.text import Sentence

T = TypeVar("T")


class AnswerAnalysis:
    """Lazily computed facts about one answer text, shared by every scorer of that answer."""

    __slots__ = ("_claims", "_memo", "as_of", "text")

    def __init__(self, text: str, *, claims: Sequence[Claim] = (), as_of: dt.date | None = None) -> None:
        self.text = text
        self.as_of = as_of
        self._claims = tuple(claims)
        self._memo: dict[str, Any] = {}

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The value stored under ``key``, computing it with ``compute()`` the first time.

        Engines and scorers use a key naming what they compute (``"cues"``, ``"citations"``, ...);
        one key, one meaning, for the life of this answer.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    def known(self, key: str) -> bool:
        """True when ``key`` has been computed (or supplied) already."""
        return key in self._memo

    def supply(self, key: str, value: Any) -> None:
        """Provide a value computed elsewhere (e.g. judgements read back from the store on resume)."""
        self._memo[key] = value

    @property
    def sentences(self) -> list[Sentence]:
        """The answer's sentences with character spans (markdown-aware), split once."""
        from harness.core.text import split_sentences

        return self.get("sentences", lambda: list(split_sentences(self.text)))

    def judgements(self, judge: str) -> tuple[Judgement, ...]:
        """Every gold claim's judgement by judge profile ``judge``, judged once for this answer.

        Raises the judge's HarnessError when it cannot judge (an unparseable LLM reply): the claim
        scorers turn that into an unscored result with the reason.
        """
        def compute() -> tuple[Judgement, ...]:
            from harness.score.engines.judge import judge_answer

            return tuple(judge_answer(self.text, self._claims, as_of=self.as_of or dt.date.today(),
                                      profile=judge))

        return self.get(f"judgements:{judge}", compute)

    def judged(self) -> dict[str, tuple[Judgement, ...]]:
        """The judgements computed so far, by judge profile (what the runner stores)."""
        prefix = "judgements:"
        return {k[len(prefix):]: v for k, v in self._memo.items() if k.startswith(prefix)}
