"""openai:MODEL against a real HTTP server on 127.0.0.1: faults, retries, Retry-After, cache, secrets, resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.apps.cli import main
from harness.battery import load_battery
from harness.errors import ConfigError
from harness.generate import GeneratorOptions, make_generator
from harness.io.openai_client import ChatClient, RateLimiter, RetryPolicy
from harness.report.run_files import write_exports
from harness.run import run_battery
from harness.store import RunStore
from tests.fake_openai_server import FakeOpenAI, Reply, Seen
from tests.paths import REPO
from tests.synth import write_battery

FAST = {"retry_base_delay_s": 0.01}
CHEAP = ["safety_flags", "disclaimer"]
"""Scoring is not under test here; cheap scorers keep these tests fast."""


def _options(server: FakeOpenAI, **kw) -> GeneratorOptions:
    base = {"base_url": server.url, "timeout_s": 2.0, "max_attempts": 3, "extra": FAST, "concurrency": 8}
    return GeneratorOptions(**{**base, **kw})


def _topic(seen: Seen) -> int:
    """The synthetic question number in a request ("... topic number 7?")."""
    return int(seen.user.split("topic number ")[1].split("?")[0])


def _attempt(server: FakeOpenAI, seen: Seen) -> int:
    return server.count(lambda s: s.user == seen.user and s.index <= seen.index)


def test_prompt_context_parameters_and_usage_are_recorded(tiny, store):
    with FakeOpenAI() as server:
        gen = make_generator("openai:test-model", tiny,
                             _options(server, temperature=0.2, seed=7, max_tokens=300))
        run_battery(tiny, gen, store, run_id="p1", samples=2, scorers=CHEAP)
        bodies = [s.body for s in server.requests]
    assert len(bodies) == 4
    assert {b["model"] for b in bodies} == {"test-model"}
    assert {b["temperature"] for b in bodies} == {0.2} and {b["max_tokens"] for b in bodies} == {300}
    assert sorted(b["seed"] for b in bodies) == [7, 7, 8, 8]  # sample k is sent seed + k
    answer = store.answer("p1", "egfr-lung-first-line", 1)
    assert answer is not None and answer.ok and answer.attempts == 1
    messages = json.loads(answer.prompt)
    assert messages[0] == {"role": "system", "content": tiny.card.system_prompt}
    assert messages[1]["role"] == "user" and "About me:" in messages[1]["content"]
    assert "EGFR exon 19 deletion" in messages[1]["content"]
    assert messages in [b["messages"] for b in bodies]
    assert answer.usage["total_tokens"] > 0 and answer.meta["finish_reason"] == "stop"
    info = store.require_run("p1").generator_info
    assert (info["temperature"], info["seed"], info["max_tokens"], info["base_url"]) == (0.2, 7, 300, server.url)


def test_injected_faults_end_answered_or_with_a_recorded_error(tmp_path):
    write_battery(tmp_path, n=9)
    battery = load_battery(tmp_path / "evals" / "synthetic.yaml")

    def script(seen: Seen) -> Reply | None:
        topic, attempt = _topic(seen), _attempt(server, seen)
        if topic == 0:
            return Reply(status=500)  # always: attempts run out
        if topic == 1 and attempt == 1:
            return Reply(status=503)
        if topic == 2 and attempt == 1:
            return Reply(status=429, headers={"Retry-After": "1"})
        if topic == 3 and attempt == 1:
            return Reply(delay=1.5)  # hangs past the 0.4 s timeout
        if topic == 4:
            return Reply(truncate=True)  # always truncated JSON
        if topic == 5:
            return Reply(status=400)  # not retried
        if topic == 6 and attempt == 1:
            return Reply(drop=True)
        if topic == 7:
            return Reply(text="   ")  # an empty answer is an error, not a score of 0
        return None

    with RunStore(tmp_path / "s.sqlite") as store, FakeOpenAI(script=script) as server:
        gen = make_generator("openai:m", battery, _options(server, timeout_s=0.4))
        summary = run_battery(battery, gen, store, run_id="f1", concurrency=8, scorers=CHEAP)
        answers = {a.question_id: a for a in store.answers("f1")}
        per_topic = {t: server.count(lambda s, t=t: _topic(s) == t) for t in range(9)}
        q2 = [s.at for s in server.requests if _topic(s) == 2]
        scores = store.scores("f1")
    assert len(answers) == 9 and summary.asked == 9
    assert all(a.ok or a.error for a in answers.values())
    assert max(per_topic.values()) <= 3, "retries must be bounded by max_attempts"
    a = answers
    assert a["q0000"].error.startswith("HTTP 500: injected status 500") and a["q0000"].attempts == 3
    assert "(after 3 attempts)" in a["q0000"].error and a["q0000"].meta["status"] == 500
    assert a["q0001"].ok and a["q0001"].attempts == 2
    assert a["q0002"].ok and a["q0002"].attempts == 2 and a["q0002"].meta["retry_waits_s"][0] >= 1.0
    assert q2[1] - q2[0] >= 1.0, "Retry-After: 1 must be honoured"
    assert a["q0003"].ok and a["q0003"].attempts == 2
    assert "not valid JSON" in a["q0004"].error and a["q0004"].attempts == 3
    assert a["q0005"].error.startswith("HTTP 400") and a["q0005"].attempts == 1 and per_topic[5] == 1
    assert a["q0006"].ok and a["q0006"].attempts == 2
    assert a["q0007"].error and a["q0007"].text is None
    assert a["q0008"].ok and a["q0008"].attempts == 1
    errored = {"q0000", "q0004", "q0005", "q0007"}
    for s in scores:
        if s.question_id in errored:
            assert s.value is None and s.reason.startswith("generation failed")


def test_retry_after_beyond_the_limit_ends_attempts(tmp_path):
    with FakeOpenAI(script=lambda s: Reply(status=429, headers={"Retry-After": "3600"})) as server:
        client = ChatClient(base_url=server.url, retry=RetryPolicy(max_attempts=5, max_retry_after_s=60))
        result = client.complete([{"role": "user", "content": "hi"}], model="m")
        client.close()
    assert not result.ok and result.attempts == 1 and server.count() == 1
    assert "asked to wait 3600 s" in result.error and result.status == 429


def test_cache_makes_reruns_free_unless_bypassed_and_counts_samples(tiny, store):
    with FakeOpenAI() as server:
        opts = _options(server, cache_path=str(store.path))
        run_battery(tiny, make_generator("openai:m", tiny, opts), store, run_id="c1", samples=3,
                    scorers=CHEAP)
        assert server.count() == 6, "K samples are K requests"
        gen = make_generator("openai:m", tiny, opts)
        run_battery(tiny, gen, store, run_id="c2", samples=3, scorers=CHEAP)
        assert server.count() == 6, "a new run with the same requests is served from the cache"
        assert gen.stats()["cache_hits"] == 6
        assert all(a.meta["cached"] and a.attempts == 0 for a in store.answers("c2"))
        assert [a.text for a in store.answers("c2")] == [a.text for a in store.answers("c1")]
        uncached = make_generator("openai:m", tiny, _options(server, cache_path=None))
        run_battery(tiny, uncached, store, run_id="c3", scorers=CHEAP)
        assert server.count() == 8, "--no-cache asks again"
        other = _options(server, cache_path=str(store.path), temperature=1.0)
        run_battery(tiny, make_generator("openai:m", tiny, other), store, run_id="c4", scorers=CHEAP)
        assert server.count() == 10, "other parameters are another cache key"


def test_resume_asks_again_only_for_errored_answers(tmp_path):
    write_battery(tmp_path, n=6)
    battery = load_battery(tmp_path / "evals" / "synthetic.yaml")
    failing = {1, 4}

    def script(seen: Seen) -> Reply | None:
        return Reply(status=502) if _topic(seen) in failing else None

    with RunStore(tmp_path / "s.sqlite") as store, FakeOpenAI(script=script) as server:
        opts = _options(server, max_attempts=2, cache_path=str(store.path))
        first = run_battery(battery, make_generator("openai:m", battery, opts), store, run_id="r",
                            scorers=CHEAP)
        assert (first.answered, first.errored) == (4, 2) and server.count() == 4 + 2 * 2
        assert store.require_run("r").status == "incomplete"
        failing.clear()
        before = server.count()
        second = run_battery(battery, make_generator("openai:m", battery, opts), store, run_id="r",
                             scorers=CHEAP)
        asked = sorted(_topic(s) for s in server.requests[before:])
        assert asked == [1, 4] and (second.asked, second.reused) == (2, 4)
        assert all(a.ok for a in store.answers("r")) and store.require_run("r").status == "finished"


def test_api_key_is_sent_but_never_stored_logged_or_exported(tmp_path, monkeypatch, capsys):
    secret = "sk-test-" + "Zq9" * 8
    monkeypatch.setenv("AUDIT_TEST_KEY", secret)
    write_battery(tmp_path, n=3)
    battery = load_battery(tmp_path / "evals" / "synthetic.yaml")

    def script(seen: Seen) -> Reply | None:
        if _topic(seen) == 2:  # a server that quotes the bad key back in its error message
            body = json.dumps({"error": {"message": f"Incorrect API key provided: {secret}."}})
            return Reply(status=401, raw=body.encode())
        return None

    db = tmp_path / "s.sqlite"
    with RunStore(db) as store, FakeOpenAI(script=script) as server:
        gen = make_generator("openai:m", battery, _options(server, api_key_env="AUDIT_TEST_KEY",
                                                          cache_path=str(db)))
        run_battery(battery, gen, store, run_id="k", scorers=CHEAP)
        assert {s.headers["authorization"] for s in server.requests} == {f"Bearer {secret}"}
        error = store.answer("k", "q0002").error
        assert error.startswith("HTTP 401") and "[redacted]" in error and secret not in error
        assert secret not in repr(gen.client) and secret not in json.dumps(gen.info())
        write_exports(store, "k", tmp_path / "reports" / "k")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "s.sqlite" for p in files) and any(p.parent.name == "k" for p in files)
    for path in files:
        assert secret.encode() not in path.read_bytes(), f"API key leaked into {path}"
    assert secret not in capsys.readouterr().out


def test_missing_key_for_the_hosted_api_is_a_clear_config_error(tiny, monkeypatch):
    monkeypatch.delenv("NO_SUCH_KEY_VAR", raising=False)
    with pytest.raises(ConfigError, match="NO_SUCH_KEY_VAR"):
        make_generator("openai:gpt-4.1-mini", tiny, GeneratorOptions(base_url="https://api.openai.com/v1",
                                                                     api_key_env="NO_SUCH_KEY_VAR"))
    with pytest.raises(ConfigError, match="must not contain credentials"):
        make_generator("openai:m", tiny, GeneratorOptions(base_url="http://user:pw@127.0.0.1:9/v1"))


def test_dry_run_prints_requests_and_tokens_and_sends_nothing(project, capsys):
    with FakeOpenAI() as server:
        code = main(["run", "--battery", "tiny", "--generator", "openai:m", "--base-url", server.url,
                     "--store", str(project / "d.sqlite"), "--samples", "3", "--max-tokens", "200", "--dry-run"])
        assert code == 0 and server.count() == 0
        out = capsys.readouterr().out
        assert "2 questions x 3 sample(s) = 6 answers" in out and "6 requests to send" in out
        assert "up to 1,200 completion tokens (--max-tokens 200)" in out
        assert main(["run", "--battery", "tiny", "--generator", "openai:m", "--base-url", server.url,
                     "--store", str(project / "d.sqlite"), "--run-id", "d", "--no-report", "--no-progress",
                     "--scorer", "safety_flags"]) == 0
        capsys.readouterr()
        assert main(["run", "--battery", "tiny", "--generator", "openai:m", "--base-url", server.url,
                     "--store", str(project / "d.sqlite"), "--run-id", "d2", "--dry-run"]) == 0
        assert "0 requests to send (2 answered from the cache)" in capsys.readouterr().out


def test_rate_limiter_spaces_requests_and_tokens():
    limiter = RateLimiter(rpm=1200, burst_s=0.05)  # 20 per second, burst of 1
    started = time.monotonic()
    for _ in range(6):
        limiter.acquire()
    assert time.monotonic() - started >= 5 / 20 * 0.95
    tokens = RateLimiter(tpm=60_000, burst_s=0.1)  # 1000 tokens per second, bucket of 100
    started = time.monotonic()
    charged = tokens.acquire(100)
    tokens.settle(charged, 300)  # the response used more than estimated: the debt is waited out
    tokens.acquire(100)
    assert time.monotonic() - started >= 0.3 * 0.95


def _answers(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM answers WHERE error IS NULL").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_killed_cli_run_resumes_without_asking_answered_questions_again(tmp_path):
    n = 24
    write_battery(tmp_path, n=n)
    db = tmp_path / "reports" / "store.sqlite"
    with FakeOpenAI(latency=0.1) as server:
        cmd = [sys.executable, "-m", "harness", "run", "--battery", "synthetic", "--generator", "openai:m",
               "--base-url", server.url, "--run-id", "killed", "--store", str(db), "--concurrency", "3",
               "--no-report", "--no-progress", "--scorer", "safety_flags"]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while _answers(db) < 6 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with RunStore(db) as store:
            answered_before = {a.question_id for a in store.answers("killed") if a.ok}
        assert 6 <= len(answered_before) < n, "the run should have been killed part-way"
        first_requests = server.count()
        done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        asked_after = {f"q{_topic(s):04d}" for s in server.requests[first_requests:]}
    assert not (asked_after & answered_before), "answers stored before the kill were asked again"
    with RunStore(db) as store:
        answers = store.answers("killed")
        assert len(answers) == n and all(a.ok for a in answers)
        assert store.require_run("killed").status == "finished"


def test_resume_refuses_other_sampling_parameters(tiny, store):
    from harness.errors import StoreError

    with FakeOpenAI() as server:
        run_battery(tiny, make_generator("openai:m", tiny, _options(server, temperature=0.0)), store,
                    run_id="t", scorers=CHEAP)
        with pytest.raises(StoreError, match="used temperature 0.0, not 0.7"):
            run_battery(tiny, make_generator("openai:m", tiny, _options(server, temperature=0.7)), store,
                        run_id="t", scorers=CHEAP)
        again = run_battery(tiny, make_generator("openai:m", tiny, _options(server, temperature=0.0, rpm=600)),
                            store, run_id="t", scorers=CHEAP)
    assert again.asked == 0 and again.reused == 2


def test_server_dialects_error_bodies_and_content_parts():
    vllm_error = json.dumps({"object": "error", "message": "model 'x' does not exist", "code": 404}).encode()
    parts = json.dumps({"choices": [{"message": {"role": "assistant", "content": [
        {"type": "text", "text": "Call your "}, {"type": "text", "text": "care team."}]},
        "finish_reason": "stop"}], "usage": {"total_tokens": 9}}).encode()

    def script(seen: Seen) -> Reply:
        return Reply(status=404, raw=vllm_error) if seen.body["model"] == "x" else Reply(raw=parts)

    with FakeOpenAI(script=script) as server:
        client = ChatClient(base_url=server.url)
        missing = client.complete([{"role": "user", "content": "hi"}], model="x")
        ok = client.complete([{"role": "user", "content": "hi"}], model="y")
        client.close()
    assert missing.error == "HTTP 404: model 'x' does not exist (after 1 attempt)" and missing.attempts == 1
    assert ok.text == "Call your care team." and ok.usage == {"total_tokens": 9}
