#!/usr/bin/env bash
# First start (issue 8 point 8): the time from launching `afield` on a fresh database until it
# prints its "is running at" banner — migrations plus the Northwind demo company — on SQLite and
# on PostgreSQL, and then the time of a second start on the same database. Debug build by
# default, since that is what `swift run afield` gives a new user. The server runs from a
# temporary folder, not the repository, so it also has to find Public/ and Demo/ on its own.
#
#   Benchmarks/first-start.sh [--release] [--runs N (default 1)] [--sqlite-only | --postgres-only]
#                             [--binary PATH (skip the build)]
#
# PostgreSQL: a throwaway server (scripts/lib-postgres.sh), or the one AFIELD_BENCH_POSTGRES_URL
# names (maintenance database URL, e.g. postgres://postgres@127.0.0.1:5432/postgres), in which a
# database is created per run and dropped after it.
set -euo pipefail
cd "$(dirname "$0")/.."
config=debug runs=1 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --release) config=release; shift ;;
    --runs) runs=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--release] [--runs N] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  echo "building ($config)…" >&2
  swift build -c "$config" --product afield >/tmp/afield-first-start-build.log 2>&1 || { cat /tmp/afield-first-start-build.log >&2; exit 1; }
  bin=$(swift build -c "$config" --show-bin-path)/afield
fi
bin=$(realpath "$bin")
source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-first-start.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

# Seconds from launch to the banner; leaves the server stopped. $1 database, $2 log file.
time_to_banner() {
  local port start now; port=$(pg_free_port)
  start=$(date +%s.%N)
  (cd "$work" && exec "$bin" --port "$port" --database "$1") >"$2" 2>&1 &
  pid=$!
  until grep -q "is running at" "$2"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped; its output:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.02
  done
  now=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  python3 -c "print(f'{$now - $start:.1f}')"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); $(date -u +%FT%TZ)"
echo "binary: $bin ($config)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for db in $databases; do
  maintenance=""
  if [ "$db" = PostgreSQL ]; then
    if [ -n "${AFIELD_BENCH_POSTGRES_URL:-}" ]; then maintenance=$AFIELD_BENCH_POSTGRES_URL; else pg_start; maintenance=$PG_URL; fi
  fi
  for run in $(seq 1 "$runs"); do
    if [ "$db" = SQLite ]; then
      rm -rf "$work/data"
      database="$work/data/afield.sqlite"
    else
      name="afield_first_start_$$_$run"
      psql -q "$maintenance" -c "CREATE DATABASE $name" >/dev/null
      database="${maintenance%/*}/$name"
      rm -rf "$work/afield-data"
    fi
    first=$(time_to_banner "$database" "$work/first.log")
    again=$(time_to_banner "$database" "$work/again.log")
    echo "$db run $run: first start ${first} s to the banner (its line $(grep -n "is running at" "$work/first.log" | cut -d: -f1) of the output), second start ${again} s"
    [ "$db" = PostgreSQL ] && psql -q "$maintenance" -c "DROP DATABASE $name" >/dev/null
  done
  [ "$db" = PostgreSQL ] && [ -z "${AFIELD_BENCH_POSTGRES_URL:-}" ] && pg_stop
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
