#!/usr/bin/env bash
# Cost of the data-scope and audit machinery (issue 3 "Measure"): requests/s and p99 of the
# orders list and of an order update, with the guards (the normal release build) and without
# them (a separate benchmark-only build, `-DAFIELD_BENCHMARK_NO_GUARDS` in `.build-noguards`:
# `req.recordScope` answers "everything", `AuditLog.append` writes nothing). Aim: < 15 % slower.
#
# Release builds, wrk with 50 connections (2 threads), response cache off, fresh demo company per
# server. Both servers run side by side and the runs alternate (with, without, with, without…), so
# a busy neighbour on a shared machine hits both variants alike. Scenarios:
#   list-manager  GET /api/v1/sales/orders?limit=50 as Steven Buchanan (manager, department scope)
#   list-admin    the same as Andrew Fuller (administrator, sees everything)
#   update-manager  PATCH /api/v1/sales/orders/{id} as Steven: a pool of draft orders, each request
#                 sends the version the previous answer for that order gave (never a 409 by
#                 construction) and flips the quantity 1 ↔ 2, so every request really writes.
#   update-admin  the same as Andrew Fuller (no department lookup: mostly the audit log's cost)
#
#   Benchmarks/overhead.sh [--seconds N (default 10)] [--rounds N (default 2)] [--sqlite-only]
#                          [--binaries WITH WITHOUT (skip the builds, e.g. to try the script out)]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10 rounds=2 databases="SQLite PostgreSQL" bin_with="" bin_without=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --sqlite-only) databases=SQLite; shift ;;
    --binaries) bin_with=$2 bin_without=$3; shift 3 ;;
    *) echo "usage: $0 [--seconds N] [--rounds N] [--sqlite-only] [--binaries WITH WITHOUT]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

if [ -z "$bin_with" ]; then
  echo "building release (with guards)…" >&2
  swift build -c release --product afield >/dev/null
  bin_with=$(swift build -c release --show-bin-path)/afield
  echo "building release without guards (benchmark only) into .build-noguards…" >&2
  swift build -c release --product afield --build-path .build-noguards -Xswiftc -DAFIELD_BENCHMARK_NO_GUARDS >/dev/null
  bin_without=.build-noguards/release/afield
fi

source scripts/lib-postgres.sh
work=$(mktemp -d /tmp/afield-overhead.XXXXXX)
stop_servers() { for f in "$work"/pid-*; do [ -e "$f" ] && { kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }; done; sleep 1; }
cleanup() { stop_servers; pg_stop; rm -rf "$work"; }
trap cleanup EXIT

