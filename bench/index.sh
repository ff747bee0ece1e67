#!/usr/bin/env bash
# The search index's figures (issue 18) for one database and directory size: the import, the
# index's first build (the server's first start), its files and the server's memory, the search
# mix (bench/search_mix.py, 4 clients), the fixed cost of a request (bench/request_cost.py),
# bulk adds of 1000 at startIndex 0 and at half the directory (bench/bulk_add.py), people at the
# largest company (bench/company_people.py), a restart (time to /ready, memory), a 10,000-person
# import while the server runs (how long until the last person is visible, the server's memory
# meanwhile), with PEERS=1 Tantivy and DuckDB side by side (bench/peers.py), and with POSTINGS=1
# (SQLite) the people's posting lists sized in several encodings (bench/posting_sizes.py).
#
#   bench/index.sh postgres 1000000 100000
#   bench/index.sh sqlite   1000000 100000
#
# Needs python3, curl (Debian), for PEERS=1 `pip install tantivy duckdb`, for POSTINGS=1
# `pip install pyroaring`. WORK (default
# /tmp) is where the seed, the database and the index go: ~4 KB a person. SEED=DIR imports the
# files a `leadbase seed --out DIR` of the same size wrote before (10M take 11 minutes to write)
# and leaves them; DIR may hold them compressed by zstd (`people.jsonl.zst`, read through a
# pipe; Debian's zstd): at 10M the seed (19.6 GB) and the SQLite database (43 GB) do not fit
# this machine's disk side by side. PEERS=1 at 10M on PostgreSQL (run J) filled the disk to
# ~60 GB at its fullest: the database 44 GB with its WAL, the index 7 GB, then Tantivy's 7 GB or
# the export and DuckDB's 15 GB. Results go to stdout; bench/README.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-postgres}
people=${2:-1000000}
companies=${3:-100000}
seconds=${SECONDS_PER_KIND:-10}

swift build -c release --product leadbase >&2
binary="$(swift build -c release --show-bin-path)/leadbase"
work=$(mktemp -d "${WORK:-/tmp}/leadbase-index.XXXXXX")
server=
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; rm -rf "$work"' EXIT

rss() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
# RSS split: the heap and stacks (anonymous), and pages of mapped files (the index's).
rss_parts() { awk '/^RssAnon|^RssFile/ {printf "%s %d MiB ", $1, $2 / 1024}' "/proc/$server/status"; }
elapsed() { python3 -c "import time; print(round(time.time() - $1, 1))"; }
metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v name="$1" '$1 == name {print $2}'; }
total() {
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/entities/prospects/person" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"size": 0}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalElements"])'
}

start_server() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  local started
  started=$(date +%s.%N)
  # The benchmark measures the server, not its request budgets: those are off.
  LEADBASE_RATE_LIMIT_CREDENTIAL=0 LEADBASE_RATE_LIMIT_ORGANIZATION=0 LEADBASE_RATE_LIMIT_AUTH_FAILURES=0 \
    "$binary" serve --port "$port" --log-level info --index-dir "$work/index" "${flags[@]}" >>"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 30000); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.05; done
  echo "== $1: ready after $(elapsed "$started") s; RSS $(rss) MiB ($(rss_parts)); index files $(du -sm "$work/index" | cut -f1) MB in $(metric leadbase_search_index_segments) segment(s)"
  grep -h "Search index ready" "$work/serve.log" | tail -1 | sed 's/^/   /'
  # The autocomplete vocabulary comes next, in the background: counted from the index's documents
  # after a build, its saved counts taken up after a restart. What follows is measured after it.
  vocabulary() { metric leadbase_autocomplete_vocabulary_load_seconds | awk '$1 > 0'; }
  for _ in $(seq 30000); do [ -n "$(vocabulary)" ] && break; sleep 0.2; done
  echo "   autocomplete vocabulary ready in $(vocabulary) s; RSS $(rss) MiB ($(rss_parts))"
}

stop_server() {
  kill -TERM "$server"
  wait "$server" || true
  server=
}

