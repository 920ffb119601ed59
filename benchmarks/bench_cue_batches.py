"""Leave-one-batch-out cross-validation of the learned cue component: choose each head's threshold.

    .venv/bin/python benchmarks/bench_cue_batches.py [--cases-dir tests/cases] [--background FILE]
        [--grid 0.5 0.55 ... 0.95] [--C 4.0] [--ngram-weight 0.3]
        [--min-precision-full 0.99] [--min-precision-alone 0.95] [--shipped]

The dev cases come in batches written at different times by different helpers (``disclaimer.jsonl``,
``*_dev.jsonl``, ``*_dev6.jsonl`` ... ``*_dev20.jsonl``; a batch is the file name after the scorer, across
the three scorers): a batch left out of the fit is what unseen wording looks like. For every batch the
script fits the model (:func:`harness.score.engines.cues.fit.fit_examples`, the shipped recipe with the
``--background`` answers) on the dev cases of every OTHER batch, and scores the left-out batch's dev cases
two ways, at each threshold of ``--grid`` (every head at that threshold):

- **full**: through the full scorers (``assess_disclaimer``, ``assess_escalation``, ``find_flags``: rules,
  learned hits and their gates), as ``bench_cues.py`` does;
- **alone**: each head as if the rules had missed its cue (the rules' findings of the head's own target
  hidden, every context gate kept), one count per case that speaks about the target.

The full view is what ships, but the rules were written against every dev batch, so there it finds nearly
everything and says little about the heads' recall; the alone view measures what a head catches of the
cues the rules miss, which is what it is for on unseen wording. The batch-19 probes (``probes19_*.jsonl``),
which the fit never reads, are scored with the model fitted on all batches. Held-out files
(``*_heldout*.jsonl``) are not opened, and only ``split: dev`` cases are used.

Choice, per head (its figures: disclaimer found; escalation found; contrary advice in the disclaimer and
escalation cases plus ``discourages_care``; a red flag's safety category), over the pooled left-out
figures: among the thresholds with full precision >= ``--min-precision-full`` (0.99: on batches the rules
already fit, the heads may add at most about one false hit per hundred; the held-out sets show the heads'
precision cost grows on unseen wording) and alone precision >= ``--min-precision-alone`` (0.95), the
highest recall (full, then alone), the highest threshold on a tie. The heads are independent (a learned
hit is gated by the rules' findings, never by another head's), so one sweep serves every head; the chosen
table is then run for real and printed beside the old setting (every head at 0.85) per figure, with the
learned hits in the background answers the fit never reads (ordinary prose, where any hit is false).
``--shipped`` runs the shipped table (``fit.THRESHOLDS``, which raises four heads above the unit tests'
look-alike probes; see its comment) instead of the chosen one. To compare ``--C`` / ``--ngram-weight``, the
last line gives the mean alone recall at the thresholds chosen under them.

Cost: the training rows and sentence embeddings of every case are computed once and reused by every fold;
a case without any learned hit at the lowest grid threshold is scored once per fold, not once per
threshold. CPU seconds per phase are printed (noisy on a shared machine). Offline and deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._paths import SHARED_DATA  # noqa: E402
from harness.errors import InputError  # noqa: E402
from harness.score.engines.cues.fit import read_rows  # noqa: E402

RED_FLAGS = ("dosing", "stop_treatment", "certainty", "eligibility_prognosis", "privacy")
METRICS = ("disclaimer", "escalation", "contrary", "discourages_care", *RED_FLAGS, "missing_escalation")
# the figures each head is chosen on
CHOSEN_ON: dict[str, tuple[str, ...]] = {"disclaimer": ("disclaimer",), "escalation": ("escalation",),
                                         "contrary": ("contrary", "discourages_care"),
                                         **{flag: (flag,) for flag in RED_FLAGS}}
OLD = 0.85
PROBES = "probes19"
Case = tuple[str, dict[str, Any]]  # (scorer, case)
Counts = dict[str, list[int]]  # metric -> [tp, fp, fn]


def batches(cases_dir: Path) -> dict[str, list[Case]]:
    """Dev cases by batch name (``base`` for ``<scorer>.jsonl``, ``dev8`` for ``<scorer>_dev8.jsonl``, ``probes19``)."""
    out: dict[str, list[Case]] = defaultdict(list)
    for path in sorted(cases_dir.glob("*.jsonl")):
        if "_heldout" in path.name:
            continue  # never opened
        found = re.fullmatch(r"(disclaimer|escalation|safety)(?:_(dev\d*))?", path.stem)
        probe = re.fullmatch(rf"{PROBES}_(disclaimer|escalation|safety)", path.stem)
        if not (found or probe):
            continue
        scorer, name = (found.group(1), found.group(2) or "base") if found else (probe.group(1), PROBES)  # type: ignore[union-attr]
        try:
            rows = read_rows(path, "text")  # the fit's reader: every bad row named by file, line and field
        except InputError as exc:
            raise SystemExit(str(exc)) from exc
        for row in rows:
            if row.data.get("split", "dev") == "dev":
                out[name].append((scorer, row.data))
    return dict(out)


def outcomes(scorer: str, case: dict[str, Any]) -> dict[str, tuple[bool, bool]]:
    """(found, labelled) per figure, through the full scorer."""
    from harness.score.disclaimers import assess_disclaimer
    from harness.score.escalation import assess_escalation
    from harness.score.safety import find_flags

    if scorer == "safety":
        got = {f["category"] for f in find_flags(case["text"], escalation_required=case.get("escalation_required", False))}
        want = set(case["flags"])
        return {m: (m in got, m in want) for m in ("discourages_care", *RED_FLAGS, "missing_escalation")}
    result, _ = (assess_disclaimer if scorer == "disclaimer" else assess_escalation)(case["text"])
    return {scorer: (bool(result.found), bool(case["found"])),
            "contrary": (bool(result.contrary), bool(case.get("contrary", False)))}


def tally(counts: Counts, found: dict[str, tuple[bool, bool]]) -> None:
    for metric, (got, want) in found.items():
        c = counts.setdefault(metric, [0, 0, 0])
        c[0] += got and want
        c[1] += got and not want
        c[2] += want and not got


def prf(c: Sequence[int]) -> tuple[float | None, float | None]:
    tp, fp, fn = c
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else None)


class Embeddings:
    """Sentence embeddings computed once per distinct text (every fold fits on almost the same sentences)."""

    def __init__(self) -> None:
        self.rows: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from harness.score.engines.cues.learned import embed

        missing = sorted({t for t in texts if t not in self.rows})
        for text, row in zip(missing, embed(missing), strict=True):
            self.rows[text] = row
        return np.array([self.rows[t] for t in texts]) if texts else np.zeros((0, 256))


def with_thresholds(model: dict[str, Any], thresholds: dict[str, float], path: Path) -> None:
    """Write ``model`` with these head thresholds to ``path`` and score with it from now on."""
    from harness.score.engines.cues import learned

    for target, head in model["heads"].items():
        head["threshold"] = thresholds[target]
    path.write_text(json.dumps(model), encoding="utf-8")
    learned.use_model(path)


def score_fold(model: dict[str, Any], cases: list[Case], grids: list[dict[str, float]], path: Path) -> list[Counts]:
    """Counts per threshold table in ``grids`` (the first table must be the lowest everywhere)."""
    from harness.score.engines.cues import analyse

    out: list[Counts] = [{} for _ in grids]
    with_thresholds(model, grids[0], path)
    moving = []
    for scorer, case in cases:
        found_now = analyse(case["text"])
        if any(c.source == "learned" for c in found_now.care) or any(h.source == "learned" for h in found_now.harm):
            moving.append((scorer, case))
        else:  # no learned hit even at the lowest thresholds: the same outcome under every table
            found = outcomes(scorer, case)
            for counts in out:
                tally(counts, found)
    for counts, table in zip(out, grids, strict=True):
        with_thresholds(model, table, path)
        for scorer, case in moving:
            tally(counts, outcomes(scorer, case))
    return out


# the rule kinds that stand for a head's own target (hidden when the head is measured alone)
OWN_KINDS: dict[str, set[str]] = {"disclaimer": {"disclaimer", "not_advice", "referral"}}


def alone(cases: list[Case]) -> list[tuple[set[str], set[str], dict[str, float]]]:
    """The heads measured alone, as if the rules had missed the cue: per case (labelled targets, targets the
    case speaks about, the largest probability per target among its sentences whose learned hit the context
    gates let through with the rules' findings of that target hidden). Whether a gate lets a hit through
    does not depend on the threshold, so one pass serves every threshold."""
    from harness.score.engines.cues import analyse, learned
    from harness.score.engines.cues.blend import rule_kinds
    from harness.score.engines.cues.fit import case_targets

    m = learned.model()
    assert m is not None
    out = []
    for scorer, case in cases:
        a = analyse(case["text"], learned=False)
        kinds = rule_kinds(a.units, a.care, a.harm)
        emb, present = m.features([u.low for u in a.units], [u.sentence.text for u in a.units])
        probs = m.probabilities(emb, present)
        best: dict[str, float] = {}
        for row, unit in enumerate(a.units):
            for t, target in enumerate(m.targets):
                anchor, (start, end) = learned._anchor(m, t, unit.low, present[row])  # noqa: SLF001 - the same anchor
                if learned.blocked(target, unit, start, end, kinds[row] - OWN_KINDS.get(target, {target})) is None:
                    best[target] = max(best.get(target, 0.0), float(probs[row, t]))
        want, about = case_targets(scorer, case)
        out.append((want, about, best))
    return out


def alone_counts(scores: list[tuple[set[str], set[str], dict[str, float]]], value: float) -> Counts:
    counts: Counts = {}
    for want, about, best in scores:
        tally(counts, {t: (best.get(t, 0.0) >= value, t in want) for t in CHOSEN_ON if t in about})
    return counts


def lobo(by_batch: dict[str, list[Case]], prose: Any, params: dict[str, float], grids: list[dict[str, float]],
         tmp: Path, embeddings: Embeddings, rows: dict[int, Any], clock: dict[str, float],
         solo: list[Any] | None = None) -> list[Counts]:
    """Pooled left-out counts per threshold table: one fit per batch (and one on all batches for the probes)."""
    from harness.score.engines.cues.fit import fit_examples, merge

    pooled: list[Counts] = [{} for _ in grids]
    for name in sorted(by_batch):
        start = time.process_time()
        train = [rows[id(case)] for other, cases in sorted(by_batch.items()) if other not in (name, PROBES)
                 for _, case in cases]
        model = fit_examples(merge(train), prose, params, embed_fn=embeddings)
        clock["fit"] += time.process_time() - start
        start = time.process_time()
        for total, counts in zip(pooled, score_fold(model, by_batch[name], grids, tmp / "model.json"), strict=True):
            for metric, c in counts.items():
                t = total.setdefault(metric, [0, 0, 0])
                t[:] = [a + b for a, b in zip(t, c, strict=True)]
        if solo is not None:
            solo += alone(by_batch[name])
        clock["score"] += time.process_time() - start
        print(f"  left out {name:<9} {len(by_batch[name]):>5} cases", flush=True)
    return pooled


def prose_hits(model: dict[str, Any], tables: Sequence[dict[str, float]], answers: Path, path: Path) -> list[Counter[str]]:
    """Learned hits per target in the background file's answers the fit never reads (every other one, from the
    second), per threshold table: ordinary answer prose, where any hit is a false one."""
    from harness.score.engines.cues import analyse

    lines = [line for line in answers.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [json.loads(line).get("answer") or "" for line in lines[1::2]]
    out = []
    for table in tables:
        with_thresholds(model, table, path)
        hits: Counter[str] = Counter()
        for text in texts:
            a = analyse(text)
            hits.update(_TARGET_OF.get(c.kind, c.kind) for c in a.care if c.source == "learned")
            hits.update(h.category for h in a.harm if h.source == "learned")
        out.append(hits)
    return out


_TARGET_OF = {"not_advice": "disclaimer"}


def choose(grid: Sequence[float], pooled: list[Counts], solo: list[Any], full_bar: float,
           alone_bar: float) -> dict[str, float]:
    """Per head: among the thresholds whose pooled left-out precision reaches ``full_bar`` through the full
    scorer and ``alone_bar`` alone, the one with the highest recall through the full scorer, then alone, then
    the highest threshold; if none reaches both bars, the old threshold."""
    chosen = {}
    for target, metrics in CHOSEN_ON.items():
        scored = []
        for value, counts in zip(grid, pooled, strict=True):
            p, r = prf([sum(counts.get(m, [0, 0, 0])[i] for m in metrics) for i in range(3)])
            p_alone, r_alone = prf(alone_counts(solo, value).get(target, [0, 0, 0]))
            if (p is None or p >= full_bar) and (p_alone is None or p_alone >= alone_bar):
                scored.append((r or 0.0, r_alone or 0.0, value))
        chosen[target] = max(scored)[2] if scored else OLD
    return chosen


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases-dir", type=Path, default=ROOT / "tests" / "cases")
    parser.add_argument("--background", type=Path, default=SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl")
    parser.add_argument("--grid", type=float, nargs="+", default=[0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
    parser.add_argument("--C", type=float, help="the fit's C (default: fit.DEFAULTS)")
    parser.add_argument("--ngram-weight", type=float, help="the fit's n-gram weight (default: fit.DEFAULTS)")
    parser.add_argument("--min-precision-full", type=float, default=0.99,
                        help="pooled left-out precision a head's threshold must keep through the full scorer")
    parser.add_argument("--min-precision-alone", type=float, default=0.95,
                        help="pooled left-out precision a head's threshold must keep alone")
    parser.add_argument("--shipped", action="store_true",
                        help="run the folds with fit.THRESHOLDS (the shipped table) instead of the chosen one")
    args = parser.parse_args(argv)
    from harness.score.engines.cues import learned
    from harness.score.engines.cues.fit import DEFAULTS, THRESHOLDS, background, case_rows, fit_examples, merge

    if not args.background.exists():
        raise SystemExit(f"{args.background}: not found (the fit's background answers, shared dev data)")
    grid = sorted(set(args.grid) | {OLD})
    params = dict(DEFAULTS)
    params.update({k: v for k, v in (("C", args.C), ("ngram_weight", args.ngram_weight)) if v is not None})
    by_batch = batches(args.cases_dir)
    print(f"batches: {', '.join(f'{n} {len(c)}' for n, c in sorted(by_batch.items()))}; params {params}")
    clock = defaultdict(float)
    start = time.process_time()
    rows = {id(case): case_rows(scorer, case) for cases in by_batch.values() for scorer, case in cases}
    prose = merge(case_rows(s, c) for s, c in background(args.background, 2))
    clock["rows"] = time.process_time() - start
    embeddings = Embeddings()
    try:
        with tempfile.TemporaryDirectory() as folder:
            tables = [dict.fromkeys(CHOSEN_ON, value) for value in grid]
            solo: list[Any] = []
            pooled = lobo(by_batch, prose, params, tables, Path(folder), embeddings, rows, clock, solo)
            chosen = choose(grid, pooled, solo, args.min_precision_full, args.min_precision_alone)
            print("\nchosen thresholds: " + ", ".join(f"{t} {v:.2f}" for t, v in chosen.items()))
            if args.shipped:
                print("shipped table (fit.THRESHOLDS): " + ", ".join(f"{t} {v:.2f}" for t, v in THRESHOLDS.items()))
                chosen = {t: THRESHOLDS[t] for t in CHOSEN_ON}
            print("re-running the folds with the " + ("shipped" if args.shipped else "chosen") + " table")
            [after] = lobo(by_batch, prose, params, [chosen], Path(folder), embeddings, rows, clock)
            start = time.process_time()
            every = fit_examples(merge(rows[id(c)] for n, cases in sorted(by_batch.items()) if n != PROBES
                                       for _, c in cases), prose, params, embed_fn=embeddings)
            unseen = prose_hits(every, [dict.fromkeys(CHOSEN_ON, OLD), chosen], args.background, Path(folder) / "m.json")
            clock["prose"] = time.process_time() - start
    finally:
        learned.use_model(learned.MODEL_PATH)
    before = pooled[grid.index(OLD)]
    print(f"\npooled left-out figures (every batch left out in turn; {sum(map(len, by_batch.values()))} cases)")
    print(f"  {'figure':<20} {'pos':>4} | {'old ' + str(OLD):^22} | {'shipped' if args.shipped else 'chosen':^28}")
    print(f"  {'':<20} {'':>4} | {'tp':>4} {'fp':>4} {'prec':>6} {'rec':>6} | {'thr':>5} {'tp':>4} {'fp':>4} {'prec':>6} {'rec':>6}")
    for metric in METRICS:
        b, a = before.get(metric, [0, 0, 0]), after.get(metric, [0, 0, 0])
        head = next((t for t, ms in CHOSEN_ON.items() if metric in ms), None)
        thr = f"{chosen[head]:.2f}" if head else "  -"
        print(f"  {metric:<20} {b[0] + b[2]:>4} | {b[0]:>4} {b[1]:>4} {_fmt(prf(b)[0]):>6} {_fmt(prf(b)[1]):>6} | "
              f"{thr:>5} {a[0]:>4} {a[1]:>4} {_fmt(prf(a)[0]):>6} {_fmt(prf(a)[1]):>6}")
    print("\nper head at each grid threshold (pooled, its own figures): precision / recall")
    for target, metrics in CHOSEN_ON.items():
        cells = []
        for value, counts in zip(grid, pooled, strict=True):
            p, r = prf([sum(counts.get(m, [0, 0, 0])[i] for m in metrics) for i in range(3)])
            cells.append(f"{value:.2f}: {_fmt(p)}/{_fmt(r)}")
        print(f"  {target:<22} " + "  ".join(cells))
    print("\neach head alone (rules' findings of its target hidden, gates kept; pooled left-out): precision / recall")
    for target in CHOSEN_ON:
        cells = []
        for value in grid:
            p, r = prf(alone_counts(solo, value).get(target, [0, 0, 0]))
            cells.append(f"{value:.2f}: {_fmt(p)}/{_fmt(r)}")
        print(f"  {target:<22} " + "  ".join(cells))
    print(f"\neach head alone at the old {OLD} and the {'shipped' if args.shipped else 'chosen'} threshold (pooled left-out): precision / recall")
    for target, value in chosen.items():
        (p0, r0), (p1, r1) = (prf(alone_counts(solo, OLD).get(target, [0, 0, 0])),
                              prf(alone_counts(solo, value).get(target, [0, 0, 0])))
        print(f"  {target:<22} {_fmt(p0)}/{_fmt(r0)} -> {value:.2f}: {_fmt(p1)}/{_fmt(r1)}")
    print("\nlearned hits in the background answers the fit never reads "
          "(model fitted on every batch), old -> new: " +
          ", ".join(f"{t} {unseen[0][t]} -> {unseen[1][t]}" for t in CHOSEN_ON))
    recalls = [prf(alone_counts(solo, value).get(t, [0, 0, 0]))[1] or 0.0 for t, value in chosen.items()]
    print(f"  mean recall alone at these thresholds (to compare --C / --ngram-weight): {np.mean(recalls):.3f}")
    print(f"\nCPU seconds (noisy on a shared machine): training rows {clock['rows']:.0f}, "
          f"fits {clock['fit']:.0f}, scoring {clock['score']:.0f}, unseen prose {clock['prose']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
