#!/usr/bin/env bash
# Orders list and report latency at 100,000 orders and 1,000,000 lines (issue 9 points 1 and 6):
# a demo company on SQLite, its 830 orders copied until the company has N orders of L lines
# (Benchmarks/lists.py fill, straight into the database while the server is stopped; then
# `afield repair sales-figures` rebuilds the reports' monthly figures), then the list endpoint
# timed uncached (response cache off) with the default sort, other sorts and each kind of
# filter, and the three sales reports, one client. Prints count, p50, p90, p99 and max per
# query; then exports the whole list to XLSX in the background (time, rows, file size, the
# server's peak memory). Asserts nothing. With --postgres the same runs on a throwaway PostgreSQL
# (filled by Benchmarks/lists-fill-postgres.sql).
#
#   Benchmarks/lists.sh [--orders N (default 100000)] [--lines L per order (default 10)] [--requests R per query (default 50)]
#                       [--binary PATH (default: the debug build, .build/debug/afield)] [--postgres] [--no-export]
#
# A debug binary is much slower than a release one: compare figures of the same kind of build.
set -euo pipefail
cd "$(dirname "$0")/.."
orders=100000 lines=10 requests=50 bin=.build/debug/afield postgres="" export=1
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders=$2; shift 2 ;;
    --lines) lines=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --binary) bin=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    --no-export) export=""; shift ;;
    *) echo "usage: $0 [--orders N] [--lines L] [--requests R] [--binary PATH] [--postgres] [--no-export]" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "no binary at $bin: swift build --product afield first" >&2; exit 1; }
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-lists.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; [ -n "$postgres" ] && pg_stop; rm -rf "$work"' EXIT
database="$work/lists.sqlite"
if [ -n "$postgres" ]; then
  pg_start
  "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE lists" >/dev/null
  database="${PG_URL%/postgres}/lists"
fi

serve() {
  port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning "$bin" --port "$port" --database "$database" --no-web-app >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(uname -m); binary $bin; $([ -n "$postgres" ] && echo PostgreSQL || echo SQLite); $(date -u +%FT%TZ)"
echo "starting the server once (demo company import)…" >&2
serve
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
echo "filling to $orders orders…" >&2
if [ -n "$postgres" ]; then
  "$PG_BIN/psql" -q "$database" -v orders="$orders" -v lines="$lines" -f Benchmarks/lists-fill-postgres.sql
else
  python3 Benchmarks/lists.py fill --database "$database" --orders "$orders" --lines "$lines"
fi
"$bin" repair sales-figures --database "$database" >&2
serve
python3 Benchmarks/lists.py time --base "http://127.0.0.1:$port" --requests "$requests"
if [ -n "$export" ]; then
  echo "server memory before the export: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MB"}') resident"
  python3 Benchmarks/lists.py export --base "http://127.0.0.1:$port" --format xlsx
  echo "server peak memory (VmHWM, since start): $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MB"}')"
fi
