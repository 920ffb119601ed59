"""Reports: self-contained HTML (escaping hostile answers, plots, drill-down data), Markdown, exports."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from harness.apps.cli import main
from harness.core.records import ClaimVerdict, Span
from harness.report import write_report
from harness.report.data import highlight, load_report_data
from harness.report.tables import export_frame, frame_csv
from harness.results.table import to_frame
from tests.runs import harmful, make_run, recall_run

HOSTILE = ('Call us. <script>alert("x")</script> <img src=x onerror="alert(1)"> '
           '<a href="javascript:alert(2)">click</a> </script><b onmouseover=alert(3)>hi</b> & done')


class _Audit(HTMLParser):
    """Collects what a browser would treat as active content."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []
        self.js_links: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.js_links.append(value)
            if name in ("href", "src") and value and re.match(r"(?i)(https?:)?//", value):
                self.external.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs))


def _payload(html: str) -> dict:
    raw = html.split('<script type="application/json" id="aa-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(raw)


def test_highlight_cuts_pieces_by_priority_and_ignores_bad_spans():
    text = "abcdefghij"
    spans = [(Span(2, 5, "cde"), "sup"), (Span(2, 4, "cd"), "harm"), (Span(8, 20, "x"), "con"),
             (Span(6, 8, "gh"), "flag")]
    assert highlight(text, spans) == [("ab", None), ("cd", "harm"), ("efghij"[:2], None), ("gh", "flag"),
                                      ("ij", None)]
    assert highlight("", []) == []


def test_hostile_answer_text_is_inert(store, project):
    verdict = ClaimVerdict(claim_id="c1", claim_kind="essential", severity="high", verdict="supported",
                           evidence=(Span(0, 8, "Call us."),))
    make_run(store, "evil<run>", {"q0": {"claim_problems": (1.0, False), "claim_recall": (1.0, True)}},
             texts={"q0": HOSTILE}, claims={"q0": [verdict, harmful("h1", "<script>", HOSTILE.index("<script>"))]},
             generator='recorded:"><script>alert(9)</script>.jsonl')
    html_path = write_report(store, "evil<run>", project / "out")
    html = html_path.read_text(encoding="utf-8")
    audit = _Audit()
    audit.feed(html)
    assert len(audit.scripts) == 2  # the JSON data block and the page's own script, nothing else
    assert audit.handlers == [] and audit.js_links == [] and audit.external == []
    # The drill-down is HTML now (issue 15), so the escaped text itself contains "onerror=" as characters;
    # strip the two escaped forms (JSON and HTML) and nothing may remain. The parser audit above is the proof.
    inert = html.replace("\\u003cimg src=x onerror=", "").replace("&lt;img src=x onerror=", "")
    assert "<script>alert" not in html and "onerror=" not in inert
    assert "&lt;script&gt;alert(9)" in html  # the generator name, escaped by Jinja
    # the drill-down data carries the exact text, cut into highlighted pieces
    answer = _payload(html)["questions"][0]["answers"][0]
    assert "".join(p[0] for p in answer["p"]) == HOSTILE
    assert ["Call us.", "sup"] in answer["p"] and ["<script>", "harm"] in answer["p"]
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_single_run_report_sections_and_markdown(store, project):
    recall_run(store, "r1", [1.0, 0.5, 0.0, 1.0])
    html = write_report(store, "r1", project / "r1").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "Per-scorer means" in html
    assert "Paired comparison" not in html
    md = (project / "r1" / "summary.md").read_text(encoding="utf-8")
    assert "| claim_recall | 4 | 0 | 0.625 [" in md and md.count("\n") < 30
    write_report(store, "r1", project / "again")
    assert (project / "again" / "summary.md").read_bytes() == md.encode("utf-8")


def test_stability_across_samples(store):
    flip = [ClaimVerdict(claim_id="c1", claim_kind="essential", severity="high", verdict="supported")]
    make_run(store, "s", {"q0": {"claim_problems": [(0.0, True), (1.0, False), (0.0, True)]},
                          "q1": {"claim_problems": [(0.0, True), (0.0, True), (0.0, True)]}},
             claims={"q0": flip})
    # sample-specific verdicts: rewrite q0 sample 1 with a different verdict
    from harness.core.records import Score

    store.put_scores("s", [Score(scorer="claim_problems", question_id="q0", sample=1, value=1.0, passed=False,
                                 reason="x", claim_verdicts=(ClaimVerdict(claim_id="c1", claim_kind="essential",
                                                                          severity="high", verdict="missing"),))])
    data = load_report_data(store, ["s"])
    st = data.runs[0].stability
    assert data.runs[0].samples == 3
    assert (st["claim_flips"], st["claim_pairs"]) == (1, 1)
    assert st["scorers"]["claim_problems"] == {"flipped": 1, "questions": 2}
    assert "claim c1: missing / supported" in st["questions"]["q0"]


def test_exports_csv_parquet_datasets_round_trip(store, project):
    make_run(store, "e", {"q0": {"x": (0.5, True)}, "q1": {"x": (None, None)}}, errors={"q1"})
    frame = to_frame(store, ["e"])
    csv_text = frame_csv(frame)
    assert csv_text.splitlines()[1].startswith("e,syn,1,fp-1,recorded:e.jsonl,q0,0,x,0.5,true,")
    assert ",q1,0,x,,," in csv_text  # unscored: empty value and passed, never 0
    back = pd.read_parquet(export_frame(frame, project / "r.parquet", "parquet"))
    assert back["value"].isna().tolist() == [False, True] and list(back.columns) == list(frame.columns)
    from datasets import load_from_disk

    ds = load_from_disk(str(export_frame(frame, project / "ds", "datasets")))
    assert ds.num_rows == 2 and ds[1]["passed"] is None and ds[0]["value"] == 0.5
    assert main(["export", "e", "--store", str(store.path), "--format", "csv", "--output",
                 str(project / "cli.csv")]) == 0
    assert (project / "cli.csv").read_text(encoding="utf-8") == csv_text


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_is_deterministic(store, project, fmt):
    recall_run(store, "d", [0.1, 0.2, 0.3])
    a, b = project / f"a.{fmt}", project / f"b.{fmt}"
    for path in (a, b):
        assert main(["export", "d", "--store", str(store.path), "--format", fmt, "--output", str(path)]) == 0
    if fmt == "csv":
        assert a.read_bytes() == b.read_bytes()
    else:
        pd.testing.assert_frame_equal(pd.read_parquet(a), pd.read_parquet(b))


def test_report_for_real_run_of_tiny_battery(tiny, store, project):
    from harness.generate import make_generator
    from harness.run import run_battery

    run_battery(tiny, make_generator("gold", tiny), store, run_id="g")
    html = write_report(store, "g", Path(project / "g")).read_text(encoding="utf-8")
    q = {x["id"]: x for x in _payload(html)["questions"]}
    assert set(q) == {"fever-chemo", "egfr-lung-first-line"}
    assert q["egfr-lung-first-line"]["ctx"].startswith("Diagnosis: non-small cell lung cancer")
    assert q["fever-chemo"]["gold"] and q["fever-chemo"]["answers"][0]["sc"]


def test_every_plot_is_drawn_when_there_is_data(store, project):
    from harness.battery import load_battery
    from tests.synth import write_battery

    write_battery(project, "syn", 6)
    fp = load_battery("syn").fingerprint
    supported = ClaimVerdict(claim_id="plan", claim_kind="essential", severity="high", verdict="supported")
    for rid, grade in (("a", 6.0), ("b", 9.5)):
        make_run(store, rid, {f"q{i:04d}": {"claim_problems": (0.0, True), "reading_grade": (grade + i, grade < 8)}
                              for i in range(6)}, fingerprint=fp, claims={"q0000": [supported]})
    from harness.report.comparison import write_comparison

    html = write_comparison(store, ["a", "b"], project / "cmp").read_text(encoding="utf-8")
    for alt in ("per-scorer means with confidence intervals", "reading grade distribution",
                "claim verdict shares", "category by scorer heatmap"):
        assert f'alt="{alt}" src="data:image/png;base64,' in html
    assert '<option value="risk=high">risk=high</option>' in html
