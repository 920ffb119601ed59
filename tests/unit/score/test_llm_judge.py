"""The LLM claim judge (openai:MODEL) against a real local server: verdicts, spans, bounded retries, unscored."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harness.battery import Claim
from harness.generate import make_generator
from harness.io.openai_client import ChatClient, RetryPolicy
from harness.run import run_battery
from harness.score.engines.judge import judge_answer
from harness.score.engines.judge.llm import JudgeUnscoredError, LLMJudge, build_judge, locate, parse_grades
from tests.fake_openai_server import FakeOpenAI, Reply, Seen

TODAY = dt.date(2026, 11, 26)
ANSWER = ("Do not wait. A fever of 38 °C or higher during chemotherapy can mean a serious infection.\n"
          "- Call your care team's 24-hour number **right away**.\n"
          "Waiting for your next appointment is not safe.")
CLAIMS = (
    Claim(id="call-now", text="A fever during chemotherapy needs a call to the care team right away.",
          kind="essential", severity="high"),
    Claim(id="threshold", text="A temperature of 38 °C or higher counts as a fever.", kind="supporting"),
    Claim(id="wait-is-fine", text="It is fine to wait for the next appointment.", kind="harmful", severity="high"),
)
GOOD = {"call-now": ("supported", "Call your care team's 24-hour number right away"),
        "threshold": ("supported", "a fever of 38 °C or higher"),
        "wait-is-fine": ("absent", "")}


def _claims_in(seen: Seen) -> list[dict]:
    """The claims the grader prompt lists (between '# Claims' and the instructions)."""
    block = seen.user.split("# Claims\n", 1)[1].split("\n\n# What to decide", 1)[0]
    return json.loads(block)


def _verdicts(ids, table=GOOD) -> str:
    return json.dumps({"verdicts": [{"id": i, "verdict": table[i][0], "quote": table[i][1],
                                     "explanation": f"because of {i}"} for i in ids]})


def _judge(server: FakeOpenAI, attempts: int = 3) -> LLMJudge:
    client = ChatClient(base_url=server.url, timeout_s=2, retry=RetryPolicy(max_attempts=2, base_delay_s=0.01))
    return LLMJudge("grader", client, max_attempts=attempts)


def test_verdicts_with_spans_reasons_and_a_fenced_reply():
    def script(seen: Seen) -> Reply:
        ids = [c["id"] for c in _claims_in(seen)]
        return Reply(text="Here you go:\n```json\n" + _verdicts(ids) + "\n```")

    with FakeOpenAI(script=script) as server:
        judge = _judge(server)
        verdicts = judge.judge(ANSWER, CLAIMS, as_of=TODAY)
        body = server.requests[0].body
    assert [v.verdict for v in verdicts] == ["supported", "supported", "absent"]
    assert [v.claim_id for v in verdicts] == ["call-now", "threshold", "wait-is-fine"]
    call = verdicts[0]
    assert call.evidence and ANSWER[call.evidence[0].start:call.evidence[0].end] == call.evidence[0].text
    assert "right away" in call.evidence[0].text  # found by the fuzzy step despite the '**' markers
    assert call.reason == "LLM judge openai:grader: because of call-now" and call.confidence is None
    assert verdicts[1].evidence[0].text == "A fever of 38 °C or higher"  # case-insensitive match
    assert verdicts[2].evidence == () and verdicts[2].applies
    assert body["temperature"] == 0 and body["seed"] == 0 and body["model"] == "grader"
    assert len(_claims_in(server.requests[0])) == 3 and body["messages"][0]["role"] == "system"


def test_unparseable_output_leaves_claims_unscored_after_bounded_attempts():
    with FakeOpenAI(script=lambda s: Reply(text="I think the answer is mostly fine.")) as server:
        judge = _judge(server, attempts=3)
        grades = judge.grade(ANSWER, CLAIMS)
        assert server.count() == 3, "bounded: one request per attempt, then give up"
        with pytest.raises(JudgeUnscoredError, match="unparseable grader output") as err:
            judge.judge(ANSWER, CLAIMS, as_of=TODAY)
        assert server.count() == 6
    assert all(g.verdict is None for g in grades)
    assert grades[0].reason.startswith("unparseable grader output (not JSON): 'I think the answer")
    assert grades[0].reason.endswith("(after 3 grader requests)")
    assert len(err.value.grades) == 3 and "3 of 3" in str(err.value)


def test_partial_and_invalid_output_is_asked_again_only_for_open_claims():
    def script(seen: Seen) -> Reply:
        ids = [c["id"] for c in _claims_in(seen)]
        if len(ids) == 3:  # first attempt: one claim missing, one with a verdict outside its vocabulary
            bad = {**GOOD, "wait-is-fine": ("supported", "")}
            return Reply(text=_verdicts(["call-now", "wait-is-fine"], bad))
        return Reply(text=_verdicts(ids))

    with FakeOpenAI(script=script) as server:
        verdicts = _judge(server).judge(ANSWER, CLAIMS, as_of=TODAY)
        asked = [[c["id"] for c in _claims_in(s)] for s in server.requests]
    assert asked == [["call-now", "threshold", "wait-is-fine"], ["threshold", "wait-is-fine"]]
    assert [v.verdict for v in verdicts] == ["supported", "supported", "absent"]


def test_failed_requests_make_claims_unscored_not_missing():
    with FakeOpenAI(script=lambda s: Reply(status=500)) as server:
        grades = _judge(server).grade(ANSWER, CLAIMS)
        assert server.count() == 2, "the client's own retry bound applies; the judge does not multiply it"
    assert all(g.verdict is None and g.reason.startswith("request failed: HTTP 500") for g in grades)


def test_memo_shares_judgements_between_the_two_claim_scorers():
    with FakeOpenAI(script=lambda s: Reply(text=_verdicts([c["id"] for c in _claims_in(s)]))) as server:
        judge = _judge(server)
        judge.judge(ANSWER, CLAIMS[:2], as_of=TODAY)  # claim_recall: essential + supporting
        judge.judge(ANSWER, CLAIMS, as_of=TODAY)  # claim_problems: all claims
        asked = [[c["id"] for c in _claims_in(s)] for s in server.requests]
    assert asked == [["call-now", "threshold"], ["wait-is-fine"]]


def test_outdated_claim_validity_is_applied():
    old = Claim(id="old", text="Drug X is the standard first treatment.", kind="outdated",
                valid_until=dt.date(2020, 1, 1))
    with FakeOpenAI(script=lambda s: Reply(text=_verdicts(["old"], {"old": ("stated", "Do not wait")}))) as server:
        (v,) = _judge(server).judge(ANSWER, [old], as_of=TODAY)
    assert v.verdict == "stated" and v.applies and "out of date since 2020-01-02" in v.reason


def test_parse_and_locate_helpers():
    grades, note = parse_grades('[{"id": "threshold", "verdict": "Supported", "quote": ""}]', CLAIMS)
    assert grades["threshold"].verdict == "supported" and note == ""
    grades, note = parse_grades('{"verdicts": [{"id": "call-now", "verdict": "stated"}]}', CLAIMS)
    assert grades == {} and "not one of supported, missing, contradicted" in note
    assert locate(ANSWER, "call your care   team's") is not None
    assert locate(ANSWER, "Call your care team's 24-hour number right away") is not None  # fuzzy over '**'
    assert locate(ANSWER, "radiotherapy is the answer") is None


def test_profile_dispatch_and_claim_scorers_in_a_run(tiny, store, monkeypatch):
    def script(seen: Seen) -> Reply:
        claims = _claims_in(seen)
        table = {c["id"]: ("absent" if c["kind"] in ("harmful", "outdated") else "missing", "") for c in claims}
        return Reply(text=_verdicts([c["id"] for c in claims], table))

    with FakeOpenAI(script=script) as server:
        monkeypatch.setenv("ANSWER_AUDIT_JUDGE_BASE_URL", server.url)
        monkeypatch.setenv("ANSWER_AUDIT_JUDGE_CACHE", str(store.path))
        judge = build_judge("openai:grader-a")
        assert judge is build_judge("openai:grader-a") and judge.client.base_url == server.url
        verdicts = judge_answer(ANSWER, CLAIMS, as_of=TODAY, profile="openai:grader-a")
        assert [v.verdict for v in verdicts] == ["missing", "missing", "absent"]
        scorers = [{"name": "claim_recall", "params": {"judge": "openai:grader-a"}},
                   {"name": "claim_problems", "params": {"judge": "openai:grader-a"}}]
        run_battery(tiny, make_generator("gold", tiny), store, run_id="j", scorers=scorers)
        recall = {s.question_id: s for s in store.scores("j") if s.scorer == "claim_recall"}
        assert all(s.value == 0.0 for s in recall.values())
        assert any("LLM judge openai:grader-a" in v.reason for _, _, v in store.claim_verdicts("j"))


def test_unparseable_judge_output_in_a_run_is_unscored_not_a_number(tiny, store, monkeypatch):
    with FakeOpenAI(script=lambda s: Reply(text="no json here")) as server:
        monkeypatch.setenv("ANSWER_AUDIT_JUDGE_BASE_URL", server.url)
        scorers = [{"name": "claim_recall", "params": {"judge": "openai:grader-b"}}]
        run_battery(tiny, make_generator("gold", tiny), store, run_id="u", scorers=scorers)
    scores = store.scores("u")
    assert len(scores) == 2 and all(s.value is None and "unscored by judge openai:grader-b" in s.reason
                                    for s in scores)
    assert store.claim_verdicts("u") == []
