"""A small, polite client for OpenAI-compatible chat-completions endpoints.

Shared by the ``openai:MODEL`` generator and the LLM claim judge. It owns the parts of talking to
a live model that must be right once and reused:

- one ``httpx.Client`` (a thread-safe connection pool) per client, a per-request timeout;
- bounded retries (``max_attempts``), exponential backoff with jitter, honouring ``Retry-After``
  (and ``retry-after-ms``) on 429/503; a 429 also pauses every thread sharing the limiter;
- client-side requests-per-minute and tokens-per-minute limits (token buckets);
- error classification: network and timeout errors, 408/409/429/5xx and unreadable bodies are
  retried; other 4xx are not; when attempts run out the result carries the status and message;
- a response cache (SQLite, keyed by base URL, model, parameters, exact messages and sample).

The API key is read from an environment variable and only ever put in the Authorization header:
``ChatResult`` errors, ``repr`` and ``info()`` never contain it (``redact`` scrubs echoes of it).
``complete()`` never raises for anything the server or network does; it returns a ``ChatResult``.
"""

from __future__ import annotations

import email.utils
import json
import os
import random
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from harness.errors import ConfigError
from harness.io.request_policy import Message, RateLimiter, ResponseCache, RetryPolicy, cache_key

__all__ = ["CHARS_PER_TOKEN", "DEFAULT_API_KEY_ENV", "DEFAULT_BASE_URL", "RETRY_STATUSES", "ChatClient", "ChatResult",
           "Message", "RateLimiter", "ResponseCache", "RetryPolicy", "cache_key", "estimate_tokens"]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_API_KEY_ENV = "OPENAI_API_KEY"
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
"""Statuses worth asking again: overload, rate limit, transient server trouble."""
MAX_ERROR_CHARS = 300
CHARS_PER_TOKEN = 4.0
"""Rough size of a token in English text, for dry-run estimates and the tokens-per-minute limiter."""




@dataclass(frozen=True, slots=True, kw_only=True)
class ChatResult:
    """The outcome of one chat completion, after all its attempts."""

    text: str | None
    error: str | None = None
    """Why there is no text: status, message and attempts, never the API key."""
    status: int | None = None
    """HTTP status of the last attempt (None for network errors and cache hits)."""
    error_kind: str | None = None
    """timeout | network | http | invalid_response | refused (None when fine)."""
    attempts: int = 1
    """Requests made; 0 when the result came from the cache."""
    usage: Mapping[str, Any] = field(default_factory=dict)
    finish_reason: str | None = None
    model: str | None = None
    """The model name the server reports (may be more specific than the one asked for)."""
    latency_s: float = 0.0
    cached: bool = False
    retry_waits_s: tuple[float, ...] = ()
    """How long each retry waited, in order (for audits of the politeness rules)."""

    @property
    def ok(self) -> bool:
        return self.error is None and self.text is not None


def estimate_tokens(messages: Sequence[Message]) -> int:
    """Rough prompt size in tokens (characters / 4 plus a few per message), for limits and dry runs."""
    return sum(int(len(m.get("content", "")) / CHARS_PER_TOKEN) + 4 for m in messages) + 3


