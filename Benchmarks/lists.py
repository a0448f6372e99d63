"""Helpers of Benchmarks/lists.sh: fill the demo company's orders to N, and time the orders list.

fill: copies the company's orders (with new ids and numbers, dates spread over 1996–2026,
states as they are) straight into the SQLite file while no server runs, each with L lines
drawn from the company's own lines (default 10: 100,000 orders carry 1,000,000 lines); the
order's untaxed total is the sum of its lines. The reports' monthly figures are then rebuilt by
`afield repair sales-figures` (lists.sh does it).
time: signs in, then GETs each query R times, one at a time, and prints count, p50, p90, p99
and max in milliseconds, and the list's total for the query; then the three sales reports.
export: exports the whole orders list as XLSX in the background (`POST …/orders/exports`), polls
until done and prints the time, rows and file size (lists.sh adds the server's peak memory).
PostgreSQL is filled by Benchmarks/lists-fill-postgres.sql instead (the same copies, in SQL).
"""

import argparse
import json
import random
import sqlite3
import statistics
import time
import urllib.request
import uuid

QUERIES = [
    ("default (newest first)", "limit=50"),
    ("page 20", "limit=50&page=20"),
    ("sort by number", "limit=50&sort=number"),
    ("sort by customer", "limit=50&sort=customerName"),
    ("sort by total", "limit=50&sort=-total"),
    ("state = confirmed", "limit=50&state=confirmed"),
    ("one customer", "limit=50&customer={customer}"),
    ("one salesperson", "limit=50&salesperson={salesperson}"),
    ("order date in 2025", "limit=50&from=2025-01-01&to=2025-12-31"),
    ("total 100..500", "limit=50&totalMin=100&totalMax=500"),
    ("search q=alfreds (full scan)", "limit=50&q=alfreds"),
]

REPORTS = [
    ("sales by year", "/api/v1/sales/reports/sales-by-year"),
    ("sales by category, 2020", "/api/v1/sales/reports/sales-by-category?year=2020"),
    ("sales by salesperson", "/api/v1/sales/reports/sales-by-salesperson"),
]


def fill(database, target, lines_per_order):
    db = sqlite3.connect(database)
    db.row_factory = sqlite3.Row
    tenant = db.execute("SELECT tenant_id, COUNT(*) AS n FROM sales_orders GROUP BY tenant_id ORDER BY n DESC LIMIT 1").fetchone()
    tenant_id, have = tenant["tenant_id"], tenant["n"]
    rows = [dict(r) for r in db.execute("SELECT * FROM sales_orders WHERE tenant_id = ?", (tenant_id,))]
    columns = list(rows[0].keys())
    random.seed(9)
    sample_id = rows[0]["id"]
    as_blob = isinstance(sample_id, bytes)
    pool = [dict(r) for r in db.execute("SELECT * FROM sales_order_lines WHERE tenant_id = ?", (tenant_id,))]
    line_columns = list(pool[0].keys())
    n = have
    batch = []
    line_batch = []
    while n < target:
        source = rows[n % len(rows)]
        copy = dict(source)
        new = uuid.uuid4()
        copy["id"] = new.bytes if as_blob else str(new).upper() if str(sample_id).isupper() else str(new)
        year = random.randint(1996, 2026)
        copy["order_date"] = f"{year}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
        copy["number"] = f"SO-{year}-B{n:07d}"
        copy["search_text"] = (copy["number"] + " " + (source.get("customer_name") or "")).lower()
        untaxed = 0
        for position in range(lines_per_order):
            line = dict(random.choice(pool))
            line_id = uuid.uuid4()
            line["id"] = line_id.bytes if as_blob else str(line_id).upper() if str(sample_id).isupper() else str(line_id)
            line["order_id"] = copy["id"]
            line["position"] = position
            untaxed += line["amount_minor"]
            line_batch.append(tuple(line[c] for c in line_columns))
        copy["untaxed_minor"] = untaxed
        batch.append(tuple(copy[c] for c in columns))
        n += 1
        if len(batch) == 5000 or n == target:
            db.executemany(f"INSERT INTO sales_orders ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})", batch)
            db.executemany(f"INSERT INTO sales_order_lines ({', '.join(line_columns)}) VALUES ({', '.join('?' for _ in line_columns)})", line_batch)
            batch = []
            line_batch = []
    db.commit()
    print(f"orders of the company: {db.execute('SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ?', (tenant_id,)).fetchone()[0]}, "
          f"lines: {db.execute('SELECT COUNT(*) FROM sales_order_lines WHERE tenant_id = ?', (tenant_id,)).fetchone()[0]}")
    db.execute("ANALYZE")
    db.close()


