# Shared by Benchmarks/approvals.sh and Benchmarks/orders.sh (source it after `cd` to the
# repository): builds the release binary unless one is given, then for each database in turn —
# SQLite, or a throwaway PostgreSQL (scripts/lib-postgres.sh) — starts a fresh demo company with the
# response cache off and runs a Python driver against it. Prints the machine and load average
# around the runs; a driver's non-zero exit is reported with the server log's tail.
#
#   throughput_main DRIVER "SQLite PostgreSQL" BINARY_OR_EMPTY [DRIVER ARGUMENTS…]
#   (the driver gets --base URL --database LABEL, then the arguments given)

throughput_main() {
  local driver=$1 databases=$2 db
  bench_bin=$3
  shift 3
  bench_args=("$@")
  bench_driver=$driver
  if [ -z "$bench_bin" ]; then
    echo "building release…" >&2
    swift build -c release --product afield >/dev/null
    bench_bin=$(swift build -c release --show-bin-path)/afield
  fi
  source scripts/lib-postgres.sh
  bench_work=$(mktemp -d /tmp/afield-throughput.XXXXXX)
  bench_pid=""
  trap '[ -n "$bench_pid" ] && kill $bench_pid 2>/dev/null; pg_stop; rm -rf "$bench_work"' EXIT

  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); $(date -u +%FT%TZ)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  for db in $databases; do
    if [ "$db" = SQLite ]; then
      throughput_run SQLite "$bench_work/bench.sqlite"
    else
      pg_start
      "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE bench" >/dev/null
      throughput_run PostgreSQL "${PG_URL%/postgres}/bench"
      pg_stop
    fi
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

throughput_run() {  # $1 label, $2 database
  local port status=0
  port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off LOG_LEVEL=warning "$bench_bin" --port "$port" --database "$2" --no-web-app >"$bench_work/server.log" 2>&1 &
  bench_pid=$!
  echo "$1: starting the server (demo company import)…" >&2
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$bench_work/server.log" >&2; exit 1; }
  python3 "$bench_driver" --base "http://127.0.0.1:$port" --database "$1" "${bench_args[@]}" || status=$?
  kill "$bench_pid"; wait "$bench_pid" 2>/dev/null || true; bench_pid=""
  [ "$status" = 0 ] || { echo "$1: the run reported failures (exit $status); server log tail:" >&2; tail -20 "$bench_work/server.log" >&2; }
  echo
}
