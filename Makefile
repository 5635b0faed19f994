# apknews: `make demo` runs the whole road on the bundled replica, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_PORT ?= 8765

.PHONY: install system-deps demo test check format clean bench test-large

install: $(VENV)/.installed

# Reinstalled whenever the pinned dependencies change.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $@

demo: install
	$(BIN)/apknews demo --port $(DEMO_PORT)

# Debian's Chromium for the browser tests (installed when missing and run as root).
system-deps:
	scripts/install-system-deps.sh

# The whole suite, the 50,000-article export included (a plain `pytest` skips that one).
test: install system-deps
	APKNEWS_LARGE_TESTS=1 $(BIN)/python -m pytest

# Only the 50,000-article export test (indexing them takes minutes).
test-large: install
	APKNEWS_LARGE_TESTS=1 $(BIN)/python -m pytest -s tests/test_export.py -k 50k

# Not part of `test` (long: a 100k-article rebuild); the table goes to the terminal, JSON to bench/results/.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
