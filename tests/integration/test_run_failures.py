"""Failures that must not hide: a dead endpoint stops early, an all-failed run exits 1, causes are counted,
CI logs get progress lines, and answers replayed from the cache are announced (issue 15)."""

from __future__ import annotations

import socket
import sqlite3

from harness.apps.cli import main
from harness.apps.cli.progress import LineProgress
from harness.core.records import Answer
from harness.generate.failures import ErrorTally, FailureWatch, error_cause
from tests.fake_openai_server import FakeOpenAI
from tests.synth import write_battery


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on exit: nothing listens there


def _failed(qid: str, error: str) -> Answer:
    return Answer(question_id=qid, generator="x", text=None, error=error)


def test_error_causes_are_named():
    assert error_cause("network error: ConnectError: [Errno 111] Connection refused (after 4 attempts)") \
        == "connection refused"
    assert error_cause("command exited with status 127; stderr: sh: 1: nosuchbinary: not found") \
        == "command not found"
    assert error_cause("HTTP 500: boom (after 3 attempts)") == "HTTP 500"
    assert error_cause("HTTP 401: bad key") == "HTTP 401 (API key rejected)"
    tally = ErrorTally.of([_failed("a", "HTTP 500: x"), _failed("b", "HTTP 500: y"), _failed("c", "timed out after 2 s")])
    assert tally.lines() == ["generation errors by cause: 2 HTTP 500, 1 timed out", "first error (a): HTTP 500: x"]


def test_failure_watch_stops_only_a_dead_start():
    watch = FailureWatch("http://127.0.0.1:9/v1", threshold=2)
    refused = _failed("q", "network error: ConnectError: Connection refused")
    assert watch.observe(refused) is None
    stop = watch.observe(refused)
    assert stop is not None and "connection refused from http://127.0.0.1:9/v1" in str(stop)
    alive = FailureWatch("x", threshold=2)
    assert alive.observe(Answer(question_id="q", generator="x", text="ok")) is None
    assert alive.observe(refused) is None and alive.observe(refused) is None  # it worked once: keep going
    served = FailureWatch("x", threshold=1)
    assert served.observe(_failed("q", "HTTP 500: overloaded")) is None  # the server answered


def test_dead_endpoint_stops_early_with_one_sentence_and_exits_1(project, capsys):
    write_battery(project, "syn", 8)
    url = f"http://127.0.0.1:{_dead_port()}/v1"
    code = main(["run", "--battery", "syn", "--generator", "openai:m", "--base-url", url, "--run-id", "dead",
                 "--max-attempts", "1", "--concurrency", "1", "--no-progress", "--store", "s.sqlite"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"stopped after the first 3 answers all failed with connection refused from {url}" in err
    assert "(last error: network error: ConnectError" in err and "check the endpoint and re-run" in err
    assert "generation errors by cause: 3 connection refused" in err
    with sqlite3.connect(project / "s.sqlite") as db:
        assert db.execute("SELECT status FROM runs WHERE run_id='dead'").fetchone()[0] == "incomplete"
        assert db.execute("SELECT count(*) FROM answers WHERE run_id='dead'").fetchone()[0] < 8


def test_missing_command_stops_early(project, capsys):
    write_battery(project, "syn", 6)
    code = main(["run", "--battery", "syn", "--generator", "command:nosuchbinary-aa", "--run-id", "nocmd",
                 "--concurrency", "1", "--no-progress", "--store", "s.sqlite"])
    err = capsys.readouterr().err
    assert code == 1 and "all failed with command not found from command 'nosuchbinary-aa'" in err
    assert "check the command and re-run with the same --run-id" in err


def test_all_failed_run_exits_1_and_counts_causes(project, capsys):
    write_battery(project, "syn", 2)
    code = main(["run", "--battery", "syn", "--generator", "command:exit 3", "--run-id", "bad",
                 "--no-progress", "--store", "s.sqlite"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "run bad: asked 2 (answered 0, 2 errors), reused 0 stored answers, scored 0 answers " \
           "(2 errored answers recorded as unscored)" in out
    assert "generation errors by cause: 2 command exited with status 3" in err
    assert "every generation failed (2 answers); exit status 1" in err


def test_plain_progress_lines_when_not_a_terminal(project, capsys):
    write_battery(project, "syn", 3)
    assert main(["run", "--battery", "syn", "--generator", "gold", "--run-id", "g", "--store", "s.sqlite",
                 "--progress-every", "0", "--no-report"]) == 0
    err = capsys.readouterr().err
    assert "progress: 3 answers to ask" in err and "progress: 3/3 answers, 0 errors" in err
    ticks = iter([0.0, 10.0, 10.0, 20.0])
    lines = LineProgress(every_s=5, clock=lambda: next(ticks))
    with lines as hook:
        hook("start", 0, 4, 0)
        hook("answer", 2, 4, 1)
        hook("end", 4, 4, 1)
    assert lines.lines == ["progress: 4 answers to ask", "progress: 2/4 answers, 1 error, 0.2/s, ETA 10 s",
                           "progress: 4/4 answers, 1 error, 0.2/s"]
    one = LineProgress(every_s=5, clock=lambda: 0.0)
    with one as hook:
        hook("start", 0, 1, 0)
    assert one.lines == ["progress: 1 answer to ask"]  # not "1 answers"


def test_cache_replay_is_announced_and_max_age_bounds_it(project, capsys):
    write_battery(project, "syn", 2)
    with FakeOpenAI() as server:
        base = ["run", "--battery", "syn", "--generator", "openai:m", "--base-url", server.url, "--no-progress",
                "--no-report", "--store", "s.sqlite"]
        assert main([*base, "--run-id", "a"]) == 0
        capsys.readouterr()
        assert main([*base, "--run-id", "b"]) == 0
        assert server.count() == 2
        assert "2 answers came from the cache of earlier runs (no request sent); --no-cache to ask again" \
            in capsys.readouterr().out
        with sqlite3.connect(project / "s.sqlite") as db:
            db.execute("UPDATE cache SET created_at='2020-01-01T00:00:00+00:00'")
        assert main([*base, "--run-id", "c", "--cache-max-age", "7d"]) == 0
        assert server.count() == 4, "entries older than --cache-max-age are asked again"
        assert "from the cache" not in capsys.readouterr().out
