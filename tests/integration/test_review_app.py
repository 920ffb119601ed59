"""The reviewer web app over HTTP: login, CSRF, roles, blinding, decisions, hostile text, audit trail."""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from harness.apps.cli import main
from harness.apps.review import create_app
from harness.results import reviews as rv
from harness.store import RunStore
from tests.review_fixtures import build_review_store


@pytest.fixture
def setup(project):
    path, tokens = build_review_store(project)
    return path, tokens


def _client(path, blind=False, **kw):
    return TestClient(create_app(path, blind=blind, secret="test-secret", **kw), follow_redirects=False)


def _login(client, name, token):
    r = client.post("/login", data={"name": name, "token": token})
    assert r.status_code == 303, r.text
    page = client.get("/").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _code(client, label):
    page = client.get("/?show=all").text
    codes = re.findall(r'href="/answer/([0-9a-f]{12})">([^<]+)</a>', page)
    return next(code for code, text in codes if label in text)


def test_every_page_needs_login(setup):
    path, _ = setup
    client = _client(path)
    for url in ("/", "/agreement", "/mine", "/answer/000000000000"):
        r = client.get(url)
        assert r.status_code == 303 and r.headers["location"] == "/login"
    r = client.post("/answer/000000000000/decide", data={"target_type": "answer", "target_id": "",
                                                         "decision": "signoff"})
    assert r.status_code == 401


def test_wrong_token_is_refused(setup):
    path, tokens = setup
    client = _client(path)
    r = client.post("/login", data={"name": "alice", "token": tokens["bob"]})
    assert r.status_code == 200 and "Unknown reviewer or wrong token." in r.text
    assert "aa_session" not in client.cookies
    r = client.post("/login", data={"name": "mallory", "token": "x"})
    assert "Unknown reviewer or wrong token." in r.text


def test_writes_need_the_sessions_csrf_token(setup):
    path, tokens = setup
    client = _client(path)
    csrf = _login(client, "alice", tokens["alice"])
    code = _code(client, "gold-run · fever-chemo")
    form = {"target_type": "answer", "target_id": "", "decision": "signoff"}
    assert client.post(f"/answer/{code}/decide", data=form).status_code == 403
    assert client.post(f"/answer/{code}/decide", data={**form, "csrf": "forged"}).status_code == 403
    other = _client(path)
    other_csrf = _login(other, "bob", tokens["bob"])
    assert client.post(f"/answer/{code}/decide", data={**form, "csrf": other_csrf}).status_code == 403
    assert client.post(f"/answer/{code}/decide", data={**form, "csrf": csrf}).status_code == 303
    with RunStore(path) as store:
        assert [(r.reviewer, r.decision) for r in rv.reviews(store)] == [("alice", "signoff")]


def test_override_needs_reason_and_valid_value_and_keeps_the_automatic_record(setup):
    path, tokens = setup
    client = _client(path)
    csrf = _login(client, "alice", tokens["alice"])
    code = _code(client, "hostile-run · egfr-lung-first-line")
    base = {"csrf": csrf, "target_type": "claim", "target_id": "chemo-first-only", "decision": "override"}
    with RunStore(path) as store:
        before = store.claim_verdicts("hostile-run"), store.scores("hostile-run")
    assert client.post(f"/answer/{code}/decide", data={**base, "value": "absent"}).status_code == 400
    assert client.post(f"/answer/{code}/decide", data={**base, "value": "supported", "reason": "x"}).status_code == 400
    r = client.post(f"/answer/{code}/decide", data={**base, "value": "absent", "reason": "it says it, but hedged"})
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "Saved: override." in page and "it says it, but hedged" in page
    with RunStore(path) as store:
        (review,) = rv.reviews(store)
        assert (review.value, review.reason, review.role) == ("absent", "it says it, but hedged", "reviewer")
        automatic = {v.claim_id: v.verdict for q, _, v in store.claim_verdicts("hostile-run")
                     if q == "egfr-lung-first-line"}
        assert review.automatic == automatic["chemo-first-only"]
        assert (store.claim_verdicts("hostile-run"), store.scores("hostile-run")) == before
    # Unknown targets are refused rather than recorded.
    bad = {**base, "target_id": "no-such-claim", "value": "absent", "reason": "x"}
    assert client.post(f"/answer/{code}/decide", data=bad).status_code == 400


