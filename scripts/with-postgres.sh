#!/usr/bin/env bash
# Runs a command with a throwaway local PostgreSQL cluster: a temporary data folder, a free local
# port and a temporary socket folder. The cluster is stopped and removed when the command ends.
# The command sees LEADBASE_TEST_DATABASE_URL (and PG_URL) pointing at an empty database.
# fsync is off (throwaway data) unless PG_FSYNC=on; PG_EXTRA_OPTIONS adds server settings.
#
#   scripts/with-postgres.sh swift test
#
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql-15). As root, initdb and
# pg_ctl run as the postgres user, since initdb refuses root.
set -euo pipefail

pg_bin=${PG_BIN:-}
if [ -z "$pg_bin" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && pg_bin=$candidate
  done
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (install postgresql-15, or set PG_BIN)" >&2
  exit 1
fi

workdir=$(mktemp -d /tmp/leadbase-pg.XXXXXX)
chmod 755 "$workdir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$workdir"
  as_owner=(runuser -u postgres --)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$workdir/data" -U leadbase --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/postgres.log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${PG_FSYNC:-off} ${PG_EXTRA_OPTIONS:-}" start >/dev/null \
  || { cat "$workdir/postgres.log" >&2; exit 1; }
"${as_owner[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U leadbase leadbase_test
# Tests work in schemas of their own; the trigram operators they share live in public.
"${as_owner[@]}" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U leadbase -d leadbase_test -c "CREATE EXTENSION pg_trgm SCHEMA public" >/dev/null

export LEADBASE_TEST_DATABASE_URL="postgres://leadbase@127.0.0.1:$port/leadbase_test?sslmode=disable"
export PG_URL=$LEADBASE_TEST_DATABASE_URL
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
