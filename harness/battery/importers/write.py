"""Writing an imported battery: the card as YAML, one gold file per question, the registry if absent.

Gold files are written directly rather than through PyYAML's emitter (it was most of an import's
time); ``load_battery`` reads them back in the tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from harness.battery.importers.common import ImportResult, ImportSpec


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style for multi-line strings, so gold answers stay readable and diffable."""


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_representer)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# Characters that YAML forbids in a block scalar or treats as line breaks (C0/C1 controls, NEL, LS, PS)
_NOT_BLOCK_SAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _scalar(value: Any) -> str:
    """A YAML scalar: dates as-is, everything else as a JSON string (JSON strings are valid YAML)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _gold_yaml(gold: Mapping[str, Any]) -> str:
    """One gold answer as YAML, written directly (PyYAML's emitter was most of an import's time).

    The answer is a literal block (``|2``: its indentation stated, so lines that start with spaces
    survive); claims are a list of mappings. Anything a block cannot hold falls back to a JSON string.
    """
    lines = []
    for key, value in gold.items():
        if key == "answer":
            if _NOT_BLOCK_SAFE.search(value):
                lines.append(f"answer: {_scalar(value)}")
            else:
                lines.append("answer: |2")
                lines.extend(f"  {line}" if line else "" for line in value.rstrip("\n").split("\n"))
        elif key == "claims":
            lines.append("claims:")
            for claim in value:
                first = True
                for ckey, cvalue in claim.items():
                    lines.append(f"{'  - ' if first else '    '}{ckey}: {_scalar(cvalue)}")
                    first = False
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def clean_answer(text: str) -> str:
    """Trailing spaces would force YAML's quoted style; strip them per line."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").splitlines()).strip() + "\n"


def write_battery(spec: ImportSpec, battery_path: Path, gold_dir: Path, card: dict[str, Any],
           golds: Mapping[str, dict[str, Any]], claims_total: int, renamed: int) -> ImportResult:
    battery_path.parent.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    if spec.force:
        for stale in gold_dir.glob("*.y*ml"):
            stale.unlink()  # replaced wholesale: an old gold file would be an orphan
    for qid, gold in golds.items():
        (gold_dir / f"{qid}.yaml").write_text(
            f"# Imported gold answer (unreviewed): {qid}\n" + _gold_yaml(gold), encoding="utf-8")
    header = (f"# Battery imported by `answer-audit import` from {spec.input}.\n"
              "# Every gold answer is unreviewed: review before trusting its claims.\n")
    battery_path.write_text(header + _dump(card), encoding="utf-8")
    sources = spec.root / "gold_answers" / "sources.yaml"
    created = False
    if not sources.exists():
        # load_battery reads the shared registry and reports a missing file as a problem
        sources.write_text("# The citation registry shared by every battery (see README).\nsources: []\n",
                           encoding="utf-8")
        created = True
    return ImportResult(battery_path=battery_path, gold_dir=gold_dir, questions=len(golds), claims=claims_total,
                        created_sources=created, renamed_ids=renamed)


def describe(result: ImportResult) -> str:
    """The CLI's one-paragraph summary of an import."""
    text = (f"imported {result.questions} questions into {result.battery_path} and {result.gold_dir}/ "
            f"({result.claims} claims; every gold answer is marked unreviewed)")
    if result.renamed_ids:
        text += f"; {result.renamed_ids} question id(s) were made safe or unique"
    if result.created_sources:
        text += "; created an empty citation registry gold_answers/sources.yaml"
    return text
