"""Reviewer app and CLI papercuts from issue 15: override refusal, return to the row, pagination, the audit
log (CLI and page), one-pair agreement, quoted `reviewers token` hint, busy port."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import socket

from fastapi.testclient import TestClient

from harness.apps.cli import main
from harness.apps.review import create_app
from harness.apps.review.pages import Pager
from harness.results import reviews as rv
from harness.store import RunStore
from tests.review_fixtures import build_review_store


def _client(path, **kw):
    return TestClient(create_app(path, secret="s", **kw), follow_redirects=False)


def _login(client, name, token):
    assert client.post("/login", data={"name": name, "token": token}).status_code == 303
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def _first_claim(client):
    code = re.findall(r'href="/answer/([0-9a-f]{12})">([^<]+)</a>', client.get("/?show=all").text)[0][0]
    page = client.get(f"/answer/{code}").text
    claim_id = re.search(r'<tr id="claim-([^"]+)">', page).group(1)
    return code, claim_id, page


def test_override_to_the_automatic_value_is_refused_and_saving_returns_to_the_row(project):
    path, tokens = build_review_store(project)
    client = _client(path)
    csrf = _login(client, "alice", tokens["alice"])
    code, claim_id, page = _first_claim(client)
    assert '<select name="value" required aria-label="verdict for ' in page
    assert '<option value="" selected disabled>choose…</option>' in page  # nothing chosen for the reviewer
    with RunStore(path) as store:  # the automatic verdict of the answer the queue opened (its code says which)
        hashed = {hashlib.sha256(f"s\0{r.run_id}\0{q}\0{n}".encode()).hexdigest()[:12]: (r.run_id, q, n)
                  for r in store.list_runs() for q, n in store.answer_keys(r.run_id)}
        run_id, qid, sample = hashed[code]
        automatic = next(v.verdict for q, n, v in store.claim_verdicts(run_id)
                         if (q, n) == (qid, sample) and v.claim_id == claim_id)
    form = {"csrf": csrf, "target_type": "claim", "target_id": claim_id, "decision": "override", "reason": "x"}
    r = client.post(f"/answer/{code}/decide", data={**form, "value": automatic})
    assert r.status_code == 303 and r.headers["location"] == f"/answer/{code}?refused={claim_id}#claim-{claim_id}"
    assert "Not saved: the override for" in client.get(r.headers["location"].split("#")[0]).text
    with RunStore(path) as store:
        assert rv.reviews(store) == []
    r = client.post(f"/answer/{code}/decide", data={**form, "decision": "agree"})
    assert r.headers["location"] == f"/answer/{code}?saved=agree#claim-{claim_id}"
    r = client.post(f"/answer/{code}/decide", data={"csrf": csrf, "target_type": "answer", "target_id": "",
                                                    "decision": "signoff"})
    assert r.headers["location"].endswith("#answer-actions")


def test_queue_pages_keep_filters():
    p = Pager.of(120, 2, size=50, show="all", tag="")
    assert (p.start, p.stop, p.pages) == (50, 100, 3)
    assert p.prev_url == "/?show=all&page=1" and p.next_url == "/?show=all&page=3"
    assert Pager.of(0, 5).pages == 1 and Pager.of(0, 5).prev_url is None


def test_queue_states_the_gold_review_status(project):
    path, tokens = build_review_store(project)
    client = _client(path)
    _login(client, "alice", tokens["alice"])
    assert re.search(r'id="gold-status">\d+ of 2 gold answers clinician-reviewed', client.get("/").text)


def test_audit_log_cli_and_page(project, capsys):
    path, tokens = build_review_store(project)
    alice, carol = _client(path), _client(path)
    csrf = _login(alice, "alice", tokens["alice"])
    _login(carol, "carol", tokens["carol"])
    code, claim_id, _ = _first_claim(alice)
    for decision in ("agree", "signoff"):
        alice.post(f"/answer/{code}/decide", data={"csrf": csrf, "target_type": "claim" if decision == "agree"
                                                   else "answer", "target_id": claim_id if decision == "agree"
                                                   else "", "decision": decision})
    with RunStore(path) as store:
        entries = rv.reviews(store)
    assert len(entries) == 2
    capsys.readouterr()
    assert main(["audit", "log", "--format", "jsonl", "--store", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["seq"] for r in rows] == [1, 2] and rows[1]["prev_hash"] == rows[0]["hash"] == entries[0].hash
    assert main(["audit", "log", "--format", "csv", "--reviewer", "bob", "--store", str(path)]) == 0
    assert list(csv.DictReader(io.StringIO(capsys.readouterr().out))) == []
    assert main(["audit", "log", "--since", "2000-01-01", "--until", "2000-01-02", "--store", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 of 2 entries shown; audit trail intact: 2 entries" in err
    assert main(["audit", "log", "--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"hash {entries[1].hash}  prev {entries[0].hash}" in out and "alice (reviewer)" in out
    assert alice.get("/log").status_code == 403  # reviewers do not see each other's decisions
    page = carol.get("/log").text
    assert f'<code class="hash prev" title="{entries[1].prev_hash}">' in page and entries[1].hash in page
    assert "audit trail intact: 2 entries" in page and "does not match" not in page


def test_agreement_page_shows_a_single_reviewer_pair(project):
    path, tokens = build_review_store(project)
    alice, bob = _client(path), _client(path)
    csrf_a, csrf_b = _login(alice, "alice", tokens["alice"]), _login(bob, "bob", tokens["bob"])
    code, claim_id, _ = _first_claim(alice)
    for client, csrf in ((alice, csrf_a), (bob, csrf_b)):
        client.post(f"/answer/{code}/decide", data={"csrf": csrf, "target_type": "claim", "target_id": claim_id,
                                                    "decision": "agree"})
    page = alice.get("/agreement").text
    row = re.search(r'<tr class="few"><td>claims</td><td>reviewer vs reviewer</td><td>1</td>.*?</tr>', page)
    assert row and "one pair so far, which agreed" in row.group(0)


def test_reviewers_add_existing_name_suggests_a_quoted_command(project, capsys):
    store = str(project / "s.sqlite")
    assert main(["reviewers", "add", "Dr Lee", "--store", store]) == 0
    capsys.readouterr()
    assert main(["reviewers", "add", "Dr Lee", "--store", store]) == 2
    assert "run: answer-audit reviewers token 'Dr Lee'" in capsys.readouterr().err


def test_review_on_a_busy_port_is_a_usage_error_without_banner(project, capsys):
    path, _ = build_review_store(project)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["review", "--store", str(path), "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "reviewer app on" not in out
    assert f"cannot serve on 127.0.0.1:{port}" in err and "pick another with --port" in err


def test_errored_answers_are_not_queued(project):
    from harness.battery import load_battery
    from harness.generate import make_generator
    from harness.run import run_battery

    path, tokens = build_review_store(project)
    battery = load_battery("tiny")
    (project / "one.jsonl").write_text('{"question_id": "fever-chemo", "answer": "Call your team now."}\n',
                                       encoding="utf-8")
    with RunStore(path) as store:  # egfr-lung-first-line gets a recorded error: no line for it
        run_battery(battery, make_generator(f"recorded:{project / 'one.jsonl'}", battery), store, run_id="half")
    client = _client(path, runs=["half"])
    _login(client, "alice", tokens["alice"])
    queue = client.get("/?show=all").text
    labels = [label for _, label in re.findall(r'href="/answer/([0-9a-f]{12})">([^<]+)</a>', queue)]
    assert len(labels) == 1 and "fever-chemo" in labels[0]  # not the errored egfr-lung-first-line
