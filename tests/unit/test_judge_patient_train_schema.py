"""Schema of the patient-style training pairs for the claim judge (judge_patient_train.jsonl).

The file is training data written by hand over 20 of the battery's questions (the other 21 are
kept for measurement). These checks keep it honest without any scorer: every line parses, has
exactly the agreed fields and labels, uses only the 20 training questions, quotes each claim
verbatim from that question's gold file (read with plain ``yaml``, independent of
``harness.battery``), and has no duplicate (question, answer, claim) pair.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
import yaml

from tests.paths import CASES, REPO

TRAIN = CASES / "judge_patient_train.jsonl"
GOLD = REPO / "gold_answers" / "oncology"
FIELDS = {"group", "answer", "claim", "label", "note"}
LABELS = {"supported", "missing", "contradicted"}
TRAIN_QUESTIONS = {
    "all-mrd-meaning",
    "aml-older-adult-options",
    "blood-cancer-clinical-trials",
    "breast-brca-parp-inhibitor",
    "breast-triple-negative-treatment",
    "car-t-process-timeline",
    "cll-tp53-del17p",
    "ctdna-test-solid-tumor",
    "dlbcl-relapse-8-months-age-67",
    "dlbcl-stage-meaning",
    "follicular-pod24",
    "immunotherapy-side-effects-urgent",
    "lung-alk-positive-treatment",
    "lung-pdl1-immunotherapy",
    "lymphoma-ctdna-instead-of-scans",
    "melanoma-braf-treatment",
    "melanoma-immunotherapy-diarrhea",
    "myeloma-after-three-lines",
    "pancreatic-stage-and-options",
    "survivorship-follow-up-care",
}


def _rows() -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(TRAIN.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{TRAIN.name}:{number}: blank line"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{TRAIN.name}:{number}: not JSON ({exc})")
        assert isinstance(row, dict), f"{TRAIN.name}:{number}: not a JSON object"
        rows.append((number, row))
    return rows


def _gold_claims(question: str) -> set[str]:
    gold = yaml.safe_load((GOLD / f"{question}.yaml").read_text(encoding="utf-8"))
    return {claim["text"] for claim in gold["claims"]}


def test_every_line_has_the_fields_and_a_known_label() -> None:
    rows = _rows()
    assert len(rows) >= 400
    for number, row in rows:
        assert set(row) == FIELDS, f"{TRAIN.name}:{number}: fields {sorted(row)}"
        for field in FIELDS:
            value = row[field]
            assert isinstance(value, str) and value.strip(), f"{TRAIN.name}:{number}: empty {field}"
        assert row["label"] in LABELS, f"{TRAIN.name}:{number}: label {row['label']!r}"


def test_only_the_twenty_training_questions_each_with_15_to_25_pairs() -> None:
    per_question = Counter(row["group"] for _, row in _rows())
    assert set(per_question) == TRAIN_QUESTIONS
    for question, count in per_question.items():
        assert 15 <= count <= 25, f"{question}: {count} pairs"


def test_claims_are_verbatim_from_the_question_gold_file() -> None:
    claims = {question: _gold_claims(question) for question in TRAIN_QUESTIONS}
    for number, row in _rows():
        assert row["claim"] in claims[row["group"]], (
            f"{TRAIN.name}:{number}: claim is not a claim of {row['group']}: {row['claim']!r}"
        )


def test_no_duplicate_pairs() -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in _rows():
        key = (row["group"], row["answer"], row["claim"])
        assert key not in seen, f"{TRAIN.name}:{number}: duplicate of line {seen[key]}"
        seen[key] = number


def test_label_mix_is_roughly_the_agreed_one() -> None:
    labels = Counter(row["label"] for _, row in _rows())
    total = sum(labels.values())
    assert 0.38 <= labels["supported"] / total <= 0.52
    assert 0.26 <= labels["missing"] / total <= 0.40
    assert 0.16 <= labels["contradicted"] / total <= 0.28
