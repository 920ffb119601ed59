"""pytest plugin entry point (filled in by the gate work): lets a test suite run answer-audit gates."""
