#!/usr/bin/env bash
# The autocomplete vocabulary's rankings, apart from anything else: a SQLite directory of N
# people (default 1,000,000, a tenth as many companies), a server on it, then single people
# imported one at a time, each followed by 12 s of quiet. For each import: the server's heap and
# mapped pages (RSS, sampled every 50 ms) before it and at their peak, and the vocabulary's
# count and ranking time from the server's log; the index's merges are logged beside.
#
#   bench/vocabulary_memory.sh 1000000
#
# Needs python3 and curl. WORK (default /tmp) holds the seed, the database and the index
# (~4 KB a person). bench/README.md (runs L, M and N) records the results.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-1000000}
swift build -c release --product leadbase >&2
b="$(swift build -c release --show-bin-path)/leadbase"
d=$(mktemp -d "${WORK:-/tmp}/leadbase-vocabulary.XXXXXX")
s=
sampler=
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; [ -n "$s" ] && kill -TERM "$s" 2>/dev/null; rm -rf "$d"' EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v name="$1" '$1 == name {print $2}'; }
rss() { awk '/^RssAnon|^RssFile/ {printf "%d ", $2 / 1024}' "/proc/$s/status"; }

echo "== machine: $(nproc) cores; commit $(git rev-parse --short HEAD); sqlite; $people people"
"$b" seed --people "$people" --companies $((people / 10)) --seed 1 --out "$d/seed" >/dev/null 2>&1
"$b" migrate --data-dir "$d/data" >/dev/null
"$b" import --people "$d/seed/people.jsonl" --companies "$d/seed/companies.jsonl" --data-dir "$d/data" >/dev/null 2>&1
rm -rf "$d/seed"
"$b" serve --port "$port" --data-dir "$d/data" --index-dir "$d/index" --log-level debug >"$d/serve.log" 2>&1 &
s=$!
until [ -n "$(metric leadbase_autocomplete_vocabulary_load_seconds 2>/dev/null | awk '$1 > 0')" ]; do sleep 0.5; done
sleep 3
echo "== vocabulary counted in $(metric leadbase_autocomplete_vocabulary_load_seconds) s; RSS heap / mapped $(rss)MiB"
( while true; do echo "$(date +%s.%N) $(rss)"; sleep 0.05; done ) >"$d/rss.log" &
sampler=$!
for i in 1 2 3; do
  "$b" seed --people 1 --companies 1 --seed $((10 + i)) --out "$d/one$i" >/dev/null 2>&1
  echo "$(date +%s.%N)" >>"$d/marks.log"
  "$b" import --people "$d/one$i/people.jsonl" --data-dir "$d/data" >/dev/null 2>&1
  sleep 12
done
kill "$sampler"
sampler=
python3 - "$d" <<'EOF'
import sys
d = sys.argv[1]
rows = [line.split() for line in open(f"{d}/rss.log") if len(line.split()) == 3]
for number, line in enumerate(open(f"{d}/marks.log"), 1):
    t = float(line)
    before = [r for r in rows if float(r[0]) < t][-1]
    window = [r for r in rows if t <= float(r[0]) < t + 12]
    peak = max(window, key=lambda r: int(r[1]) + int(r[2]))
    print(f"== import {number}: RSS heap / mapped {before[1]} / {before[2]} MiB before, "
          f"{peak[1]} / {peak[2]} MiB at the peak ({float(peak[0]) - t:.1f} s after), {window[-1][1]} / {window[-1][2]} MiB 12 s after")
EOF
grep -E "Autocomplete vocabulary counted|segments merged" "$d/serve.log" | tail -n +2 |
  sed -E 's/^([^ ]+) .*changes=([^ ]+).*took=([^ ]+).*/   \1 vocabulary: changes \2, counted and ranked in \3 s/; s/^([^ ]+) .*merged=([^ ]+) records=([^ ]+) took=([^ ]+).*/   \1 merge of \2 segments, \3 records, \4 s/'
