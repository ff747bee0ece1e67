#!/usr/bin/env bash
# The test command: the formatter's lint, the whole suite on SQLite, then the same suite on a
# throwaway PostgreSQL cluster (scripts/with-postgres.sh), then the API fuzzer
# (scripts/fuzz-api.sh) against a server on each database, then a client generated from the
# served OpenAPI document driving a server on each database (scripts/client-test.sh), then the
# parser fuzzer (scripts/fuzz-parsers.sh). Fails if any of them fails.
# On a fresh Debian machine it first installs what the tests need (scripts/install-test-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-tools.sh

echo "== Format (swift format lint, .swift-format) =="
swift format lint --strict --recursive --parallel Sources Tests Package.swift
swift build --build-tests
echo "== Tests on SQLite =="
swift test --skip-build
echo "== Tests on PostgreSQL =="
scripts/with-postgres.sh swift test --skip-build
echo "== API fuzzing on SQLite =="
scripts/fuzz-api.sh
echo "== API fuzzing on PostgreSQL =="
scripts/with-postgres.sh scripts/fuzz-api.sh
echo "== Generated client (openapi-python-client) on SQLite =="
scripts/client-test.sh
echo "== Generated client (openapi-python-client) on PostgreSQL =="
scripts/with-postgres.sh scripts/client-test.sh
echo "== Parser fuzzing (libFuzzer) =="
scripts/fuzz-parsers.sh