# --- wrk scripts -------------------------------------------------------------------------------
cat >"$work/common.lua" <<'LUA'
-- Every thread's counters, summed at the end; one machine-readable line for the table.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  local lost = 0
  for _, t in ipairs(threads) do lost = lost + (t:get("lost") or 0) end
  io.write(string.format("RESULT %.1f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, summary.errors.status, summary.requests, lost))
end
LUA
cat >"$work/get.lua" <<'LUA'
dofile(os.getenv("AFIELD_LUA_DIR") .. "/common.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AFIELD_TOKEN")
LUA
cat >"$work/update.lua" <<'LUA'
-- PATCH draft orders from a pool file (lines "id version productId"); threads take disjoint
-- shares. A request takes a free order and sends its last known version; the answer (200, or
-- the current record of a 409) gives the next version and frees the order again.
dofile(os.getenv("AFIELD_LUA_DIR") .. "/common.lua")
function init(args)
  local nthreads = tonumber(args[2])
  free, versions, lost = {}, {}, 0
  local i = 0
  for line in io.lines(args[1]) do
    local id, version, p = line:match("^(%S+) (%d+) (%S+)$")
    if id then
      if i % nthreads == tid then versions[id] = tonumber(version); table.insert(free, id) end
      product = p
      i = i + 1
    end
  end
  headers = { ["Authorization"] = "Bearer " .. os.getenv("AFIELD_TOKEN"), ["Content-Type"] = "application/json" }
end
function request()
  local id = table.remove(free, 1)
  local version = versions[id]
  local body = string.format('{"version":%d,"lines":[{"productId":"%s","quantity":"%d"}]}', version, product, version % 2 + 1)
  return wrk.format("PATCH", "/api/v1/sales/orders/" .. id, headers, body)
end
function response(status, headers, body)
  local version = tonumber(body:match('"version":(%d+)'))
  for id in body:gmatch('"id":"([0-9A-Fa-f%-]+)"') do
    if versions[id] and version then
      versions[id] = version
      table.insert(free, id)
      return
    end
  end
  lost = lost + 1
end
LUA
export AFIELD_LUA_DIR=$work

# --- servers and data --------------------------------------------------------------------------
start() {  # $1 variant (with|without), $2 database URL or path; prints the port (pid in $work/pid-$1)
  local bin port
  bin=$([ "$1" = with ] && echo "$bin_with" || echo "$bin_without")
  port=$(pg_free_port)
  AFIELD_RESPONSE_CACHE=off AFIELD_BENCHMARK_NO_GUARDS=yes LOG_LEVEL=warning \
    "$bin" --port "$port" --database "$2" --no-web-app >"$work/server-$1.log" 2>&1 &
  echo $! >"$work/pid-$1"
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/api/v1/auth/setup" >/dev/null || { cat "$work/server-$1.log" >&2; exit 1; }
  echo "$port"
}

api() {  # python helper: login, pool set-up, pool file
  python3 - "$@" <<'PY'
import json, sys, urllib.request
cmd, base = sys.argv[1], sys.argv[2]
def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r: return json.load(r)
def login(email): return call("POST", "/api/v1/auth/login", body={"email": email, "password": "afield-demo"})["token"]
if cmd == "token":
    print(login(sys.argv[3]))
elif cmd == "pool":  # N drafts by the admin for Michael Suyama (Sales UK, so in Steven's scope)
    admin, n = login("andrew.fuller@northwind.example"), int(sys.argv[3])
    customer = call("GET", "/api/v1/partners/customers?q=Alfreds", admin)["items"][0]["id"]
    product = next(p for p in call("GET", "/api/v1/products/products?q=NW-1&limit=100", admin)["items"] if p["sku"] == "NW-1")["id"]
    michael = next(s for s in call("GET", "/api/v1/sales/salespeople?limit=100", admin)["items"] if s["name"] == "Michael Suyama")["id"]
    for _ in range(n):
        call("POST", "/api/v1/sales/orders", admin, {"customerId": customer, "salespersonId": michael,
                                                     "lines": [{"productId": product, "quantity": "1"}]})
    print(product)
elif cmd == "poolfile":  # the drafts as the updating user sees them now: "id version productId"
    token, product = sys.argv[3], sys.argv[4]
    page = call("GET", "/api/v1/sales/orders?state=draft&limit=200", token)
    for o in page["items"]: print(o["id"], o["version"], product)
PY
}

measure() {  # $1 db, $2 scenario, $3 variant, $4 round, $5 port, $6 token, $7 product
  local url="http://127.0.0.1:$5" out
  export AFIELD_TOKEN=$6
  if [[ "$2" = update* ]]; then
    api poolfile "$url" "$6" "$7" >"$work/pool.txt"
    wrk -t2 -c50 -d2s -s "$work/update.lua" "$url" -- "$work/pool.txt" 2 >/dev/null  # warm-up
    # wrk stops without waiting for its last requests: read the versions once the server is idle.
    api poolfile "$url" "$6" "$7" >"$work/pool.txt"
    for _ in $(seq 1 30); do
      sleep 1
      api poolfile "$url" "$6" "$7" >"$work/pool-again.txt"
      cmp -s "$work/pool.txt" "$work/pool-again.txt" && break
      mv "$work/pool-again.txt" "$work/pool.txt"
    done
    out=$(wrk -t2 -c50 -d"${duration}s" -s "$work/update.lua" "$url" -- "$work/pool.txt" 2)
  else
    wrk -t2 -c50 -d2s -s "$work/get.lua" "$url/api/v1/sales/orders?limit=50" >/dev/null  # warm-up
    out=$(wrk -t2 -c50 -d"${duration}s" -s "$work/get.lua" "$url/api/v1/sales/orders?limit=50")
  fi
  echo "$1 $2 $3 $4 $(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)" | tee -a "$work/results.txt" >&2
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -m); $(date -u +%FT%TZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for db in $databases; do
  if [ "$db" = SQLite ]; then
    db_with="$work/with.sqlite" db_without="$work/without.sqlite"
  else
    pg_start
    for v in with without; do "$PG_BIN/psql" -q "$PG_URL" -c "CREATE DATABASE bench_$v" >/dev/null; done
    db_with="${PG_URL%/postgres}/bench_with" db_without="${PG_URL%/postgres}/bench_without"
  fi
  echo "$db: starting both servers (demo company import)…" >&2
  port_with=$(start with "$db_with")
  port_without=$(start without "$db_without")
  declare -A tok prod
  for v in with without; do
    port_var=port_$v
    product=$(api pool "http://127.0.0.1:${!port_var}" 100)
    prod[$v]=$product
    tok[$v,manager]=$(api token "http://127.0.0.1:${!port_var}" steven.buchanan@northwind.example)
    tok[$v,admin]=$(api token "http://127.0.0.1:${!port_var}" andrew.fuller@northwind.example)
  done
  for scenario in list-manager list-admin update-manager update-admin; do
    user=${scenario#*-}
    for round in $(seq 1 "$rounds"); do
      for v in with without; do
        port_var=port_$v
        measure "$db" "$scenario" "$v" "$round" "${!port_var}" "${tok[$v,$user]}" "${prod[$v]}"
      done
    done
  done
  stop_servers
  unset tok prod
  [ "$db" = PostgreSQL ] && pg_stop
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/results.txt" "$duration" "$rounds" <<'PY'
import sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    db, scenario, variant, _round, rps, p99, non2xx, total, lost = line.split()
    rows[(db, scenario, variant)].append((float(rps), float(p99), int(non2xx), int(lost)))
print(f"\nwrk -t2 -c50, {sys.argv[2]} s per run, {sys.argv[3]} alternating rounds per variant (mean shown), response cache off")
print(f"{'database':<11}{'scenario':<16}{'req/s with':>11}{'without':>9}{'slower':>8}{'p99 ms with':>13}{'without':>9}{'non-2xx':>9}")
for (db, scenario) in dict.fromkeys((k[0], k[1]) for k in rows):
    w, wo = rows[(db, scenario, "with")], rows[(db, scenario, "without")]
    mean = lambda xs, i: sum(x[i] for x in xs) / len(xs)
    slower = (mean(wo, 0) - mean(w, 0)) / mean(wo, 0) * 100
    bad = sum(x[2] + x[3] for x in w + wo)
    print(f"{db:<11}{scenario:<16}{mean(w, 0):>11.0f}{mean(wo, 0):>9.0f}{slower:>7.1f}%{mean(w, 1):>13.1f}{mean(wo, 1):>9.1f}{bad:>9}")
PY
