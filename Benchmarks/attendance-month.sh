#!/usr/bin/env bash
# A month of daily results for 1,000 employees with two punches a day (issue 10 "Measure"):
# release build, a fresh demo company, a department and its attendance group made through the
# API, then N employees and their punches of a whole month written straight into the tables
# (Benchmarks/attendance-month.py fill, server stopped), then the department's month (every day of
# every person judged, then summed), its CSV and one person's month timed, one client, response
# cache off. On SQLite and on a throwaway PostgreSQL. Asserts nothing but that all people are listed.
#
#   Benchmarks/attendance-month.sh [--employees N (default 1000)] [--month YYYY-MM (default 2026-11)]
#                                  [--requests R (default 10)] [--sqlite-only | --postgres-only] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
employees=1000 month=2026-11 requests=10 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) employees=$2; shift 2 ;;
    --month) month=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--employees N] [--month YYYY-MM] [--requests R] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  swift build -c release --product afield >&2
  bin=.build/release/afield
fi
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-month.XXXXXX)
pid="" pg=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; [ -n "$pg" ] && pg_stop; rm -rf "$work"' EXIT

serve() {
  port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning "$bin" --port "$port" --database "$database" --no-web-app >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

echo "machine: $(nproc) cores, $(uname -m); binary $bin; $(date -u +%FT%TZ)"
for db in $databases; do
  if [ "$db" = PostgreSQL ]; then
    pg_start; pg=1
    "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE month" >/dev/null
    database="${PG_URL%/postgres}/month" dialect=postgres
  else
    database="$work/month.sqlite" dialect=sqlite
  fi
  echo "== $db: $employees employees, $month" 
  serve
  read -r tenant department group < <(python3 Benchmarks/attendance-month.py setup --base "http://127.0.0.1:$port")
  stop
  python3 Benchmarks/attendance-month.py fill --dialect "$dialect" --tenant "$tenant" --department "$department" --group "$group" \
    --employees "$employees" --month "$month" >"$work/fill.sql"
  if [ "$dialect" = postgres ]; then
    "$PG_BIN/psql" -q "$database" -v ON_ERROR_STOP=1 -f "$work/fill.sql" >/dev/null
  else
    sqlite3 "$database" <"$work/fill.sql"
  fi
  serve
  python3 Benchmarks/attendance-month.py measure --base "http://127.0.0.1:$port" --department "$department" --month "$month" \
    --requests "$requests" --expect "$employees"
  stop
  if [ "$db" = PostgreSQL ]; then pg_stop; pg=""; fi
done
