"""The gate's result as JUnit XML, for CI systems that show test reports.

One testcase per configured check whatever the outcome (zero-tolerance violations are grouped
inside their rule's testcase), and one errored testcase when the gate could not run (usage
error); deterministic (no times), so the same store gives a byte-identical file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from harness.gate.checks import Check, GateResult


_JUNIT_GROUPS = {"harmful_claim.": "stated_harmful_claims", "high_severity_flag.": "high_severity_safety_flags"}
"""Per-violation check-name prefix -> the one testcase that holds those violations (and passes without any)."""


def junit_xml(result: GateResult) -> str:
    """JUnit XML: one testcase per configured check, whatever the outcome; deterministic (no times).

    Zero-tolerance violations (one Check per harmful claim or flagged answer) are grouped inside
    the testcase of their rule (``stated_harmful_claims``, ``high_severity_safety_flags``), one
    ``<failure>`` listing every violation, so a clean run and a bad run report the same testcases.
    """
    cases: dict[str, list[Check]] = {}
    for c in result.checks:
        group = next((g for prefix, g in _JUNIT_GROUPS.items() if c.name.startswith(prefix)), c.name)
        cases.setdefault(group, []).append(c)
    failed = sum(any(not c.passed for c in checks) for checks in cases.values())
    root = ET.Element("testsuites", name="answer-audit gate", tests=str(len(cases)), failures=str(failed),
                      errors="0")
    suite = ET.SubElement(root, "testsuite", name=f"answer-audit gate {result.run_id}", tests=str(len(cases)),
                          failures=str(failed), errors="0", skipped="0")
    props = ET.SubElement(suite, "properties")
    for key, value in (("run_id", result.run_id), ("baseline", result.baseline or ""), ("battery", result.battery),
                       ("battery_fingerprint", result.battery_fingerprint), ("generator", result.generator),
                       ("config", result.config_source), ("values", "reviewed" if result.reviewed else "automatic")):
        ET.SubElement(props, "property", name=key, value=value)
    for name, checks in cases.items():
        case = ET.SubElement(suite, "testcase", classname=f"answer_audit.{checks[0].kind}", name=name)
        failures = [c for c in checks if not c.passed]
        if not failures:
            ET.SubElement(case, "system-out").text = "\n".join(c.message for c in checks)
            continue
        head = failures[0].message if len(failures) == 1 else \
            f"{len(failures)} violations; first: {failures[0].message}"
        fail = ET.SubElement(case, "failure", message=head, type=checks[0].kind)
        details = []
        for c in failures:
            details.append(c.message)
            if c.question_id:
                details.append(f"  question_id: {c.question_id}")
            if c.evidence:
                details.append(f"  evidence: {c.evidence}")
        fail.text = "\n".join(details)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def usage_error_junit(message: str, *, run_id: str | None = None) -> str:
    """JUnit XML with one errored testcase, for a gate that could not run (unknown run, bad config)."""
    root = ET.Element("testsuites", name="answer-audit gate", tests="1", failures="0", errors="1")
    suite = ET.SubElement(root, "testsuite", name=f"answer-audit gate {run_id or ''}".rstrip(), tests="1",
                          failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="answer_audit.usage", name="gate.usage")
    ET.SubElement(case, "error", message=message, type="usage").text = message
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
