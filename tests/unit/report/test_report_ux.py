"""Reports that agree with themselves (issue 15): HTML drill-down without scripts, problems first, the error
summary of a failed run, one reviewed report beside the automatic one, verdict reasons, paired plot."""

from __future__ import annotations

import csv
import math
import re
from types import SimpleNamespace

from harness.apps.cli import main
from harness.core.records import ClaimVerdict
from harness.report import write_report
from harness.report.data import claim_rank
from harness.report.wording import verdict_reason
from harness.results import reviews as rv
from tests.runs import harmful, make_run


def _claims() -> list[ClaimVerdict]:
    def v(cid: str, kind: str, verdict: str) -> ClaimVerdict:
        return ClaimVerdict(claim_id=cid, claim_kind=kind, severity="high", verdict=verdict)

    return [v("a-supported", "essential", "supported"), v("b-missing-supporting", "supporting", "missing"),
            v("c-missing-essential", "essential", "missing"), v("d-contradicted", "essential", "contradicted"),
            harmful("e-stated", "Answer"), v("f-absent", "harmful", "absent")]


def test_drill_down_is_html_with_problems_first(store, project):
    make_run(store, "r", {"q0": {"claim_problems": (2.0, False)}, "q1": {"claim_problems": (0.0, True)}},
             claims={"q0": _claims()})
    html = write_report(store, "r", project / "r").read_text(encoding="utf-8")
    assert '<details class="q" id="q-q0">' in html and '<details class="q" id="q-q1">' in html
    body = html.split('<details class="q" id="q-q0">', 1)[1].split("</details>\n", 1)[0]
    assert '<div class="answer"><mark class="harm">Answer</mark> to q0.</div>' in body
    order = re.findall(r"<tr><td>([a-f]-[a-z-]+)</td>", body)
    assert order == ["d-contradicted", "e-stated", "c-missing-essential", "b-missing-supporting", "a-supported",
                     "f-absent"]
    assert '<div class="controls" id="aa-controls" hidden>' in html  # search and filters only with scripts
    assert claim_rank("essential", "supported", False) > claim_rank("harmful", "absent", True)


def test_all_failed_run_shows_the_error_summary_instead_of_plots(store, project):
    make_run(store, "dead", {f"q{i}": {"claim_recall": (None, None)} for i in range(3)}, errors={"q0", "q1", "q2"})
    html = write_report(store, "dead", project / "dead").read_text(encoding="utf-8")
    top = html.split('<h2 id="overview">', 1)[0]
    assert "Every generation failed" in top and "3 HTTP 500" in top
    assert "First error (q0): <code>HTTP 500 from the model</code>" in top
    assert 'id="plots"' not in html and "data:image/png" not in html
    md = (project / "dead" / "summary.md").read_text(encoding="utf-8")
    assert "3 answers, 3 generation errors." in md and "Generation errors by cause: 3 HTTP 500" in md
    make_run(store, "one", {"q0": {"claim_recall": (1.0, True)}})
    write_report(store, "one", project / "one")
    assert "1 answer, 0 generation errors." in (project / "one" / "summary.md").read_text(encoding="utf-8")


def _reviewed_gold_run(tiny, store) -> None:
    """The real runner's gold run of the tiny battery; alice and bob agree that claim call-now is missing."""
    from harness.generate import make_generator
    from harness.run import run_battery

    run_battery(tiny, make_generator("gold", tiny), store, run_id="r")
    for name in ("alice", "bob"):
        rv.add_reviewer(store, name)
        rv.append_review(store, run_id="r", question_id="fever-chemo", sample=0, target_type="claim",
                         target_id="call-now", decision="override", value="missing", automatic="supported",
                         reason="it never says to call", reviewer=name, role="reviewer")


def test_reviewed_report_is_written_beside_the_automatic_one_and_marks_every_change(tiny, store, project):
    _reviewed_gold_run(tiny, store)
    out = project / "out"
    assert main(["report", "r", "--use-reviews", "--store", str(store.path), "--out", str(out)]) == 0
    auto = (out / "report.html").read_text(encoding="utf-8")
    assert "numbers, verdicts and the drill-down use reviewed values" not in auto  # the automatic one is kept
    reviewed = (out / "reviewed" / "report.html").read_text(encoding="utf-8")
    assert "answer-audit · reviewed run r" in reviewed and "numbers, verdicts and the drill-down use reviewed" in reviewed
    q0 = reviewed.split('<details class="q" id="q-fever-chemo">', 1)[1].split('<details class="q"', 1)[0]
    row = re.search(r'<tr class="reviewed-row" title="([^"]+)"><td>call-now</td>.*?</tr>', q0, re.S).group(0)
    assert '<td class="muted">missing <span class="reviewed">reviewed</span>' in row
    assert "reviewed by alice, bob (agreed) at 20" in row and "automatic: supported" in row
    recall_row = re.search(r'<tr class="reviewed-row" title="[^"]+"><td>claim_recall</td>.*?</tr>', q0).group(0)
    assert '<td class="num">0.000</td><td class="fail">fail <span class="reviewed">reviewed</span>' in recall_row
    assert "automatic 1.000, pass" in recall_row
    assert "<td>0 of 1 essential claims supported; missing: call-now<br>" in recall_row  # the reviewed reason
    with (out / "reviewed" / "scores.csv").open(encoding="utf-8") as f:
        scores = {(r["question_id"], r["scorer"]): r for r in csv.DictReader(f)}
    recall = scores[("fever-chemo", "claim_recall")]
    assert (recall["value"], recall["passed"], recall["auto_value"], recall["auto_passed"]) == \
        ("0", "false", "1", "true")
    assert recall["reviewed_by"] == "alice; bob" and recall["reviewed_at"].startswith("20")
    assert recall["reason"].startswith("0 of ") and "missing: call-now" in recall["reason"]  # the reviewed count
    assert scores[("egfr-lung-first-line", "claim_recall")]["reviewed_by"] == ""
    with (out / "reviewed" / "claims.csv").open(encoding="utf-8") as f:
        c1 = next(r for r in csv.DictReader(f) if r["claim_id"] == "call-now")
    assert (c1["verdict"], c1["auto_verdict"], c1["reviewed_by"]) == ("missing", "supported", "alice; bob")
    assert c1["reason"].startswith("reviewed by alice, bob (agreed)") and "the judge's reason for supported:" in c1["reason"]
    with (out / "claims.csv").open(encoding="utf-8") as f:
        assert next(r for r in csv.DictReader(f) if r["claim_id"] == "call-now")["verdict"] == "supported"
    assert (out / "reviewed" / "answers.jsonl").exists() and (out / "reviewed" / "summary.md").exists()


