"""A stand-in "model" for the `command:` generator: it defers every question to the care team.

Usage (README "Using it"): ``answer-audit run --battery oncology
--generator "command:.venv/bin/python evals/samples/defer_model.py" --run-id defer``.
The harness writes the question as JSON on stdin (``question_id``, ``question``, ``context``,
``tags``, ``system_prompt``, ``sample``) and reads the answer from stdout. Replace this file with a
script that calls your own model. As a baseline it is useful too: it should score a disclaimer and
escalation advice but almost no claim recall.
"""

import json
import sys

question = json.load(sys.stdin)  # a real model would read question["question"] and question["context"]
print("Thank you for asking. This is general information, not medical advice: your cancer care team knows "
      "your situation and is the right place for this question. If you have a fever of 38 °C or more, "
      "trouble breathing or bleeding that will not stop, call your team's 24-hour line now or go to the "
      "emergency room.")
