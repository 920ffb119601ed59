"""Issue 15 in a real browser (Debian's headless Chromium driven by Playwright): the report read with
JavaScript disabled, the reviewed drill-down, the refused no-change override and the adjudicator's log page."""

from __future__ import annotations

import threading
import time

import pytest

from harness.apps.cli import main
from harness.apps.review import create_app
from harness.results import reviews as rv
from harness.store import RunStore
from tests.integration.test_review_browser import ARGS, CHROMIUM, _free_port
from tests.review_fixtures import build_review_store
from tests.runs import make_run

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM or not __import__("pathlib").Path(CHROMIUM).exists(),
                                                      reason="Debian's chromium is not installed")]


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def test_report_reads_without_javascript_and_the_reviewed_drill_down_is_marked(tiny, store, project):
    from playwright.sync_api import sync_playwright

    from tests.unit.report.test_report_ux import _claims, _reviewed_gold_run

    make_run(store, "h", {"q0": {"claim_problems": (2.0, False)}, "q1": {"claim_problems": (0.0, True)}},
             claims={"q0": _claims()}, texts={"q0": "<script>document.title='pwned'</script> Plain answer."})
    assert main(["report", "h", "--store", str(store.path), "--out", str(project / "h")]) == 0
    _reviewed_gold_run(tiny, store)
    out = project / "out"
    assert main(["report", "r", "--use-reviews", "--store", str(store.path), "--out", str(out)]) == 0
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto((project / "h" / "report.html").as_uri())
        assert page.locator("#aa-controls").is_hidden()  # the filters need scripts; the content does not
        assert page.locator("details.q").count() == 2
        page.locator("#q-q0 > summary").click()
        answer = page.locator("#q-q0 .answer")
        assert answer.is_visible() and "<script>document.title='pwned'</script> Plain answer." in answer.inner_text()
        assert page.title().startswith("answer-audit") and "pwned" not in page.title()
        claims = page.locator("#q-q0 table.claims tr td:first-child").all_inner_texts()
        assert claims == ["d-contradicted", "e-stated", "c-missing-essential", "b-missing-supporting", "a-supported",
                          "f-absent"]  # problems first

        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto((out / "reviewed" / "report.html").as_uri())
        page.locator("#q-fever-chemo > summary").click()
        row = page.locator("#q-fever-chemo table.claims tr.reviewed-row", has_text="call-now")  # the claim row (the
        # claim_recall row now names call-now too: its reason is the reviewed count, "missing: call-now")
        assert row.is_visible() and "missing" in row.inner_text() and "reviewed" in row.inner_text()
        assert "reviewed by alice, bob (agreed)" in row.inner_text() and "automatic: supported" in row.inner_text()
        recall = page.locator("#q-fever-chemo table.scores tr", has_text="claim_recall")
        assert "0.000" in recall.inner_text() and "automatic 1.000, pass" in recall.inner_text()
        assert "0 of 1 essential claims supported; missing: call-now" in recall.inner_text()  # reviewed reason

        page = browser.new_context().new_page()  # with scripts: search and filters appear and work
        page.goto((project / "h" / "report.html").as_uri())
        assert page.locator("#aa-controls").is_visible()
        page.fill("#aa-search", "q1")
        page.wait_for_function("document.getElementById('aa-count').textContent.startsWith('1 of 2')")
        assert page.locator("#q-q0").is_hidden() and page.locator("#q-q1").is_visible()
        browser.close()


@pytest.fixture
def server(project):
    import uvicorn

    path, tokens = build_review_store(project)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}", path, tokens
    srv.should_exit = True
    thread.join(timeout=10)


def test_no_change_override_is_refused_and_the_log_page_shows_the_chain(server):
    from playwright.sync_api import sync_playwright

    url, path, tokens = server
    with sync_playwright() as p:
        browser = _browser(p)

        def login(name):
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.goto(f"{url}/login")
            page.fill("input[name=name]", name)
            page.fill("input[name=token]", tokens[name])
            page.click("button[type=submit]")
            page.wait_for_url(f"{url}/")
            return page

        alice = login("alice")
        alice.goto(f"{url}/?show=all")
        alice.locator("table tr:nth-child(2) td a").click()
        alice.wait_for_selector("#answer-text")
        row = alice.locator("tr[id^=claim-]").first
        claim_id = row.get_attribute("id").removeprefix("claim-")
        assert row.locator("select").input_value() == ""  # starts empty
        row.locator("input[name=reason]").fill("no change")
        row.locator("button", has_text="Override").click()
        assert alice.url.endswith(f"#claim-{claim_id}") is False or "refused" not in alice.url
        # the browser refuses the empty select (required), so nothing was sent
        with RunStore(path) as store:
            assert rv.reviews(store) == []
        # a crafted request with the automatic value is refused by the server, back on the same row
        automatic = row.locator("td").nth(1).inner_text().split()[0]
        alice.evaluate(
            "([sel, value]) => { const s = document.querySelector(sel); const o = document.createElement('option');"
            " o.value = value; o.textContent = value; s.appendChild(o); s.value = value; }",
            [f"#claim-{claim_id} select", automatic])
        row.locator("button", has_text="Override").click()
        alice.wait_for_selector("#refused")
        assert alice.url.endswith(f"#claim-{claim_id}") and "Not saved" in alice.locator("#refused").inner_text()
        row = alice.locator(f"#claim-{claim_id}")
        row.locator("button", has_text="Agree").click()
        alice.wait_for_selector("p.saved")
        assert alice.url.endswith(f"#claim-{claim_id}")
        with RunStore(path) as store:
            entries = rv.reviews(store)
        assert [(e.reviewer, e.decision) for e in entries] == [("alice", "agree")]

        alice.goto(f"{url}/log")
        assert "403" in alice.content()
        carol = login("carol")
        carol.click("text=Audit log")
        carol.wait_for_selector("#log")
        entry = carol.locator("#entry-1")
        assert entries[0].hash in entry.inner_text() and "0" * 64 in entry.inner_text()
        assert "audit trail intact: 1 entries" in carol.locator("#chain").inner_text()
        browser.close()
