#!/usr/bin/env bash
# What a first-load path for PostgreSQL would cost: loading the people rows with COPY into a table
# without indexes, then building each of the people table's indexes once. Run it against a
# database that holds a loaded directory (for instance inside bench/directory.sh's cluster):
#
#   bench/bulk_load_estimate.sh "$PG_URL"
#
# It works on a copy (bulk_people) and drops it at the end; the directory is not changed.
set -euo pipefail
url=$1
dump=/tmp/leadbase-bulk-people.$$.copy
psql "$url" -qAt -c "DROP TABLE IF EXISTS bulk_people" -c "CREATE TABLE bulk_people (LIKE people INCLUDING DEFAULTS)"
psql "$url" -qAt -c "COPY people TO '$dump'"
start=$(date +%s.%N)
rows=$(psql "$url" -qAt -c "COPY bulk_people FROM '$dump'" -c "SELECT count(*) FROM bulk_people")
load=$(echo "$(date +%s.%N) - $start" | bc)
printf "COPY of %s rows into an unindexed table: %.1f s (%.0f rows/s)\n" "$rows" "$load" "$(echo "$rows / $load" | bc -l)"
total=$load
while IFS= read -r definition; do
  [ -n "$definition" ] || continue
  statement=${definition/ ON public.people / ON bulk_people }
  statement=${statement/INDEX /INDEX bulk_}
  start=$(date +%s.%N)
  psql "$url" -qAt -c "SET maintenance_work_mem = '1GB'" -c "$statement" >/dev/null
  took=$(echo "$(date +%s.%N) - $start" | bc)
  total=$(echo "$total + $took" | bc)
  printf "%8.1f s  %s\n" "$took" "$definition"
done < <(psql "$url" -qAt -c "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'people' ORDER BY indexname")
printf "load and every index: %.1f s, %.0f people/s\n" "$total" "$(echo "$rows / $total" | bc -l)"
psql "$url" -qAt -c "DROP TABLE bulk_people"
rm -f "$dump" 2>/dev/null || true
