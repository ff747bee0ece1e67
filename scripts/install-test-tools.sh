#!/usr/bin/env bash
# Installs, from Debian, what the test command needs and a fresh machine lacks: PostgreSQL 15's
# server binaries (scripts/with-postgres.sh), python3 (free ports, the API fuzzer) and openssl
# (the RS256 test keys). Does nothing when they are there. Runs apt-get as root, or through sudo.
# (schemathesis, from PyPI, is installed by scripts/fuzz-api.sh itself.)
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql-15)
if command -v python3 >/dev/null; then
  python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
else
  missing+=(python3 python3-pip)
fi
command -v openssl >/dev/null || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "== Installing ${missing[*]} (Debian) =="
apt=(apt-get)
[ "$(id -u)" = 0 ] || apt=(sudo apt-get)
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
# Debian's package may start a cluster of its own; the tests start their own on a free port.