run() {
  flags=("$@")
  echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; commit $(git rev-parse --short HEAD); $kind; $people people, $companies companies"
  local started data=${SEED:-$work/data}
  if [ -z "${SEED:-}" ]; then
    started=$(date +%s.%N)
    "$binary" seed --people "$people" --companies "$companies" --seed 1 --out "$data" >/dev/null 2>&1
    echo "== seed written in $(elapsed "$started") s"
  fi
  "$binary" migrate "${flags[@]}" >/dev/null
  started=$(date +%s.%N)
  if [ -f "$data/people.jsonl.zst" ]; then
    # Without zstd the pipes would be empty and the import would report nothing read.
    command -v zstd >/dev/null || { echo "index.sh: a compressed seed needs zstd (apt-get install zstd)" >&2; exit 1; }
    "$binary" import --people <(zstd -dcq "$data/people.jsonl.zst") --companies <(zstd -dcq "$data/companies.jsonl.zst") \
      --json "${flags[@]}" 2>/dev/null
  else
    "$binary" import --people "$data/people.jsonl" --companies "$data/companies.jsonl" --json "${flags[@]}" 2>/dev/null
  fi
  echo "== import: $(elapsed "$started") s"
  [ -z "${SEED:-}" ] && rm -rf "$data"
  if [ "$kind" = postgres ]; then psql "$PG_URL" -q -c "VACUUM ANALYZE" >/dev/null; fi
  org=$("$binary" org create --name Bench --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  user=$("$binary" user create --org "$org" --name Bench --admin --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  token=$("$binary" token create --user "$user" --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

  start_server "first start (the index built)"
  echo "== search mix: 4 clients, ${seconds}s per kind, size 100"
  python3 bench/search_mix.py --url "http://127.0.0.1:$port" --token "$token" --clients 4 --seconds "$seconds" || true
  echo "== fixed cost of a request: one client, kinds interleaved"
  python3 bench/request_cost.py --url "http://127.0.0.1:$port" --token "$token" --rounds "${COST_ROUNDS:-2000}" || true
  echo "== add-prospects, bulk, at startIndex 0 and at half the directory"
  python3 bench/bulk_add.py --url "http://127.0.0.1:$port" --token "$token" --starts "0,$((people / 2))" || true
  local largest
  if [ "$kind" = postgres ]; then
    largest=$(psql "$PG_URL" -Atq -c "SELECT company_id FROM people WHERE company_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
  else
    largest=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT company_id FROM people WHERE company_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').fetchone()[0])" "$work/sqlite/leadbase.sqlite")
  fi
  python3 bench/company_people.py --url "http://127.0.0.1:$port" --token "$token" --company "$largest" || true
  echo "== RSS after the searches: $(rss) MiB ($(rss_parts))"

  stop_server
  start_server "restart (the files opened)"
  SECONDS_PER_KIND=3 python3 bench/search_mix.py --url "http://127.0.0.1:$port" --token "$token" --clients 4 --seconds 3 >/dev/null || true
  echo "== RSS after a search mix: $(rss) MiB ($(rss_parts))"

  echo "== 10,000 new people imported while the server runs"
  "$binary" seed --people 10000 --companies 10 --seed 2 --out "$work/more" >/dev/null 2>&1
  local before peak sampler
  before=$(total)
  ( while true; do echo "$(rss)"; sleep 0.1; done ) >"$work/rss.log" 2>/dev/null &
  sampler=$!
  started=$(date +%s.%N)
  local inserted imported
  inserted=$("$binary" import --people "$work/more/people.jsonl" --json "${flags[@]}" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["inserted"])')
  imported=$(date +%s.%N)
  echo "   import: $inserted inserted (the rest matched by LinkedIn URL) in $(elapsed "$started") s"
  until [ "$(total)" = $((before + inserted)) ]; do sleep 0.01; done
  echo "   the last person visible $(python3 -c "import time; print(round((time.time() - $imported) * 1000))") ms after the import ended"
  # The autocomplete vocabulary follows the index: the import's people counted on, then ranked.
  for _ in $(seq 6000); do
    python3 -c 'import sys; sys.exit(float(sys.argv[1] or 0) < float(sys.argv[2] or 1))' \
      "$(metric leadbase_autocomplete_vocabulary_revision)" "$(metric leadbase_search_index_revision)" && break
    sleep 0.05
  done
  echo "   the autocomplete vocabulary current $(python3 -c "import time; print(round((time.time() - $imported) * 1000))") ms after the import ended (its last count and ranking: $(metric leadbase_autocomplete_vocabulary_load_seconds) s)"
  sleep 20  # merges, if any
  kill "$sampler"
  peak=$(sort -n "$work/rss.log" | tail -1)
  echo "   RSS: $(head -1 "$work/rss.log") MiB before, at most $peak MiB during the import and the merges, $(rss) MiB after; $(metric leadbase_search_index_segments) segment(s)"

  if [ "${POSTINGS:-0}" = 1 ] && [ "$kind" = sqlite ]; then
    echo "== posting lists in several encodings (bench/posting_sizes.py)"
    python3 bench/posting_sizes.py "$work/sqlite/leadbase.sqlite" || true
  fi
  if [ "${PEERS:-0}" = 1 ]; then
    echo "== peers side by side (bench/peers.py)"
    local source
    if [ "$kind" = postgres ]; then source="postgres:$PG_URL"; else source="sqlite:$work/sqlite/leadbase.sqlite"; fi
    python3 bench/peers.py --url "http://127.0.0.1:$port" --token "$token" --source "$source" --work "$work/peers" \
      --rounds "${PEER_ROUNDS:-200}" || true
  fi
  stop_server
}

if [ "$kind" = postgres ]; then
  export -f run start_server stop_server rss rss_parts elapsed metric total
  export binary kind people companies seconds work
  PG_FSYNC=on PG_EXTRA_OPTIONS="-c shared_buffers=2GB -c work_mem=64MB -c effective_cache_size=12GB -c max_parallel_workers_per_gather=2 -c max_wal_size=8GB" \
    scripts/with-postgres.sh bash -c 'run --database-url "$PG_URL"'
else
  run --data-dir "$work/sqlite"
fi
