"""The LLM claim judge (``--judge openai:MODEL``): a HealthBench-style grader over any OpenAI-compatible endpoint.

Optional and never required: the default judge is offline. Measure this one with
``answer-audit validate-judge --judge openai:MODEL`` before letting it drive a gate.

How it grades. One request per answer lists the claims still to judge (id, kind, text) and asks
for JSON only: a verdict per claim from the claim kind's vocabulary (supported | missing |
contradicted for essential/supporting; stated | absent for harmful/outdated), the shortest exact
quote that decides it, and a one-sentence explanation. Temperature 0, seed 0. The quote is
located in the answer to give the verdict a character span.

What it never does: guess. Output that is not JSON, misses a claim or uses a verdict outside the
claim's vocabulary is asked again for the claims still open, at most ``max_attempts`` requests in
all (each request has its own bounded HTTP retries in ``harness.io.openai_client``). A claim still open after
that is unscored with a reason: ``grade()`` returns it with ``verdict=None``, and ``judge()`` (the
``Judge`` protocol, whose vocabulary has no "unscored") raises ``JudgeUnscoredError`` carrying
the partial grades, so the claim scorer records no number instead of a fake verdict.

Configuration (the profile string ``openai:MODEL`` is what a run records; the endpoint comes from
the environment, the API key only ever from an environment variable):

- ``ANSWER_AUDIT_JUDGE_BASE_URL`` (else ``OPENAI_BASE_URL``, else https://api.openai.com/v1);
- ``ANSWER_AUDIT_JUDGE_API_KEY_ENV``: name of the variable holding the key (default OPENAI_API_KEY);
- ``ANSWER_AUDIT_JUDGE_TIMEOUT`` seconds per request (default 120);
- ``ANSWER_AUDIT_JUDGE_CACHE``: an SQLite file (e.g. the run store) caching responses, so
  re-scoring costs no requests. Within one process, verdicts are also memoised per (answer, claim),
  so the two claim scorers share one judgement of each claim.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.errors import ConfigError, HarnessError
from harness.io.openai_client import ChatClient, ResponseCache, RetryPolicy
from harness.score.engines.judge import span

VERDICTS_BY_KIND: dict[str, tuple[str, ...]] = {
    "essential": ("supported", "missing", "contradicted"),
    "supporting": ("supported", "missing", "contradicted"),
    "harmful": ("stated", "absent"),
    "outdated": ("stated", "absent"),
}
DEFAULT_MAX_ATTEMPTS = 3
MEMO_SIZE = 4096

GRADER_SYSTEM = (
    "You are a meticulous medical grader. You compare an answer written for a patient with a checklist of "
    "claims written by clinicians, and you report, claim by claim, what the answer says. You judge only the "
    "answer's text, never your own knowledge of what is true."
)

GRADER_TEMPLATE = """# Answer to grade
<<answer>>
{answer}
<</answer>>

# Claims
{claims}

# What to decide for each claim
Claims of kind "essential" or "supporting" are things a good answer says:
- "supported": the answer states the claim or something that clearly entails it. Paraphrase counts, and so do
  brand versus generic drug names and common abbreviations.
- "contradicted": the answer states something incompatible with the claim: the opposite, a negation, or a
  different number, range, duration, drug or date.
- "missing": neither.
Claims of kind "harmful" or "outdated" are things a good answer must not say:
- "stated": the answer states, recommends or implies it, even hedged ("may", "some people").
- "absent": it does not. Mentioning it only to reject it is "absent".

For every claim give the shortest exact quote from the answer that decides the verdict (copy it character for
character; use "" when the verdict is "missing" or "absent") and one sentence explaining the verdict.

# Output
Return only a JSON object, no markdown, exactly in this shape, with one entry per claim id listed above:
{{"verdicts": [{{"id": "<claim id>", "verdict": "<verdict>", "quote": "<exact quote or empty>", "explanation": "<one sentence>"}}]}}
"""


class JudgeUnscoredError(HarnessError, RuntimeError):
    """The LLM judge could not judge some claims (request failed or output unparseable after its attempts).

    ``grades`` holds every claim's ClaimGrade, the unscored ones with ``verdict=None`` and a reason.
    """

    def __init__(self, judge: str, grades: Sequence[ClaimGrade]) -> None:
        self.grades = tuple(grades)
        open_ = [g for g in self.grades if g.verdict is None]
        detail = "; ".join(f"{g.claim_id}: {g.reason}" for g in open_[:5])
        more = f"; and {len(open_) - 5} more" if len(open_) > 5 else ""
        super().__init__(f"claims unscored by judge {judge} ({len(open_)} of {len(self.grades)}): {detail}{more}")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGrade:
    """The grader's answer for one claim; ``verdict`` None means unscored (``reason`` says why)."""

    claim_id: str
    verdict: str | None
    quote: str = ""
    explanation: str = ""
    reason: str = ""


