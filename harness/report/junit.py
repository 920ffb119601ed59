"""The gate's result as JUnit XML, for CI systems that show test reports.

One testcase per check and per zero-tolerance violation; deterministic (no times), so the same
store gives a byte-identical file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from harness.gate.checks import GateResult


def junit_xml(result: GateResult) -> str:
    """JUnit XML: one testcase per check and per zero-tolerance violation; deterministic (no times)."""
    root = ET.Element("testsuites", name="answer-audit gate", tests=str(len(result.checks)),
                      failures=str(len(result.failures)), errors="0")
    suite = ET.SubElement(root, "testsuite", name=f"answer-audit gate {result.run_id}", tests=str(len(result.checks)),
                          failures=str(len(result.failures)), errors="0", skipped="0")
    props = ET.SubElement(suite, "properties")
    for key, value in (("run_id", result.run_id), ("baseline", result.baseline or ""), ("battery", result.battery),
                       ("battery_fingerprint", result.battery_fingerprint), ("generator", result.generator),
                       ("config", result.config_source), ("values", "reviewed" if result.reviewed else "automatic")):
        ET.SubElement(props, "property", name=key, value=value)
    for c in result.checks:
        case = ET.SubElement(suite, "testcase", classname=f"answer_audit.{c.kind}", name=c.name)
        if not c.passed:
            fail = ET.SubElement(case, "failure", message=c.message, type=c.kind)
            details = [c.message]
            if c.question_id:
                details.append(f"question_id: {c.question_id}")
            if c.evidence:
                details.append(f"evidence: {c.evidence}")
            fail.text = "\n".join(details)
        else:
            ET.SubElement(case, "system-out").text = c.message
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