def call(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def timed(base, token, requests, path):
    times = []
    answer = None
    for _ in range(requests):
        start = time.perf_counter()
        answer = call(base, path, token)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    return times, pick, answer


def run_times(base, requests):
    token = sign_in(base)
    first = call(base, "/api/v1/sales/orders?limit=1&q=alfreds", token)["items"][0]
    values = {"customer": first["customerId"], "salesperson": first["salespersonId"]}
    print(f"{'query':32} {'total':>8} {'n':>4} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  (ms, one client, uncached)")
    for label, query in QUERIES:
        path = "/api/v1/sales/orders?" + query.format(**values)
        times, pick, answer = timed(base, token, requests, path)
        total = f"{answer['total']}{'+' if answer.get('totalIsLowerBound') else ''}"
        print(f"{label:32} {total:>8} {len(times):>4} {pick(0.5):8.1f} {pick(0.9):8.1f} {pick(0.99):8.1f} {times[-1]:8.1f}")
    for label, path in REPORTS:
        times, pick, answer = timed(base, token, requests, path)
        print(f"{label:32} {answer['total']:>8} {len(times):>4} {pick(0.5):8.1f} {pick(0.9):8.1f} {pick(0.99):8.1f} {times[-1]:8.1f}")


def sign_in(base):
    login = urllib.request.Request(base + "/api/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
                                   data=json.dumps({"email": "andrew.fuller@northwind.example", "password": "afield-demo"}).encode())
    with urllib.request.urlopen(login) as response:
        return json.loads(response.read())["token"]


def run_export(base, fmt):
    token = sign_in(base)
    start = time.perf_counter()
    request = urllib.request.Request(base + "/api/v1/sales/orders/exports", method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                                     data=json.dumps({"format": fmt, "query": ""}).encode())
    with urllib.request.urlopen(request) as response:
        job = json.loads(response.read())
    while job["state"] not in ("done", "failed"):
        time.sleep(0.2)
        job = call(base, f"/api/v1/lists/exports/{job['id']}", token)
    elapsed = time.perf_counter() - start
    if job["state"] != "done":
        raise SystemExit(f"export failed: {job}")
    request = urllib.request.Request(base + f"/api/v1/lists/exports/{job['id']}/file", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        size = len(response.read())
    print(f"export of the orders list to {fmt.upper()}: {job['rowsDone']} rows in {elapsed:.1f} s "
          f"({job['rowsDone'] / elapsed:,.0f} rows/s), file {size / 1e6:.1f} MB")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fill")
    f.add_argument("--database", required=True)
    f.add_argument("--orders", type=int, default=100000)
    f.add_argument("--lines", type=int, default=10)
    t = sub.add_parser("time")
    t.add_argument("--base", required=True)
    t.add_argument("--requests", type=int, default=50)
    e = sub.add_parser("export")
    e.add_argument("--base", required=True)
    e.add_argument("--format", default="xlsx")
    args = parser.parse_args()
    if args.command == "fill":
        fill(args.database, args.orders, args.lines)
    elif args.command == "export":
        run_export(args.base, args.format)
    else:
        run_times(args.base, args.requests)


if __name__ == "__main__":
    main()
