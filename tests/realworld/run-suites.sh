#!/usr/bin/env bash
# Runs the official RealWorld API suites, the v2 suite (Bruno, 154 requests) and the
# legacy Postman suite (newman), against `inkport serve` on a fresh SQLite file and on a
# fresh PostgreSQL database. Exit status 0 only if every suite passed on every target.
#
# usage: tests/realworld/run-suites.sh [sqlite] [postgres]        (default: both)
#   REALWORLD_DIR     the suites (default: ../shared/realworld, beside the repository)
#   REALWORLD_TOOLS   npm prefix for bru and newman, installed there once
#                     (default: ${XDG_CACHE_HOME:-~/.cache}/inkport-realworld)
#   REALWORLD_PG_URL  PostgreSQL server (default: postgresql://postgres@127.0.0.1:5432)
#   REALWORLD_PG_DB   database dropped and created for the run (default: inkport_realworld)
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SUITES="$(cd "${REALWORLD_DIR:-$ROOT/../shared/realworld}" && pwd)" || exit 2
TOOLS="${REALWORLD_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/inkport-realworld}"
PG_URL="${REALWORLD_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
PG_DB="${REALWORLD_PG_DB:-inkport_realworld}"
BIN="$ROOT/.venv/bin"
BRU="$TOOLS/node_modules/.bin/bru"
NEWMAN="$TOOLS/node_modules/.bin/newman"
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(sqlite postgres)

WORK="$(mktemp -d)"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
  fi
}
FAILED=0
trap 'stop_server; if [ "$FAILED" -eq 0 ]; then rm -rf "$WORK"; else echo "reports and logs kept in $WORK"; fi' EXIT

if [ "$("$BRU" --version 2>/dev/null)" != "4.1.0" ] || [ "$("$NEWMAN" --version 2>/dev/null)" != "6.2.2" ]; then
  echo "installing @usebruno/cli@4.1.0 and newman@6.2.2 into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    @usebruno/cli@4.1.0 newman@6.2.2 >/dev/null || exit 2
fi

recreate_postgres_database() {
  "$BIN/python" - "$PG_URL" "$PG_DB" <<'PY'
import asyncio, sys
import asyncpg

async def main(url: str, name: str) -> None:
    connection = await asyncpg.connect(f"{url}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()

asyncio.run(main(*sys.argv[1:]))
PY
}

start_server() {  # $1: database URL, $2: log file; sets PORT and SERVER_PID
  PORT="$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export INKPORT_DATABASE_URL="$1" INKPORT_PORT="$PORT" INKPORT_LOG_LEVEL=WARNING
  export INKPORT_RATE_LIMIT_ENABLED=false  # the suites sign in and up far more than people
  # The v2 suite signs up with "password123" and expects "bonjour1" to be accepted.
  export INKPORT_REFUSE_COMMON_PASSWORDS=false
  "$BIN/inkport" migrate >"$2" 2>&1 || return 1
  "$BIN/inkport" serve >>"$2" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

SUMMARY=()
record() {  # $1: name, $2: status, $3: closing line
  SUMMARY+=("$(printf '%-20s %s  %s' "$1" "$([ "$2" -eq 0 ] && echo PASS || echo FAIL)" "$3")")
  [ "$2" -eq 0 ] || FAILED=1
}

for target in "${TARGETS[@]}"; do
  case "$target" in
    sqlite) url="sqlite+aiosqlite:///$WORK/inkport.db" ;;
    postgres) recreate_postgres_database || { record "$target" 1 "cannot create $PG_DB"; continue; }
              url="$PG_URL/$PG_DB" ;;
    *) echo "unknown target: $target (sqlite, postgres)" >&2; exit 2 ;;
  esac
  log="$WORK/$target-server.log"
  if ! start_server "$url" "$log"; then
    record "$target" 1 "the server did not start"; tail -20 "$log"; stop_server; continue
  fi
  echo "== $target: v2 suite (Bruno) against http://127.0.0.1:$PORT"
  HOST="http://127.0.0.1:$PORT" BRU="$BRU" OUT="$WORK/$target-v2" "$SUITES/run-v2-bruno.sh" \
    | tee "$WORK/$target-v2.txt"
  record "$target v2" "${PIPESTATUS[0]}" "$(tail -1 "$WORK/$target-v2.txt")"

  echo "== $target: legacy suite (Postman/newman)"
  user="u$(date +%s)${target:0:1}"
  "$NEWMAN" run "$SUITES/legacy-postman/Conduit.postman_collection.json" --delay-request 10 \
    --global-var "APIURL=http://127.0.0.1:$PORT/api" --global-var "USERNAME=$user" \
    --global-var "EMAIL=$user@mail.com" --global-var PASSWORD=password \
    --reporters cli --reporter-cli-no-success-assertions --reporter-cli-no-console \
    >"$WORK/$target-legacy.txt" 2>&1
  status=$?
  grep -E "│ +(requests|assertions) " "$WORK/$target-legacy.txt"
  [ $status -eq 0 ] || cat "$WORK/$target-legacy.txt"
  record "$target legacy" $status "$(awk -F'│' '/│ +(requests|assertions) /{
    gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4)
    printf "%s%s: %s executed, %s failed", sep, $2, $3, $4; sep = "; " }' "$WORK/$target-legacy.txt")"
  stop_server
  [ "$FAILED" -eq 0 ] || { echo "-- $target server log (tail)"; tail -20 "$log"; }
done

echo "== RealWorld suites"
printf '%s\n' "${SUMMARY[@]}"
exit $FAILED
