#!/usr/bin/env bash
# The generated-client test: a server on a seeded directory serves its OpenAPI document; a
# standard generator (openapi-python-client, PyPI) makes a Python client of it, which must come
# out without a warning (a schema the generator cannot read is dropped, with every schema using
# it); then scripts/client_test.py uses that client to create a list, search people with typed
# filters, add prospects by each of the three modes and read the leads. Runs on SQLite, or on
# PostgreSQL when LEADBASE_TEST_DATABASE_URL is set (run it under scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# The generator's version is pinned, so that a run is repeatable. A Debian python3 refuses pip
# installs outside a virtual environment (PEP 668) unless told.
package=openapi-python-client==0.29.1
python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('${package%==*}') != '${package#*==}')" 2>/dev/null \
  || python3 -m pip install -q "$package" || python3 -m pip install -q --break-system-packages "$package"

seed=7
source scripts/seeded-server.sh

python3 -c "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())" \
  "http://127.0.0.1:$port/openapi.json" >"$work/openapi.json"
python3 -m openapi_python_client generate --path "$work/openapi.json" --meta none --output-path "$work/client" >"$work/generate.log" 2>&1
if grep -v '^Generating ' "$work/generate.log" | grep -q .; then
  cat "$work/generate.log"
  echo "openapi-python-client warned about the served document" >&2
  exit 1
fi
PYTHONPATH="$work" python3 scripts/client_test.py "http://127.0.0.1:$port" "$token"
