#!/usr/bin/env bash
# Approval engine throughput (issue 4 "Measure"): release build, fresh demo company, then
# Benchmarks/approvals.py submits and fully approves N three-node instances of one custom form
# (submit, approve ×3, each approver with their own token) on SQLite and on a throwaway
# PostgreSQL. Prints instances/s, requests/s and count / p50 / p90 / p99 / max per action,
# non-2xx responses, and a final check through the API that all N instances are approved.
#
#   Benchmarks/approvals.sh [--instances N (default 10000)] [--concurrency C (default 8)]
#                           [--sqlite-only | --postgres-only] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
instances=10000 concurrency=8 databases="SQLite PostgreSQL" bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --postgres-only) databases=PostgreSQL; shift ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--instances N] [--concurrency C] [--sqlite-only|--postgres-only] [--binary PATH]" >&2; exit 2 ;;
  esac
done
source Benchmarks/lib-throughput.sh
throughput_main Benchmarks/approvals.py "$databases" "$bin" --instances "$instances" --concurrency "$concurrency"
