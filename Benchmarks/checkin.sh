#!/usr/bin/env bash
# Check-in throughput and "my month" (issue 10 "Measure"): release build, fresh demo company, then
# Benchmarks/checkin.py sends N punches with C concurrent clients, on SQLite and on a throwaway
# PostgreSQL. Prints punches/s, count / p50 / p90 / p99 / max, non-2xx answers, the time to open a
# month, and a check that every punch is listed.
#
#   Benchmarks/checkin.sh [--punches N (default 5000)] [--concurrency C (default 50)]
#                         [--sqlite-only | --postgres-only] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
punches=5000 concurrency=50 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --punches) punches=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--punches N] [--concurrency C] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
source Benchmarks/lib-throughput.sh
throughput_main Benchmarks/checkin.py "$databases" "$bin" --punches "$punches" --concurrency "$concurrency"
