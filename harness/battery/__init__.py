"""Batteries: the questions, their gold answers and the citation registry, loaded and validated.

A battery lives in three kinds of human-written YAML files (see README "Battery format"):

- ``evals/<name>.yaml``: the battery card and its questions;
- ``gold_answers/<name>/<question_id>.yaml``: one gold answer per question;
- ``gold_answers/sources.yaml``: the citation registry shared by all batteries.

``load_battery()`` reads them all and reports *every* problem at once (file:line, field, what was
expected, what was found) as one ``BatteryError``. The records are frozen pydantic models: the
validation happens at the file boundary and the rest of the harness sees only valid records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from harness.errors import BatteryError, Problem, did_you_mean
from harness.io.yamlio import LineDict, LineList, line_of, load_yaml

ClaimKind = Literal["essential", "supporting", "harmful", "outdated"]
Severity = Literal["low", "medium", "high"]
POSITIVE_KINDS: tuple[str, ...] = ("essential", "supporting")
NEGATIVE_KINDS: tuple[str, ...] = ("harmful", "outdated")
DEFAULT_READING_GRADE = 8.0


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Claim(_Record):
    """One checkable statement a gold answer makes (essential/supporting) or forbids (harmful/outdated).

    ``outdated`` claims were true until ``valid_until``; an answer stating them after that date is
    out of date rather than merely wrong. ``valid_from`` marks facts that became true on a date
    (a drug approval): before it, the claim is not expected.
    """

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    kind: ClaimKind = "essential"
    severity: Severity = "medium"
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    key_terms: tuple[str, ...] = ()
    """Terms an answer must mention (any spelling the judge knows) for the claim to be supported."""
    sources: tuple[str, ...] = ()
    """Registry ids backing this particular claim."""
    note: str | None = None

    def applies_on(self, day: dt.date) -> bool:
        """Whether the claim is in force on ``day`` (its validity window contains the day)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)


class PatientContext(_Record):
    """A synthetic patient's situation for personalised questions; never real patient data."""

    diagnosis: str | None = None
    stage: str | None = None
    biomarkers: tuple[str, ...] = ()
    prior_treatments: tuple[str, ...] = ()
    age: int | None = Field(default=None, ge=0, le=120)
    sex: str | None = None
    notes: str | None = None

    def describe(self) -> str:
        """The context as the plain lines a prompt or a report shows."""
        parts = []
        if self.diagnosis:
            parts.append(f"Diagnosis: {self.diagnosis}")
        if self.stage:
            parts.append(f"Stage: {self.stage}")
        if self.biomarkers:
            parts.append(f"Biomarkers: {', '.join(self.biomarkers)}")
        if self.prior_treatments:
            parts.append(f"Prior treatments: {', '.join(self.prior_treatments)}")
        if self.age is not None:
            parts.append(f"Age: {self.age}")
        if self.sex:
            parts.append(f"Sex: {self.sex}")
        if self.notes:
            parts.append(f"Notes: {self.notes}")
        return "\n".join(parts)


class Question(_Record):
    """A patient's question in their own words, with tags (cancer type, topic, risk tier)."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    question: str = Field(min_length=1)
    tags: Mapping[str, str] = Field(default_factory=dict)
    context: PatientContext | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_are_strings(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): v if isinstance(v, str) else _scalar(v) for k, v in value.items()}
        return value


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        return str(value)
    return value  # lists and mappings fail validation with a clear message


class Requirements(_Record):
    """What an answer to this question must contain, beyond the claims."""

    disclaimer: bool | None = None
    """None: use the battery card's default."""
    escalation: bool = False
    """The answer must say when to call the care team or seek emergency care."""
    citation: bool | None = None
    max_reading_grade: float | None = Field(default=None, gt=0, le=30)


