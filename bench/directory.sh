#!/usr/bin/env bash
# Directory and list benchmark: seed PEOPLE people and COMPANIES companies into a fresh database,
# measure the fixed cost of a request (bench/request_cost.py, one client), run the fixed
# people-search mix (bench/search_mix.py) through HTTP with 4 clients, the
# autocomplete lookups (bench/autocomplete.py), the
# add-prospects benchmarks (bulk: bench/bulk_add.py; direct: wrk with bench/direct_add.lua, 32
# connections for 30 s), member reads of a list of MEMBERS (100,000; bench/member_reads.py)
# (SKIP_LISTS=1 leaves the list benchmarks out), and print the query plan of each search
# kind. Needs python3, curl and wrk (Debian: apt-get install wrk).
#
#   bench/directory.sh postgres 1000000 100000
#   bench/directory.sh sqlite   1000000 100000
#
# PostgreSQL runs as a throwaway local cluster (scripts/with-postgres.sh) with fsync on, so the
# import rate is an honest one. Results go to stdout; bench/README.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-postgres}
people=${2:-1000000}
companies=${3:-100000}
seconds=${SECONDS_PER_KIND:-20}

swift build -c release --product leadbase >&2
binary="$(swift build -c release --show-bin-path)/leadbase"
work=$(mktemp -d /tmp/leadbase-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() {
  local flags=("$@")
  echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $kind; $people people, $companies companies"
  echo "== seed --out, then import (the import's rows/s is the import rate)"
  "$binary" seed --people "$people" --companies "$companies" --seed 1 --out "$work/data" >/dev/null 2>&1
  "$binary" migrate "${flags[@]}" >/dev/null
  "$binary" import --people "$work/data/people.jsonl" --companies "$work/data/companies.jsonl" --json "${flags[@]}" 2>/dev/null
  rm -rf "$work/data"
  if [ "$kind" = postgres ]; then
    psql "$PG_URL" -q -c "VACUUM ANALYZE" >/dev/null
  else
    "$binary" explain '{}' "${flags[@]}" >/dev/null  # warms the file cache
  fi
  org=$("$binary" org create --name Bench --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  user=$("$binary" user create --org "$org" --name Bench --admin --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  token=$("$binary" token create --user "$user" --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  started=$(date +%s.%N)
  # The benchmark measures the server, not its request budgets: those are off.
  LEADBASE_RATE_LIMIT_CREDENTIAL=0 LEADBASE_RATE_LIMIT_ORGANIZATION=0 LEADBASE_RATE_LIMIT_AUTH_FAILURES=0 \
    "$binary" serve --port "$port" --log-level warning "${flags[@]}" >"$work/serve.log" 2>&1 &
  server=$!
  # /ready answers 503 until the server has loaded its search index.
  for _ in $(seq 3000); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.2; done
  echo "== server ready after $(python3 -c "import time; print(round(time.time() - $started, 1))") s (search index loaded), RSS $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
  # The autocomplete vocabulary comes next, in the background (counted from the search index's
  # documents); what follows is measured after it.
  vocabulary() { curl -sf "http://127.0.0.1:$port/metrics" | awk '$1 == "leadbase_autocomplete_vocabulary_load_seconds" && $2 > 0 {print $2}'; }
  for _ in $(seq 3000); do [ -n "$(vocabulary)" ] && break; sleep 0.2; done
  echo "== autocomplete vocabulary ready in $(vocabulary) s, done $(python3 -c "import time; print(round(time.time() - $started, 1))") s after the start; RSS $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
  echo "== the index: $(curl -sf "http://127.0.0.1:$port/metrics" | awk '$1 == "leadbase_search_index_bytes" {printf "%.0f MB", $2 / 1e6}') in $(curl -sf "http://127.0.0.1:$port/metrics" | awk '$1 == "leadbase_search_index_segments" {print $2}') segment(s)"
  echo "== fixed cost of a request: one client, kinds interleaved (bench/request_cost.py)"
  python3 bench/request_cost.py --url "http://127.0.0.1:$port" --token "$token" --rounds "${COST_ROUNDS:-3000}" || true
  echo "== search mix: 4 clients, ${seconds}s per kind, size 100"
  python3 bench/search_mix.py --url "http://127.0.0.1:$port" --token "$token" --clients 4 --seconds "$seconds" || true
  echo "== autocomplete: 4 clients, every route, values typed a character at a time"
  python3 bench/autocomplete.py --url "http://127.0.0.1:$port" --token "$token" --clients 4 || true
  echo "== server RSS after the searches: $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
  if [ "${SKIP_LISTS:-}" != 1 ]; then
    echo "== add-prospects"
    python3 bench/bulk_add.py --url "http://127.0.0.1:$port" --token "$token" || true
    echo "== member reads of a list of ${MEMBERS:-100000}"
    python3 bench/member_reads.py --url "http://127.0.0.1:$port" --token "$token" --members "${MEMBERS:-100000}" || true
    list=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/entities/leadlists" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d '{"name": "bench direct"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    LIST_PATH="/api/v1/entities/leadlists/$list/add-prospects" TOKEN="$token" \
      wrk -t2 -c32 -d"${DIRECT_SECONDS:-30}s" -s bench/direct_add.lua "http://127.0.0.1:$port" | grep '^direct add' || true
  fi
  kill -TERM "$server"; wait "$server" || true
  echo "== plans (of SQL, which answers people searches only while the index is behind; companies always)"
  python3 - "$binary" "${flags[@]}" <<'PY'
import json, subprocess, sys
sys.path.insert(0, "bench")
from search_mix import KINDS
binary, flags = sys.argv[1], sys.argv[2:]
for name, body in KINDS.items():
    plan = subprocess.run([binary, "explain", json.dumps(body)] + flags, capture_output=True, text=True)
    print(f"--- {name}\n{plan.stdout or plan.stderr}")
PY
}

if [ "$kind" = postgres ]; then
  export -f run
  export binary kind people companies seconds work
  # max_wal_size as PostgreSQL's manual advises for bulk loads ("Populating a Database"): with
  # the default 1GB a 1M-person import (~2.5 GB of WAL) runs 4 checkpoints, each followed by
  # full-page images of every index page touched again (run 15 onwards; see bench/README.md).
  PG_FSYNC=on PG_EXTRA_OPTIONS="-c shared_buffers=2GB -c work_mem=64MB -c effective_cache_size=12GB -c max_parallel_workers_per_gather=2 -c max_wal_size=8GB" \
    scripts/with-postgres.sh bash -c 'run --database-url "$PG_URL"'
else
  run --data-dir "$work/sqlite"
fi
