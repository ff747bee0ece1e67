#!/usr/bin/env bash
# Property-based fuzzing of the HTTP API: the served OpenAPI document is validated
# (openapi-spec-validator, PyPI), then schemathesis (PyPI) generates requests from the served
# OpenAPI document (its coverage, fuzzing and stateful phases) against a real server on a seeded
# directory, and fails on any server error (5xx) or any response that the document does not
# describe. Runs on SQLite, or on PostgreSQL when LEADBASE_TEST_DATABASE_URL is set (run it
# under scripts/with-postgres.sh). The seed is fixed, so a run is repeatable; FUZZ_SEED and
# FUZZ_EXAMPLES change it.
#
#   scripts/fuzz-api.sh                          # SQLite
#   scripts/with-postgres.sh scripts/fuzz-api.sh # PostgreSQL
#
# Every check runs (`--checks all`), so a request the document allows must also be accepted and
# one it forbids refused. What the document cannot state is in scripts/fuzz_api_hooks.py (rules
# across two values, or against stored data) and in the run's configuration below:
# add-companies is sent to a company list, and 422 (IDEMPOTENCY_KEY_REUSED: the fuzzer sends one
# key with many bodies) counts as a refusal of the request's state, as 404 and 409 do.
set -euo pipefail
cd "$(dirname "$0")/.."

# The versions the hooks and the checks were written for, so that a run is repeatable. A Debian
# python3 refuses pip installs outside a virtual environment (PEP 668) unless told.
for package in schemathesis==4.32.5 openapi-spec-validator==0.9.0; do
  python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('${package%==*}') != '${package#*==}')" 2>/dev/null \
    || python3 -m pip install -q "$package" || python3 -m pip install -q --break-system-packages "$package"
done

seed=5
source scripts/seeded-server.sh

# The document as served must be valid OpenAPI before anything is generated from it.
python3 -c "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())" \
  "http://127.0.0.1:$port/openapi.json" >"$work/openapi.json"
python3 -m openapi_spec_validator "$work/openapi.json"

companies=$(python3 - "$port" "$token" <<'EOF'
import json, sys, urllib.request
request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/api/v1/entities/leadlists", method="POST",
    data=json.dumps({"name": "Fuzzed accounts", "type": "company"}).encode(),
    headers={"Authorization": f"Bearer {sys.argv[2]}", "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["id"])
EOF
)
cat >"$work/schemathesis.toml" <<EOF
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]

[[operations]]
include-name = "POST /api/v1/entities/leadlists/{id}/add-companies"
parameters = { "path.id" = "$companies" }
EOF

PYTHONPATH=scripts SCHEMATHESIS_HOOKS=fuzz_api_hooks FUZZ_COMPANY_LIST="$companies" python3 -m schemathesis.cli --config-file "$work/schemathesis.toml" \
  run "http://127.0.0.1:$port/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks all \
  --max-examples "${FUZZ_EXAMPLES:-25}" --seed "${FUZZ_SEED:-20261202}" --continue-on-failure --no-color