def _row(**kw):
    base = dict(verdict="no significant difference", p_value=0.2, p_holm=0.4, n_better=3, n_worse=6, n_ties=1,
                diff=-0.1, diff_ci_low=-0.2, diff_ci_high=-0.01, higher_is_better=True)
    return SimpleNamespace(**{**base, **kw})


def test_verdict_reasons_name_holm_the_sign_test_and_the_margin():
    why = verdict_reason(_row(), 0.05)
    assert "sign test 3 better / 6 worse (1 tied), p(Holm) 0.400 ≥ 0.05" in why
    assert "bootstrap CI excludes 0" in why
    assert "Holm adjustment across scorers raises it to 0.080" in verdict_reason(_row(p_value=0.02, p_holm=0.08), 0.05)
    within = verdict_reason(_row(verdict="worse", p_holm=0.038, diff=-0.01), 0.05, margin=0.02)
    assert "within the min_difference margin 0.02" in within and "p(Holm) 0.038 < 0.05" in within
    assert verdict_reason(_row(verdict="no data", p_value=math.nan), 0.05) == ""


def test_comparison_puts_runs_side_by_side_with_a_paired_plot_and_reasons(store, project):
    from harness.report.comparison import write_comparison

    for rid, values in (("a", [1.0, 0.8, 0.6, 0.9]), ("b", [0.2, 0.8, 0.7, 0.1])):
        make_run(store, rid, {f"q{i}": {"claim_recall": (v, v >= 0.6)} for i, v in enumerate(values)})
    html = write_comparison(store, ["a", "b"], project / "cmp").read_text(encoding="utf-8")
    assert 'alt="per-question paired differences" src="data:image/png;base64,' in html
    q0 = html.split('<details class="q" id="q-q0">', 1)[1].split("</details>\n", 1)[0]
    assert 'class="runs" style="grid-template-columns: repeat(2, minmax(0, 1fr))"' in q0
    assert q0.count('<section class="run">') == 2
    # the scores read across one row per scorer (runs as columns), details per run folded below
    assert '<table class="side"><tr><th>scorer</th><th>a</th><th>b</th></tr>' in q0
    assert re.search(r'<tr><td>claim_recall</td><td class="pass">1.000 pass</td><td class="fail">0.200 fail</td></tr>', q0)
    whole_q0 = html.split('<details class="q" id="q-q0">', 1)[1].split('<details class="q"', 1)[0]
    assert whole_q0.count('<details class="why"><summary>') == 2 and "b: reasons and evidence" in whole_q0
    assert re.search(r'no significant difference<br><span class="why muted">sign test 1 better / 2 worse \(1 tied\), p\(Holm\) 1.000', html)


def test_report_header_states_the_gold_review_status(tiny, store, project):
    from harness.generate import make_generator
    from harness.report.gold_status import GoldStatus
    from harness.run import run_battery

    run_battery(tiny, make_generator("gold", tiny), store, run_id="g")
    html = write_report(store, "g", project / "g").read_text(encoding="utf-8")
    assert ('id="gold-status">Gold answers: 0 of 2 gold answers clinician-reviewed; 2 are marked '
            '“Test fixture (not clinically reviewed)”. Scores against unreviewed gold are provisional.') in html
    reviewed = SimpleNamespace(status="reviewed", reviewed_by="Dr A. Example, oncologist")
    assert GoldStatus.of([reviewed]).sentence() == "1 of 1 gold answer clinician-reviewed"


def test_comparison_names_the_questions_that_got_worse_and_keeps_the_heatmap_at_full_size(store, project):
    from harness.report.comparison import write_comparison

    make_run(store, "a", {f"q{i}": {"claim_recall": (1.0, True)} for i in range(4)})
    make_run(store, "b", {"q0": {"claim_recall": (0.0, False)}, "q1": {"claim_recall": (1.0, True)},
                          "q2": {"claim_recall": (0.5, False)}, "q3": {"claim_recall": (1.0, True)}})
    html = write_comparison(store, ["a", "b"], project / "cmp").read_text(encoding="utf-8")
    assert ('Most worse against the baseline: <b>claim_recall</b> <a href="#q-q0">q0</a> (-1.00, b), '
            '<a href="#q-q2">q2</a> (-0.50, b).') in html
    assert ".plot.wide img { max-width: none; }" in html
