"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks (not a mocked client).

``FakeOpenAI`` serves ``POST /v1/chat/completions`` from a ThreadingHTTPServer in a background
thread. By default it answers every request after ``latency`` seconds with a short answer that
echoes the question; a ``script(seen) -> Reply | None`` injects faults per request: other statuses
with Retry-After, hangs past the client's timeout, truncated JSON, dropped connections. Every
request is recorded (``requests``), including its headers, so tests can count what was asked and
check what was sent.

Run standalone for benchmarks or manual checks: ``python -m tests.fake_openai_server --latency 1``
prints the base URL on its first stdout line.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_ANSWER = (
    "Thank you for asking. {question} This is general information, not medical advice. Many people in "
    "your situation are offered treatment based on the type and stage of their cancer, and your care team "
    "will explain the choices. Call your care team straight away if you have a fever, bleeding or new pain. "
    "Sources: National Cancer Institute (cancer.gov) patient pages."
)


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as the server received it."""

    index: int
    at: float
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def user(self) -> str:
        """The last user message (the patient's question plus context)."""
        for message in reversed(self.body.get("messages", [])):
            if message.get("role") == "user":
                return str(message.get("content", ""))
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """What to do with one request."""

    status: int = 200
    text: str | None = None
    """Answer text for a 200 (default: DEFAULT_ANSWER with the question)."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float | None = None
    """Seconds before replying (default: the server's latency)."""
    truncate: bool = False
    """Send only the first half of a valid JSON body (with a matching Content-Length)."""
    drop: bool = False
    """Close the connection without replying."""
    usage: dict[str, int] | None = None
    raw: bytes | None = None
    """Send exactly these bytes as the body."""


Script = Callable[[Seen], Reply | None]

POLL_S = 0.01
"""serve_forever's poll interval: how long shutdown() may wait (the stdlib default is 0.5 s)."""
HANDLER_TIMEOUT_S = 5.0
"""Socket timeout of each connection's handler thread (daemon threads; never blocks the exit)."""


class FakeOpenAI:
    """The server; use as a context manager, ``url`` is the base URL to pass as ``--base-url``."""

    def __init__(self, *, latency: float = 0.0, script: Script | None = None, port: int = 0) -> None:
        self.latency = latency
        self.script = script
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = HANDLER_TIMEOUT_S  # an idle keep-alive connection does not hold its thread for long

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm and
                # delayed ACKs add ~40 ms to every response (real servers such as uvicorn set it too).
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
                return

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                outer._handle(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False
            request_queue_size = 512

        self._server = Server(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": POLL_S},
                                        name="fake-openai", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # shutdown() waits for serve_forever's next poll; POLL_S keeps that wait short
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=1.0)

    def count(self, predicate: Callable[[Seen], bool] | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.requests if predicate is None or predicate(s))

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length)
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            body = {}
        with self._lock:
            seen = Seen(index=len(self.requests), at=time.monotonic(), path=h.path,
                        headers={k.lower(): v for k, v in h.headers.items()}, body=body)
            self.requests.append(seen)
        if h.path.rstrip("/") != "/v1/chat/completions":
            self._send(h, 404, json.dumps({"error": {"message": f"no route {h.path}"}}).encode())
            return
        reply = (self.script(seen) if self.script else None) or Reply()
        time.sleep(self.latency if reply.delay is None else reply.delay)
        if reply.drop:
            h.close_connection = True
            h.connection.close()
            return
        if reply.raw is not None:
            payload = reply.raw
        elif reply.status == 200:
            text = reply.text if reply.text is not None else DEFAULT_ANSWER.format(question=seen.user.split("\n")[0])
            prompt_tokens = sum(len(str(m.get("content", ""))) // 4 for m in body.get("messages", []))
            usage = reply.usage or {"prompt_tokens": prompt_tokens, "completion_tokens": len(text) // 4,
                                    "total_tokens": prompt_tokens + len(text) // 4}
            payload = json.dumps({
                "id": f"chatcmpl-{seen.index}", "object": "chat.completion", "model": body.get("model", "fake"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": usage}).encode()
        else:
            payload = json.dumps({"error": {"message": f"injected status {reply.status}",
                                            "type": "injected"}}).encode()
        if reply.truncate:
            payload = payload[: len(payload) // 2]
        self._send(h, reply.status, payload, reply.headers)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(payload)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to send to


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fake OpenAI-compatible endpoint on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each reply")
    args = parser.parse_args()
    with FakeOpenAI(latency=args.latency, port=args.port) as server:
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
