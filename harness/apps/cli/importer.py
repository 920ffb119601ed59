"""``answer-audit import``: turn a JSONL/CSV/JSON file or a Hugging Face dataset into a battery.

A few lines over ``harness.battery.importers.import_battery``; see docs/importers.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from harness.apps.cli import ExitCode


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import", help="import questions and gold answers (JSONL, CSV, datasets) as a battery",
        description="Write evals/NAME.yaml and gold_answers/NAME/<id>.yaml from rows holding a question and a "
                    "gold answer. Gold answers are marked unreviewed; claims come from --must-field/--nice-field "
                    "statements, or else from the answer's sentences.")
    p.add_argument("--input", required=True, metavar="FILE_OR_DATASET",
                   help="a .jsonl/.json/.csv/.tsv file, a datasets save_to_disk directory, or a Hugging Face "
                        "dataset name already in the local cache (never downloaded)")
    p.add_argument("--name", required=True, help="battery name (evals/NAME.yaml)")
    p.add_argument("--id-field", default=None, metavar="F",
                   help="field holding the question id (made safe and unique); default: row numbers q0001, ...")
    p.add_argument("--question-field", required=True, metavar="F")
    p.add_argument("--answer-field", required=True, metavar="F", help="field holding the gold answer")
    p.add_argument("--must-field", default=None, metavar="F",
                   help="list of statements that become essential claims (K-QA: Must_have)")
    p.add_argument("--nice-field", default=None, metavar="F",
                   help="list of statements that become supporting claims (K-QA: Nice_to_have)")
    p.add_argument("--tag-field", action="append", default=[], metavar="F",
                   help="copy this field into each question's tags (repeatable)")
    p.add_argument("--source-field", default=None, metavar="F",
                   help="field naming the answer's published sources; kept in each gold answer's notes")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="import only the first N rows")
    p.add_argument("--split", default=None, help="dataset split (default: the only one, or train)")
    p.add_argument("--essential", type=int, default=3, metavar="K",
                   help="sentence-derived claims: the first K are essential, the rest supporting (default 3)")
    p.add_argument("--max-claims", type=int, default=15, metavar="N",
                   help="sentence-derived claims: at most N per answer (default 15; 0 = no limit)")
    p.add_argument("--root", type=Path, default=None, metavar="DIR",
                   help="project root holding evals/ and gold_answers/ (default: the current directory)")
    p.add_argument("--force", action="store_true", help="replace an existing battery of the same name")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from harness.battery import load_battery
    from harness.battery.importers import ImportSpec, describe, import_battery
    from harness.errors import BatteryError

    root = (args.root or Path.cwd()).resolve()
    spec = ImportSpec(input=args.input, name=args.name, id_field=args.id_field, question_field=args.question_field,
                      answer_field=args.answer_field, must_field=args.must_field, nice_field=args.nice_field,
                      tag_fields=tuple(args.tag_field), source_field=args.source_field, limit=args.limit, split=args.split, root=root,
                      force=args.force, essential_count=args.essential, max_claims=args.max_claims)
    result = import_battery(spec)  # ImportInputError is a ConfigError: main() prints it, exit 2
    try:
        battery = load_battery(result.battery_path)
    except BatteryError as exc:  # the importer wrote something the loader rejects: our bug, not the input's
        # not a HarnessError on purpose: main() reports it as an internal error (exit 3) with the traceback
        raise RuntimeError(f"the imported battery does not validate: {exc}") from exc
    print(describe(result))
    print(f"{battery.name}: OK — validates with load_battery (fingerprint {battery.fingerprint}); "
          f"check it any time with: answer-audit validate {result.battery_path}")
    return ExitCode.OK
