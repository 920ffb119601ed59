"""The Generator protocol, the prompt every generator is given, and the spec-string registry.

A generator turns a Question into an Answer. It is chosen by a spec string that is recorded in
the run (``recorded:answers.jsonl``, ``command:./my_model.sh``, ``python:pkg.mod:fn``, ``gold``,
``openai:MODEL``). A generator never invents text on failure: it returns an Answer whose
``error`` says what went wrong, and the runner stores it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from harness.battery import Battery, Question
from harness.core.records import Answer
from harness.core.registry import Registry
from harness.errors import ConfigError

MAX_ANSWER_BYTES = 1_000_000
"""Answers larger than this are recorded as errors (a runaway model, not a patient answer)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneratorOptions:
    """Options common to generators, set from the command line and recorded in the run."""

    timeout_s: float = 120.0
    max_answer_bytes: int = MAX_ANSWER_BYTES
    # Live-model options (openai:MODEL); other generators ignore them.
    base_url: str | None = None
    """Endpoint root, e.g. http://127.0.0.1:8000/v1 (default $OPENAI_BASE_URL, else api.openai.com)."""
    api_key_env: str = "OPENAI_API_KEY"
    """Name of the environment variable holding the API key (the key itself is never recorded)."""
    temperature: float | None = None
    seed: int | None = None
    max_tokens: int | None = None
    rpm: float | None = None
    """Client-side limit on requests per minute (None: no limit)."""
    tpm: float | None = None
    """Client-side limit on tokens per minute (None: no limit)."""
    max_attempts: int = 4
    """Attempts per request, the first included (retries are bounded)."""
    concurrency: int = 4
    """Requests in flight at once (sizes the connection pool; the runner sets the thread count)."""
    cache_path: str | None = None
    """SQLite file whose ``cache`` table holds responses (the run store); None disables the cache."""
    cache_max_age_s: float | None = None
    """Reuse a cached response only when it is younger than this many seconds (None: any age)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Generator-specific options (e.g. base_url, temperature for live models)."""


@runtime_checkable
class Generator(Protocol):
    """Anything that answers a battery's questions."""

    spec: str
    """The exact spec string, recorded with the run and every answer."""

    def generate(self, question: Question, sample: int = 0) -> Answer: ...

    def info(self) -> dict[str, Any]:
        """What the run records about this generator (parameters, never secrets)."""
        ...


GeneratorFactory = Callable[[str, Battery, GeneratorOptions], Generator]
GENERATORS: Registry[GeneratorFactory] = Registry("generator")
"""Factories keyed by spec prefix (the part before the first ':')."""


def register_generator(prefix: str) -> Callable[[GeneratorFactory], GeneratorFactory]:
    """Register a factory ``(argument, battery, options) -> Generator`` for ``prefix:argument`` specs."""
    return GENERATORS.decorator(prefix)


def make_generator(spec: str, battery: Battery, options: GeneratorOptions | None = None) -> Generator:
    """Build the generator a spec string names (``prefix:argument`` or a bare ``prefix``)."""
    import harness.generate  # noqa: F401  (registers the built-in generators)

    prefix, _, argument = spec.partition(":")
    factory = GENERATORS.get(prefix.strip())
    return factory(argument.strip(), battery, options or GeneratorOptions())


def build_user_message(question: Question) -> str:
    """What the patient asks, with their (synthetic) situation when the question is personalised."""
    if question.context is None:
        return question.question
    return f"{question.question}\n\nAbout me:\n{question.context.describe()}"


def question_payload(question: Question) -> dict[str, Any]:
    """The question as JSON for external generators (command, python)."""
    return {
        "question_id": question.id,
        "question": question.question,
        "context": question.context.model_dump(mode="json", exclude_none=True) if question.context else None,
        "tags": dict(question.tags),
    }


def finish(question: Question, spec: str, sample: int, started: float, *, text: str | None = None,
           error: str | None = None, prompt: str | None = None, options: GeneratorOptions | None = None,
           attempts: int = 1, usage: dict[str, Any] | None = None, meta: dict[str, Any] | None = None) -> Answer:
    """Build the Answer, turning empty or oversized text into a recorded error."""
    limit = (options or GeneratorOptions()).max_answer_bytes
    if error is None:
        if text is None or not text.strip():
            error, text = "generator returned an empty answer", None
        elif len(text.encode("utf-8", "surrogatepass")) > limit:
            size = len(text.encode("utf-8", "surrogatepass"))
            error = f"answer is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit"
            text = None
    else:
        text = None
    return Answer(question_id=question.id, generator=spec, text=text, sample=sample, prompt=prompt,
                  error=error, latency_s=round(time.perf_counter() - started, 4), attempts=attempts,
                  usage=usage or {}, meta=meta or {})


def require_argument(prefix: str, argument: str, example: str) -> None:
    if not argument:
        raise ConfigError(f"Generator spec {prefix!r} needs an argument, e.g. {example!r}")