class LLMJudge:
    """Judges claims by asking a chat model; thread-safe, memoised per (answer, claim)."""

    def __init__(self, model: str, client: ChatClient, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> None:
        if max_attempts < 1:
            raise ConfigError(f"max_attempts of the LLM judge must be at least 1, got {max_attempts}")
        self.model = model
        self.name = f"openai:{model}"
        self.client = client
        self.max_attempts = max_attempts
        self.requests = 0
        self._memo: OrderedDict[str, ClaimGrade] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ Judge protocol
    def judge(self, text: str, claims: Sequence[Claim], *, as_of: dt.date) -> list[ClaimVerdict]:
        """One ClaimVerdict per claim in claim order; raises JudgeUnscoredError if any claim stays unjudged."""
        grades = self.grade(text, claims)
        if any(g.verdict is None for g in grades):
            raise JudgeUnscoredError(self.name, grades)
        return [self._verdict(text, claim, grade, as_of) for claim, grade in zip(claims, grades, strict=True)]

    # ------------------------------------------------------------------ grading
    def grade(self, text: str, claims: Sequence[Claim]) -> list[ClaimGrade]:
        """A ClaimGrade per claim in claim order (unscored ones have ``verdict=None`` and a reason)."""
        ids = [c.id for c in claims]
        if len(set(ids)) != len(ids):
            raise ConfigError(f"claim ids must be unique for the LLM judge, got {ids}")
        answer_key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        done: dict[str, ClaimGrade] = {}
        for claim in claims:
            hit = self._memo_get(_memo_key(answer_key, claim))
            if hit is not None:
                done[claim.id] = hit
        todo = [c for c in claims if c.id not in done]
        problems: dict[str, str] = {}
        attempt = 0
        while todo and attempt < self.max_attempts:
            attempt += 1
            found, trouble = self._ask(text, todo, attempt)
            if trouble.startswith("request failed"):
                problems.update({c.id: trouble for c in todo})
                break  # the client already retried the request within its own bounds
            for claim in todo:
                grade = found.get(claim.id)
                if grade is None:
                    problems[claim.id] = trouble or "no usable verdict for this claim in the grader's output"
                    continue
                done[claim.id] = grade
                problems.pop(claim.id, None)
                self._memo_put(_memo_key(answer_key, claim), grade)
            todo = [c for c in todo if c.id not in done]
        plural = "s" if attempt != 1 else ""
        for claim in todo:
            done[claim.id] = ClaimGrade(claim_id=claim.id, verdict=None,
                                        reason=f"{problems.get(claim.id, 'not judged')} (after {attempt} "
                                               f"grader request{plural})")
        return [done[c.id] for c in claims]

    def prompt(self, text: str, claims: Sequence[Claim]) -> list[dict[str, str]]:
        """The exact messages sent for these claims."""
        listed = json.dumps([{"id": c.id, "kind": c.kind, "claim": c.text} for c in claims], ensure_ascii=False,
                            indent=1)
        return [{"role": "system", "content": GRADER_SYSTEM},
                {"role": "user", "content": GRADER_TEMPLATE.format(answer=text, claims=listed)}]

    def _ask(self, text: str, claims: Sequence[Claim], attempt: int) -> tuple[dict[str, ClaimGrade], str]:
        """Grades parsed from one request, and what was wrong with the output (empty when nothing)."""
        messages = self.prompt(text, claims)
        params = {"temperature": 0, "seed": 0, "max_tokens": 300 + 150 * len(claims)}
        # A repeated attempt must not be answered from the cache with the same unusable output.
        result = self.client.complete(messages, model=self.model, params=params, sample=attempt - 1)
        with self._lock:
            self.requests += result.attempts
        if not result.ok:
            return {}, f"request failed: {result.error}"
        return parse_grades(result.text or "", claims)

    def _verdict(self, text: str, claim: Claim, grade: ClaimGrade, as_of: dt.date) -> ClaimVerdict:
        from harness.score.engines.judge import policy

        evidence: tuple[Span, ...] = ()
        reason = f"LLM judge {self.name}: {grade.explanation}".rstrip(": ")
        if grade.quote:
            found = locate(text, grade.quote)
            if found is None:
                reason += " (the quoted passage was not found in the answer)"
            else:
                evidence = (span(text, *found),)
        # the grader's verdict in the three-way vocabulary, then the one verdict policy of every backend
        label = {"stated": "supported", "absent": "missing"}.get(str(grade.verdict), str(grade.verdict))
        return policy.finalize(claim, label, None, as_of=as_of, evidence=evidence, reason=reason,
                               conflict=bool(evidence), text=text)

    def _memo_get(self, key: str) -> ClaimGrade | None:
        with self._lock:
            grade = self._memo.get(key)
            if grade is not None:
                self._memo.move_to_end(key)
            return grade

    def _memo_put(self, key: str, grade: ClaimGrade) -> None:
        with self._lock:
            self._memo[key] = grade
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)


