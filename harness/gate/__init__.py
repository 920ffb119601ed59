"""The CI gate: data first (``check_gate() -> GateResult``), exit code, Markdown and JUnit second.

A gate is configured in TOML (shipped default: ``evals/gate.toml``; format in
docs/statistics-and-gate.md) and checks one run against thresholds, zero-tolerance rules and,
optionally, a baseline run (noise-aware: only a statistically significant drop beyond the
practical margin fails). A re-run with identical answers therefore passes.

Every output is a pure function of the store and the config: no timestamps, seeded bootstrap, so
the same store gives byte-identical JUnit and Markdown.

Reviews: with ``use_reviews=True`` (``--use-reviews`` on the command line) the gate checks
reviewed values: the review app's overlay replaces scores in the results table
(``harness.results.table``) and settled claim reviews replace the automatic verdicts of the
zero-tolerance rule. Any other ``ResultOverlay`` can be passed as ``overlay``.

Modules: ``config`` (the TOML file as pydantic models -> ``GateConfig``), ``checks``
(``check_gate`` -> ``GateResult``), ``render`` (Markdown, terminal lines); JUnit XML lives with
the other renderers in ``harness.report.junit`` and is re-exported here as ``junit_xml``.
"""

from __future__ import annotations

from typing import Any

from harness.gate.checks import Check, CheckKind, GateResult, check_gate, high_severity_flags
from harness.gate.config import DEFAULT_GATE_CONFIG, GateConfig, Threshold
from harness.gate.render import MAX_MARKDOWN_VIOLATIONS, markdown_summary, print_lines, write_outputs

__all__ = ["DEFAULT_GATE_CONFIG", "MAX_MARKDOWN_VIOLATIONS", "Check", "CheckKind", "GateConfig", "GateResult",
           "Threshold", "check_gate", "high_severity_flags", "junit_xml", "markdown_summary", "print_lines",
           "write_outputs"]


def __getattr__(name: str) -> Any:
    """``junit_xml`` from ``harness.report.junit``, imported on first use (report sits above gate)."""
    if name == "junit_xml":
        from harness.report.junit import junit_xml

        return junit_xml
    raise AttributeError(f"module 'harness.gate' has no attribute {name!r}")
