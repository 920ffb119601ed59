"""The judge's drug-name table: shipped package data, read without the source package."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from harness.score.engines.judge import drugs

ROOT = Path(__file__).resolve().parents[3]


def test_table_names_brands_and_generics():
    names = drugs.table()
    assert names["lexapro"] == "rx_escitalopram"
    assert names["yescarta"] == "rx_axicabtagene_ciloleucel"
    assert names["keytruda"] == drugs.table()["pembrolizumab"]
    assert "today" not in names  # a common English word that is also a product name


def test_lookup_prefers_the_longest_variant():
    words = "she takes axicabtagene ciloleucel daily".split()
    assert drugs.lookup(words, 2) == ("rx_axicabtagene_ciloleucel", 2)
    assert drugs.lookup(words, 0) is None


def test_source_records_the_package_version():
    src = drugs.source()
    assert src["package"] == "drug-named-entity-recognition"
    assert src["version"].count(".") >= 1
    assert json.loads(drugs.TABLE_PATH.read_text(encoding="utf-8"))["source"] == src


def test_scoring_does_not_import_the_source_package():
    code = ("import sys; from harness.score.engines.judge import drugs; drugs.table(); "
            "print('drug_named_entity_recognition' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_shipped_table_is_what_the_build_script_makes():
    src = drugs.source()
    try:
        installed = metadata.version(src["package"]), metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        pytest.skip("drug-named-entity-recognition not installed (test extra)")
    if installed != (src["version"], src["wordfreq"]):
        pytest.skip(f"installed versions {installed} differ from the table's; rebuild it")
    out = subprocess.run([sys.executable, "benchmarks/build_drug_names.py", "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
