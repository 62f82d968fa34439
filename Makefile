# Two commands: `make demo` and `make test`. Both bootstrap .venv by themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := data/demo.db

.PHONY: demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/summit --env-file /dev/null ingest samples/
	@echo
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/summit --env-file /dev/null digest --print --date 2023-07-15
	@echo
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/summit --env-file /dev/null who-said Lavrov

test: $(STAMP) lint
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_pages.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
