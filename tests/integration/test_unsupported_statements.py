"""``unsupported_statements`` end to end from the CLI on the real oncology battery (issue 14, part 1).

The real chatbot answer to the lymphoma relapse question (a verbatim copy in
``tests/data/unsupported/``) invents a ctDNA lead time of "6-7 months"; the run must report it
as an unsupported statement with its exact span, store it, export it and highlight it. The
careful sample and the gold self-check must report none.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from harness.apps.cli import main
from harness.store import RunStore
from tests.paths import DATA, REPO

BATTERY = str(REPO / "evals" / "oncology.yaml")
LYMPHOMA = DATA / "unsupported" / "lymphoma_relapse_answer.jsonl"
QID = "lymphoma-first-line-failure"


def _run(tmp_path: Path, generator: str, run_id: str, *extra: str) -> RunStore:
    code = main(["run", "--battery", BATTERY, "--generator", generator, "--run-id", run_id, "--no-progress",
                 "--as-of", "2026-11-26", "--store", str(tmp_path / "store.sqlite"),
                 "--reports-dir", str(tmp_path / "reports"), *extra])
    assert code == 0
    return RunStore(tmp_path / "store.sqlite")


def test_the_invented_ctdna_lead_time_is_reported_with_its_span(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with _run(tmp_path, f"recorded:{LYMPHOMA}", "lymphoma", "--question", QID) as store:
        answer = next(a for a in store.answers("lymphoma") if a.question_id == QID)
        score = next(s for s in store.scores("lymphoma") if s.scorer == "unsupported_statements")
    assert score.value is not None and score.value >= 1 and score.passed is False
    ctdna = [s for s in score.spans if "6-7 months earlier" in s.text]
    assert len(ctdna) == 1
    span = ctdna[0]
    assert answer.text is not None and answer.text[span.start:span.end] == span.text
    assert span.text.startswith("This testing can identify recurrence approximately 6-7 months earlier")
    flag = next(f for f in score.flags if f.span == span)
    assert flag.kind == "unsupported_statement" and "6, 7" in flag.why
    item = next(s for s in score.evidence["statements"] if s["span"]["start"] == span.start)
    assert item["status"] == "unsupported" and item["kind"] == "time-frame" and item["backing"] is None
    # backed statements say what backs them: the three CAR T products are in the gold answer
    backed = [s for s in score.evidence["statements"] if s["status"] == "backed"]
    assert any("three CAR T-cell products" in s["text"] and s["backing"]["type"] in ("gold", "claim")
               for s in backed)
    # the export and the report carry it too
    with (tmp_path / "reports" / "lymphoma" / "scores.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["scorer"] == "unsupported_statements")
    assert float(row["value"]) == score.value and "6-7 months earlier" in row["reason"]
    html = (tmp_path / "reports" / "lymphoma" / "report.html").read_text(encoding="utf-8")
    # highlighted as unsupported, or as harmful where the claim judge finds it states the harmful
    # ctdna-fixed-lead-time claim (the report's highlight priority puts harm first)
    assert any(f'<mark class="{cls}">This testing can identify recurrence approximately 6-7 months earlier' in html
               for cls in ("unsupported", "harm"))
    # the overview explains the scorer to reviewers in one sentence
    from harness.score.unsupported import UnsupportedStatements

    sentence = UnsupportedStatements.description.replace('"', "&#34;")
    assert sentence in html and sentence.count(". ") == 0 and sentence.endswith(".")


@pytest.mark.parametrize(("generator", "run_id"), [
    (f"recorded:{REPO / 'evals' / 'samples' / 'oncology' / 'careful.jsonl'}", "careful"),
    ("gold", "gold"),
])
def test_careful_sample_and_gold_self_check_report_none(tmp_path, monkeypatch, generator, run_id):
    monkeypatch.chdir(tmp_path)
    with _run(tmp_path, generator, run_id, "--scorer", "unsupported_statements", "--no-report") as store:
        scores = [s for s in store.scores(run_id) if s.scorer == "unsupported_statements"]
    assert len(scores) == 41
    flagged = {s.question_id: s.reason for s in scores if s.value != 0}
    assert flagged == {}
    assert all(s.passed is True and not s.spans for s in scores)
    assert sum(s.evidence["checked"] for s in scores) > 41  # the answers do make specific statements, all backed


def test_the_gate_reads_it_from_evals_gate_toml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _run(tmp_path, f"recorded:{LYMPHOMA}", "lymphoma", "--question", QID, "--no-report").close()
    capsys.readouterr()
    code = main(["gate", "--run", "lymphoma", "--config", str(REPO / "evals" / "gate.toml"),
                 "--store", str(tmp_path / "store.sqlite")])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL threshold: unsupported_statements mean 2.000 > allowed 0.25" in out
    assert "FAIL threshold: unsupported_statements pass rate 0.0% < required 90.0%" in out


def test_recorded_fixture_is_the_verbatim_seed_answer():
    from tests.paths import SEED_ANSWER

    if not SEED_ANSWER.is_file():
        pytest.skip("shared development data not present")
    recorded = json.loads(LYMPHOMA.read_text(encoding="utf-8"))
    assert recorded["answer"] == SEED_ANSWER.read_text(encoding="utf-8")


def test_a_cited_registry_key_fact_backs_a_figure_and_the_snapshot_keeps_it(tmp_path, monkeypatch):
    """ZUMA-7's figures are not in the lymphoma gold, but the registry entry the answer cites states them."""
    monkeypatch.chdir(tmp_path)
    figure = ("Median event-free survival was 8.3 months with axicabtagene ciloleucel versus 2.0 months "
              "with standard care.")
    answers = tmp_path / "answers.jsonl"
    lines = [{"question_id": QID, "answer": f"{figure}\n\nSource: Locke et al. NEJM 2022 (ZUMA-7)."},
             {"question_id": QID, "sample": 1, "answer": figure}]  # naming "ZUMA-7" in the sentence would cite it
    answers.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with _run(tmp_path, f"recorded:{answers}", "keyfacts", "--question", QID, "--scorer", "unsupported_statements",
              "--samples", "2", "--no-report") as store:
        scores = {s.sample: s for s in store.scores("keyfacts")}
        battery = store.battery(store.require_run("keyfacts"))
    cited, uncited = scores[0], scores[1]
    assert cited.value == 0.0 and cited.evidence["cited_sources"] == ["zuma-7-locke-2022"]
    assert cited.evidence["statements"][0]["backing"]["source_id"] == "zuma-7-locke-2022"
    assert uncited.value == 1.0  # the same figure without the citation: nothing it is checked against states it
    assert battery is not None and any("8.3 months" in f for f in battery.sources["zuma-7-locke-2022"].key_facts)
