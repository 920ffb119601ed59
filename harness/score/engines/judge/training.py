"""The labelled (answer, claim) pairs the judge is fitted on, from each source's own file format.

Sources (third-party development data lives outside the repository; see ``fit``):

- ``kqa``: K-QA physician-labelled pairs (patient answers vs physician statements);
- ``healthver``: HealthVer evidence vs claim (Supports / Refutes / Neutral);
- ``checkcovid``: Check-COVID evidence vs claim, half of the refutations composed by annotators;
- ``silver``: pairs derived from K-QA's physician gold answers (``kqa_gold_answers.jsonl``): a
  statement vs its own answer is supported, vs another question's answer missing, and a negated
  or number-changed copy of it vs its own answer contradicted. Questions of the labelled dev file
  are left out, so silver pairs never share a question with the pairs they are measured on;
- ``cases``: hand-written JSONL cases (``answer``, ``claim``, ``label``, optional ``group``).

Each pair carries a group (its question): cross-validation keeps a group on one side of a split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.io.tables import read_table

KQA_LABELS = {"Entailment": "supported", "Neutral": "missing", "Contradiction": "contradicted"}
HEALTHVER_LABELS = {"Supports": "supported", "Neutral": "missing", "Refutes": "contradicted"}
CHECKCOVID_LABELS = {"SUPPORT": "supported", "NOTENOUGHINFO": "missing", "REFUTE": "contradicted"}
CLASSES = ("supported", "missing", "contradicted")


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled (answer, claim) pair."""

    answer: str
    claim: str
    label: str
    group: str
    """Pairs sharing a group (a question) stay on one side of every cross-validation split."""
    source: str
    weight: float = 1.0
    split: str = ""


def _records(path: Path) -> list[dict[str, Any]]:
    """The rows of a CSV or JSONL file, through the one table reader (bad rows named by file and line)."""
    return [row.data for row in read_table(path, allowed=("csv", "jsonl")).rows]


def read_kqa(path: Path, weight: float = 1.0) -> list[Pair]:
    return [Pair(r["answer"], r["claim"], KQA_LABELS[r["majority_label"]], "kqa:" + r["Question"], "kqa", weight)
            for r in _records(path)]


def read_healthver(path: Path, weight: float = 1.0) -> list[Pair]:
    return [Pair(r["evidence"], r["claim"], HEALTHVER_LABELS[r["label"]], "hv:" + r["question"], "healthver",
                 weight) for r in _records(path)]


def read_checkcovid(path: Path, weight: float = 1.0, split: str | None = None) -> list[Pair]:
    """Check-COVID rows (evidence sentences joined); ``split`` keeps only "train" or "dev"."""
    out = []
    for r in _records(path):
        if split and r.get("split") != split:
            continue
        evidence = " ".join(e["text"] for e in r.get("evidence", []))
        out.append(Pair(evidence, r["claim"], CHECKCOVID_LABELS[r["label"]], "cc:" + r.get("title", r["id"]),
                        "checkcovid", weight, r.get("split", "")))
    return out


def read_cases(path: Path, weight: float = 1.0, source: str = "cases") -> list[Pair]:
    """Hand-written cases: JSONL with ``answer``, ``claim``, ``label`` (supported|missing|contradicted)."""
    out = []
    for record in read_table(path, allowed=("jsonl",)).rows:
        row, i = record.data, record.line
        if row.get("label") not in CLASSES:
            raise ValueError(f"{path}:{i}: label must be one of {', '.join(CLASSES)}; found {row.get('label')!r}")
        out.append(Pair(row["answer"], row["claim"], row["label"], f"{source}:{row.get('group', i)}", source, weight))
    return out


_AUX = re.compile(r"\b(is|are|was|were|can|may|should|will|does|do|has|have)\b")
_NUM = re.compile(r"\b(\d+(?:\.\d+)?)\b")


