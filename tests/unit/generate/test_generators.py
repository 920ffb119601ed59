"""Generators: recorded, command, python and gold, including every way they can fail."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from harness.errors import ConfigError, UnknownNameError
from harness.generate import GeneratorOptions, make_generator


def _jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_gold_answers_with_gold_text(tiny):
    gen = make_generator("gold", tiny)
    answer = gen.generate(tiny.question("fever-chemo"))
    assert answer.ok and answer.text == tiny.gold["fever-chemo"].answer
    assert answer.generator == "gold"


def test_recorded_replays_and_records_missing_questions(tiny, project):
    path = _jsonl(project / "a.jsonl", {"question_id": "fever-chemo", "answer": "Call your team now."})
    gen = make_generator(f"recorded:{path}", tiny)
    assert gen.generate(tiny.question("fever-chemo")).text == "Call your team now."
    missing = gen.generate(tiny.question("egfr-lung-first-line"))
    assert missing.text is None
    assert missing.error == f"no recorded answer for question 'egfr-lung-first-line' (sample 0) in {path}"


@pytest.mark.parametrize(("lines", "message"), [
    ('{"question_id": "fever-chemo", "answer": "x"}\n{"question_id": "fever", "answer": "y"}\n',
     "a.jsonl:2: [question_id] question_id 'fever' is not a question of battery 'tiny'; did you mean 'fever-chemo'?"),
    ('{"question_id": "fever-chemo", "answer": "x"\n', "a.jsonl:1:45: not valid JSON"),
    ('["fever-chemo"]\n', "a.jsonl:1: expected a JSON object with named fields, found a list"),
    ('{"answer": "x"}\n', "a.jsonl:1: [question_id] field 'question_id' must be a non-empty string, found None"),
    ('{"question_id": "fever-chemo", "answer": 3}\n',
     "a.jsonl:1: [answer] field 'answer' must be a string, found int"),
    ('{"question_id": "fever-chemo"}\n', "a.jsonl:1: [answer] line needs an 'answer' (or an 'error') field"),
    ('{"question_id": "fever-chemo", "answer": "x"}\n{"question_id": "fever-chemo", "answer": "y"}\n',
     "a.jsonl:2: [question_id] a second answer for question 'fever-chemo' (sample 0)"),
])
def test_recorded_bad_lines_name_file_and_line(tiny, project, lines, message):
    (project / "a.jsonl").write_text(lines, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        make_generator(f"recorded:{project / 'a.jsonl'}", tiny)
    assert message in str(info.value)


def test_recorded_file_reports_every_bad_line_at_once_in_line_order(tiny, project):
    (project / "a.jsonl").write_text(
        '{"question_id": "fever", "answer": "y"}\n'
        '{"question_id": "fever-chemo", "answer": \n'
        '\n'
        '{"question_id": "fever-chemo", "answer": 3}\n'
        '{"question_id": "fever-chemo", "answer": "ok", "sample": -1}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        make_generator(f"recorded:{project / 'a.jsonl'}", tiny)
    problems = info.value.problems
    assert [(p.line, p.field) for p in problems] == [(1, "question_id"), (2, None), (4, "answer"), (5, "sample")]
    assert str(info.value).startswith("4 problems found:\n")
    assert "did you mean 'fever-chemo'?" in str(problems[0])


def test_recorded_missing_file(tiny, project):
    with pytest.raises(ConfigError, match="does not exist"):
        make_generator("recorded:nope.jsonl", tiny)


def test_recorded_empty_and_oversized_answers_become_errors(tiny, project):
    path = _jsonl(project / "a.jsonl", {"question_id": "fever-chemo", "answer": "   "},
                  {"question_id": "egfr-lung-first-line", "answer": "x" * 5_000_000})
    gen = make_generator(f"recorded:{path}", tiny)
    assert gen.generate(tiny.question("fever-chemo")).error == "generator returned an empty answer"
    big = gen.generate(tiny.question("egfr-lung-first-line"))
    assert big.text is None and big.error == "answer is 5.0 MB, over the 1.0 MB limit"


def test_command_gets_question_json_on_stdin(tiny, project):
    script = project / "echo_model.py"
    script.write_text("import json, sys\nq = json.load(sys.stdin)\n"
                      "print('You asked: ' + q['question'] + ' | ' + (q['context'] or {}).get('stage', '-'))\n",
                      encoding="utf-8")
    gen = make_generator(f"command:{sys.executable} {script}", tiny)
    answer = gen.generate(tiny.question("egfr-lung-first-line"))
    assert answer.text == ("You asked: My lung cancer has an EGFR mutation. What treatment will I probably get "
                           "first? | IV")
    assert json.loads(answer.prompt)["question_id"] == "egfr-lung-first-line"


@pytest.mark.parametrize(("code", "error"), [
    ("import sys; sys.stderr.write('model exploded'); sys.exit(3)", "command exited with status 3; stderr: model exploded"),
    ("import sys; sys.stderr.write('nothing to say')", "command printed nothing; stderr: nothing to say"),
    ("import time; time.sleep(5)", "timed out after 0.5 s"),
])
def test_command_failures_are_recorded(tiny, project, code, error):
    script = project / "bad_model.py"
    script.write_text(code, encoding="utf-8")
    gen = make_generator(f"command:{sys.executable} {script}", tiny, GeneratorOptions(timeout_s=0.5))
    answer = gen.generate(tiny.question("fever-chemo"))
    assert answer.text is None and answer.error == error


def test_python_callable(tiny, project):
    (project / "my_model.py").write_text(
        "def answer(q):\n    return 'Call now about ' + q['question_id']\n"
        "def broken(q):\n    raise RuntimeError('quota exceeded')\n"
        "def wrong(q):\n    return 42\n", encoding="utf-8")
    q = tiny.question("fever-chemo")
    assert make_generator("python:my_model:answer", tiny).generate(q).text == "Call now about fever-chemo"
    assert make_generator("python:my_model:broken", tiny).generate(q).error == "RuntimeError: quota exceeded"
    assert make_generator("python:my_model:wrong", tiny).generate(q).error == "callable returned int, expected str"
    with pytest.raises(ConfigError, match="has no callable 'nope'"):
        make_generator("python:my_model:nope", tiny)
    with pytest.raises(ConfigError, match="must look like"):
        make_generator("python:my_model", tiny)


def test_unknown_generator_prefix_suggests(tiny):
    with pytest.raises(UnknownNameError, match=r"Unknown generator 'recorde'; did you mean 'recorded'\?"):
        make_generator("recorde:x.jsonl", tiny)


def test_recorded_line_with_several_problems_reports_each(tiny, project):
    (project / "b.jsonl").write_text('{"question_id": "fevr", "answer": 5, "sample": "one"}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        make_generator(f"recorded:{project / 'b.jsonl'}", tiny)
    assert [(p.line, p.field) for p in info.value.problems] == [(1, "question_id"), (1, "answer"), (1, "sample")]
