"""``answer-audit judge-claims | validate-judge | calibrate``: the claim judge on tables of pairs.

- ``judge-claims`` adds verdict, confidence, evidence and reason columns to a table of
  (answer, claim) pairs, keeping every input column;
- ``validate-judge`` measures the judge against human labels (confusion matrix, per-class
  precision/recall, macro-F1, Cohen's kappa, bootstrap 95% CIs, and a coverage curve: agreement
  at each confidence level);
- ``calibrate`` re-fits the combiner on a user's labelled pairs and saves a named judge profile
  that runs select with ``--judge NAME``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from harness.apps.cli.common import iso_date
from harness.errors import ConfigError

_PAIR_HELP = "CSV or JSONL file of pairs (format from the extension)"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("judge-claims", help="judge (answer, claim) pairs from a table: add verdict columns",
                       description="Judge every (answer, claim) row of a CSV/JSONL table; writes the table back with "
                                   "verdict, confidence, evidence, evidence_spans and reason columns added.")
    _pair_args(p)
    p.add_argument("--output", required=True, help="output CSV or JSONL (format from the extension)")
    p.add_argument("--kind-col", help="column with the claim kind (essential|supporting|harmful|outdated)")
    p.add_argument("--key-terms-col", help="column with key terms, ';'-separated (or a JSON list in JSONL)")
    p.add_argument("--as-of", type=iso_date, default=None,
                   help="audit date for claims with validity dates (default: today)")
    p.set_defaults(func=handle_judge_claims)

    p = sub.add_parser("validate-judge", help="agreement of the claim judge with human labels",
                       description="Judge labelled pairs and report agreement with the labels: confusion matrix, "
                                   "per-class precision and recall, macro-F1 and Cohen's kappa with seeded "
                                   "bootstrap 95%% confidence intervals.")
    _pair_args(p)
    p.add_argument("--label-col", required=True, help="column with the human label")
    p.add_argument("--label-map", help="translate labels, e.g. Entailment=supported,Neutral=missing,"
                                       "Contradiction=contradicted")
    p.add_argument("--kind-col", help="column with the claim kind (default: every claim is essential)")
    p.add_argument("--output", help="also write the report as JSON here")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.set_defaults(func=handle_validate)

    p = sub.add_parser("calibrate", help="re-fit the claim judge on your labelled pairs; save a named profile",
                       description="Fit the judge's combiner on labelled (answer, claim) pairs, cross-validated by "
                                   "group, and save it as a judge profile that runs select with --judge NAME.")
    _pair_args(p, judge=False)
    p.add_argument("--label-col", required=True, help="column with the label (supported|missing|contradicted)")
    p.add_argument("--label-map", help="translate labels, e.g. Entailment=supported,Neutral=missing")
    p.add_argument("--group-col", help="column grouping pairs for cross-validation (default: the answer text)")
    p.add_argument("--name", required=True, help="profile name (letters, digits, '.', '_', '-')")
    p.add_argument("--base", default="default",
                   help="profile whose contradiction model is kept when no pair is labelled contradicted")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation strength (default 0.5)")
    p.add_argument("--contradiction-gate", default="auto", choices=("auto", "named", "open"),
                   help="when a learned contradiction may be stated: named (only where the clashing words are "
                        "named, as the default profile), open (any window about the claim, at 0.6 out-of-fold "
                        "precision on your pairs), auto (open only when it finds more of your contradictions "
                        "out of fold; default)")
    p.set_defaults(func=handle_calibrate)


def _pair_args(p: argparse.ArgumentParser, *, judge: bool = True) -> None:
    p.add_argument("--input", required=True, help=_PAIR_HELP)
    p.add_argument("--answer-col", required=True, help="column with the answer text")
    p.add_argument("--claim-col", required=True, help="column with the claim text")
    if judge:
        p.add_argument("--judge", default="default", help="judge profile (default: default)")
    p.add_argument("--profiles-dir", default=None,
                   help="where named profiles live (default: $ANSWER_AUDIT_JUDGES_DIR or reports/judges)")


def handle_judge_claims(args: argparse.Namespace) -> int:
    from harness.io.tables import write_table
    from harness.score.engines.judge.tables import judge_rows, read_table

    table = read_table(args.input)
    verdicts = judge_rows(table, answer_col=args.answer_col, claim_col=args.claim_col, kind_col=args.kind_col,
                          key_terms_col=args.key_terms_col, profile=args.judge, as_of=args.as_of,
                          profiles_dir=args.profiles_dir)
    added = ["verdict", "confidence", "evidence", "evidence_spans", "reason"]
    jsonl = Path(args.output).suffix.lower() in (".jsonl", ".ndjson", ".json")
    rows = []
    for row, v in zip(table.rows, verdicts, strict=True):
        out = dict(row)
        out["verdict"] = v.verdict
        out["confidence"] = v.confidence
        out["evidence"] = " … ".join(s.text for s in v.evidence)
        spans = [s.to_json() for s in v.evidence]
        out["evidence_spans"] = spans if jsonl else json.dumps([[s["start"], s["end"]] for s in spans])
        out["reason"] = v.reason
        if not v.applies:
            out["applies"] = False
        rows.append(out)
    columns = [*table.columns, *[c for c in added if c not in table.columns]]
    if any("applies" in r for r in rows) and "applies" not in columns:
        columns.append("applies")
    write_table(args.output, columns, rows)
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"judged {len(verdicts)} pairs with profile {args.judge!r} ({summary or 'none'}); wrote {args.output}")
    return 0


def handle_validate(args: argparse.Namespace) -> int:
    from harness.score.engines.judge.metrics import agreement, coverage_curve, format_agreement, format_coverage
    from harness.score.engines.judge.tables import judge_rows, labels_of, parse_label_map, read_table

    table = read_table(args.input)
    table.require(args.answer_col, args.claim_col, args.label_col, args.kind_col)
    truth = labels_of(table, args.label_col, parse_label_map(args.label_map))
    if not truth:
        raise ConfigError(f"{table.path}: no labelled rows to validate against")
    verdicts = judge_rows(table, answer_col=args.answer_col, claim_col=args.claim_col, kind_col=args.kind_col,
                          profile=args.judge, profiles_dir=args.profiles_dir)
    pred = [v.verdict for v in verdicts]
    order = ("supported", "missing", "contradicted", "stated", "absent")
    labels = [k for k in order if k in set(truth) | set(pred)]
    full = agreement(truth, pred, labels, n_boot=args.n_boot, seed=args.seed)
    binary_t = ["supported" if t in ("supported", "stated") else "not supported" for t in truth]
    binary_p = ["supported" if p in ("supported", "stated") else "not supported" for p in pred]
    binary = agreement(binary_t, binary_p, ["supported", "not supported"], n_boot=args.n_boot, seed=args.seed)
    print(format_agreement(full, f"judge profile {args.judge!r} vs {args.label_col!r} in {table.path}"))
    print()
    print(format_agreement(binary, "supported vs not supported (the HealthBench-style met / not met view)"))
    curve = coverage_curve(truth, pred, [v.confidence for v in verdicts])
    unsure = sum(v.needs_review for v in verdicts)
    print()
    print(format_coverage(curve))
    print(f"{unsure} of {len(verdicts)} verdicts ({unsure / len(verdicts):.0%}) carry needs_review")
    if args.output:
        report = {"input": str(table.path), "judge": args.judge, "label_col": args.label_col,
                  "n_boot": args.n_boot, "seed": args.seed, "verdicts": full.to_json(),
                  "supported_vs_not": binary.to_json(), "coverage_curve": curve, "needs_review": unsure}
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def handle_calibrate(args: argparse.Namespace) -> int:
    from harness.score.engines.judge import PACKAGED_PROFILES, PLUGIN_MODULES, get_judge, profiles_dir
    from harness.score.engines.judge.fit import DEFAULT_C, Pair, fit
    from harness.score.engines.judge.lexical import CombinerJudge
    from harness.score.engines.judge.model import write_combiner
    from harness.score.engines.judge.tables import labels_of, parse_label_map, read_table

    name = args.name
    if not _NAME.match(name) or name.endswith(".json"):
        raise ConfigError(f"--name {name!r}: use letters, digits, '.', '_' and '-' only (no path, no extension)")
    if (PACKAGED_PROFILES / f"{name}.json").exists() or name in PLUGIN_MODULES:
        raise ConfigError(f"--name {name!r} is a built-in judge profile; choose another name")
    table = read_table(args.input)
    table.require(args.answer_col, args.claim_col, args.label_col, args.group_col)
    truth = labels_of(table, args.label_col, parse_label_map(args.label_map))
    allowed = {"supported", "missing", "contradicted"}
    for i, label in enumerate(truth):
        if label not in allowed:
            raise ConfigError(f"{table.path}: row {i + 1}, column {args.label_col!r} maps to {label!r}; calibration "
                              f"needs supported, missing or contradicted")
    pairs = []
    for i, label in enumerate(truth):
        answer = table.text(i, args.answer_col)
        group = table.text(i, args.group_col) if args.group_col else answer
        pairs.append(Pair(answer, table.text(i, args.claim_col), label, group, "user"))
    if len(set(truth)) < 2:
        raise ConfigError(f"{table.path}: every row is labelled {truth[0]!r}; calibration needs at least two labels")
    base = None
    if args.base:
        judge = get_judge(args.base, directory=args.profiles_dir)
        if not isinstance(judge, CombinerJudge):
            raise ConfigError(f"--base {args.base!r} is not a fitted combiner profile")
        base = judge.combiner
    result = fit(pairs, name=name, c=args.C if args.C is not None else DEFAULT_C, base=base,
                 gate=args.contradiction_gate)
    out = profiles_dir(args.profiles_dir) / f"{name}.json"
    write_combiner(result.combiner, out)
    cv = result.report.get("user")
    if cv:
        print(f"cross-validated by group on {cv['n']} pairs: macro-F1 {cv['macro_f1']}, kappa {cv['kappa']}, "
              f"supported-vs-not macro-F1 {cv['macro_f1_supported_vs_not']}, calibration error {cv['ece']}")
    else:
        print("too few groups to cross-validate (need at least 2); fitted on all pairs")
    gates = (result.combiner.meta or {}).get("fitted_with", {}).get("gate_choice")
    if gates:
        print("contradictions out of fold: " + "; ".join(
            f"{g} gate precision {v['precision']}, recall {v['recall']}" for g, v in gates.items())
            + f"; this profile uses the {result.combiner.learned_gate} gate")
    print(f"saved judge profile {name!r} to {out}; use it with --judge {name}")
    return 0
