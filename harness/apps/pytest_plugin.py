"""pytest plugin (entry point ``answer_audit``): put answer-audit gates inside an existing pytest suite.

Installed with the package; pytest loads it automatically. It adds:

- options ``--answer-audit-store PATH`` and ``--answer-audit-config PATH`` (or the ini keys
  ``answer_audit_store`` / ``answer_audit_config``; defaults: ``$ANSWER_AUDIT_STORE`` or
  ``reports/answer-audit.sqlite``, and ``evals/gate.toml``);
- the ``answer_audit`` fixture, an ``AnswerAudit`` object over that store: ``check_gate()``,
  ``assert_gate()``, ``results()`` (the pandas results table), ``compare()``;
- the marker ``@pytest.mark.answer_audit_gate(run=..., baseline=None, config=None)`` with the
  ``answer_audit_gate`` fixture, which asserts the gate before the test body runs and hands the
  ``GateResult`` to the test.

A failed gate is an ``AssertionError`` whose message lists every failed check (question ids and
evidence for zero-tolerance violations), so it reads well in pytest's output and JUnit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # the gate pulls in pandas and scipy: import it only when a test asks for it
    from harness.gate import GateConfig, GateResult
    from harness.store import RunStore

MARKER = "answer_audit_gate"
DEFAULT_GATE_CONFIG = Path("evals") / "gate.toml"
DEFAULT_STORE = Path("reports") / "answer-audit.sqlite"


class GateFailed(AssertionError):
    """The gate failed; the message lists the failed checks."""

    def __init__(self, result: GateResult) -> None:
        self.result = result
        head = (f"answer-audit gate failed for run {result.run_id}"
                + (f" against baseline {result.baseline}" if result.baseline else "")
                + f": {len(result.failures)} of {len(result.checks)} checks failed")
        super().__init__("\n".join([head, *(f"  - {c.kind} {c.name}: {c.message}" for c in result.failures)]))


class AnswerAudit:
    """answer-audit's run store and gate, as a pytest fixture offers them."""

    def __init__(self, store_path: Path, config_path: Path) -> None:
        self.store_path = store_path
        self.config_path = config_path
        self._store: RunStore | None = None

    @property
    def store(self) -> RunStore:
        if self._store is None:
            if not self.store_path.exists():
                pytest.fail(f"answer-audit store {self.store_path} does not exist; run a battery first "
                            "(`answer-audit run ...`) or pass --answer-audit-store", pytrace=False)
            from harness.store import RunStore

            self._store = RunStore(self.store_path)
        return self._store

    def config(self, config: str | Path | GateConfig | None = None) -> GateConfig:
        from harness.gate import GateConfig

        if isinstance(config, GateConfig):
            return config
        return GateConfig.load(Path(config) if config is not None else self.config_path)

    def check_gate(self, run: str, baseline: str | None = None, config: str | Path | GateConfig | None = None,
                   use_reviews: bool = False) -> GateResult:
        """The gate's result for ``run`` (no assertion); ``use_reviews`` gates on reviewed values."""
        from harness.gate import check_gate

        return check_gate(self.store, run, baseline=baseline, config=self.config(config), use_reviews=use_reviews)

    def assert_gate(self, run: str, baseline: str | None = None, config: str | Path | GateConfig | None = None,
                    use_reviews: bool = False) -> GateResult:
        """Check the gate and raise ``GateFailed`` (an AssertionError) listing every failed check."""
        result = self.check_gate(run, baseline=baseline, config=config, use_reviews=use_reviews)
        if not result.passed:
            raise GateFailed(result)
        return result

    def results(self, *run_ids: str) -> Any:
        """The long results table (``harness.results.table.to_frame``) of the runs."""
        from harness.results.table import to_frame

        return to_frame(self.store, run_ids)

    def compare(self, *run_ids: str, **kwargs: Any) -> Any:
        """``harness.results.compare.compare_runs`` over the runs (the first is the baseline)."""
        from harness.results.compare import compare_runs

        return compare_runs(self.store, list(run_ids), **kwargs)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("answer-audit", "answer-audit gates")
    group.addoption("--answer-audit-store", default=None, metavar="PATH",
                    help="answer-audit run store for the answer_audit fixture")
    group.addoption("--answer-audit-config", default=None, metavar="PATH",
                    help=f"gate config TOML for the answer_audit fixture (default {DEFAULT_GATE_CONFIG})")
    parser.addini("answer_audit_store", "answer-audit run store (SQLite)", default="")
    parser.addini("answer_audit_config", "answer-audit gate config (TOML)", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(run, baseline=None, config=None, use_reviews=False): assert the answer-audit gate for a stored run "
                   "(use with the answer_audit_gate fixture)")


def _path(config: pytest.Config, option: str, ini: str, fallback: Path) -> Path:
    """Command-line option (relative to the working directory), else ini key (relative to rootdir), else default."""
    if value := config.getoption(option):
        return Path(value)
    if value := config.getini(ini):
        path = Path(value)
        return path if path.is_absolute() else Path(config.rootpath) / path
    return fallback


def _make_audit(config: pytest.Config) -> AnswerAudit:
    store = _path(config, "--answer-audit-store", "answer_audit_store",
                  Path(os.environ.get("ANSWER_AUDIT_STORE", DEFAULT_STORE)))
    return AnswerAudit(store, _path(config, "--answer-audit-config", "answer_audit_config", DEFAULT_GATE_CONFIG))


def _marker_kwargs(marker: pytest.Mark) -> dict[str, Any]:
    kwargs = dict(marker.kwargs)
    if marker.args:
        kwargs.setdefault("run", marker.args[0])
    if "run" not in kwargs:
        pytest.fail(f"@pytest.mark.{MARKER} needs run=RUN_ID", pytrace=False)
    return {"run": kwargs["run"], "baseline": kwargs.get("baseline"), "config": kwargs.get("config"),
            "use_reviews": bool(kwargs.get("use_reviews", False))}


@pytest.fixture
def answer_audit(request: pytest.FixtureRequest) -> Iterator[AnswerAudit]:
    """The run store and gate of answer-audit (see the module docstring for the options)."""
    audit = _make_audit(request.config)
    yield audit
    audit.close()


@pytest.fixture
def answer_audit_gate(request: pytest.FixtureRequest, answer_audit: AnswerAudit) -> GateResult:
    """The gate result for the test's ``answer_audit_gate`` marker (the marker makes a failed gate fail the test)."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        pytest.fail(f"the answer_audit_gate fixture needs @pytest.mark.{MARKER}(run=...)", pytrace=False)
    result = answer_audit.check_gate(**_marker_kwargs(marker))
    request.node.stash[_RESULT] = result
    return result


_RESULT = pytest.StashKey["GateResult"]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """A test marked ``answer_audit_gate`` fails (in its call phase) when the gate fails."""
    marker = item.get_closest_marker(MARKER)
    if marker is None:
        return
    result = item.stash.get(_RESULT, None)
    if result is None:
        audit = _make_audit(item.config)
        try:
            result = audit.check_gate(**_marker_kwargs(marker))
        finally:
            audit.close()
    if not result.passed:
        raise GateFailed(result)
