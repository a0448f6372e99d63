#!/usr/bin/env bash
# CRM latency at 100,000 customers, 1,000,000 follow-ups and 50,000 opportunities (issue 12:
# "duplicate check latency on 100,000 customers; the customer list and funnel on 100,000 customers
# and 1,000,000 follow-ups; route planning time for 50 stops"). A demo company (Northwind) on
# SQLite: the server starts once (demo import; the company's default opportunity stages are seeded
# by reading them), stops, and Benchmarks/crm.py fill writes straight into the database N customers
# (distinct generated Chinese company names with their 查重 keys, valid credit codes on 60 %,
# level, source, one contact, Shanghai coordinates and division codes, owners spread over the sales
# reps), F follow-ups on 85 % of them (last_activity_at = the latest one, over the last 120 days)
# and O opportunities over the stages (open/won/lost); the public pool's idle rule is turned off so
# the hourly job leaves the customers alone. Then the server runs again with the response cache
# off and, signed in as the demo administrator, one client times R times each: the duplicate check
# (exact name, a near name, phone, tax id), the customer list (default, sorted by last follow-up,
# level=A, notFollowedSince today−30, q search = full scan, page 20; and as a sales rep), the funnel,
# the forecast, the four CRM reports, a customer's timeline, and route planning for 50 stops (the
# server's time, which includes reading the 50 customers). Prints count, p50, p90, p99 and max in
# ms per query, with a size figure of the answer (list total, matches, rows, stops). Asserts
# nothing but that every answer is 200. With --postgres the same runs on a throwaway PostgreSQL
# (filled by Benchmarks/crm-fill-postgres.sql).
#
#   Benchmarks/crm.sh [--customers N (default 100000)] [--follow-ups F (default 1000000)]
#                     [--opportunities O (default 50000)] [--requests R per query (default 50)]
#                     [--binary PATH (default: the debug build, .build/debug/afield)] [--postgres]
#
# A debug binary is much slower than a release one: compare figures of the same kind of build.
# At full size one run takes about 10 minutes with a debug binary and --requests 20 (SQLite; the fill
# about 75 s, PostgreSQL's about 40 s), most of it the activity report (~20 s a request at 1,000,000 follow-ups).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=100000 follow_ups=1000000 opportunities=50000 requests=50 bin=.build/debug/afield postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers=$2; shift 2 ;;
    --follow-ups) follow_ups=$2; shift 2 ;;
    --opportunities) opportunities=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --binary) bin=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    *) echo "usage: $0 [--customers N] [--follow-ups F] [--opportunities O] [--requests R] [--binary PATH] [--postgres]" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "no binary at $bin: swift build --product afield first" >&2; exit 1; }
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-crm.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; [ -n "$postgres" ] && pg_stop; rm -rf "$work"' EXIT
database="$work/crm.sqlite"
if [ -n "$postgres" ]; then
  pg_start
  "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE crm" >/dev/null
  database="${PG_URL%/postgres}/crm"
fi

serve() {
  port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning "$bin" --port "$port" --database "$database" --no-web-app >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(uname -m); binary $bin; $([ -n "$postgres" ] && echo PostgreSQL || echo SQLite); $customers customers, $follow_ups follow-ups, $opportunities opportunities; $(date -u +%FT%TZ)"
echo "starting the server once (demo company import)…" >&2
serve
python3 Benchmarks/crm.py stages --base "http://127.0.0.1:$port"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
echo "filling $customers customers, $follow_ups follow-ups, $opportunities opportunities…" >&2
started=$(date +%s)
if [ -n "$postgres" ]; then
  "$PG_BIN/psql" -q "$database" -v customers="$customers" -v follow_ups="$follow_ups" -v opportunities="$opportunities" \
    -f Benchmarks/crm-fill-postgres.sql >&2
else
  python3 Benchmarks/crm.py fill --database "$database" --customers "$customers" --follow-ups "$follow_ups" --opportunities "$opportunities"
fi
echo "fill took $(( $(date +%s) - started )) s" >&2
serve
python3 Benchmarks/crm.py time --base "http://127.0.0.1:$port" --requests "$requests"
echo "server memory: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MB"}') resident, peak $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MB"}')"