def negate(statement: str) -> str | None:
    """The statement with its first auxiliary negated ("X is used" -> "X is not used"), or None."""
    m = _AUX.search(statement)
    if m is None or re.search(r"\bnot\b|n't\b|\bno\b|\bnever\b", statement):
        return None
    aux = m.group(1)
    repl = {"do": "do not", "does": "does not", "can": "cannot"}.get(aux, f"{aux} not")
    return statement[:m.start()] + repl + statement[m.end():]


def change_number(statement: str) -> str | None:
    """The statement with its first number tripled, or None when it has none."""
    m = _NUM.search(statement)
    if m is None:
        return None
    value = float(m.group(1)) * 3
    text = str(int(value)) if value.is_integer() else f"{value:g}"
    return statement[:m.start()] + text + statement[m.end():]


def read_kqa_silver(path: Path, *, exclude_questions: Iterable[str] = (), weight: float = 0.3,
                    per_question: int = 4) -> list[Pair]:
    """Silver pairs from K-QA physician gold answers (see the module docstring); deterministic."""
    rows = _records(path)
    excluded = {q.strip() for q in exclude_questions}
    rows = [r for r in rows if r["Question"].strip() not in excluded and r.get("Free_form_answer")]
    out: list[Pair] = []
    for i, r in enumerate(rows):
        statements = [s for s in (r.get("Must_have") or []) + (r.get("Nice_to_have") or []) if len(s) > 20]
        group = "silver:" + r["Question"]
        other = rows[(i + len(rows) // 2) % len(rows)]["Free_form_answer"]
        for j, s in enumerate(statements[:per_question]):
            out.append(Pair(r["Free_form_answer"], s, "supported", group, "silver", weight))
            out.append(Pair(other, s, "missing", group, "silver", weight))
            perturbed = negate(s) if j % 2 == 0 else (change_number(s) or negate(s))
            if perturbed:
                out.append(Pair(r["Free_form_answer"], perturbed, "contradicted", group, "silver", weight))
    return out


def provenance(pairs: list[Pair]) -> dict[str, object]:
    """Per source: counts, questions, labels, weight and a hash of the rows (never the rows)."""
    import hashlib

    out: dict[str, object] = {}
    for source in sorted({p.source for p in pairs}):
        rows = [p for p in pairs if p.source == source]
        digest = hashlib.sha256()
        for p in rows:
            digest.update(f"{p.answer}\x1f{p.claim}\x1f{p.label}\x1e".encode())
        out[source] = {"pairs": len(rows), "questions": len({p.group for p in rows}),
                       "labels": {k: sum(p.label == k for p in rows) for k in CLASSES},
                       "weight": rows[0].weight, "sha256": digest.hexdigest()[:16]}
    return out


PATIENT_WEIGHT = 0.3
"""Row weight of the ``patient`` source (``judge_patient_train.jsonl``: 499 patient-answer pairs written by one
author in one sitting, not physician-labelled), as for the other large non-physician sources (silver,
HealthVer, Check-COVID); at 1.0 they outweigh the 141 physician-labelled K-QA pairs."""


def read_recipe(kqa: Path | None = None, healthver: Path | None = None, cases: Sequence[Path] = (), *,
                checkcovid: Path | None = None, silver: Path | None = None) -> list[Pair]:
    """The labelled pairs of the default recipe, in a fixed order (Check-COVID: its train split only)."""
    pairs: list[Pair] = []
    kqa_pairs = read_kqa(kqa) if kqa else []
    pairs += kqa_pairs
    if healthver:
        pairs += read_healthver(healthver, 0.3)
    if checkcovid:
        pairs += read_checkcovid(checkcovid, 0.3, split="train")
    if silver:
        pairs += read_kqa_silver(silver, exclude_questions={p.group.removeprefix("kqa:") for p in kqa_pairs})
    for path in cases:
        source = "paraphrase" if "paraphrase" in path.name else "patient" if "patient" in path.name else "cases"
        pairs += read_cases(path, PATIENT_WEIGHT if source == "patient" else 1.0, source)
    return pairs
