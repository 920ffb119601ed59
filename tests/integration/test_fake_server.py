"""The fake OpenAI server used by tests and benchmarks shuts down promptly, even with a client connected."""

from __future__ import annotations

import socket
import time

from tests.fake_openai_server import FakeOpenAI


def test_shutdown_is_prompt_with_an_idle_keep_alive_connection():
    server = FakeOpenAI()
    with server:
        host, port = server.url.removeprefix("http://").removesuffix("/v1").split(":")
        conn = socket.create_connection((host, int(port)), timeout=2)
        body = b'{"model": "m", "messages": []}'
        conn.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        assert conn.recv(12).startswith(b"HTTP/1.1 200")
        started = time.perf_counter()
    elapsed = time.perf_counter() - started  # the connection is still open (keep-alive) at exit
    conn.close()
    assert elapsed < 0.3, f"shutdown took {elapsed:.2f} s"
    assert server.count() == 1
