"""What went wrong with generation, in words a user can act on.

- ``error_cause(error)``: a short cause label for one recorded generation error ("connection
  refused", "HTTP 401", "command not found", ...), so the terminal can count errors per cause.
- ``ErrorTally``: first error and a count per cause, for the end-of-run summary.
- ``FailureWatch``: the early-stop policy. A dead endpoint (wrong port, a command that does not
  exist, a rejected key) fails every question the same way; retrying all of them wastes minutes
  and hides the cause. When the first ``threshold`` answers of a run all fail with a
  connection-level cause and nothing has succeeded yet, ``observe()`` returns a ``StopRun``
  whose message is one sentence naming the cause and the endpoint. The runner raises it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from harness.core.records import Answer
from harness.errors import HarnessError

DEFAULT_STOP_AFTER = 3
"""Consecutive connection-level failures at the start of a run after which it stops."""

# (pattern, cause label, connection-level?) in priority order; patterns match the error strings the
# built-in generators record (harness.io.openai_client, harness.generate.command).
_CAUSES: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    (re.compile(p, re.IGNORECASE), label, fatal) for p, label, fatal in (
        (r"connection refused|errno 111|connecterror", "connection refused", True),
        (r"name or service not known|nodename nor servname|getaddrinfo|temporary failure in name resolution",
         "host name not found", True),
        (r"network is unreachable|no route to host", "network unreachable", True),
        (r"ssl|certificate", "TLS error", True),
        (r"status 127\b|not found.*(command|sh:)|sh: .*not found|could not start command", "command not found", True),
        (r"status 126\b|permission denied", "command not executable", True),
        (r"HTTP 401\b", "HTTP 401 (API key rejected)", True),
        (r"HTTP 403\b", "HTTP 403 (forbidden)", True),
        (r"HTTP 404\b", "HTTP 404 (wrong base URL or model)", True),
        (r"network error", "network error", True),
        (r"timed out", "timed out", False),
        (r"HTTP (\d{3})", "HTTP {0}", False),
        (r"command exited with status (\d+)", "command exited with status {0}", False),
        (r"empty answer|printed nothing", "empty answer", False),
        (r"over the .* limit", "answer too large", False),
        (r"no line for|not in the recorded file|no recorded answer", "no recorded answer", False),
    ))


def classify(error: str) -> tuple[str, bool]:
    """(cause label, whether it is connection-level: the endpoint itself is unusable)."""
    for pattern, label, fatal in _CAUSES:
        m = pattern.search(error)
        if m:
            return label.format(*m.groups()), fatal
    head = error.split(":", 1)[0].strip()
    return (head[:60] or "unknown error"), False


def error_cause(error: str) -> str:
    """The short cause label of one recorded generation error."""
    return classify(error)[0]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 answer``, ``2 answers`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


@dataclass
class ErrorTally:
    """The first generation error and how many errors each cause had."""

    first: tuple[str, str] | None = None
    """(question id, error text) of the first error seen."""
    causes: Counter[str] = field(default_factory=Counter)

    def add(self, answer: Answer) -> None:
        if answer.error is None:
            return
        if self.first is None:
            self.first = (answer.question_id, answer.error)
        self.causes[error_cause(answer.error)] += 1

    @classmethod
    def of(cls, answers: list[Answer]) -> ErrorTally:
        tally = cls()
        for a in answers:
            tally.add(a)
        return tally

    def lines(self) -> list[str]:
        """Terminal lines: the count per cause, then the first error in full (nothing when no errors)."""
        if self.first is None:
            return []
        counts = ", ".join(f"{n} {cause}" for cause, n in self.causes.most_common())
        qid, text = self.first
        return [f"generation errors by cause: {counts}", f"first error ({qid}): {text}"]


class StopRun(HarnessError):
    """The run was stopped early because the generator cannot answer at all (message says why)."""

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


class FailureWatch:
    """Stops a run whose first answers all fail for a connection-level reason (see module docstring)."""

    def __init__(self, endpoint: str, *, threshold: int = DEFAULT_STOP_AFTER) -> None:
        if threshold < 1:
            raise ValueError(f"threshold must be at least 1, got {threshold}")
        self.endpoint = endpoint
        self.threshold = threshold
        self.failures: list[str] = []
        self.succeeded = False

    def observe(self, answer: Answer) -> StopRun | None:
        """Record one finished answer; a StopRun when the run should stop now, else None."""
        if self.succeeded:
            return None
        if answer.error is None:
            self.succeeded = True
            return None
        cause, fatal = classify(answer.error)
        if not fatal:
            self.succeeded = True  # a failure the endpoint answered: not a dead endpoint, keep going
            return None
        self.failures.append(cause)
        if len(self.failures) < self.threshold:
            return None
        what = "the command" if self.endpoint.startswith("command ") else "the endpoint"
        return StopRun(f"stopped after the first {plural(len(self.failures), 'answer')} all failed with "
                       f"{cause} from {self.endpoint} (last error: {answer.error}); check {what} and "
                       "re-run with the same --run-id", cause)


def endpoint_of(spec: str, info: dict[str, object]) -> str:
    """Where a generator sends its questions, for messages: the base URL, the command, or the spec."""
    for key in ("base_url", "command"):
        value = info.get(key)
        if isinstance(value, str) and value:
            return value if key == "base_url" else f"command {value!r}"
    return spec
