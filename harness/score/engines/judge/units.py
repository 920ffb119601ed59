"""The answer's units: sentences (markdown-aware, run-on pasted text split) and list lead-ins.

A list item is often only half a statement ("CAR T is now used when:" / "- the lymphoma comes back
within 12 months"), so each item records the sentence leading into its list: a heading, a sentence
ending in ":", or a sentence after the list that refers back to it ("if any of these happen").
"""

from __future__ import annotations

import re

from harness.core.text import clean_inline, split_sentences

_BACK_REFERENCE = re.compile(r"\b(?:any of these|any of the above|these (?:symptoms|signs|problems|presentations|findings|side effects|toxicities|complications)|"
                             r"if (?:you have |you notice )?(?:any|one) of (?:these|them))\b", re.IGNORECASE)
_RUN_ON = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")  # "...depression.It is" (pasted text)


def answer_units(text: str) -> tuple[list[tuple[int, int, str]], list[int | None]]:
    """The answer's sentences (run-on pasted text split too), and for each list item the index of the
    sentence leading into its list ("CAR T is used when:" / a heading), else None."""
    out: list[tuple[int, int, str]] = []
    leads: list[int | None] = []
    kinds: list[str] = []
    lead: int | None = None

    for s in split_sentences(text):
        raw = text[s.start:s.end]
        cuts = [0, *(m.start() for m in _RUN_ON.finditer(raw)), len(raw)]
        pieces = [(s.start, s.end, s.text)] if len(cuts) == 2 else []
        for a, b in (zip(cuts, cuts[1:], strict=False) if len(cuts) > 2 else ()):
            part = raw[a:b]
            skip = len(part) - len(part.lstrip())
            start, end = s.start + a + skip, s.start + a + len(part.rstrip())
            if end > start:
                pieces.append((start, end, clean_inline(text[start:end])))
        for piece in pieces:
            if s.kind == "item":
                leads.append(lead)
            else:
                if out and leads and _BACK_REFERENCE.search(piece[2]):
                    # "Call the clinic right away if any of these happen." after a list: the list's own
                    # lead-in for each of its items
                    j = len(out) - 1
                    while j >= 0 and kinds[j] == "item":
                        leads[j] = len(out)
                        j -= 1
                lead = len(out) if s.kind == "heading" or piece[2].rstrip().endswith(":") else None
                leads.append(None)
            out.append(piece)
            kinds.append(s.kind)
    return out, leads
