#!/usr/bin/env bash
# Projects latency at 100,000 tasks, a Gantt chart of 2,000 tasks and an import of 10,000 task rows
# (issue 13 "Measure": "task list and my-work latency with 100,000 tasks in the company; Gantt data
# for a project of 2,000 tasks; import of 10,000 task rows (time, memory)"). A demo company
# (Northwind): the server starts once on a fresh database (demo import), creates through the API
# the project "Gantt" and reads the employees, stops; then Benchmarks/projects.py fill writes
# straight into the database 20 projects with members and N tasks spread over the employees as
# assignees (70 % in a project, due over ±60 days, 60 % not started / 25 % in progress / 15 % done),
# and G tasks in "Gantt" with starts and dues over its dates and ~G/2 finish-to-start dependencies.
# Then the server runs again with the response cache off and one client times R times each: the
# task list (default, sort=-dueOn, q search = full scan, mine=assigned, project=…; and as a sales
# rep, her scope), my work (as the sales rep and as the administrator), the project list, the
# Gantt data (checked to hold G bars), the project detail with its progress roll-up, and the
# status and workload reports. Prints count, p50, p90, p99 and max in ms per query with a size
# figure of the answer (list total, bars/links, rows, my-work tasks). Then a UTF-8 CSV of I rows is
# uploaded and the import preview, the import and its rerun (which creates nothing) are timed once
# each, with the server's resident memory before and its peak (VmHWM) after. Asserts nothing but
# that every answer is 200 and the import has no problems. With --postgres the same runs on a
# throwaway PostgreSQL (filled by Benchmarks/projects-fill-postgres.sql).
#
#   Benchmarks/projects.sh [--tasks N (default 100000)] [--gantt G (default 2000)]
#                          [--import-rows I (default 10000, the import's maximum)] [--requests R per query (default 50)]
#                          [--binary PATH (default: the debug build, .build/debug/afield)] [--postgres]
#
# A debug binary is much slower than a release one: compare figures of the same kind of build.
# The fill at full size takes about 7 s on SQLite and 5 s on PostgreSQL (this 2-core machine). A
# debug binary at 5,000 tasks, a Gantt of 300 and 1,000 import rows runs in about 10 s (SQLite) / 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=100000 gantt=2000 import_rows=10000 requests=50 bin=.build/debug/afield postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks=$2; shift 2 ;;
    --gantt) gantt=$2; shift 2 ;;
    --import-rows) import_rows=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --binary) bin=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    *) echo "usage: $0 [--tasks N] [--gantt G] [--import-rows I] [--requests R] [--binary PATH] [--postgres]" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "no binary at $bin: swift build --product afield first" >&2; exit 1; }
bin=$(realpath "$bin")
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-projects.XXXXXX)
chmod 755 "$work"
pid=""
# Stops the server and waits for it (at most 30 s, then SIGKILL), so that PostgreSQL is never
# stopped under a server still shutting down.
stop_server() {
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "the server did not stop within 30 s of SIGTERM; killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  pid=""
}
trap 'stop_server; [ -n "$postgres" ] && pg_stop; rm -rf "$work"' EXIT
database="$work/projects.sqlite"
if [ -n "$postgres" ]; then
  pg_start
  "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE projects" >/dev/null
  database="${PG_URL%/postgres}/projects"
fi

# The server runs in the work folder: on PostgreSQL its uploaded files go to ./afield-data.
serve() {
  port=$(pg_free_port)
  (cd "$work" && AFIELD_DEMO_DIR="$OLDPWD/Demo/northwind" AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning \
    exec "$bin" --port "$port" --database "$database" --no-web-app >>"$work/server.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(uname -m); binary $bin; $([ -n "$postgres" ] && echo PostgreSQL || echo SQLite); $tasks tasks, Gantt of $gantt, import of $import_rows rows; $(date -u +%FT%TZ)"
echo "starting the server once (demo company import)…" >&2
serve
gantt_id=$(python3 Benchmarks/projects.py setup --base "http://127.0.0.1:$port")
stop_server
echo "filling $tasks tasks and a Gantt project of $gantt…" >&2
started=$(date +%s)
if [ -n "$postgres" ]; then
  "$PG_BIN/psql" -q "$database" -v tasks="$tasks" -v gantt="$gantt" -f Benchmarks/projects-fill-postgres.sql >&2
else
  python3 Benchmarks/projects.py fill --database "$database" --tasks "$tasks" --gantt "$gantt"
fi
echo "fill took $(( $(date +%s) - started )) s"
serve
echo "server memory at start: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MB"}') resident"
python3 Benchmarks/projects.py time --base "http://127.0.0.1:$port" --requests "$requests" --gantt-id "$gantt_id" --gantt "$gantt" \
  --import-rows "$import_rows" --pid "$pid"
