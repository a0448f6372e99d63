#!/usr/bin/env bash
# Sales order write throughput (issue 9 "Measure"): release build, fresh demo company, then
# Benchmarks/orders.py creates N orders of 3 lines and confirms each with C concurrent clients, on
# SQLite and on a throwaway PostgreSQL. Prints orders/s, requests/s, count / p50 / p90 / p99 / max
# per action, non-2xx responses, and a check through the sales-by-year report.
#
#   Benchmarks/orders.sh [--orders N (default 5000)] [--concurrency C (default 50)]
#                        [--sqlite-only | --postgres-only] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=5000 concurrency=50 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--orders N] [--concurrency C] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  echo "building release…" >&2
  swift build -c release --product afield >/dev/null
  bin=$(swift build -c release --show-bin-path)/afield
fi
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-orders.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

run() {  # $1 label, $2 database
  local port status=0; port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning "$bin" --port "$port" --database "$2" --no-web-app >"$work/server.log" 2>&1 &
  pid=$!
  echo "$1: starting the server (demo company import)…" >&2
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
  python3 Benchmarks/orders.py --base "http://127.0.0.1:$port" --database "$1" \
    --orders "$orders" --concurrency "$concurrency" || status=$?
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  [ "$status" = 0 ] || { echo "$1: the run reported failures (exit $status); server log tail:" >&2; tail -20 "$work/server.log" >&2; }
  echo
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); $(date -u +%FT%TZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for db in $databases; do
  if [ "$db" = SQLite ]; then
    run SQLite "$work/bench.sqlite"
  else
    pg_start
    "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE bench" >/dev/null
    run PostgreSQL "${PG_URL%/postgres}/bench"
    pg_stop
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
