# Sourced by scripts/fuzz-api.sh and scripts/client-test.sh: starts a debug server on a seeded
# directory of 300 people and 30 companies (the seed is `seed`, set by the caller), on SQLite in
# a temporary folder, or on PostgreSQL when LEADBASE_TEST_DATABASE_URL is set, with an admin's
# API token and rate limits off. Sets `work` (a temporary folder, removed at exit with the
# server), `port` and `token`, and returns once the server is ready.
binary=.build/debug/leadbase
[ -x "$binary" ] || swift build
work=$(mktemp -d /tmp/leadbase-server.XXXXXX)
if [ -n "${LEADBASE_TEST_DATABASE_URL:-}" ]; then
  flags=(--database-url "$LEADBASE_TEST_DATABASE_URL")
else
  flags=(--data-dir "$work/data")
fi
"$binary" seed --people 300 --companies 30 --seed "$seed" "${flags[@]}" >/dev/null
org=$("$binary" org create --name Tests --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
user=$("$binary" user create --org "$org" --name Tester --admin --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
token=$("$binary" token create --user "$user" --json "${flags[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LEADBASE_RATE_LIMIT_CREDENTIAL=0 LEADBASE_RATE_LIMIT_ORGANIZATION=0 LEADBASE_RATE_LIMIT_AUTH_FAILURES=0 \
  "$binary" serve --port "$port" --log-level error "${flags[@]}" >"$work/serve.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Python rather than curl: a fresh machine may not have curl.
python3 - "$port" <<'PY' || { cat "$work/serve.log"; echo "the server did not become ready" >&2; exit 1; }
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ready", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit(1)
PY
