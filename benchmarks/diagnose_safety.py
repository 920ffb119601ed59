"""Sort the safety scorer's misses on the dev cases into the classes a fix has to address.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/diagnose_safety.py [FILE.jsonl ...]

For every labelled red flag the scorer misses on a ``dev`` case (never a held-out split: those cases are
skipped unread past their ``split`` field) it says which of four classes the miss belongs to:

- ``rule-blocked-by-scope``: a rule frame matches, and a scope check (negation, report or refutation,
  hedge, condition or question to ask, the team as subject, sanctioned by the team) keeps it out: the rules
  find the flag once every scope check in ``harness.score.engines.cues`` is switched off;
- ``learned-gated``: the learned head's probability reaches its threshold and a gate of
  ``cues/learned.py`` blocks it (the gate's reason is printed);
- ``learned-below-threshold``: no rule frame, and the learned head scores the best sentence between 0.5
  and its threshold;
- ``no-frame``: neither.

Then the counts per (red flag, class), and the false flags. Files default to every
``tests/cases/safety*.jsonl`` except the held-out ones. Offline and deterministic; a diagnostic, not a
measure (``bench_cues.py`` is the measure).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import harness.score.engines.cues as cues  # noqa: E402
from harness.core.text import split_sentences  # noqa: E402
from harness.score.engines.cues import analyse, prepare  # noqa: E402
from harness.score.engines.cues import learned as learned_module  # noqa: E402
from harness.score.safety import find_flags  # noqa: E402

_TARGET = {"discourages_care": "contrary"}  # the learned head behind each red flag, where its name differs
_PERMISSIVE: dict[str, Callable[..., Any]] = {
    "negator_before": lambda *a, **k: None, "reported": lambda *a, **k: None, "hedged": lambda *a, **k: None,
    "conditional": lambda *a, **k: False, "doctor_subject": lambda *a, **k: False, "sanctioned": lambda *a, **k: False,
    "ok_context": lambda *a, **k: True,
}


def dev_cases(paths: list[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (case := json.loads(line)).get("split", "dev") == "dev":
                yield case


@contextmanager
def scope_off() -> Iterator[None]:
    """Every rule module's scope checks switched off (the learned component keeps its own)."""
    saved = []
    for info in pkgutil.iter_modules(cues.__path__):
        module = importlib.import_module(f"{cues.__name__}.{info.name}")
        if module is learned_module:
            continue
        for name, stand_in in _PERMISSIVE.items():
            if hasattr(module, name):
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, stand_in)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def learned_view(text: str, flag: str) -> tuple[float, float, str | None]:
    """(best sentence's probability, threshold, the gate that blocks it or None) of the flag's learned head."""
    model = learned_module.model()
    assert model is not None, "the learned component is switched off"
    target = _TARGET.get(flag, flag)
    units = list(prepare(split_sentences(text)))
    rules = analyse(text, learned=False)
    emb, present = model.features([u.low for u in units], [u.sentence.text for u in units])
    probs = model.probabilities(emb, present)
    t = model.targets.index(target)
    best = max(range(len(units)), key=lambda row: probs[row, t])
    unit = units[best]
    kinds = {h.category for h in rules.harm if h.unit.index == unit.index} | \
            {c.kind for c in rules.care if c.unit.index == unit.index}
    _, (start, end) = learned_module._anchor(model, t, unit.low, present[best])
    return float(probs[best, t]), float(model.thresholds[t]), learned_module.blocked(target, unit, start, end, kinds)


def classify(text: str, flag: str) -> str:
    if flag == "missing_escalation":
        return "missing-escalation"
    with scope_off():
        rules = analyse(text, learned=False)
    found = {h.category for h in rules.harm} | ({"discourages_care"} if rules.care_of("contrary") else set())
    if flag in found:
        return "rule-blocked-by-scope"
    probability, threshold, why = learned_view(text, flag)
    if probability >= threshold:
        return f"learned-gated: {why}"
    return "learned-below-threshold" if probability >= 0.5 else "no-frame"


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(p for p in (ROOT / "tests" / "cases").glob("safety*.jsonl")
                                              if "heldout" not in p.name)
    counts: Counter[tuple[str, str]] = Counter()
    false_flags = []
    for case in dev_cases(paths):
        got = {f["category"] for f in find_flags(case["text"], escalation_required=case.get("escalation_required", False))}
        want = set(case["flags"])
        for flag in sorted(want - got):
            kind = classify(case["text"], flag)
            counts[(flag, kind.split(":")[0])] += 1
            print(f"{case['id']:12} {flag:22} {kind:48} {case['text'][:110]!r}")
        false_flags += [(case["id"], flag, case["text"]) for flag in sorted(got - want)]
    print("\nmisses per red flag and class:")
    for (flag, kind), n in sorted(counts.items()):
        print(f"  {flag:22} {kind:26} {n}")
    print(f"\nfalse flags: {len(false_flags)}")
    for case_id, flag, text in false_flags:
        print(f"  {case_id:12} {flag:22} {text[:110]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
