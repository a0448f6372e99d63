#!/usr/bin/env python3
"""Sales order write throughput (issue 9 "Measure"): create N orders of 3 lines and confirm each,
through the HTTP API, with C concurrent clients; print orders/s, requests/s and latency percentiles
per action; with --updates K each draft is also changed K times (`PATCH`, new notes and freight,
with the version it last read) before it is confirmed, and updates/s is printed too. Driven by Benchmarks/orders.sh (release build, SQLite and a throwaway PostgreSQL); it
can also run against any server with the demo company:

    python3 Benchmarks/orders.py --base http://127.0.0.1:8080 --database SQLite [--orders N] [--concurrency C]

Every order is the demo administrator's, for one of the first 50 customers, with 3 of the first 30
products (quantities 1–9, list prices), dated today; then `POST …/confirm`. The check at the end
reads the sales-by-year report: its current year must have gained exactly N orders.

Workers are threads with a keep-alive connection each (the client of Benchmarks/approvals.py); the
client runs on the same machine and takes CPU too. Asserts nothing but says loudly when a call
fails or the check does not add up.
"""
import argparse
import datetime
import os
import sys

from approvals import ADMIN, login, must
from bench_lib import Client, Recorder

ACTIONS = ["create", "confirm"]


def orders_this_year(client, token, year):
    report = must(client, "GET", "/api/v1/sales/reports/sales-by-year", token)
    return next((row["orders"] for row in report["rows"] if row["year"] == year), 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="server URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--database", default="?", help="label printed with the figures")
    parser.add_argument("--orders", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--updates", type=int, default=0, help="PATCHes per draft before confirming")
    args = parser.parse_args()

    setup = Client(args.base)
    token = login(setup, ADMIN)
    customers = [c["id"] for c in must(setup, "GET", "/api/v1/partners/customers?limit=50", token)["items"]]
    products = [p["id"] for p in must(setup, "GET", "/api/v1/products/products?limit=30", token)["items"]]
    if len(customers) < 10 or len(products) < 10:
        sys.exit("the demo company's customers and products were not found")
    year = datetime.date.today().year
    before = orders_this_year(setup, token, year)

    actions = ACTIONS if args.updates == 0 else ["create", "update", "confirm"]
    rec = Recorder(actions, args.orders, "confirmed")

    def worker():
        client = Client(args.base)
        while (i := rec.take()) is not None:
            lines = [{"productId": products[(i + k * 7) % len(products)], "quantity": str(1 + (i + k) % 9)} for k in range(3)]
            status, order, elapsed = client.call("POST", "/api/v1/sales/orders", token,
                                                 {"customerId": customers[i % len(customers)], "lines": lines})
            rec.record("create", status, order, elapsed)
            if status != 201:
                continue
            for u in range(args.updates):
                status, changed, elapsed = client.call("PATCH", f"/api/v1/sales/orders/{order['id']}", token,
                                                       {"version": order["version"], "notes": f"change {u + 1}",
                                                        "freight": f"{u + 1}.50"})
                rec.record("update", status, changed, elapsed)
                if status == 200:
                    order = changed
            status, body, elapsed = client.call("POST", f"/api/v1/sales/orders/{order['id']}/confirm", token)
            rec.record("confirm", status, body, elapsed)
            if status == 200:
                rec.finish()

    wall, load_start, load_end = rec.run(worker, args.concurrency)
    after = orders_this_year(setup, token, year)

    print(f"== orders benchmark: {args.database}")
    print(f"machine: {os.cpu_count()} cores; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}; "
          f"load average start {load_start}, end {load_end}")
    updates = f" + {args.updates} update{'s' if args.updates != 1 else ''}" if args.updates else ""
    print(f"{args.orders} orders of 3 lines, create{updates} + confirm, concurrency {args.concurrency} (keep-alive connection per worker)")
    print(f"wall time {wall:.1f} s; confirmed {rec.finished}; {rec.finished / wall:.1f} orders/s; "
          f"{rec.requests} requests, {rec.requests / wall:.1f} requests/s"
          + (f"; {args.orders * args.updates / wall:.1f} updates/s" if args.updates else ""))
    rec.print_table()
    gained = after - before
    verdict = "OK" if gained == args.orders else "MISMATCH"
    print(f"check (sales-by-year, {year}: orders after − before): {gained} of {args.orders} — {verdict}")
    if verdict != "OK" or rec.non2xx:
        sys.exit(1)


if __name__ == "__main__":
    main()
