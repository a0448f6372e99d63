#!/usr/bin/env bash
# Sales order write throughput (issue 9 "Measure"): release build, fresh demo company, then
# Benchmarks/orders.py creates N orders of 3 lines and confirms each with C concurrent clients, on
# SQLite and on a throwaway PostgreSQL. Prints orders/s, requests/s, count / p50 / p90 / p99 / max
# per action, non-2xx responses, and a check through the sales-by-year report.
#
#   Benchmarks/orders.sh [--orders N (default 5000)] [--concurrency C (default 50)] [--updates K per draft (default 0)]
#                        [--sqlite-only | --postgres-only] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=5000 concurrency=50 updates=0 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --updates) updates=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--orders N] [--concurrency C] [--updates K] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
source Benchmarks/lib-throughput.sh
throughput_main Benchmarks/orders.py "$databases" "$bin" --orders "$orders" --concurrency "$concurrency" --updates "$updates"
