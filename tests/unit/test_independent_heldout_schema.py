"""Schema checks for the independent held-out sets (``tests/cases/*_heldout{3,5,6}.jsonl``).

Each set was written by an author who never read the scorer code, the other cases or the samples, so it
measures the care-cue scorers, the safety flags and the claim judge on wording nobody tuned against.
This test checks only their shape (JSON per line, required fields, labels in the allowed sets, unique
ids, the split marker, the balance each author was asked for, gold claims verbatim); it never runs a
scorer on them. heldout6's judge pairs use patient questions of its author's own, outside the battery, so
for that set the check is: no group is a battery question id, each group's gold claims are repeated
verbatim across its pairs, and the labels keep the balance asked for.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).resolve().parents[1] / "cases"
GOLD = Path(__file__).resolve().parents[2] / "gold_answers" / "oncology"
SAFETY_FLAGS = {"certainty", "stop_treatment", "dosing", "discourages_care", "eligibility_prognosis", "privacy"}
JUDGE_LABELS = {"supported", "missing", "contradicted"}
QUESTIONS = {  # the 21 battery questions both sets use; no training pair uses them
    "bispecific-antibodies-lymphoma", "breast-her2-positive-treatment", "breast-hr-positive-endocrine-therapy",
    "car-t-side-effects", "cll-no-symptoms-treatment", "colorectal-msi-high-immunotherapy",
    "colorectal-stage3-adjuvant-chemo", "dlbcl-first-line-treatment", "fertility-before-treatment",
    "fever-during-chemo-lymphoma", "follicular-watch-and-wait", "hodgkin-young-adult-treatment",
    "lung-egfr-first-line", "lymphoma-first-line-failure", "myeloma-diagnosis-treatment",
    "palliative-vs-hospice-myeloma", "prostate-active-surveillance", "prostate-rising-psa-after-prostatectomy",
    "stage-4-meaning", "tumor-marker-ca125", "tumor-marker-cea-rising",
}


@dataclass(frozen=True)
class Spec:
    """One set: its split name, id prefix and the minimums its author was asked for."""

    split: str
    prefix: str
    cue_cases: int
    safety_cases: int
    per_flag: int
    safety_negatives: int
    judge_pairs: int
    judge_questions: int
    outside_battery: bool = False  # judge groups are the author's own questions, not battery ids


SETS = [
    Spec("heldout3", "h3", 80, 100, 8, 45, 150, 15),
    Spec("heldout5", "h5", 90, 120, 12, 55, 220, 21),
    Spec("heldout6", "h6", 90, 120, 12, 55, 240, 24, outside_battery=True),
]
IDS = [s.split for s in SETS]


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


def _common(name: str, rows: list[dict], keys: set[str], split: str) -> None:
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids {[i for i, c in Counter(ids).items() if c > 1]}"
    for r in rows:
        missing = keys - r.keys()
        assert not missing, f"{name}: {r.get('id')}: missing {sorted(missing)}"
        assert r["split"] == split, f"{name}: {r['id']}: split {r['split']!r}"
        assert isinstance(r["text"], str) and r["text"].strip(), f"{name}: {r['id']}: empty text"
        assert isinstance(r["category"], str) and r["category"], f"{name}: {r['id']}: no category"
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts)), f"{name}: duplicate texts"


@pytest.mark.parametrize("scorer", ["disclaimer", "escalation"])
@pytest.mark.parametrize("spec", SETS, ids=IDS)
def test_cue_file_schema(spec: Spec, scorer: str) -> None:
    name = f"{scorer}_{spec.split}.jsonl"
    rows = _load(name)
    _common(name, rows, {"id", "text", "found", "contrary", "category", "style", "split", "note"}, spec.split)
    assert len(rows) >= spec.cue_cases
    for r in rows:
        assert isinstance(r["found"], bool) and isinstance(r["contrary"], bool), r["id"]
        assert r["id"].startswith(f"{spec.prefix}-{name[0]}-{'pos' if r['found'] else 'neg'}-"), r["id"]
    negatives = sum(not r["found"] for r in rows)
    assert 0.4 <= negatives / len(rows) <= 0.6, f"{name}: {negatives} of {len(rows)} negatives"


@pytest.mark.parametrize("spec", SETS, ids=IDS)
def test_safety_file_schema(spec: Spec) -> None:
    name = f"safety_{spec.split}.jsonl"
    rows = _load(name)
    _common(name, rows, {"id", "text", "flags", "escalation_required", "category", "style", "split", "note"},
            spec.split)
    assert len(rows) >= spec.safety_cases
    per_flag: Counter[str] = Counter()
    for r in rows:
        assert isinstance(r["flags"], list), r["id"]
        assert set(r["flags"]) <= SAFETY_FLAGS | {"missing_escalation"}, f"{r['id']}: unknown flag {r['flags']}"
        # the sets' convention: an emergency the text does not escalate also carries missing_escalation
        assert ("missing_escalation" in r["flags"]) <= r["escalation_required"], r["id"]
        assert len(r["flags"]) == len(set(r["flags"])), r["id"]
        assert isinstance(r["escalation_required"], bool), r["id"]
        assert r["id"].startswith(f"{spec.prefix}-s-{'pos' if r['flags'] else 'neg'}-"), r["id"]
        per_flag.update(r["flags"])
    assert all(per_flag[f] >= spec.per_flag for f in SAFETY_FLAGS), per_flag
    assert sum(not r["flags"] for r in rows) >= spec.safety_negatives


@pytest.mark.parametrize("spec", SETS, ids=IDS)
def test_judge_file_schema(spec: Spec) -> None:
    name = f"judge_{spec.split}.jsonl"
    rows = _load(name)
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    assert len(rows) >= spec.judge_pairs
    for r in rows:
        missing = {"id", "group", "answer", "claim", "label", "note", "split"} - r.keys()
        assert not missing, f"{r.get('id')}: missing {sorted(missing)}"
        assert r["label"] in JUDGE_LABELS, r["id"]
        assert r["split"] == spec.split, r["id"]
        assert r["answer"].strip() and r["claim"].strip(), r["id"]
    groups = {r["group"] for r in rows}
    share = Counter(r["label"] for r in rows)
    assert share["supported"] / len(rows) >= 0.35, share
    assert share["contradicted"] / len(rows) >= 0.12, share
    if spec.outside_battery:
        _check_outside_battery(name, rows, groups, spec.judge_questions)
        return
    assert groups <= QUESTIONS and len(groups) >= spec.judge_questions, sorted(groups ^ QUESTIONS)
    for group in groups:
        claims = {c["text"] for c in yaml.safe_load((GOLD / f"{group}.yaml").read_text())["claims"]}
        for r in rows:
            if r["group"] == group:
                assert r["claim"] in claims, f"{r['id']}: claim is not verbatim gold of {group}"


def _check_outside_battery(name: str, rows: list[dict], groups: set[str], minimum: int) -> None:
    """The author's own questions: none is a battery question, each has 4-6 gold claims used verbatim."""
    battery = {p.stem for p in GOLD.glob("*.yaml")}
    assert battery, f"no battery gold answers under {GOLD}"
    assert len(groups) >= minimum, f"{name}: {len(groups)} questions, want >= {minimum}"
    assert not groups & battery, f"{name}: groups that are battery questions: {sorted(groups & battery)}"
    for group in groups:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", group), f"{name}: group {group!r} is not kebab-case"
        uses = Counter(r["claim"] for r in rows if r["group"] == group)
        assert 4 <= len(uses) <= 6, f"{name}: {group}: {len(uses)} distinct claims, want 4-6"
        once = [c for c, n in uses.items() if n < 2]
        assert not once, f"{name}: {group}: claims used in only one pair (not repeated verbatim): {once}"
    share = Counter(r["label"] for r in rows)
    assert share["missing"] / len(rows) >= 0.2, share
