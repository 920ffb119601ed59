"""Loading a battery: the card, the questions, every gold answer and the registry, checked at once.

``load_battery()`` reads them all and reports *every* problem at once (file:line, field, what was
expected, what was found) as one ``BatteryError``; a battery that does not exist is a
``BatteryNotFoundError`` naming the batteries that do (with "did you mean").
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from harness.battery.models import Battery, BatteryCard, GoldAnswer, Question, Source, _BatteryFile, _SourcesFile
from harness.battery.problems import load_gold, orphan_gold_files, validate_yaml
from harness.errors import BatteryError, BatteryNotFoundError, Problem, suggest
from harness.io.yamlio import line_of, load_yaml


def resolve_battery_path(name_or_path: str | Path, root: Path | None = None) -> Path:
    """``oncology`` -> ``<root>/evals/oncology.yaml``; a path to a .yaml file is used as given."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    return (root / "evals" if root else Path("evals")) / f"{name_or_path}.yaml"


def load_sources(path: Path) -> tuple[dict[str, Source], list[Problem]]:
    """Read the citation registry; problems are returned, not raised, so they join the others."""
    problems: list[Problem] = []
    raw, problem = load_yaml(path)
    if problem is not None:
        return {}, [problem]
    parsed = validate_yaml(_SourcesFile, raw, path, (), problems)
    if parsed is None:
        return {}, problems
    registry: dict[str, Source] = {}
    for i, item in enumerate(parsed.sources):
        source = validate_yaml(Source, item, path, ("sources", i), problems, raw)
        if source is None:
            continue
        if source.id in registry:
            problems.append(Problem(str(path), line_of(raw, ("sources", i)), f"sources[{i}].id",
                                    f"duplicate source id {source.id!r}"))
        registry[source.id] = source
    return registry, problems


def load_battery(name_or_path: str | Path, *, root: Path | None = None) -> Battery:
    """Load and validate a battery by name (``evals/<name>.yaml``) or by path.

    Raises:
        BatteryError: listing every problem found in the card, the gold answers and the registry.
    """
    path = resolve_battery_path(name_or_path, root)
    problems: list[Problem] = []
    if not path.exists():
        raise BatteryNotFoundError([_not_found(path)])
    raw, problem = load_yaml(path)
    if problem is not None:
        raise BatteryError([problem])
    parsed = validate_yaml(_BatteryFile, raw, path, (), problems)
    if parsed is None:
        raise BatteryError(problems)
    card = BatteryCard(**{k: getattr(parsed, k) for k in BatteryCard.model_fields})
    if card.name != path.stem:
        problems.append(Problem(str(path), line_of(raw, ("name",)), "name",
                                f"battery name {card.name!r} does not match its file name {path.stem!r}"))

    questions: list[Question] = []
    seen: dict[str, int] = {}
    raw_ids = {item.get("id") for item in parsed.questions if isinstance(item, dict)}
    for i, item in enumerate(parsed.questions):
        q = validate_yaml(Question, item, path, ("questions", i), problems, raw)
        line = line_of(raw, ("questions", i, "id"))
        qid = item.get("id") if isinstance(item, dict) else None
        if q is None:
            if isinstance(qid, str) and qid in seen:
                problems.append(Problem(str(path), line, f"questions[{i}].id",
                                        f"duplicate question id {qid!r} (first used on line {seen[qid]})"))
            continue
        if q.id in seen:
            problems.append(Problem(str(path), line, f"questions[{i}].id",
                                    f"duplicate question id {q.id!r} (first used on line {seen[q.id]})"))
            continue
        seen[q.id] = line or 0
        questions.append(q)

    project = path.resolve().parent.parent
    sources_path = _display(project / "gold_answers" / "sources.yaml")
    sources, source_problems = load_sources(sources_path)
    problems.extend(source_problems)

    gold_dir = _display(project / "gold_answers" / card.name)
    gold: dict[str, GoldAnswer] = {}
    # Gold files are checked even for questions whose own entry failed, so one pass shows everything.
    gold_ids = list(dict.fromkeys(i for i in raw_ids_ordered(parsed.questions) if _safe_id(i)))
    for qid in gold_ids:
        gold_path = gold_dir / f"{qid}.yaml"
        if not gold_path.exists():
            problems.append(Problem(str(path), seen.get(qid) or None, f"questions[{qid}]",
                                    f"question {qid!r} has no gold answer: expected file {gold_path}"))
            continue
        answer = load_gold(gold_path, qid, sources, problems)
        if answer is not None:
            gold[qid] = answer
    problems.extend(orphan_gold_files(gold_dir, raw_ids, seen, card.name))
    if problems:
        raise BatteryError(problems)
    files = [path, sources_path, *(gold_dir / f"{q.id}.yaml" for q in questions)]
    return Battery(card=card, questions=tuple(questions), gold=gold, sources=sources,
                   fingerprint=fingerprint(files, project), path=path)


def battery_names(evals: Path) -> list[str]:
    """The batteries in an ``evals/`` directory (every ``*.yaml`` there is a battery card)."""
    return sorted(p.stem for p in evals.glob("*.y*ml")) if evals.is_dir() else []


def _not_found(path: Path) -> Problem:
    """'file not found', with the batteries that do exist beside it and the closest of them."""
    known = battery_names(path.parent)
    listed = f" (batteries in {path.parent}: {', '.join(known)})" if known else ""
    return Problem(str(path), None, None, f"file not found: no battery {path.stem!r}{suggest(path.stem, known)}"
                                          f"{listed}")


def raw_ids_ordered(items: tuple[Any, ...]) -> list[str]:
    """The string ids of the raw question entries, in file order."""
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _safe_id(qid: str) -> bool:
    """An id usable as a file name (the Question model enforces the same pattern)."""
    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", qid) is not None


def _display(path: Path) -> Path:
    """The path relative to the working directory when it is below it (shorter messages)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def fingerprint(files: list[Path], root: Path) -> str:
    """sha256 over the relative names and bytes of the battery's files (order-independent)."""
    digest = hashlib.sha256()
    for f in sorted(set(files)):
        try:
            rel = f.resolve().relative_to(root)
        except ValueError:
            rel = Path(f.name)
        digest.update(str(rel).encode())
        digest.update(b"\0")
        digest.update(f.read_bytes() if f.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()[:16]
