"""The politeness rules of the live-model client: retries, rate limits and the response cache.

``harness.io.openai_client.ChatClient`` uses them; they are separate so each can be read (and
tested) on its own: ``RetryPolicy`` (bounded attempts, exponential backoff with jitter),
``RateLimiter`` (requests- and tokens-per-minute token buckets, a shared pause after a 429) and
``ResponseCache`` (successful responses in SQLite, keyed by ``cache_key``).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import ConfigError

Message = Mapping[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """How often and how patiently a request is repeated."""

    max_attempts: int = 4
    """Attempts in total (the first one included); 1 means never retry."""
    base_delay_s: float = 1.0
    """Backoff before retry n is base * 2**(n-1), with 'equal jitter' (half fixed, half random)."""
    max_delay_s: float = 30.0
    max_retry_after_s: float = 120.0
    """A server asking to wait longer than this ends the attempts instead (the error is recorded)."""

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ConfigError(f"`max_attempts` must be at least 1, got {self.max_attempts}",
                              parameters=("max_attempts",))
        if self.base_delay_s < 0 or self.max_delay_s < 0:
            raise ConfigError("retry delays must not be negative")

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        cap = min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1))
        return cap / 2 + rng.uniform(0, cap / 2)


class RateLimiter:
    """Client-side requests-per-minute and tokens-per-minute limits, shared by all threads.

    Two token buckets refilled continuously. Each holds at most ``burst_s`` seconds' worth of
    budget, so a run starts gently instead of firing a minute's budget at once. Token spending is
    charged from an estimate before the request and corrected with the reported usage after.
    A server's Retry-After on 429 pauses everyone (``pause``), not only the thread that got it.
    """

    def __init__(self, rpm: float | None = None, tpm: float | None = None, *, burst_s: float = 5.0) -> None:
        for name, value in (("rpm", rpm), ("tpm", tpm)):
            if value is not None and value <= 0:
                raise ConfigError(f"`{name}` must be positive, got {value}", parameters=(name,))
        self.rpm, self.tpm = rpm, tpm
        self._cond = threading.Condition()
        now = time.monotonic()
        self._req_cap = max(1.0, rpm / 60 * burst_s) if rpm else 0.0
        self._tok_cap = max(1.0, tpm / 60 * burst_s) if tpm else 0.0
        self._req = self._req_cap
        self._tok = self._tok_cap
        self._last = now
        self._paused_until = 0.0

    @property
    def active(self) -> bool:
        return bool(self.rpm or self.tpm)

    def _refill(self, now: float) -> None:
        elapsed = now - self._last
        self._last = now
        if self.rpm:
            self._req = min(self._req_cap, self._req + elapsed * self.rpm / 60)
        if self.tpm:
            self._tok = min(self._tok_cap, self._tok + elapsed * self.tpm / 60)

    def acquire(self, tokens: float = 0.0) -> float:
        """Block until one request of about ``tokens`` tokens may start; returns the tokens charged."""
        charge = min(tokens, self._tok_cap) if self.tpm else 0.0
        with self._cond:
            while True:
                now = time.monotonic()
                self._refill(now)
                waits = [self._paused_until - now]
                if self.rpm and self._req < 1:
                    waits.append((1 - self._req) * 60 / self.rpm)
                if self.tpm and self._tok < charge:
                    waits.append((charge - self._tok) * 60 / self.tpm)
                wait = max(waits)
                if wait <= 0:
                    if self.rpm:
                        self._req -= 1
                    self._tok -= charge
                    return charge
                self._cond.wait(timeout=min(wait, 5.0))

    def settle(self, charged: float, actual: float) -> None:
        """Correct the token bucket once the response reports how many tokens were really used."""
        if not self.tpm:
            return
        with self._cond:
            self._tok -= actual - charged  # may go negative: later requests wait for the debt
            self._cond.notify_all()

    def pause(self, seconds: float) -> None:
        """Hold every request back for ``seconds`` (a server-side rate limit was hit)."""
        with self._cond:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)



class ResponseCache:
    """Successful responses in the run store's ``cache`` table (or any SQLite file), keyed by request.

    Its own connection and lock, so generator threads can use it while the runner writes answers
    through the store's connection (SQLite WAL serialises the writers). Errors are never cached.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                           "created_at TEXT NOT NULL)")

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM cache WHERE key=?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, key: str, value: Mapping[str, Any]) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO cache VALUES (?,?,?)",
                               (key, json.dumps(value, sort_keys=True, ensure_ascii=False), stamp))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def cache_key(base_url: str, model: str, params: Mapping[str, Any], messages: Sequence[Message],
              sample: int) -> str:
    """sha256 of everything that decides a response: endpoint, model, parameters, exact messages, sample."""
    blob = json.dumps({"base_url": base_url.rstrip("/"), "model": model, "params": dict(params),
                       "messages": [dict(m) for m in messages], "sample": sample},
                      sort_keys=True, ensure_ascii=False)
    return "chat:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()
