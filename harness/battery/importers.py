"""Import question/answer collections (JSONL, CSV, JSON, Hugging Face datasets) as batteries.

``import_battery()`` turns rows with a question and a gold answer into ``evals/<name>.yaml`` plus
``gold_answers/<name>/<question_id>.yaml``, which ``load_battery(name)`` validates. Imported gold
answers are honest about what they are: ``status: unreviewed``, ``reviewed_by: "imported from
<input> (unreviewed)"``, ``guideline_version: "as published in <input>"``, and a note naming the
input row.

Claims come from one of two places:

- statement fields (K-QA style, ``must_field`` / ``nice_field``): each statement of the must
  field becomes an ``essential`` claim, each of the nice field a ``supporting`` claim;
- otherwise the gold answer's sentences (``harness.core.text.split_sentences``): headings, fragments
  under four words and repeated sentences are skipped; the first ``essential_count`` (default 3)
  become ``essential`` claims, the rest ``supporting``, up to ``max_claims`` (default 15; 0 = no
  limit). The first sentences of an answer usually carry its point; later ones detail it.

Nothing is written until every row has been read and checked, so a bad row leaves no half
battery behind. Bad input raises ``ImportInputError`` with one sentence naming the file, the row
and the field. Hugging Face hub datasets are read from the local cache only: the importer sets
``HF_DATASETS_OFFLINE``/``HF_HUB_OFFLINE`` and never downloads.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from harness.core.text import normalize, split_sentences
from harness.errors import HarnessError, did_you_mean

FILE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
MAX_ID_LENGTH = 80


class ImportInputError(HarnessError, ValueError):
    """The input cannot be imported as asked (missing file or field, bad row, existing battery)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportSpec:
    """What to import and how; the CLI's options one to one."""

    input: str
    name: str
    question_field: str
    answer_field: str
    id_field: str | None = None
    """Column holding a question id; None numbers the rows (q0001, q0002, ...)."""
    must_field: str | None = None
    nice_field: str | None = None
    tag_fields: tuple[str, ...] = ()
    """Columns copied into each question's tags (e.g. a question type or focus)."""
    source_field: str | None = None
    """Column naming the answer's published sources (URLs, references): kept in the gold notes, not the registry."""
    limit: int | None = None
    split: str | None = None
    """Split of a Hugging Face dataset (default: the only split, or "train")."""
    root: Path = field(default_factory=Path.cwd)
    force: bool = False
    essential_count: int = 3
    max_claims: int = 15
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What was written."""

    battery_path: Path
    gold_dir: Path
    questions: int
    claims: int
    created_sources: bool
    renamed_ids: int
    """Question ids that had to be changed (unsafe characters, duplicates)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One input record and where it came from ("line 12", "row 7", "item 3")."""

    where: str
    number: int
    data: Mapping[str, Any]


# --------------------------------------------------------------------------------------------
# reading


def read_rows(source: str, *, split: str | None = None, limit: int | None = None,
              root: Path | None = None) -> tuple[str, Iterator[Row]]:
    """``(label, rows)`` for a JSONL/JSON/CSV/TSV/Parquet file, a datasets directory or a cached hub dataset."""
    path = Path(source)
    if not path.is_absolute() and root is not None and not path.exists() and (root / path).exists():
        path = root / path
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            return str(path), _limit(_jsonl_rows(path), limit)
        if suffix == ".json":
            return str(path), _limit(_json_rows(path), limit)
        if suffix in (".csv", ".tsv"):
            return str(path), _limit(_csv_rows(path, "\t" if suffix == ".tsv" else ","), limit)
        if suffix == ".parquet":
            return str(path), _limit(_parquet_rows(path), limit)
        raise ImportInputError(f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
                               f"expected one of {', '.join(FILE_SUFFIXES)}, a datasets directory or a hub name")
    if path.is_dir():
        return str(path), _limit(_disk_dataset_rows(path, split), limit)
    if path.suffix.lower() in FILE_SUFFIXES or source.startswith((".", "/", "~")) or \
            ("/" in source and Path(source.split("/", 1)[0]).is_dir()):
        raise ImportInputError(f"{source}: file not found")
    return source, _limit(_hub_rows(source, split), limit)


def _limit(rows: Iterator[Row], limit: int | None) -> Iterator[Row]:
    for i, row in enumerate(rows):
        if limit is not None and i >= limit:
            return
        yield row


def _jsonl_rows(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportInputError(f"{path} line {number}: not valid JSON ({exc.msg} at column {exc.colno})") \
                    from None
            if not isinstance(data, dict):
                raise ImportInputError(f"{path} line {number}: expected a JSON object with named fields, "
                                       f"found a {type(data).__name__}")
            yield Row(f"line {number}", number, data)


def _json_rows(path: Path) -> Iterator[Row]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise ImportInputError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict):
        # {"data": [...]} / {"rows": [...]} are common wrappers
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise ImportInputError(f"{path}: expected a JSON array of objects (or an object holding one array), "
                                   f"found an object with keys {', '.join(map(str, data))}")
        data = lists[0]
    if not isinstance(data, list):
        raise ImportInputError(f"{path}: expected a JSON array of objects, found a {type(data).__name__}")
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ImportInputError(f"{path} item {i}: expected a JSON object with named fields, "
                                   f"found a {type(item).__name__}")
        yield Row(f"item {i}", i, item)


def _csv_rows(path: Path, delimiter: str) -> Iterator[Row]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        if not reader.fieldnames:
            raise ImportInputError(f"{path} line 1: expected a header row naming the columns, found an empty file")
        for i, data in enumerate(reader, start=1):
            if None in data:
                raise ImportInputError(f"{path} row {i} (line {reader.line_num}): has more cells than the header "
                                       f"has columns ({len(reader.fieldnames)})")
            yield Row(f"row {i} (line {reader.line_num})", i, data)


def _disk_dataset_rows(path: Path, split: str | None) -> Iterator[Row]:
    """A ``save_to_disk`` directory, or else a folder of data files that ``load_dataset`` reads (offline)."""
    datasets = _datasets()
    try:
        loaded = datasets.load_from_disk(str(path))
    except FileNotFoundError:
        _offline(datasets)
        try:
            loaded = datasets.load_dataset(str(path))
        except Exception as exc:  # noqa: BLE001 - datasets raises many types for unreadable folders
            raise ImportInputError(f"{path}: a directory, but neither a datasets save_to_disk directory nor a folder "
                                   f"of data files datasets can read ({type(exc).__name__}: "
                                   f"{str(exc).splitlines()[0][:160] if str(exc) else 'no detail'})") from None
    yield from _dataset_rows(path, _pick_split(loaded, split, str(path)))


def _parquet_rows(path: Path) -> Iterator[Row]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors are varied
        raise ImportInputError(f"{path}: not a readable Parquet file ({exc})") from None
    for i, data in enumerate(table.to_pylist(), start=1):
        yield Row(f"row {i}", i, data)


def _offline(datasets: Any) -> None:
    """Never let datasets or huggingface_hub reach the network from here."""
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    datasets.config.HF_DATASETS_OFFLINE = True
    datasets.config.HF_HUB_OFFLINE = True
    try:
        import huggingface_hub.constants as hub_constants

        hub_constants.HF_HUB_OFFLINE = True
    except ImportError:  # pragma: no cover - datasets depends on huggingface_hub
        pass


def _hub_rows(name: str, split: str | None) -> Iterator[Row]:
    # Set before the first datasets/huggingface_hub import and on their config if already imported:
    # a hub dataset is read from the local cache only, never downloaded.
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    datasets = _datasets()
    _offline(datasets)
    try:
        loaded = datasets.load_dataset(name, split=split) if split else datasets.load_dataset(name)
    except Exception as exc:  # noqa: BLE001 - datasets raises many types for "not cached"
        raise ImportInputError(
            f"{name}: no such file or directory, and not a Hugging Face dataset in the local cache "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else 'no detail'}); nothing is "
            "downloaded: load it once with network access, or save it with save_to_disk and pass the directory"
        ) from None
    yield from _dataset_rows(Path(name), _pick_split(loaded, split, name))


def _datasets() -> Any:
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise ImportInputError(f"importing a dataset needs the 'datasets' package ({exc})") from None
    return datasets


def _pick_split(loaded: Any, split: str | None, label: str) -> Any:
    if not hasattr(loaded, "keys"):  # a Dataset
        return loaded
    splits = list(loaded.keys())
    if split is not None:
        if split not in splits:
            raise ImportInputError(f"{label}: no split {split!r}; it has {', '.join(splits)}")
        return loaded[split]
    if len(splits) == 1:
        return loaded[splits[0]]
    if "train" in splits:
        return loaded["train"]
    raise ImportInputError(f"{label}: has several splits ({', '.join(splits)}); choose one with --split")


def _dataset_rows(path: Path, dataset: Any) -> Iterator[Row]:
    for i, data in enumerate(dataset, start=1):
        yield Row(f"row {i}", i, data)


# --------------------------------------------------------------------------------------------
# turning rows into records


def _missing(row: Row, name: str, label: str) -> ImportInputError:
    fields = ", ".join(map(str, row.data)) or "(none)"
    hint = did_you_mean(name, [str(k) for k in row.data])
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    return ImportInputError(f"{label} {row.where}: field {name!r} is missing (the row has: {fields}){suggestion}")


def _text_field(row: Row, name: str, label: str, *, required: bool = True) -> str | None:
    if name not in row.data:
        raise _missing(row, name, label)
    value = row.data[name]
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ImportInputError(f"{label} {row.where}: field {name!r} should be text, found a "
                               f"{type(value).__name__}")
    text = str(value).strip()
    if required and not text:
        raise ImportInputError(f"{label} {row.where}: field {name!r} is empty")
    return text


def _statements(row: Row, name: str, label: str) -> list[str]:
    """A list-of-statements field: a list, a JSON list in a string (CSV), or one statement per line."""
    if name not in row.data:
        raise _missing(row, name, label)
    value = row.data[name]
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise ImportInputError(f"{label} {row.where}: field {name!r} looks like a JSON list but is not "
                                       f"valid JSON ({exc.msg})") from None
        else:
            value = stripped.splitlines()
    if not isinstance(value, list | tuple):
        raise ImportInputError(f"{label} {row.where}: field {name!r} should be a list of statements, found a "
                               f"{type(value).__name__}")
    out = []
    for j, item in enumerate(value):
        if not isinstance(item, str):
            raise ImportInputError(f"{label} {row.where}: field {name!r} item {j + 1} should be a statement (text), "
                                   f"found a {type(item).__name__}")
        if item.strip():
            out.append(re.sub(r"\s+", " ", item).strip())
    return out


def sentence_claims(answer: str, essential_count: int = 3, max_claims: int = 15) -> tuple[list[dict[str, Any]], int]:
    """Claims from an answer's sentences (see the module docstring) and how many sentences were left out."""
    seen: set[str] = set()
    texts: list[str] = []
    for s in split_sentences(answer):
        if s.kind == "heading":
            continue
        text = re.sub(r"^[-*•]\s+", "", s.text).strip()
        if len(text.split()) < 4:
            continue
        key = normalize(text)
        if key in seen:
            continue
        seen.add(key)
        texts.append(text)
    kept = texts if max_claims <= 0 else texts[:max_claims]
    # (no per-claim note: the gold answer's notes say how its claims were made, once)
    claims = [{"id": f"s{i:02d}", "text": t, "kind": "essential" if i <= essential_count else "supporting"}
              for i, t in enumerate(kept, start=1)]
    return claims, len(texts) - len(kept)