class ChatClient:
    """Chat completions against one OpenAI-compatible base URL, safe to share between threads."""

    def __init__(self, *, base_url: str | None = None, api_key_env: str = DEFAULT_API_KEY_ENV,
                 timeout_s: float = 120.0, retry: RetryPolicy | None = None,
                 limiter: RateLimiter | None = None, cache: ResponseCache | None = None,
                 pool_size: int = 64, seed: int | None = None, require_key: bool = True) -> None:
        self.base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(f"`base_url` must start with http:// or https://, got {self.base_url!r}",
                              parameters=("base_url",))
        if httpx.URL(self.base_url).userinfo:
            raise ConfigError("`base_url` must not contain credentials (they would be recorded with the run); "
                              "put the key in an environment variable named by `api_key_env`",
                              parameters=("base_url", "api_key_env"))
        self.api_key_env = api_key_env
        self._api_key = os.environ.get(api_key_env) or None
        if require_key and self._api_key is None and httpx.URL(self.base_url).host == "api.openai.com":
            raise ConfigError(f"The environment variable {api_key_env} holding the API key is not set; "
                              "export it, or name another variable with `api_key_env`", parameters=("api_key_env",))
        if timeout_s <= 0:
            raise ConfigError(f"`timeout_s` must be positive, got {timeout_s}", parameters=("timeout_s",))
        self.timeout_s = timeout_s
        self.retry = retry or RetryPolicy()
        self.limiter = limiter or RateLimiter()
        self.cache = cache
        self._rng = random.Random(seed)  # noqa: S311 - backoff jitter, not cryptography
        self._rng_lock = threading.Lock()
        headers = {"Content-Type": "application/json", "User-Agent": "answer-audit"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=httpx.Timeout(timeout_s),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=max(pool_size, 10)),
            follow_redirects=False, trust_env=False)

    def __repr__(self) -> str:
        key = f"${self.api_key_env} set" if self._api_key else f"${self.api_key_env} unset"
        return f"ChatClient(base_url={self.base_url!r}, {key})"

    @property
    def has_api_key(self) -> bool:
        return self._api_key is not None

    def close(self) -> None:
        self._http.close()

    def redact(self, text: str) -> str:
        """``text`` with any echo of the API key replaced (servers sometimes quote a bad key back)."""
        if self._api_key and self._api_key in text:
            text = text.replace(self._api_key, "[redacted]")
        return text

    def complete(self, messages: Sequence[Message], *, model: str, params: Mapping[str, Any] | None = None,
                 sample: int = 0, use_cache: bool = True) -> ChatResult:
        """One chat completion with caching, rate limits and bounded retries; never raises for I/O."""
        params = dict(params or {})
        key = cache_key(self.base_url, model, params, messages, sample)
        if use_cache and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return ChatResult(text=hit["text"], attempts=0, usage=hit.get("usage", {}),
                                  finish_reason=hit.get("finish_reason"), model=hit.get("model"), cached=True)
        body = {"model": model, "messages": [dict(m) for m in messages], **params}
        estimate = estimate_tokens(messages) + int(params.get("max_tokens") or 0)
        started = time.perf_counter()
        waits: list[float] = []
        last = ChatResult(text=None, error="no attempt made", error_kind="network", attempts=0)
        for attempt in range(1, self.retry.max_attempts + 1):
            charged = self.limiter.acquire(estimate)
            outcome, retry_after = self._attempt(body)
            used = float(outcome.usage.get("total_tokens", 0) or 0) if outcome.ok else 0.0
            self.limiter.settle(charged, used)
            last = outcome
            if outcome.ok or not _retryable(outcome):
                break
            if attempt == self.retry.max_attempts:
                break
            if retry_after is not None:
                if retry_after > self.retry.max_retry_after_s:
                    last = _replace_error(outcome, f"{outcome.error}; server asked to wait {retry_after:g} s, "
                                                   f"over the {self.retry.max_retry_after_s:g} s limit")
                    break
                delay = retry_after + self._jitter(min(1.0, retry_after * 0.1))
                if outcome.status == 429:
                    self.limiter.pause(retry_after)
            else:
                with self._rng_lock:
                    delay = self.retry.backoff(attempt, self._rng)
            waits.append(round(delay, 3))
            time.sleep(delay)
        attempts = len(waits) + 1
        latency = round(time.perf_counter() - started, 4)
        if last.ok:
            result = ChatResult(text=last.text, attempts=attempts, usage=last.usage, status=last.status,
                                finish_reason=last.finish_reason, model=last.model, latency_s=latency,
                                retry_waits_s=tuple(waits))
            if self.cache is not None:
                self.cache.put(key, {"text": result.text, "usage": dict(result.usage),
                                     "finish_reason": result.finish_reason, "model": result.model})
            return result
        plural = "s" if attempts != 1 else ""
        return ChatResult(text=None, error=f"{last.error} (after {attempts} attempt{plural})", status=last.status,
                          error_kind=last.error_kind, attempts=attempts, latency_s=latency,
                          retry_waits_s=tuple(waits))

    def _jitter(self, upto: float) -> float:
        with self._rng_lock:
            return self._rng.uniform(0, upto)

    def _attempt(self, body: Mapping[str, Any]) -> tuple[ChatResult, float | None]:
        """One HTTP request; the result and the server's Retry-After in seconds, if any."""
        try:
            response = self._http.post("/chat/completions", json=body)
        except httpx.TimeoutException as exc:
            kind = type(exc).__name__
            return ChatResult(text=None, error=f"timed out after {self.timeout_s:g} s ({kind})",
                              error_kind="timeout"), None
        except httpx.HTTPError as exc:
            return ChatResult(text=None, error=self.redact(f"network error: {type(exc).__name__}: {exc}"),
                              error_kind="network"), None
        status = response.status_code
        if status != 200:
            return (ChatResult(text=None, status=status, error_kind="http",
                               error=f"HTTP {status}: {self._error_message(response)}"),
                    _retry_after(response.headers))
        try:
            data = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return ChatResult(text=None, status=status, error_kind="invalid_response",
                              error=f"HTTP 200 with a body that is not valid JSON ({_short(exc)}; "
                                    f"{len(response.content)} bytes, possibly truncated)"), None
        return _parse_completion(data, status), None

    def _error_message(self, response: httpx.Response) -> str:
        message = ""
        try:
            data = response.json()
            err = data.get("error") if isinstance(data, dict) else None
            if isinstance(err, dict):
                message = str(err.get("message") or err.get("type") or "")
            elif isinstance(err, str):
                message = err
            elif isinstance(data, dict) and "detail" in data:  # FastAPI-style servers
                message = str(data["detail"])
            elif isinstance(data, dict) and "message" in data:  # vLLM: {"object": "error", "message": ...}
                message = str(data["message"])
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            message = response.text.strip()
        message = message or response.reason_phrase or "no message"
        if response.status_code == 401 and not self._api_key:
            message += f" (no API key sent: ${self.api_key_env} is not set)"
        message = self.redact(" ".join(message.split()))
        return message[:MAX_ERROR_CHARS] + ("…" if len(message) > MAX_ERROR_CHARS else "")


