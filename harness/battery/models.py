"""The battery's records: frozen pydantic models of questions, gold answers, claims and sources.

Validation happens at the file boundary (``harness.battery.loading``); the rest of the harness
sees only valid records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
    key_facts: tuple[str, ...] = ()
    """Facts the source itself states, in one sentence each (paraphrased, never copied guideline text):
    a specific statement of an answer that cites this source is backed when one of them carries it."""
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
