#!/usr/bin/env bash
# The web app's start on a throttled phone (issue 11 "Measure"): release build (or --binary), a
# fresh demo company on SQLite serving this checkout's Public/, then Benchmarks/web-start.py in
# headless Chromium: first start, cached start (service worker active) and offline start, with CPU
# x4 and DevTools' "Slow 3G", plus the shell's size. Needs chromium, chromedriver and selenium (as
# the browser tests, Tests/e2e/README.md).
#
#   Benchmarks/web-start.sh [--runs N (default 5)] [--binary PATH (skip the build)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --binary) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  echo "building release…" >&2
  swift build -c release --product afield >/dev/null
  bin=$(swift build -c release --show-bin-path)/afield
fi
work=$(mktemp -d /tmp/afield-web-start.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
LOG_LEVEL=warning "$bin" --port "$port" --database "$work/bench.sqlite" --public-dir "$PWD/Public" --demo-dir "$PWD/Demo/northwind" >"$work/server.log" 2>&1 &
pid=$!
echo "starting the server (demo company import)…" >&2
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/app-shell.json" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$port/app-shell.json" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 Benchmarks/web-start.py --url "http://127.0.0.1:$port" --runs "$runs"