def test_hostile_answer_text_is_inert(setup):
    path, tokens = setup
    client = _client(path)
    _login(client, "alice", tokens["alice"])
    r = client.get(f"/answer/{_code(client, 'hostile-run · fever-chemo')}")
    assert r.status_code == 200
    body = r.text
    assert "<script>alert" not in body and "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert 'href="javascript:' not in body
    assert "<script" not in body.lower()
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_blind_mode_hides_generators_and_runs(setup):
    path, tokens = setup
    # Issue 15: blind review leaves the gold self-check run out by default (its answers are the gold text).
    default = _client(path, blind=True)
    _login(default, "alice", tokens["alice"])
    assert len(re.findall(r'href="/answer/([0-9a-f]{12})"', default.get("/?show=all").text)) == 2
    client = _client(path, blind=True, self_check=True)
    _login(client, "alice", tokens["alice"])
    queue = client.get("/?show=all").text
    codes = re.findall(r'href="/answer/([0-9a-f]{12})"', queue)
    assert len(codes) == 4
    pages = [queue] + [client.get(f"/answer/{c}").text for c in codes]
    for page in pages:
        assert "gold-run" not in page and "hostile-run" not in page and "recorded:" not in page
        assert "Generator" not in page
    bob = _client(path, blind=True, self_check=True)
    _login(bob, "bob", tokens["bob"])
    bob_codes = re.findall(r'href="/answer/([0-9a-f]{12})"', bob.get("/?show=all").text)
    assert sorted(bob_codes) == sorted(codes)


def test_reviewers_do_not_see_each_other_and_the_adjudicator_settles_disagreement(setup):
    path, tokens = setup
    alice, bob, carol = _client(path, blind=True), _client(path, blind=True), _client(path, blind=True)
    csrf = {"alice": _login(alice, "alice", tokens["alice"]), "bob": _login(bob, "bob", tokens["bob"]),
            "carol": _login(carol, "carol", tokens["carol"])}
    code = re.findall(r'href="/answer/([0-9a-f]{12})"', alice.get("/?show=all").text)[0]
    page = alice.get(f"/answer/{code}").text
    claim_id = re.search(r'name="target_id" value="([^"]+)"><input type="hidden" name="decision" value="agree">',
                         page).group(1)
    form = {"target_type": "claim", "target_id": claim_id}
    alice.post(f"/answer/{code}/decide", data={**form, "csrf": csrf["alice"], "decision": "agree"})
    with RunStore(path) as store:
        automatic = rv.reviews(store)[0].automatic
    other = {"supported": "missing", "missing": "supported", "contradicted": "supported",
             "stated": "absent", "absent": "stated"}[automatic]
    bob.post(f"/answer/{code}/decide", data={**form, "csrf": csrf["bob"], "decision": "override", "value": other,
                                            "reason": "the answer does not say this"})
    assert "the answer does not say this" not in alice.get(f"/answer/{code}").text
    assert "the answer does not say this" not in alice.get("/mine").text
    assert "the answer does not say this" in carol.get(f"/answer/{code}").text
    assert code in carol.get("/?show=disagreements").text
    carol.post(f"/answer/{code}/decide", data={**form, "csrf": csrf["carol"], "decision": "override",
                                               "value": other, "reason": "adjudicated: not stated"})
    assert code not in carol.get("/?show=disagreements").text
    with RunStore(path) as store:
        statuses = rv.target_statuses(rv.reviews(store))
        (status,) = [s for k, s in statuses.items() if k[4] == claim_id and s.by_reviewer]
        assert status.state == "adjudicated" and status.final == other
        run_id = next(k for k in statuses if k[4] == claim_id)[0]
        qid = next(k for k in statuses if k[4] == claim_id)[1]
        assert rv.reviewed_values(store, run_id)[(qid, 0, "claim", claim_id)] == other


