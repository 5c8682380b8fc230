# newsledger: the two commands a newcomer needs.
#   make        create .venv, install, ingest the example articles into demo.db, print the ledger
#   make test   run the test suite (what CI runs: .ci/run)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.db
STAMP := $(VENV)/.installed

.PHONY: all demo install browser test lint bench clean vendor

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

# The dashboard's tests drive a real Chromium (Playwright talks to the system's browser; no
# browser download). Installed from Debian's packages when missing and we are root; otherwise
# those tests are skipped and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    echo "installing chromium (apt-get) for the dashboard's browser tests" && \
	    apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "no chromium: the dashboard's browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

# Rebuild the dashboard's vendored map files (Leaflet, world-atlas...) from npm; the result is
# committed, so nothing else here needs npm.
vendor: $(STAMP)
	bash scripts/vendor_dashboard.sh

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info
