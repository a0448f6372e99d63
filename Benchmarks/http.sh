#!/usr/bin/env bash
# HTTP benchmark of the hot read paths (issue 2 "Measure"): release build, demo company,
# wrk with 50 connections against the orders list and the sales-by-year report, on SQLite and
# on a throwaway PostgreSQL. Prints requests/s and latency percentiles; asserts nothing.
#
#   Benchmarks/http.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product afield >/dev/null
bin=$(swift build -c release --show-bin-path)/afield
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-bench.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

cat >"$work/auth.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AFIELD_TOKEN")
LUA

run() {  # $1 label, $2 database, $3 response cache on|off
  local port; port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=$3 LOG_LEVEL=warning "$bin" --port "$port" --database "$2" --no-web-app >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  export AFIELD_TOKEN
  AFIELD_TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"andrew.fuller@northwind.example","password":"afield-demo"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  for path in "/api/v1/sales/orders?limit=50" "/api/v1/sales/reports/sales-by-year"; do
    wrk -t2 -c50 -d2s -s "$work/auth.lua" "http://127.0.0.1:$port$path" >/dev/null  # warm-up
    echo "== $1, response cache $3: GET $path (50 connections, ${duration}s)"
    wrk -t2 -c50 -d"${duration}s" --latency -s "$work/auth.lua" "http://127.0.0.1:$port$path" \
      | grep -E "Requests/sec|Non-2xx|^ +(50|90|99)%|Socket errors"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo "machine: $(nproc) cores, $(uname -m); $(date -u +%FT%TZ)"
run "SQLite" "$work/bench.sqlite" on
run "SQLite" "$work/bench.sqlite" off
pg_start
run "PostgreSQL" "${PG_URL%/postgres}/postgres" on
run "PostgreSQL" "${PG_URL%/postgres}/postgres" off
