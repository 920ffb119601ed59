"""The literal prefilter gates each cue pattern without changing what is found.

Gated detection (each detailed pattern runs only on sentences holding one of its literal keys, one
Aho-Corasick pass) must give exactly the cues of ungated detection (every pattern on every
sentence) on every labelled case, the shipped sample answers, the gold answers and the seed answer;
and on the MedQuAD cancer answers when the shared data is present.
"""

from __future__ import annotations

import json

import pytest

from harness.battery import load_battery
from harness.score.engines.cues import analyse
from harness.score.engines.cues.prefilter import ALL_GATES, PREFILTER, Prefilter
from tests.paths import CASES, REPO, SEED_ANSWER, SHARED_DATA


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for path in sorted(CASES.glob("*.jsonl"))
             if path.stem.split("_")[0] in {"disclaimer", "escalation", "safety"}
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in sorted((REPO / "evals" / "samples").glob("*/*.jsonl")):
        texts += [row["answer"] for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                  if row.get("answer")]
    texts += [gold.answer for gold in load_battery("oncology", root=REPO).gold.values()]
    if SEED_ANSWER.exists():
        texts.append(SEED_ANSWER.read_text(encoding="utf-8"))
    return texts


def test_gated_and_ungated_detection_agree_on_every_labelled_case_and_sample():
    texts = _texts()
    assert len(texts) > 1500
    disagree = [t[:80] for t in texts if analyse(t) != analyse(t, gated=False)]
    assert disagree == []


MEDQUAD = SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not MEDQUAD.exists(), reason="shared MedQuAD data not available")
def test_gated_and_ungated_detection_agree_on_medquad_answers():
    rows = [json.loads(line) for line in MEDQUAD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r.get("answer") or "" for r in rows]
    disagree = [t[:80] for t in texts if t and analyse(t) != analyse(t, gated=False)]
    assert disagree == []


def test_the_gate_skips_sentences_without_its_words():
    gates = PREFILTER.scan("the weather is lovely today.")
    assert "certainty.marker" not in gates and "treatment.named" not in gates
    assert "certainty.marker" in PREFILTER.scan("i promise you this will work.")
    assert "anything" in ALL_GATES


def test_gate_keys_are_checked():
    prefilter = Prefilter()
    prefilter.gate("a", ("cure", "heal"))
    assert prefilter.scan("this will heal you") == frozenset({"a"})
    with pytest.raises(ValueError, match="lower-case"):
        prefilter.gate("b", ("Cure",))
    with pytest.raises(ValueError, match="registered twice"):
        prefilter.gate("a", ("other",))
