# One command sets up and runs the main job; one sets up and passes the tests (README "Quick start").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_DATASETS_OFFLINE := 1
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1

.PHONY: install demo test test-fast lint typecheck bench drug-names clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/answer-audit demo

test: install
	$(BIN)/ruff check harness tests benchmarks
	$(BIN)/python -m mypy harness
	$(BIN)/python -m pytest -q

# the quick loop while developing: everything but the slow (> ~3 s) and browser tests, in under a minute
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: install
	$(BIN)/ruff check harness tests benchmarks

typecheck: install
	$(BIN)/python -m mypy harness

# rebuild the judge's shipped drug-name table after upgrading drug-named-entity-recognition
drug-names: install
	$(BIN)/python benchmarks/build_drug_names.py

bench: install
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) reports/*/ reports/*.sqlite*
