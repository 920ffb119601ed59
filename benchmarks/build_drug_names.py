"""Build the judge's drug-name table (package data) from the drug-named-entity-recognition package.

The claim judge needs brand and generic drug names ("Lexapro" = escitalopram, "Yescarta" =
axicabtagene ciloleucel). The ``drug-named-entity-recognition`` package has them, but reading its
data at scoring time would mean importing it (seconds; it builds a fuzzy index we do not use) or
unpickling its internal file. So this script, run by a maintainer when the package is upgraded,
asks the package through its public module interface (``drugs_finder.reset_drugs_data()`` fills
``drugs_finder.drug_variant_to_canonical``), keeps what name matching needs (variant -> canonical
token), and writes ``harness/score/engines/judge/drug_names.json``: sorted, one entry a line, with
the versions it came from, so the same package versions always give the same bytes.

    python benchmarks/build_drug_names.py            # rewrite the shipped table
    python benchmarks/build_drug_names.py --check    # exit 1 if the shipped table differs

Needs ``pip install drug-named-entity-recognition`` (in the ``test`` extra); scoring never imports it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.score.engines.judge.drugs import TABLE_PATH, canonical_token  # noqa: E402

PACKAGE = "drug-named-entity-recognition"
MAX_WORDS = 3
COMMON_WORD_ZIPF = 3.8
"""A one-word variant this frequent in English ("today", "sits") is a product name, not a drug."""


def build() -> dict[str, object]:
    """The table as written: ``source`` (package versions and filter) and ``names`` (variant -> token)."""
    from drug_named_entity_recognition import drugs_finder
    from wordfreq import zipf_frequency

    drugs_finder.reset_drugs_data()
    names: dict[str, str] = {}
    for variant, canonicals in drugs_finder.drug_variant_to_canonical.items():
        if not canonicals or not re.fullmatch(r"[a-z][a-z ]{3,}[a-z]", variant):
            continue
        words = variant.split()
        if len(words) > MAX_WORDS:
            continue
        if len(words) == 1 and zipf_frequency(variant, "en") > COMMON_WORD_ZIPF:
            continue
        names[variant] = canonical_token(canonicals[0])
    return {
        "source": {
            "package": PACKAGE,
            "version": metadata.version(PACKAGE),
            "wordfreq": metadata.version("wordfreq"),
            "filter": f"lower-case letters and spaces, 5+ characters, at most {MAX_WORDS} words; "
                      f"one-word variants with English zipf frequency > {COMMON_WORD_ZIPF} left out",
            "built_by": "benchmarks/build_drug_names.py",
        },
        "names": dict(sorted(names.items())),
    }


def render(table: dict[str, object]) -> str:
    """Deterministic JSON text: the source block, then one name a line (diffs stay readable)."""
    names = table["names"]
    assert isinstance(names, dict)
    lines = [
        "{",
        f'"source": {json.dumps(table["source"], sort_keys=True, ensure_ascii=False)},',
        '"names": {',
        ",\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in names.items()),
        "}",
        "}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table instead of writing")
    parser.add_argument("--output", type=Path, default=TABLE_PATH)
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        same = args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'identical to' if same else 'DIFFERS from'} a fresh build")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    names = json.loads(text)["names"]
    print(f"wrote {args.output} ({len(names)} names, {len(text.encode()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
