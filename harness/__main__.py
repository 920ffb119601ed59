"""``python -m harness`` runs the ``answer-audit`` command line."""

import sys

from harness.apps.cli import main

sys.exit(main())
