"""Import question/answer collections (JSONL, CSV, JSON, Parquet, Hugging Face datasets) as batteries.

``import_battery()`` turns rows with a question and a gold answer into ``evals/<name>.yaml`` plus
``gold_answers/<name>/<question_id>.yaml``, which ``load_battery(name)`` validates. Imported gold
answers are honest about what they are: ``status: unreviewed``, ``reviewed_by: "imported from
<input> (unreviewed)"``, ``guideline_version: "as published in <input>"``, and a note naming the
input row.

Claims come from one of two places:

- statement fields (K-QA style, ``must_field`` / ``nice_field``): each statement of the must
  field becomes an ``essential`` claim, each of the nice field a ``supporting`` claim;
- otherwise the gold answer's sentences (``harness.core.text.split_sentences``): headings, fragments
  under four words and repeated sentences are skipped; the first ``essential_count`` (default 3)
  become ``essential`` claims, the rest ``supporting``, up to ``max_claims`` (default 15; 0 = no
  limit). The first sentences of an answer usually carry its point; later ones detail it.

Rows are read by the one table reader (``harness.io.tables``; datasets offline through
``harness.io.hf``). Nothing is written until every row has been read and checked, so a bad row
leaves no half battery behind; bad input raises one ``ImportInputError`` listing every bad row
(file:line and field).

Modules: ``common`` (spec, result, error, field readers), ``claims`` (sentence claims, safe ids),
``build`` (rows -> records), ``write`` (records -> YAML files).
"""

from harness.battery.importers.build import import_battery
from harness.battery.importers.claims import MAX_ID_LENGTH, safe_id, sentence_claims
from harness.battery.importers.common import ImportInputError, ImportResult, ImportSpec
from harness.battery.importers.write import describe
from harness.io.tables import FORMATS

FILE_SUFFIXES = tuple(FORMATS)

__all__ = ["FILE_SUFFIXES", "MAX_ID_LENGTH", "ImportInputError", "ImportResult", "ImportSpec", "describe",
           "import_battery", "safe_id", "sentence_claims"]