class GoldAnswer(_Record):
    """A clinician-written ideal answer with its checklist of claims and acceptable sources."""

    question_id: str
    answer: str = Field(min_length=1)
    claims: tuple[Claim, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ()
    requirements: Requirements = Requirements()
    reviewed_by: str = Field(min_length=1)
    reviewed_on: dt.date
    guideline_version: str = Field(min_length=1)
    status: Literal["reviewed", "unreviewed"] = "reviewed"
    notes: str | None = None

    def claims_of(self, *kinds: str) -> tuple[Claim, ...]:
        """The claims of the given kinds, in file order."""
        return tuple(c for c in self.claims if c.kind in kinds)


class Source(_Record):
    """An entry of the citation registry: what a real, citable source is called and which editions exist."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    kind: Literal["guideline", "patient-guide", "patient-page", "label", "trial", "journal", "review", "other"] = "other"
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    editions: tuple[str, ...] = ()
    """Edition or version strings known to exist ("Version 1.2016", "2020")."""
    years: tuple[int, ...] = ()
    """Publication or edition years known to exist."""
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @field_validator("editions", mode="before")
    @classmethod
    def _editions_as_strings(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(str(v) for v in value)
        return value

    @field_validator("pmid", mode="before")
    @classmethod
    def _pmid_as_string(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class BatteryDefaults(_Record):
    """Battery-wide requirements that each gold answer may override."""

    target_reading_grade: float = Field(default=DEFAULT_READING_GRADE, gt=0, le=30)
    disclaimer_required: bool = True
    citation_required: bool = False


DEFAULT_SYSTEM_PROMPT = (
    "You are answering a question from a person affected by cancer. Answer in plain language "
    "(about a grade 6-8 reading level), be accurate and current, say when the care team should be "
    "contacted, and cite reputable sources."
)


class BatteryCard(_Record):
    """The battery's identity and defaults (the 'card' at the top of evals/<name>.yaml)."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    version: str = Field(min_length=1)
    description: str = ""
    audience: str = ""
    owner: str | None = None
    language: str = "en"
    defaults: BatteryDefaults = BatteryDefaults()
    system_prompt: str = DEFAULT_SYSTEM_PROMPT
    """Sent as the system message by live generators; the exact text is stored with each answer."""

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_string(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value


class _BatteryFile(BatteryCard):
    """The shape of evals/<name>.yaml: the card's fields plus the questions."""

    questions: tuple[Any, ...] = Field(min_length=1)


class _SourcesFile(_Record):
    sources: tuple[Any, ...]


class Battery(BaseModel):
    """A named, versioned set of questions with their gold answers and a content fingerprint."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    card: BatteryCard
    questions: tuple[Question, ...]
    gold: Mapping[str, GoldAnswer]
    sources: Mapping[str, Source]
    fingerprint: str
    path: Path

    @property
    def name(self) -> str:
        return self.card.name

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError naming the battery if there is none)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"battery {self.name!r} has no question {question_id!r}")

    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def reading_grade_target(self, question_id: str) -> float:
        """The gold answer's max reading grade, else the battery default (8 unless set)."""
        gold = self.gold[question_id]
        return gold.requirements.max_reading_grade or self.card.defaults.target_reading_grade

    def disclaimer_required(self, question_id: str) -> bool:
        value = self.gold[question_id].requirements.disclaimer
        return self.card.defaults.disclaimer_required if value is None else value

    def citation_required(self, question_id: str) -> bool:
        value = self.gold[question_id].requirements.citation
        return self.card.defaults.citation_required if value is None else value


# --------------------------------------------------------------------------------------------
# loading


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
    parsed = _validate(_SourcesFile, raw, path, (), problems)
    if parsed is None:
        return {}, problems
    registry: dict[str, Source] = {}
    for i, item in enumerate(parsed.sources):
        source = _validate(Source, item, path, ("sources", i), problems, raw)
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
    raw, problem = load_yaml(path)
    if problem is not None:
        raise BatteryError([problem])
    parsed = _validate(_BatteryFile, raw, path, (), problems)
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
        q = _validate(Question, item, path, ("questions", i), problems, raw)
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
        answer = _load_gold(gold_path, qid, sources, problems)
        if answer is not None:
            gold[qid] = answer
    if gold_dir.is_dir():
        for extra in sorted(gold_dir.glob("*.y*ml")):
            if extra.stem not in raw_ids:
                hint = did_you_mean(extra.stem, seen)
                suffix = f"; did you mean {hint[0]!r}?" if hint else ""
                problems.append(Problem(str(extra), None, None,
                                        f"gold answer for {extra.stem!r}, which is not a question of battery "
                                        f"{card.name!r}{suffix}"))
    if problems:
        raise BatteryError(problems)
    files = [path, sources_path, *(gold_dir / f"{q.id}.yaml" for q in questions)]
    return Battery(card=card, questions=tuple(questions), gold=gold, sources=sources,
                   fingerprint=fingerprint(files, project), path=path)


def raw_ids_ordered(items: tuple[Any, ...]) -> list[str]:
    """The string ids of the raw question entries, in file order."""
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _safe_id(qid: str) -> bool:
    """An id usable as a file name (the Question model enforces the same pattern)."""
    import re

    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", qid) is not None


def _display(path: Path) -> Path:
    """The path relative to the working directory when it is below it (shorter messages)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _load_gold(path: Path, question_id: str, sources: Mapping[str, Source],
               problems: list[Problem]) -> GoldAnswer | None:
    raw, problem = load_yaml(path)
    if problem is not None:
        problems.append(problem)
        return None
    gold = _validate(GoldAnswer, raw, path, (), problems)
    if gold is None:
        return None
    if gold.question_id != question_id:
        problems.append(Problem(str(path), line_of(raw, ("question_id",)), "question_id",
                                f"expected {question_id!r} (the file name), found {gold.question_id!r}"))
    first_line: dict[str, int | None] = {}
    for i, claim in enumerate(gold.claims):
        line = line_of(raw, ("claims", i, "id"))
        if claim.id in first_line:
            problems.append(Problem(str(path), line, f"claims[{i}].id",
                                    f"claim id {claim.id!r} used twice (first on line {first_line[claim.id]})"))
        first_line.setdefault(claim.id, line)
        if claim.valid_from and claim.valid_until and claim.valid_until < claim.valid_from:
            problems.append(Problem(str(path), line_of(raw, ("claims", i, "valid_until")),
                                    f"claims[{i}].valid_until",
                                    f"valid_until {claim.valid_until} is before valid_from {claim.valid_from}"))
        for j, sid in enumerate(claim.sources):
            _check_source(sid, sources, path, line_of(raw, ("claims", i, "sources", j)),
                          f"claims[{i}].sources[{j}]", problems)
    for j, sid in enumerate(gold.sources):
        _check_source(sid, sources, path, line_of(raw, ("sources", j)), f"sources[{j}]", problems)
    return gold


def _check_source(sid: str, sources: Mapping[str, Source], path: Path, line: int | None,
                  field: str, problems: list[Problem]) -> None:
    if sid in sources:
        return
    hint = did_you_mean(sid, sources)
    suffix = f"; did you mean {hint[0]!r}?" if hint else ""
    problems.append(Problem(str(path), line, field,
                            f"source id {sid!r} is not in gold_answers/sources.yaml{suffix}"))


def _validate(model: type[Any], data: Any, path: Path, prefix: tuple[str | int, ...],
              problems: list[Problem], root: Any = None) -> Any:
    """Validate ``data`` as ``model``; on failure add one Problem per field error and return None."""
    root = data if root is None else root
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        problems.append(Problem(str(path), line_of(root, prefix), _field(prefix),
                                f"expected a mapping of fields, found {found}"))
        return None
    try:
        return model.model_validate(_plain(data))
    except ValidationError as exc:
        errors = exc.errors()
        deeper = [tuple(e["loc"]) for e in errors]
        for err in errors:
            here = tuple(err["loc"])
            if err["type"] == "too_short" and any(len(d) > len(here) and d[: len(here)] == here for d in deeper):
                continue  # a list whose items failed: the item errors say it better
            loc = prefix + here
            problems.append(Problem(str(path), line_of(root, loc), _field(loc),
                                    _message(model, err, data, tuple(err["loc"]))))
        return None


def _plain(value: Any) -> Any:
    """LineDict/LineList -> plain dict/list (pydantic treats subclasses fine, but be explicit)."""
    if isinstance(value, LineDict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, LineList):
        return [_plain(v) for v in value]
    return value


def _field(loc: tuple[str | int, ...]) -> str | None:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or None


def _message(model: type[Any], err: Mapping[str, Any], data: Any, loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    found = err.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner is not None else []
        hint = did_you_mean(str(loc[-1]), known)
        msg = f"unknown key {loc[-1]!r}"
        if hint:
            msg += f"; did you mean {hint[0]!r}?"
        return msg + (f" (known keys: {', '.join(known)})" if known else "")
    if kind == "missing":
        return "required field is missing"
    shown = repr(found)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{err['msg'].rstrip('.')}; found {shown}"


def _model_at(model: type[Any], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model class that owns the field at ``loc`` (for 'did you mean' key lists)."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        for arg in (annotation, *typing.get_args(annotation)):
            for inner in (arg, *typing.get_args(arg)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    current = inner
                    break
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


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
