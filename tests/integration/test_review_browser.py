"""The reviewer app in a real browser: Playwright drives Debian's headless Chromium against a live server.

Two reviewers review blind, one overrides a verdict with a reason and signs off, they disagree, an
adjudicator settles it, and the agreement page and audit trail reflect it. Set
ANSWER_AUDIT_SCREENSHOTS=docs/screenshots to refresh the README's screenshots.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from harness.apps.review import create_app
from harness.results import reviews as rv
from harness.store import RunStore
from tests.review_fixtures import build_review_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(project):
    import uvicorn

    path, tokens = build_review_store(project)
    port = _free_port()
    config = uvicorn.Config(create_app(path, blind=True), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", path, tokens
    srv.should_exit = True
    thread.join(timeout=10)


def _shot(page, name: str) -> None:
    target = os.environ.get("ANSWER_AUDIT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=False)


def test_blind_double_review_override_signoff_and_adjudication(server, tmp_path):
    from playwright.sync_api import sync_playwright

    url, path, tokens = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        def login(name: str):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{url}/")
            assert page.url.endswith("/login")
            page.fill("input[name=name]", name)
            page.fill("input[name=token]", tokens[name])
            page.click("button[type=submit]")
            page.wait_for_url(f"{url}/")
            return page

        alice = login("alice")
        _shot(alice, "queue")
        # Flagged answers come first; open the first flagged one.
        alice.click("table tr:nth-child(2) td a")
        alice.wait_for_selector("#answer-text")
        assert "hostile-run" not in alice.content() and "gold-run" not in alice.content()
        code = alice.url.rsplit("/", 1)[-1]
        first_claim = alice.locator("tr[id^=claim-]").first
        claim_id = first_claim.get_attribute("id").removeprefix("claim-")
        automatic = first_claim.locator("td").nth(1).inner_text().split()[0]
        # Issue 15: the select starts on a disabled "choose…" and offers only values other than the automatic one.
        choices = first_claim.locator("select option:not([disabled])").all_inner_texts()
        assert automatic not in choices
        override = next(c for c in choices if c != automatic)
        first_claim.locator("select").select_option(override)
        first_claim.locator("input[name=reason]").fill("The sentence is hedged; a clinician would not count it.")
        first_claim.locator("button", has_text="Override").click()
        alice.wait_for_selector("p.saved")
        assert "Saved: override." in alice.content()
        _shot(alice, "answer")
        alice.click("text=Sign off this answer")
        alice.wait_for_selector("text=You signed off this answer.")

        bob = login("bob")
        bob.goto(f"{url}/answer/{code}")
        assert "The sentence is hedged" not in bob.content(), "blind review must hide the other reviewer"
        bob.locator(f"#claim-{claim_id} button", has_text="Agree").click()
        bob.wait_for_selector("p.saved")
        bob.click("text=Sign off this answer")
        bob.wait_for_selector("text=You signed off this answer.")

        carol = login("carol")
        carol.goto(f"{url}/?show=disagreements")
        assert code in carol.content()
        carol.goto(f"{url}/answer/{code}")
        assert "The sentence is hedged" in carol.content()
        row = carol.locator(f"#claim-{claim_id}")
        row.locator("select").select_option(override)
        row.locator("input[name=reason]").fill("Adjudicated: agree with the first reviewer.")
        row.locator("button", has_text="Override").click()
        carol.wait_for_selector("p.saved")
        carol.goto(f"{url}/agreement")
        assert "audit trail intact: 5 entries" in carol.content()
        _shot(carol, "agreement")
        browser.close()

    with RunStore(path) as store:
        log = rv.reviews(store)
        assert [(r.reviewer, r.decision) for r in log] == [
            ("alice", "override"), ("alice", "signoff"), ("bob", "agree"), ("bob", "signoff"), ("carol", "override")]
        statuses = rv.target_statuses(log)
        (status,) = [s for k, s in statuses.items() if k[4] == claim_id and k[0] == log[0].run_id
                     and k[1] == log[0].question_id]
        assert status.state == "adjudicated" and status.final == override
        assert rv.verify_chain(store).ok

    # The report reflects the review: decisions, agreement figures and reviewed values.
    from harness.apps.cli import main

    run_id = log[0].run_id
    out = tmp_path / "reviewed"
    assert main(["report", run_id, "--use-reviews", "--store", str(path), "--out", str(out)]) == 0
    # Issue 15: the reviewed report is written beside the automatic one (out/reviewed/), not over it.
    html = (out / "reviewed" / "report.html").read_text(encoding="utf-8")
    assert 'id="reviews"' in html and "reviewer decisions by alice, bob, carol" in html
    assert "1 adjudicated" in html and "audit trail intact: 5 entries" in html
    assert "numbers, verdicts and the drill-down use reviewed values" in html
    assert "numbers, verdicts and the drill-down use reviewed values" not in (out / "report.html").read_text(
        encoding="utf-8")
