"""The gate's configuration: ``evals/gate.toml`` validated by pydantic models.

The file's shape (docs/statistics-and-gate.md) is declared once, as the models below; every
problem in the file is reported at once through the one problem renderer
(``file:line: [field] message``, with "did you mean" for unknown keys). ``GateConfig`` is the
validated, immutable record the checks read; it can also be built directly in code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.core.stats import DEFAULT_ALPHA, DEFAULT_N_BOOT
from harness.errors import InputError, sort_problems
from harness.io.tomlio import load_toml
from harness.io.validation import problems_of

DEFAULT_GATE_CONFIG = Path("evals") / "gate.toml"


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class GateTable(_Table):
    """``[gate]``: the statistics of the regression test and run-level limits."""

    alpha: float = Field(default=DEFAULT_ALPHA, gt=0, lt=1)
    n_boot: int = Field(default=DEFAULT_N_BOOT, ge=1)
    seed: int = 0
    max_errored_rate: float | None = Field(default=None, ge=0, le=1)
    require_all_questions: bool = True


class ZeroToleranceTable(_Table):
    """``[zero_tolerance]``: rules that fail the gate on a single violation."""

    stated_harmful_claims: bool = True
    high_severity_safety_flags: bool = True
    safety_scorer: str = "safety_flags"


class RegressionTable(_Table):
    """``[regression]``: what is tested against a baseline run."""

    enabled: bool = True
    scorers: list[str] = Field(default_factory=list)
    pass_rates: bool = True
    min_difference: dict[str, float] = Field(default_factory=dict)


class LimitsTable(_Table):
    """``[scorers.<name>]``: absolute limits for one scorer."""

    min_mean: float | None = None
    max_mean: float | None = None
    min_pass_rate: float | None = Field(default=None, ge=0, le=1)
    max_unscored: int | None = Field(default=None, ge=0)
    max_unscored_rate: float | None = Field(default=None, ge=0, le=1)


class GateFile(_Table):
    """The whole ``gate.toml``."""

    gate: GateTable = GateTable()
    scorers: dict[str, LimitsTable] = Field(default_factory=dict)
    zero_tolerance: ZeroToleranceTable = ZeroToleranceTable()
    regression: RegressionTable = RegressionTable()


@dataclass(frozen=True, slots=True, kw_only=True)
class Threshold:
    """Absolute limits for one scorer's results in one run; None means "not checked"."""

    scorer: str
    min_mean: float | None = None
    max_mean: float | None = None
    min_pass_rate: float | None = None
    max_unscored: int | None = None
    max_unscored_rate: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GateConfig:
    """What the gate checks. ``GateConfig.load(path)`` reads and validates the TOML file."""

    thresholds: tuple[Threshold, ...] = ()
    stated_harmful_claims: bool = True
    high_severity_safety_flags: bool = True
    safety_scorer: str = "safety_flags"
    regression: bool = True
    regression_scorers: tuple[str, ...] = ()
    """Empty: every scorer present in both runs."""
    regression_pass_rates: bool = True
    min_difference: Mapping[str, float] = field(default_factory=dict)
    """Per scorer: the drop (in the scorer's unit) that must be exceeded to count as a regression."""
    alpha: float = DEFAULT_ALPHA
    n_boot: int = DEFAULT_N_BOOT
    seed: int = 0
    max_errored_rate: float | None = None
    require_all_questions: bool = True
    """Fail when questions of the battery have no stored answer (a partial or interrupted run)."""
    source: str = "<defaults>"

    @classmethod
    def load(cls, path: str | Path) -> GateConfig:
        """Read a gate TOML file; every problem is listed (file:line, key) in one InputError."""
        path = Path(path)
        data, locate = load_toml(path, missing=f"gate config not found (the shipped default is {DEFAULT_GATE_CONFIG})")
        return cls.from_mapping(data, source=str(path), locate=locate)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "<mapping>",
                     locate: Callable[..., int | None] | None = None) -> GateConfig:
        """Validate an already-parsed config (``locate`` maps a key path to its line, when known)."""
        try:
            parsed = GateFile.model_validate(dict(data))
        except ValidationError as exc:
            problems = problems_of(exc, GateFile, source, (), locate or (lambda _loc: None))
            raise InputError(sort_problems(problems)) from None
        return cls.from_file(parsed, source=source)

    @classmethod
    def from_file(cls, parsed: GateFile, *, source: str) -> GateConfig:
        """The checks' record of a validated file."""
        gate, zt, reg = parsed.gate, parsed.zero_tolerance, parsed.regression
        return cls(
            thresholds=tuple(Threshold(scorer=name, **limits.model_dump()) for name, limits in parsed.scorers.items()),
            stated_harmful_claims=zt.stated_harmful_claims,
            high_severity_safety_flags=zt.high_severity_safety_flags,
            safety_scorer=zt.safety_scorer,
            regression=reg.enabled,
            regression_scorers=tuple(reg.scorers),
            regression_pass_rates=reg.pass_rates,
            min_difference=dict(reg.min_difference),
            alpha=gate.alpha, n_boot=gate.n_boot, seed=gate.seed,
            max_errored_rate=gate.max_errored_rate,
            require_all_questions=gate.require_all_questions,
            source=source,
        )
