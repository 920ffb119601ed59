"""Unsupported statements: the specific things an answer states that nothing it is checked against backs.

Claim recall measures what an answer misses and the harmful/outdated claims what known-bad
things it says; neither notices a figure the answer *invents* ("ctDNA finds relapse 6-7 months
before scans"). This engine finds the answer's specific statements (``extract``, ``specific``:
numbers, time frames, survival figures, dated approvals and guideline facts, "X is standard for
Y", named drugs for named situations) and looks for a text that backs each one (``backing``):

- a gold claim (essential or supporting, in force on the audit date) that carries it, or one the
  claim judge found supported with evidence inside the statement (its numbers must still match);
- a sentence, or two adjacent sentences, of the gold answer that carry it;
- a key fact of a registry source the answer cites and that resolves in the registry.

A statement nothing backs is *unsupported*, with the reason (what the closest text lacks).

    >>> from harness.core.text import split_sentences
    >>> text = "ctDNA can find relapse 6-7 months before scans."
    >>> gold = gold_passages("ctDNA tests are still being studied and do not replace scans.", ())
    >>> [(c.statement.kind, c.backed) for c in check_statements(find_statements(text, split_sentences(text)), gold)]
    [('time-frame', False)]

Pure functions; the scorer (``harness.score.unsupported``) decides when they run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.core.text import split_sentences
from harness.score.engines.statements.backing import Passage, best_match, statement_facts, why_not
from harness.score.engines.statements.extract import Statement, find_statements
from harness.score.engines.statements.specific import KINDS

__all__ = ["KINDS", "Checked", "Passage", "Statement", "check_statements", "fact_passages", "find_statements",
           "gold_passages"]

DEFAULT_MIN_OVERLAP = 0.4
WORDS_ONLY_MARGIN = 0.15
"""A statement that states no number and names no drug is backed only with this much more word overlap."""


@dataclass(frozen=True, slots=True)
class Checked:
    """One specific statement and its verdict: backed (by what) or unsupported (and why)."""

    statement: Statement
    backed: bool
    backing: Mapping[str, str] | None
    why: str

    def to_json(self) -> dict[str, Any]:
        s = self.statement
        return {"id": s.id, "text": s.text, "span": {"start": s.start, "end": s.end, "text": s.text},
                "kind": s.kind, "kinds": list(s.kinds), "status": "backed" if self.backed else "unsupported",
                "backing": dict(self.backing) if self.backing else None, "why": self.why}


def gold_passages(gold_text: str, claims: Iterable[tuple[str, str]]) -> tuple[Passage, ...]:
    """Passages of a gold answer: its claims (``(id, text)``), its sentences and adjacent sentence pairs."""
    out = [Passage.of("claim", cid, text) for cid, text in claims]
    sentences = split_sentences(gold_text)
    for i, s in enumerate(sentences):
        out.append(Passage.of("gold", f"{s.start}-{s.end}", s.text))
        if i + 1 < len(sentences):
            nxt = sentences[i + 1]
            out.append(Passage.of("gold", f"{s.start}-{nxt.end}", nxt.text, context=s.text))
    return tuple(out)


def fact_passages(facts: Mapping[str, Sequence[str]]) -> tuple[Passage, ...]:
    """Passages of registry key facts: ``{source id: [fact, ...]}``."""
    return tuple(Passage.of("source", sid, fact) for sid, items in facts.items() for fact in items)


def check_statements(statements: Sequence[Statement], passages: Sequence[Passage], *,
                     min_overlap: float = DEFAULT_MIN_OVERLAP,
                     judged: Mapping[str, Sequence[tuple[int, int]]] | None = None,
                     sources_cited: Sequence[str] = ()) -> list[Checked]:
    """Each statement, backed or not.

    ``judged`` maps a claim id to the evidence spans where the claim judge found the claim
    supported in the answer; that claim backs a statement overlapping its evidence when it states
    the statement's numbers and drugs (its words need not match: the judge has matched them).
    """
    claims = {p.ref: p for p in passages if p.origin == "claim"}
    out = []
    for s in statements:
        facts = statement_facts(s.text, s.masked)
        anchored = bool(facts.numbers or facts.drugs)  # numbers and drug names must match exactly anyway
        threshold = min_overlap if anchored else min(1.0, min_overlap + WORDS_ONLY_MARGIN)
        best = None
        for cid, spans in (judged or {}).items():
            passage = claims.get(cid)
            if passage is None or not any(a < s.end and b > s.start for a, b in spans):
                continue
            found, _ = best_match(facts, (passage,), 0.0)
            if found is not None:
                best = found
                break
        closest = None
        if best is None:
            best, closest = best_match(facts, passages, threshold)
        if best is not None:
            how = "claim judged supported" if best.overlap < threshold else f"{best.overlap:.0%} of its words"
            out.append(Checked(s, True, best.passage.to_json(), f"backed by {best.passage.origin} "
                                                                 f"{best.passage.ref} ({how})"))
        else:
            out.append(Checked(s, False, None, why_not(facts, closest, sources_cited)))
    return out
