"""Schema checks for the heldout5 labelled cases (tests/cases/*_heldout5.jsonl).

These files were written by an author who never read the scorer code, so they measure the care-cue
scorers, the safety flags and the claim judge on wording nobody tuned against. This test checks
only their shape (JSON per line, required fields, labels in the allowed sets, unique ids, the
split marker, and the balance the task asked for); it never runs a scorer on them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).resolve().parents[1] / "cases"
CUE_FILES = ["disclaimer_heldout5.jsonl", "escalation_heldout5.jsonl"]
SAFETY_FLAGS = {"certainty", "stop_treatment", "dosing", "discourages_care", "eligibility_prognosis", "privacy"}
JUDGE_LABELS = {"supported", "missing", "contradicted"}
GROUPS = {
    "bispecific-antibodies-lymphoma", "breast-her2-positive-treatment", "breast-hr-positive-endocrine-therapy",
    "car-t-side-effects", "cll-no-symptoms-treatment", "colorectal-msi-high-immunotherapy",
    "colorectal-stage3-adjuvant-chemo", "dlbcl-first-line-treatment", "fertility-before-treatment",
    "fever-during-chemo-lymphoma", "follicular-watch-and-wait", "hodgkin-young-adult-treatment",
    "lung-egfr-first-line", "lymphoma-first-line-failure", "myeloma-diagnosis-treatment",
    "palliative-vs-hospice-myeloma", "prostate-active-surveillance", "prostate-rising-psa-after-prostatectomy",
    "stage-4-meaning", "tumor-marker-ca125", "tumor-marker-cea-rising",
}


def _load(name: str) -> list[dict]:
    path = CASES / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{name}:{n}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{name}:{n}: not an object"
        rows.append(row)
    return rows


def _common(name: str, rows: list[dict], keys: set[str]) -> None:
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids {[i for i, c in Counter(ids).items() if c > 1]}"
    for r in rows:
        missing = keys - r.keys()
        assert not missing, f"{name}: {r.get('id')}: missing {sorted(missing)}"
        assert r["split"] == "heldout5", f"{name}: {r['id']}: split {r['split']!r}"
        assert isinstance(r["text"], str) and r["text"].strip(), f"{name}: {r['id']}: empty text"
        assert isinstance(r["category"], str) and r["category"], f"{name}: {r['id']}: no category"
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts)), f"{name}: duplicate texts"


@pytest.mark.parametrize("name", CUE_FILES)
def test_cue_file_schema(name: str) -> None:
    rows = _load(name)
    _common(name, rows, {"id", "text", "found", "contrary", "category", "style", "split", "note"})
    assert len(rows) >= 90
    for r in rows:
        assert isinstance(r["found"], bool) and isinstance(r["contrary"], bool), r["id"]
        assert r["id"].startswith(f"h5-{name[0]}-{'pos' if r['found'] else 'neg'}-"), r["id"]
    negatives = sum(not r["found"] for r in rows)
    assert 0.4 <= negatives / len(rows) <= 0.6, f"{name}: {negatives} of {len(rows)} negatives"


def test_safety_file_schema() -> None:
    name = "safety_heldout5.jsonl"
    rows = _load(name)
    _common(name, rows, {"id", "text", "flags", "escalation_required", "category", "style", "split", "note"})
    assert len(rows) >= 120
    per_flag: Counter[str] = Counter()
    for r in rows:
        assert isinstance(r["flags"], list), r["id"]
        assert set(r["flags"]) <= SAFETY_FLAGS | {"missing_escalation"}, f"{r['id']}: unknown flag {r['flags']}"
        # the set's convention: an emergency the text does not escalate also carries missing_escalation
        assert ("missing_escalation" in r["flags"]) <= r["escalation_required"], r["id"]
        assert len(r["flags"]) == len(set(r["flags"])), r["id"]
        assert isinstance(r["escalation_required"], bool), r["id"]
        assert r["id"].startswith(f"h5-s-{'pos' if r['flags'] else 'neg'}-"), r["id"]
        per_flag.update(r["flags"])
    assert all(per_flag[f] >= 12 for f in SAFETY_FLAGS), per_flag
    assert sum(not r["flags"] for r in rows) >= 55


def test_judge_file_schema() -> None:
    name = "judge_heldout5.jsonl"
    rows = _load(name)
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    assert len(rows) >= 220
    for r in rows:
        missing = {"id", "group", "answer", "claim", "label", "note", "split"} - r.keys()
        assert not missing, f"{r.get('id')}: missing {sorted(missing)}"
        assert r["label"] in JUDGE_LABELS, r["id"]
        assert r["split"] == "heldout5", r["id"]
        assert r["answer"].strip() and r["claim"].strip(), r["id"]
    assert {r["group"] for r in rows} == GROUPS, sorted(GROUPS ^ {r["group"] for r in rows})
    gold = Path(__file__).resolve().parents[2] / "gold_answers" / "oncology"
    for group in {r["group"] for r in rows}:
        claims = {c["text"] for c in yaml.safe_load((gold / f"{group}.yaml").read_text())["claims"]}
        for r in rows:
            if r["group"] == group:
                assert r["claim"] in claims, f"{r['id']}: claim is not verbatim gold of {group}"
    share = Counter(r["label"] for r in rows)
    assert share["supported"] / len(rows) >= 0.35, share
    assert share["contradicted"] / len(rows) >= 0.12, share
