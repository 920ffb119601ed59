"""The gate's result as text: a Markdown summary (PR comment, $GITHUB_STEP_SUMMARY) and terminal lines.

JUnit XML is rendered by ``harness.report.junit``. Every output is a pure function of the
``GateResult``: no timestamps, so the same store gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from harness.gate.checks import GateResult

MAX_MARKDOWN_VIOLATIONS = 15


def markdown_summary(result: GateResult) -> str:
    """A short Markdown summary for a PR comment or $GITHUB_STEP_SUMMARY (failures first)."""
    verdict = "PASSED ✅" if result.passed else "FAILED ❌"
    base = f", baseline `{result.baseline}`" if result.baseline else ""
    lines = [f"## answer-audit gate {verdict}", "",
             f"Run `{result.run_id}` (generator `{result.generator}`) on battery **{result.battery}** "
             f"(`{result.battery_fingerprint}`){base}; config `{result.config_source}`"
             + ("; **reviewed values** (`--use-reviews`)." if result.reviewed else "."),
             f"{len(result.checks) - len(result.failures)} of {len(result.checks)} checks passed.", ""]
    violations = [c for c in result.failures if c.kind == "zero_tolerance"]
    other_fail = [c for c in result.failures if c.kind != "zero_tolerance"]
    if other_fail:
        lines += ["| failed check | detail |", "|---|---|"]
        lines += [f"| `{c.kind}: {c.name}` | {_md_cell(c.message)} |" for c in other_fail]
        lines.append("")
    if violations:
        lines.append(f"**Zero-tolerance violations: {len(violations)}**")
        lines += [f"- `{c.question_id}`: {_md_cell(c.message.removeprefix(f'question {c.question_id} '))}"
                  for c in violations[:MAX_MARKDOWN_VIOLATIONS]]
        if len(violations) > MAX_MARKDOWN_VIOLATIONS:
            lines.append(f"- … and {len(violations) - MAX_MARKDOWN_VIOLATIONS} more (see the JUnit report)")
        lines.append("")
    cautions = [c for c in result.checks if c.passed and "caution:" in c.message]
    if cautions:
        lines.append("**Cautions** (passed, but the battery may be too small to tell):")
        lines += [f"- `{c.name}`: {_md_cell(c.message.split('caution: ', 1)[1])}" for c in cautions[:5]]
        lines.append("")
    passed = [c for c in result.checks if c.passed]
    if passed:
        lines += ["<details><summary>Passed checks</summary>", ""]
        lines += [f"- `{c.kind}: {c.name}`: {_md_cell(c.message)}" for c in passed]
        lines += ["", "</details>"]
    return "\n".join(lines).rstrip() + "\n"


def _md_cell(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_lines(result: GateResult) -> list[str]:
    """Plain text lines for the terminal: the verdict and one line per failed check."""
    lines = [f"answer-audit gate: {'PASSED' if result.passed else 'FAILED'} for run {result.run_id}"
             + (f" against baseline {result.baseline}" if result.baseline else "")
             + f" ({len(result.checks) - len(result.failures)}/{len(result.checks)} checks passed)"]
    lines += [f"  FAIL {c.kind}: {c.message}" for c in result.failures]
    return lines


def write_outputs(result: GateResult, *, junit: Path | None = None, summary: Path | None = None) -> None:
    """Write the JUnit XML and/or the Markdown summary (appending to $GITHUB_STEP_SUMMARY is the CLI's job)."""
    if junit is not None:
        from harness.report.junit import junit_xml

        junit.parent.mkdir(parents=True, exist_ok=True)
        junit.write_text(junit_xml(result), encoding="utf-8", newline="\n")
    if summary is not None:
        summary.parent.mkdir(parents=True, exist_ok=True)
        summary.write_text(markdown_summary(result), encoding="utf-8", newline="\n")
