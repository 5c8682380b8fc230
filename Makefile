# newsledger: the two commands a newcomer needs.
#   make        create .venv, install, ingest the example articles into demo.db, print the ledger
#   make test   run the test suite (what CI runs: .ci/run)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.db
STAMP := $(VENV)/.installed

.PHONY: all demo install test lint bench clean

all: demo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	$(BIN)/python -m newsledger.setup_data
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsledger ingest examples/ --db $(DB)
	$(BIN)/newsledger actors --db $(DB) --limit 15
	$(BIN)/newsledger events --db $(DB)
	$(BIN)/newsledger claims --db $(DB)
	$(BIN)/newsledger ledger Taliban --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info