def test_agreement_and_audit_trail(setup, capsys):
    path, tokens = setup
    alice, bob = _client(path), _client(path)
    csrf_a, csrf_b = _login(alice, "alice", tokens["alice"]), _login(bob, "bob", tokens["bob"])
    code = _code(alice, "gold-run · fever-chemo")
    for scorer in ("disclaimer", "claim_problems"):
        for client, csrf in ((alice, csrf_a), (bob, csrf_b)):
            client.post(f"/answer/{code}/decide", data={"csrf": csrf, "target_type": "score", "target_id": scorer,
                                                        "decision": "agree"})
    page = alice.get("/agreement").text
    assert "audit trail intact: 4 entries" in page
    with RunStore(path) as store:
        rows = rv.agreement(rv.reviews(store))
    assert {(r.target, r.comparison) for r in rows} >= {("score:disclaimer", "judge_vs_reviewer")}
    assert main(["audit", "verify", "--store", str(path)]) == 0
    assert "audit trail intact: 4 entries, chain verified" in capsys.readouterr().out
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE review_log SET decision='override', value='fail' WHERE seq=2")
    assert main(["audit", "verify", "--store", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("entry 2: content does not match its hash")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE review_log SET decision='agree', value=NULL WHERE seq=2")
        conn.execute("DELETE FROM review_log WHERE seq=3")
    assert main(["audit", "verify", "--store", str(path)]) == 1
    assert "entry 4: expected entry 3 here" in capsys.readouterr().err


def test_reviewer_cli_and_labelled_pairs_export(setup, project, capsys):
    path, _ = setup
    assert main(["reviewers", "add", "dave", "--role", "adjudicator", "--store", str(path)]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    with RunStore(path) as store:
        assert rv.authenticate(store, "dave", token) == "adjudicator"
        assert "dave" in [n for n, _, _ in rv.list_reviewers(store)]
        assert store.conn.execute("SELECT COUNT(*) FROM reviewers WHERE token_hash=?", (token,)).fetchone()[0] == 0
        verdict = next(v for q, _, v in store.claim_verdicts("gold-run") if q == "fever-chemo")
        rv.append_review(store, run_id="gold-run", question_id="fever-chemo", sample=0, target_type="claim",
                         target_id=verdict.claim_id, decision="agree", reviewer="alice", role="reviewer",
                         automatic=verdict.verdict)
    assert main(["reviewers", "add", "dave", "--store", str(path)]) == 2
    out = project / "pairs.csv"
    assert main(["reviews", "export", "--run", "gold-run", "--output", str(out), "--store", str(path)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "run_id,question_id,sample,claim_id,claim_kind,answer,claim,label"
    assert len(lines) >= 2 and lines[-1].endswith(verdict.verdict)


def test_review_overlay_recomputes_claim_scores_and_keeps_automatic_values(setup):
    from harness.results.table import to_frame

    path, _ = setup
    with RunStore(path) as store:
        verdicts = {v.claim_id: v for q, _, v in store.claim_verdicts("hostile-run") if q == "egfr-lung-first-line"}
        auto = to_frame(store, ["hostile-run"])
        row = auto[(auto.question_id == "egfr-lung-first-line") & (auto.scorer == "claim_recall")].iloc[0]
        assert row.value == 0.0 and row.value_source == "auto"
        # alice and bob agree the essential claim is in fact supported: recall is recomputed from reviews.
        for name in ("alice", "bob"):
            rv.append_review(store, run_id="hostile-run", question_id="egfr-lung-first-line", sample=0,
                             target_type="claim", target_id="targeted-first", decision="override",
                             value="supported", automatic=verdicts["targeted-first"].verdict,
                             reason="it names the EGFR pill", reviewer=name, role="reviewer")
        rv.append_review(store, run_id="hostile-run", question_id="fever-chemo", sample=0, target_type="score",
                         target_id="disclaimer", decision="override", value="fail", automatic="pass",
                         reason="buried after an unsafe block", reviewer="alice", role="reviewer")
        reviewed = to_frame(store, ["hostile-run"], overlay=rv.review_overlay)
    recall = reviewed[(reviewed.question_id == "egfr-lung-first-line") & (reviewed.scorer == "claim_recall")].iloc[0]
    assert (recall.value, bool(recall.passed), recall.value_source, recall.auto_value) == (1.0, True, "review", 0.0)
    disclaimer = reviewed[(reviewed.question_id == "fever-chemo") & (reviewed.scorer == "disclaimer")].iloc[0]
    assert (bool(disclaimer.passed), disclaimer.value_source, bool(disclaimer.auto_passed)) == (False, "review", True)
    # claim_problems of the reviewed answer is recomputed from reviewed verdicts too (same count here).
    problems = reviewed[(reviewed.question_id == "egfr-lung-first-line") & (reviewed.scorer == "claim_problems")].iloc[0]
    assert problems.value_source == "review" and problems.value == problems.auto_value
    assert (reviewed.value_source == "auto").sum() == len(reviewed) - 3


def test_report_shows_reviews_and_agreement(setup, project):
    from harness.apps.cli import main

    path, _ = setup
    with RunStore(path) as store:
        for scorer in ("disclaimer", "citation"):
            for name, value in (("alice", "pass"), ("bob", "fail")):
                rv.append_review(store, run_id="gold-run", question_id="fever-chemo", sample=0, target_type="score",
                                 target_id=scorer, decision="override" if value == "fail" else "agree",
                                 value=value if value == "fail" else None, automatic="pass",
                                 reason="buried" if value == "fail" else "", reviewer=name, role="reviewer")
    out = project / "rep"
    assert main(["report", "gold-run", "--store", str(path), "--out", str(out)]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "4 reviewer decisions by alice, bob; 2 overrides; 0 sign-offs." in html
    assert "Reviewed verdicts: 2 disagreed." in html and "<td>score:citation</td><td>judge vs reviewer</td>" in html
    assert "answer-audit report --use-reviews" in html
