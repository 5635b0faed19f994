# apknews: `make demo` runs the whole road on the bundled replica, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_PORT ?= 8765

.PHONY: install system-deps demo test check format clean bench bench-1m bench-hourly test-large translations stress

install: $(VENV)/.installed

# Reinstalled whenever the pinned dependencies change.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $@

# `make demo SERVE=1` then keeps the replica up and serves the web page until Ctrl-C.
demo: install
	$(BIN)/apknews demo --port $(DEMO_PORT)$(if $(SERVE), --serve)

# Debian's Chromium for the browser tests (installed when missing and run as root).
system-deps:
	scripts/install-system-deps.sh

# The whole suite, the 50,000-article export included (a plain `pytest` skips that one).
test: install system-deps
	APKNEWS_LARGE_TESTS=1 $(BIN)/python -m pytest

# Only the 50,000-article export test (indexing them takes minutes).
test-large: install
	APKNEWS_LARGE_TESTS=1 $(BIN)/python -m pytest -s tests/test_export.py -k 50k

# Not part of `test`: 20,000 fuzzed pages and 20,000 fuzzed queries; the slowest and the peak memory printed.
stress: install
	APKNEWS_STRESS_PAGES=20000 APKNEWS_STRESS_QUERIES=20000 $(BIN)/python -m pytest -s \
		tests/test_hostile_pages.py tests/test_hostile_queries.py -k fuzzed

# Not part of `test` (long: a 100k-article rebuild); the table goes to the terminal, JSON to bench/results/.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

# Not part of `test` or `bench` (about 1.5 hours and 30 GB on 2 idle cores, far longer on busy ones):
# 10k, 100k and a million articles generated (the 1M once, then reused), rebuilt and queried beside
# FTS5, and how each figure grows.
bench-1m: install
	$(BIN)/python -m bench --sizes 10000,100000,1000000 --procs 2 --large-rounds 0 --incremental 0 \
		--label 1m $(BENCH_ARGS)

# Not part of `test` or `bench` (about an hour on 2 cores): a year of hourly index updates (8,760
# commits) on the 10k archive, segments and query p95 beside a fresh rebuild (JSON and PNG).
bench-hourly: install
	$(BIN)/python -m bench.hourly_updates $(BENCH_ARGS)

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The web page's catalogues (web/translations) and the CLI's (apknews/translations: its words, help
# and the messages of search and crawler it shows): extract the English messages into the .pot,
# merge them into each language's messages.po (translate what is new there), compile the .mo files
# the page reads (committed: a checkout and a wheel work without this step; a test checks them).
translations: install
	$(BIN)/pybabel --quiet extract -F web/translations/babel.cfg -k N_ -c Translators: --no-location \
		--sort-output --omit-header --width 110 -o web/translations/messages.pot .
	$(BIN)/pybabel --quiet update -i web/translations/messages.pot -d web/translations \
		--width 110 --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel compile -d web/translations --statistics
	$(BIN)/pybabel --quiet extract -F apknews/translations/babel.cfg -c Translators: --no-location \
		--sort-output --omit-header --width 110 -o apknews/translations/apknews.pot .
	$(BIN)/pybabel --quiet update -i apknews/translations/apknews.pot -d apknews/translations -D apknews \
		--width 110 --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel compile -d apknews/translations -D apknews --statistics  # the CLI's own words

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
