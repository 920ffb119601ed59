"""Reviewers override single statements of ``unsupported_statements``; the overlay recomputes through ``aggregate``."""

from __future__ import annotations

import csv
import json
import re

import pytest
from fastapi.testclient import TestClient

from harness.apps.cli import main
from harness.apps.review import create_app
from harness.battery import load_battery
from harness.generate import make_generator
from harness.results import reviews as rv
from harness.results.table import to_frame
from harness.run import run_battery
from harness.store import RunStore

TEXT = ("A fever of 38 °C or higher during chemotherapy needs a call to your team right away. "
        "Antibiotics given within 60 minutes cut the risk of death by half.")


@pytest.fixture
def setup(project):
    battery = load_battery("tiny")
    answers = project / "answers.jsonl"
    answers.write_text(json.dumps({"question_id": "fever-chemo", "answer": TEXT}) + "\n", encoding="utf-8")
    path = project / "reports" / "review.sqlite"
    with RunStore(path) as store:
        run_battery(battery, make_generator(f"recorded:{answers}", battery), store, run_id="r")
        tokens = {"alice": rv.add_reviewer(store, "alice"), "carol": rv.add_reviewer(store, "carol", "adjudicator")}
        score = next(s for s in store.scores("r", "fever-chemo") if s.scorer == "unsupported_statements")
    return path, tokens, score


def _login(client, name, token):
    assert client.post("/login", data={"name": name, "token": token}).status_code == 303
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def _frame(path):
    with RunStore(path) as store:
        frame = to_frame(store, ["r"], overlay=rv.review_overlay)
    row = frame[(frame["question_id"] == "fever-chemo") & (frame["scorer"] == "unsupported_statements")].iloc[0]
    return row


def test_a_statement_override_in_the_app_recomputes_the_value(setup):
    path, tokens, score = setup
    assert score.value == 1.0
    bad = next(s for s in score.evidence["statements"] if s["status"] == "unsupported")
    client = TestClient(create_app(path, secret="test-secret"), follow_redirects=False)
    csrf = _login(client, "alice", tokens["alice"])
    code = re.search(r'href="/answer/([0-9a-f]{12})">r · fever-chemo', client.get("/?show=all").text).group(1)
    page = client.get(f"/answer/{code}").text
    assert "Specific statements" in page and f'id="statement-{bad["id"]}"' in page and "Antibiotics given" in page
    form = {"csrf": csrf, "target_type": "statement", "target_id": bad["id"], "decision": "override"}
    assert client.post(f"/answer/{code}/decide", data={**form, "value": "unsupported", "reason": "x"}).status_code == 303
    assert "Not saved" in client.get(f"/answer/{code}?refused={bad['id']}").text  # same as automatic: refused
    assert client.post(f"/answer/{code}/decide", data={**form, "value": "made-up", "reason": "x"}).status_code == 400
    assert client.post(f"/answer/{code}/decide", data={**form, "target_id": "s0-1", "value": "backed",
                                                       "reason": "x"}).status_code == 400
    assert _frame(path)["value"] == 1.0  # nothing settled yet
    r = client.post(f"/answer/{code}/decide", data={**form, "value": "backed", "reason": "the NCI page says so"})
    assert r.status_code == 303 and r.headers["location"].endswith(f"#statement-{bad['id']}")
    row = _frame(path)
    assert (row["value"], row["passed"], row["auto_value"], row["value_source"]) == (0.0, True, 1.0, "review")
    with RunStore(path) as store:
        (review,) = [x for x in rv.reviews(store, "r") if x.target_type == "statement"]
        assert (review.automatic, review.value) == ("unsupported", "backed")
        again = next(s for s in store.scores("r", "fever-chemo") if s.scorer == "unsupported_statements")
    assert again == score  # the automatic record is never changed
    # the reviewed export says who settled it
    assert main(["report", "r", "--use-reviews", "--store", str(path)]) == 0
    with (path.parent / "r" / "reviewed" / "scores.csv").open(encoding="utf-8") as fh:
        reviewed = next(x for x in csv.DictReader(fh)
                        if (x["scorer"], x["question_id"]) == ("unsupported_statements", "fever-chemo"))
    assert (reviewed["value"], reviewed["auto_value"], reviewed["reviewed_by"]) == ("0", "1", "alice")


def test_overlay_and_agreement_count_statements_as_their_own_group(setup):
    path, _, score = setup
    backed = next(s for s in score.evidence["statements"] if s["status"] == "backed")
    with RunStore(path) as store:
        rv.append_review(store, run_id="r", question_id="fever-chemo", sample=0, target_type="statement",
                         target_id=backed["id"], decision="override", reviewer="carol", role="adjudicator",
                         value="unsupported", automatic="backed", reason="the gold says 38.5")
        groups = {row.target for row in rv.agreement(rv.reviews(store))}
    row = _frame(path)
    assert (row["value"], row["passed"]) == (2.0, False)
    assert groups <= {"statements"}
    assert rv.target_group("statement", "s1-2") == "statements" and rv.target_group("score", "x") == "score:x"
