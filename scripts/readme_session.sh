#!/usr/bin/env bash
# Print the README's example session (real output): run from the repository root after `make`.
# Only the project's own example articles appear (the README carries no third-party text).
set -u
export COLUMNS=${COLUMNS:-118}
DB=$(mktemp -d)/session.db
run() { printf '$ %s\n' "$*"; eval "$@" 2>&1; echo; }
run ".venv/bin/newsledger ingest examples/ --db $DB" | sed "s#$DB#demo.db#g"
run ".venv/bin/newsledger events --db $DB --place Jalalabad" | sed "s#$DB#demo.db#g"
run ".venv/bin/newsledger claims --db $DB --actor taliban" | sed "s#$DB#demo.db#g"
run ".venv/bin/newsledger ledger Taliban --db $DB | head -40" | sed "s#$DB#demo.db#g"
run ".venv/bin/newsledger export --format csv --db $DB --type explosions | head -4" | sed "s#$DB#demo.db#g"
run ".venv/bin/newsledger extract examples/frontier_report.txt"
run ".venv/bin/newsledger extract examples/wire.jsonl --json | head -1 | cut -c1-300"
