#!/usr/bin/env bash
# The test command: the whole suite on SQLite, then the same suite on a throwaway PostgreSQL
# cluster (scripts/with-postgres.sh). Fails if either run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
echo "== Tests on SQLite =="
swift test --skip-build
echo "== Tests on PostgreSQL =="
scripts/with-postgres.sh swift test --skip-build
