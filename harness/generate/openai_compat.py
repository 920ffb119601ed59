"""``openai:MODEL``: any OpenAI-compatible chat-completions endpoint (hosted APIs, vLLM, llama.cpp, Ollama).

Each question becomes two messages: the battery card's ``system_prompt`` and the patient's
question with their synthetic situation (``build_user_message``). The exact messages are stored
as JSON in ``Answer.prompt``; usage tokens in ``Answer.usage``; the reported model, finish reason,
HTTP status and retry waits in ``Answer.meta``. Transport, retries, rate limits and the response
cache live in ``harness.io.openai_client`` (shared with the LLM claim judge).

Sampling: ``--samples K`` asks K times. The sample index is part of the cache key, so K samples
are K requests, and when ``--seed S`` is given sample k is sent seed ``S + k`` (one seed for all
samples would make them identical on servers that honour seeds).

Failures are never answers: when attempts run out, the Answer has ``error`` set (status and
message, never the API key) and ``attempts``; the runner stores it and re-asks on resume.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from typing import Any

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.errors import ConfigError
from harness.generate.base import GeneratorOptions, build_user_message, finish, register_generator, require_argument
from harness.io.openai_client import ChatClient, RateLimiter, ResponseCache, RetryPolicy, cache_key, estimate_tokens

ASSUMED_COMPLETION_TOKENS = 500
"""Completion size assumed by dry-run estimates when --max-tokens is not set."""


class OpenAIGenerator:
    """Asks one model at one base URL; safe to call from many runner threads at once."""

    resume_keys = ("model", "base_url", "temperature", "seed", "max_tokens")
    """info() entries a resumed run must keep (the runner refuses to mix answers made with others)."""

    def __init__(self, model: str, battery: Battery, options: GeneratorOptions) -> None:
        if options.temperature is not None and not 0 <= options.temperature <= 2:
            raise ConfigError(f"temperature must be between 0 and 2, got {options.temperature}")
        if options.max_tokens is not None and options.max_tokens < 1:
            raise ConfigError(f"max_tokens must be at least 1, got {options.max_tokens}")
        self.model = model
        self.spec = f"openai:{model}"
        self.battery = battery
        self.options = options
        self.cache = (AgedCache(options.cache_path, options.cache_max_age_s) if options.cache_path else None)
        self.client = ChatClient(
            base_url=options.base_url, api_key_env=options.api_key_env, timeout_s=options.timeout_s,
            retry=RetryPolicy(max_attempts=options.max_attempts,
                              base_delay_s=float(options.extra.get("retry_base_delay_s", 1.0))),
            limiter=RateLimiter(options.rpm, options.tpm), cache=self.cache, pool_size=options.concurrency,
            require_key=not options.extra.get("dry_run", False))  # a dry run sends nothing, needs no key
        self._lock = threading.Lock()
        self._stats = {"requests": 0, "answers": 0, "cache_hits": 0, "errors": 0, "retries": 0,
                       "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}

    def messages(self, question: Question) -> list[dict[str, str]]:
        """Exactly what is sent: the card's system prompt and the patient's message."""
        return [{"role": "system", "content": self.battery.card.system_prompt},
                {"role": "user", "content": build_user_message(question)}]

    def params(self, sample: int) -> dict[str, Any]:
        """Request parameters beyond model and messages (only the ones set are sent)."""
        out: dict[str, Any] = {}
        if self.options.temperature is not None:
            out["temperature"] = self.options.temperature
        if self.options.seed is not None:
            out["seed"] = self.options.seed + sample
        if self.options.max_tokens is not None:
            out["max_tokens"] = self.options.max_tokens
        return out

    def generate(self, question: Question, sample: int = 0) -> Answer:
        started = time.perf_counter()
        messages = self.messages(question)
        prompt = json.dumps(messages, ensure_ascii=False)
        result = self.client.complete(messages, model=self.model, params=self.params(sample), sample=sample)
        usage = dict(result.usage)
        meta: dict[str, Any] = {"cached": result.cached}
        for key, value in (("model", result.model), ("finish_reason", result.finish_reason),
                           ("status", result.status), ("error_kind", result.error_kind)):
            if value is not None:
                meta[key] = value
        if result.retry_waits_s:
            meta["retry_waits_s"] = list(result.retry_waits_s)
        if result.finish_reason == "length":
            meta["truncated"] = True  # cut off by max_tokens: kept, but the report can say so
        self._count(result.attempts, result.cached, result.ok, usage)
        return finish(question, self.spec, sample, started, text=result.text, error=result.error, prompt=prompt,
                      options=self.options, attempts=result.attempts, usage=usage, meta=meta)

    def estimate(self, question: Question, sample: int = 0) -> dict[str, Any]:
        """What asking would cost, without asking: cached or not, prompt and completion tokens (rough)."""
        messages = self.messages(question)
        cached = False
        if self.cache is not None:
            cached = self.cache.get(cache_key(self.client.base_url, self.model, self.params(sample), messages,
                                              sample)) is not None
        return {"cached": cached, "prompt_tokens": estimate_tokens(messages),
                "completion_tokens": self.options.max_tokens or ASSUMED_COMPLETION_TOKENS}

    def stats(self) -> dict[str, int]:
        """Running totals since this generator was built (requests, cache hits, errors, tokens)."""
        with self._lock:
            return dict(self._stats)

    def info(self) -> dict[str, Any]:
        o = self.options
        return {"kind": "openai", "model": self.model, "base_url": self.client.base_url,
                "api_key_env": o.api_key_env, "api_key_set": self.client.has_api_key,
                "temperature": o.temperature, "seed": o.seed,
                "seed_per_sample": "seed + sample index" if o.seed is not None else None,
                "max_tokens": o.max_tokens, "timeout_s": o.timeout_s, "max_attempts": o.max_attempts,
                "rpm": o.rpm, "tpm": o.tpm, "cache": self.cache is not None,
                "system_prompt": self.battery.card.system_prompt}

    def close(self) -> None:
        self.client.close()
        if self.cache is not None:
            self.cache.close()

    def _count(self, attempts: int, cached: bool, ok: bool, usage: dict[str, Any]) -> None:
        with self._lock:
            s = self._stats
            s["requests"] += attempts
            s["retries"] += max(0, attempts - 1)
            s["cache_hits"] += cached
            s["answers"] += ok
            s["errors"] += not ok
            if not cached:
                for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
                    value = usage.get(key)
                    if isinstance(value, int):
                        s[key] += value


class AgedCache(ResponseCache):
    """The response cache, ignoring entries older than ``max_age_s`` (``--cache-max-age``; None: any age)."""

    def __init__(self, path: str, max_age_s: float | None = None) -> None:
        super().__init__(path)
        self.max_age_s = max_age_s

    def get(self, key: str) -> dict[str, Any] | None:
        hit = super().get(key)
        if hit is None or self.max_age_s is None:
            return hit
        with self._lock:
            row = self._conn.execute("SELECT created_at FROM cache WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        try:
            stamp = dt.datetime.fromisoformat(row[0])
        except ValueError:
            return None  # an unreadable stamp is treated as too old
        age = (dt.datetime.now(dt.UTC) - stamp).total_seconds()
        return hit if age <= self.max_age_s else None


@register_generator("openai")
def _factory(argument: str, battery: Battery, options: GeneratorOptions) -> OpenAIGenerator:
    require_argument("openai", argument, "openai:gpt-4.1-mini")
    return OpenAIGenerator(argument, battery, options)
