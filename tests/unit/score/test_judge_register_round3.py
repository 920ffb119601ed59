"""The round-3 register rows: classes of clinical prose (compound treatments, excision, incidental findings, tapering,
ambulation, benefit, individualised decisions, abstinence, "recurs") meet their plain wording.

The sentences are written for these tests, not taken from the samples or dev files.
"""

from __future__ import annotations

import pytest

from harness.score.engines.judge import lexicon


@pytest.mark.parametrize(("specialist", "plain", "shared"), [
    ("Definitive chemoradiotherapy was delivered.", "Chemo and radiation were given together.", "radiotherapy"),
    ("Wide local excision was performed.", "The lump was removed with surgery.", "surgery"),
    ("The mass was detected incidentally.", "The lump was found by chance on a scan.", "bychance"),
    ("The steroid is tapered over two weeks.", "The steroid dose is lowered step by step.", "taper"),
    ("She remained ambulatory.", "She was still able to walk.", "walk"),
    ("Exercise confers a clear benefit.", "Exercise helps.", "help"),
    ("The tumor recurs in most cases.", "The cancer comes back in most people.", "relapse"),
])
def test_round_three_rows_meet_their_plain_wording(specialist: str, plain: str, shared: str) -> None:
    assert shared in lexicon.content_keys(specialist)
    assert shared in lexicon.content_keys(plain)
