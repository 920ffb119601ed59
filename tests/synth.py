"""Build synthetic batteries of any size for tests and benchmarks (not clinical content)."""

from __future__ import annotations

from pathlib import Path


def write_battery(root: Path, name: str = "synthetic", n: int = 20) -> Path:
    """Write evals/<name>.yaml, its gold answers and a one-source registry under ``root``."""
    (root / "evals").mkdir(parents=True, exist_ok=True)
    gold_dir = root / "gold_answers" / name
    gold_dir.mkdir(parents=True, exist_ok=True)
    registry = root / "gold_answers" / "sources.yaml"
    if not registry.exists():
        registry.write_text("sources:\n  - id: nci-pdq\n    title: NCI PDQ Cancer Information Summaries\n"
                            "    publisher: National Cancer Institute\n", encoding="utf-8")
    lines = [f"name: {name}", 'version: "1"', "questions:"]
    for i in range(n):
        qid = f"q{i:04d}"
        lines += [f"  - id: {qid}", f"    question: What should I know about topic number {i}?",
                  f"    tags: {{cancer: type{i % 3}, topic: topic{i % 4}, risk: {('low', 'high')[i % 2]}}}"]
        (gold_dir / f"{qid}.yaml").write_text(
            f"question_id: {qid}\nreviewed_by: synthetic fixture\nreviewed_on: 2026-11-26\n"
            "guideline_version: none\n"
            f"answer: Topic {i} is treated with plan {i}. Talk with your care team; this is general information.\n"
            "claims:\n"
            f"  - id: plan\n    text: Topic {i} is treated with plan {i}.\n    kind: essential\n"
            f"  - id: wrong\n    text: Topic {i} needs no treatment at all, ever.\n    kind: harmful\n    severity: high\n",
            encoding="utf-8")
    path = root / "evals" / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