def _parse_completion(data: Any, status: int) -> ChatResult:
    """The text, usage and finish reason of a 200 response; a recorded error when its shape is wrong."""
    try:
        choice = data["choices"][0]
        message = choice.get("message") or {}
        text = message.get("content")
        finish = choice.get("finish_reason")
    except (KeyError, IndexError, TypeError, AttributeError):
        return ChatResult(text=None, status=status, error_kind="invalid_response",
                          error="HTTP 200 but the response has no choices[0].message")
    if isinstance(text, list):  # some gateways return content parts: [{"type": "text", "text": ...}]
        text = "".join(str(p.get("text", "")) for p in text if isinstance(p, dict) and p.get("type") == "text")
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    model = data.get("model") if isinstance(data.get("model"), str) else None
    if not isinstance(text, str) or not text.strip():
        why = f"finish_reason {finish!r}" if finish else "no finish_reason"
        return ChatResult(text=None, status=status, error_kind="refused", usage=usage, model=model,
                          finish_reason=finish, error=f"HTTP 200 but the model returned no text ({why})")
    return ChatResult(text=text, status=status, usage=usage, finish_reason=finish, model=model)


def _short(exc: Exception) -> str:
    return str(getattr(exc, "msg", None) or exc)[:80]


def _retryable(result: ChatResult) -> bool:
    if result.error_kind in ("timeout", "network", "invalid_response"):
        return True
    return result.error_kind == "http" and result.status in RETRY_STATUSES


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms``, else ``Retry-After`` (seconds or HTTP date)."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _replace_error(result: ChatResult, error: str) -> ChatResult:
    return ChatResult(text=None, error=error, status=result.status, error_kind=result.error_kind,
                      attempts=result.attempts)