def safe_id(raw: str) -> str:
    """An id made of safe characters ([A-Za-z0-9_.-], starting with a letter or digit), at most 80 long."""
    text = _SAFE_ID.sub("-", raw.strip())
    text = re.sub(r"-{2,}", "-", text).lstrip("._-")[:MAX_ID_LENGTH].rstrip("._-")
    return text


def _unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``... (compared case-insensitively: macOS/Windows file names)."""
    out, k = candidate, 2
    while out.lower() in taken:
        suffix = f"-{k}"
        out = candidate[: MAX_ID_LENGTH - len(suffix)] + suffix
        k += 1
    taken.add(out.lower())
    return out


# --------------------------------------------------------------------------------------------
# writing


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


def _clean_answer(text: str) -> str:
    """Trailing spaces would force YAML's quoted style; strip them per line."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").splitlines()).strip() + "\n"


def import_battery(spec: ImportSpec) -> ImportResult:
    """Read, check and write one imported battery; return what was written.

    Raises:
        ImportInputError: bad input (naming file, row and field) or an existing battery without ``force``.
    """
    if not _NAME.match(spec.name):
        raise ImportInputError(f"--name {spec.name!r}: a battery name uses letters, digits, '_', '.' and '-' and "
                               "starts with a letter or digit")
    if spec.limit is not None and spec.limit < 1:
        raise ImportInputError(f"--limit {spec.limit}: expected a positive number of rows")
    if spec.nice_field is not None and spec.must_field is None:
        raise ImportInputError("--nice-field needs --must-field (the essential statements)")
    if spec.essential_count < 0 or spec.max_claims < 0:
        raise ImportInputError(f"--essential {spec.essential_count} / --max-claims {spec.max_claims}: expected "
                               "numbers of 0 or more")
    root = spec.root
    battery_path = root / "evals" / f"{spec.name}.yaml"
    gold_dir = root / "gold_answers" / spec.name
    existing = battery_path.exists() or (gold_dir.is_dir() and any(gold_dir.iterdir()))
    if existing and not spec.force:
        where = battery_path if battery_path.exists() else gold_dir
        raise ImportInputError(f"battery {spec.name!r} already exists ({where}); choose another --name or pass "
                               "--force to replace it")

    label, rows = read_rows(spec.input, split=spec.split, limit=spec.limit, root=root)
    display = Path(label).name if Path(label).exists() else label
    questions: list[dict[str, Any]] = []
    golds: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    renamed = claims_total = 0
    for row in rows:
        question = _text_field(row, spec.question_field, label)
        answer = _text_field(row, spec.answer_field, label)
        assert question is not None and answer is not None
        if spec.id_field:
            raw_id = _text_field(row, spec.id_field, label, required=False) or None
            base = (safe_id(raw_id) if raw_id else "") or f"row-{row.number}"
        else:
            raw_id = None
            base = f"q{row.number:04d}"
        qid = _unique(base, taken)
        renamed += raw_id is not None and qid != raw_id
        note_lines = [f"Imported by answer-audit import on {spec.today.isoformat()} from {label}, {row.where}"
                      + (f" ({spec.id_field} = {raw_id!r})" if raw_id is not None else "") + "."]
        dropped = 0
        if spec.must_field:
            must = _statements(row, spec.must_field, label)
            nice = _statements(row, spec.nice_field, label) if spec.nice_field else []
            claims = [{"id": f"must-{i:02d}", "text": t, "kind": "essential"} for i, t in enumerate(must, 1)]
            claims += [{"id": f"nice-{i:02d}", "text": t, "kind": "supporting"} for i, t in enumerate(nice, 1)]
            if not claims:
                claims, dropped = sentence_claims(answer, spec.essential_count, spec.max_claims)
                note_lines.append(f"{spec.must_field} and {spec.nice_field or '(no nice field)'} were empty, so the "
                                  "claims were derived from the answer's sentences.")
            else:
                note_lines.append(f"Claims are the statements of {spec.must_field} (essential)"
                                  + (f" and {spec.nice_field} (supporting)" if spec.nice_field else "")
                                  + ", unreviewed.")
        else:
            claims, dropped = sentence_claims(answer, spec.essential_count, spec.max_claims)
            note_lines.append(f"Claims were derived from the answer's sentences and are unreviewed: the first "
                              f"{spec.essential_count} essential, the rest supporting.")
        if not claims:
            # an answer too short to yield a sentence of four words: the whole answer is the one claim
            claims = [{"id": "s01", "text": re.sub(r"\s+", " ", answer), "kind": "essential"}]
            note_lines.append("The answer is too short to split, so it is the one claim.")
        if dropped:
            note_lines.append(f"{dropped} further sentence(s) were not made into claims (max_claims = "
                              f"{spec.max_claims}).")
        if spec.source_field:
            published = _text_field(row, spec.source_field, label, required=False)
            if published:
                note_lines.append("Sources as published: " + re.sub(r"\s+", " ", published) + ".")
        note_lines.append("Neither the answer nor the claims have been reviewed by a clinician.")
        tags = {"origin": "import"}
        for tag in spec.tag_fields:
            value = _text_field(row, tag, label, required=False)
            if value:
                tags[tag] = value
        questions.append({"id": qid, "question": re.sub(r"\s+", " ", question), "tags": tags})
        golds[qid] = {
            "question_id": qid,
            "status": "unreviewed",
            "reviewed_by": f"imported from {display} (unreviewed)",
            "reviewed_on": spec.today,
            "guideline_version": f"as published in {display}",
            "notes": " ".join(note_lines),
            "answer": _clean_answer(answer),
            "claims": claims,
        }
        claims_total += len(claims)
    if not questions:
        raise ImportInputError(f"{label}: no rows to import")

    card = {
        "name": spec.name,
        "version": spec.today.isoformat(),
        "description": (f"Imported from {display} by answer-audit import on {spec.today.isoformat()}: "
                        f"{len(questions)} questions. Gold answers and claims are unreviewed."),
        "audience": "",
        "defaults": {"target_reading_grade": 8.0, "disclaimer_required": True, "citation_required": False},
        "questions": questions,
    }
    return _write(spec, battery_path, gold_dir, card, golds, claims_total, renamed)


def _write(spec: ImportSpec, battery_path: Path, gold_dir: Path, card: dict[str, Any],
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

