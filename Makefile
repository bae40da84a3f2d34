# The README's two commands: `make run` and `make test`. Both install what they need first.
.PHONY: install run test lint clean test-ops

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/bibliology serve

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# The suite on TEST_WORKERS pytest-xdist workers (docs/browser-tests.md); TEST_WORKERS=0 runs it serially.
TEST_WORKERS ?= 4
test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Heavy operations tests (own PostgreSQL clusters, server processes under load): docs/operations.md.
test-ops: install
	BIBLIOLOGY_OPS_TESTS=1 $(BIN)/python -m pytest -m ops tests/ops

# The real-browser tests alone (Debian's chromium; also part of `make test`): docs/browser-tests.md
.PHONY: test-browser
test-browser: install
	$(BIN)/python -m pytest tests/browser

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis
