"""The command line starts without the heavy dependencies: --help imports no scipy, pandas or matplotlib."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import harness
from tests.paths import REPO

HEAVY = ("scipy", "pandas", "matplotlib", "datasets", "jinja2", "sklearn")

_PROBE = """
import json, runpy, sys
sys.argv = ["answer-audit", *{argv!r}]
try:
    runpy.run_module("harness", run_name="__main__")
except SystemExit as exc:
    code = exc.code
print(json.dumps({{"code": code, "loaded": sorted(m for m in {heavy!r} if m in sys.modules)}}), file=sys.stderr)
"""


def _probe(*argv: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _PROBE.format(argv=list(argv), heavy=HEAVY)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_help_imports_no_heavy_dependency():
    result = _probe("--help")
    assert result == {"code": 0, "loaded": []}


@pytest.mark.slow  # subprocesses: > 3 s; `make test` runs it, `make test-fast` does not
def test_subcommand_help_imports_no_heavy_dependency():
    for command in ("run", "gate", "report", "compare", "export", "import", "readability", "judge-claims"):
        assert _probe(command, "--help") == {"code": 0, "loaded": []}, command


def test_importtime_of_help_lists_none_of_them():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "harness", "--help"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "harness" in imported and not imported & set(HEAVY)


def test_lazy_package_keeps_its_public_names():
    assert set(harness.__all__) == {*harness._WHERE, "__version__"}  # every public name resolves lazily
    for name in harness.__all__:
        assert getattr(harness, name) is not None, name
    from harness.battery import load_battery

    assert harness.load_battery is load_battery
    assert set(harness.__all__) <= set(dir(harness))


def test_flag_defaults_repeated_for_a_light_parser_match_the_library():
    from harness.apps.cli import export, gate
    from harness.gate import DEFAULT_GATE_CONFIG
    from harness.report.tables import EXPORT_FORMATS

    assert export.EXPORT_FORMATS == EXPORT_FORMATS
    assert gate.DEFAULT_GATE_CONFIG == DEFAULT_GATE_CONFIG


def test_library_parameters_become_flags_on_the_command_line():
    from harness.apps.cli import error_line
    from harness.errors import ConfigError

    exc = ConfigError("`base_url` must start with http:// or https://; set `timeout_s`",
                      parameters=("base_url", "timeout_s"))
    assert error_line(exc) == "answer-audit: --base-url must start with http:// or https://; set --timeout"