def parse_grades(output: str, claims: Sequence[Claim]) -> tuple[dict[str, ClaimGrade], str]:
    """Grades for the claims the output judges validly, and a note on what was unusable ('' if nothing).

    Accepts the JSON object alone, inside a markdown fence, or surrounded by prose; a bare list of
    verdict objects is accepted too. A verdict outside the claim kind's vocabulary is not used.
    """
    data = _json_in(output)
    if data is None:
        snippet = " ".join(output.split())[:80]
        return {}, f"unparseable grader output (not JSON): {snippet!r}"
    items = data.get("verdicts") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return {}, "grader output has no 'verdicts' list"
    by_id = {c.id: c for c in claims}
    grades: dict[str, ClaimGrade] = {}
    notes: list[str] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        cid = str(item.get("id", item.get("claim_id", "")))
        claim = by_id.get(cid)
        if claim is None:
            continue
        verdict = str(item.get("verdict", "")).strip().lower()
        allowed = VERDICTS_BY_KIND[claim.kind]
        if verdict not in allowed:
            notes.append(f"verdict {verdict!r} for {cid} is not one of {', '.join(allowed)}")
            continue
        quote = item.get("quote") or ""
        grades[cid] = ClaimGrade(claim_id=cid, verdict=verdict, quote=str(quote).strip(),
                                 explanation=" ".join(str(item.get("explanation") or "").split()))
    return grades, "; ".join(notes)


def _json_in(output: str) -> object | None:
    text = output.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    candidates = [text]
    if fence:
        candidates.append(fence.group(1).strip())
    for opener, closer in (("{", "}"), ("[", "]")):
        start, end = text.find(opener), text.rfind(closer)
        if 0 <= start < end:
            candidates.append(text[start:end + 1])
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    return None


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote is in the answer: exact; ignoring case, spacing and markdown markup; a close fuzzy match."""
    quote = quote.strip().strip('"').strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = [w.strip("*_`") for w in quote.split()]
    for gap in (r"\s+", r"[\s*_`>#-]+"):  # spacing, then spacing and markdown markup between words
        match = re.search(gap.join(re.escape(w) for w in words if w), text, re.IGNORECASE)
        if match:
            return match.start(), match.end()
    if len(quote) >= 12:
        aligned = fuzz.partial_ratio_alignment(quote, text)
        if aligned is not None and aligned.score >= 90:
            return aligned.dest_start, aligned.dest_end
    return None


def _memo_key(answer_key: str, claim: Claim) -> str:
    return f"{answer_key}:{claim.kind}:{claim.id}:{hashlib.sha256(claim.text.encode('utf-8')).hexdigest()}"


def build_judge(spec: str) -> LLMJudge:
    """The judge for profile ``openai:MODEL`` (the plug-in hook of ``harness.score.engines.judge``), one per configuration."""
    prefix, _, model = spec.partition(":")
    if prefix != "openai" or not model.strip():
        raise ConfigError(f"LLM judge profile must look like 'openai:MODEL', got {spec!r}")
    env = os.environ
    timeout = env.get("ANSWER_AUDIT_JUDGE_TIMEOUT", "120")
    try:
        timeout_s = float(timeout)
    except ValueError:
        raise ConfigError(f"ANSWER_AUDIT_JUDGE_TIMEOUT must be a number of seconds, got {timeout!r}") from None
    return _cached_judge(model.strip(), env.get("ANSWER_AUDIT_JUDGE_BASE_URL") or env.get("OPENAI_BASE_URL"),
                         env.get("ANSWER_AUDIT_JUDGE_API_KEY_ENV", "OPENAI_API_KEY"), timeout_s,
                         env.get("ANSWER_AUDIT_JUDGE_CACHE"))


@lru_cache(maxsize=16)
def _cached_judge(model: str, base_url: str | None, api_key_env: str, timeout_s: float,
                  cache_path: str | None) -> LLMJudge:
    cache = ResponseCache(cache_path) if cache_path else None
    client = ChatClient(base_url=base_url, api_key_env=api_key_env, timeout_s=timeout_s,
                        retry=RetryPolicy(max_attempts=4), cache=cache, pool_size=8)
    return LLMJudge(model, client)
