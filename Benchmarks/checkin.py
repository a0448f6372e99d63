#!/usr/bin/env python3
"""Check-in throughput (issue 10 "Measure"): N punches through `POST /api/v1/attendance/punches`
with C concurrent clients, then the time to open "my month" (`GET /api/v1/attendance/results`).
Driven by Benchmarks/checkin.sh (release build, SQLite and a throwaway PostgreSQL); it can also
run against any server with the demo company:

    python3 Benchmarks/checkin.py --base http://127.0.0.1:8080 --database SQLite [--punches N] [--concurrency C]

A person punches once a minute at most (a second press in the same minute is the same punch), so
live punches of the demo's nine people would measure the repeat path. The driver sends queued
(offline) punches instead, each at its own minute of the last seven days — the same path a live
punch takes (group, fence, insert, audit), plus the queued checks — spread over the nine people
at the Seattle office (inside its fence). The check at the end counts each person's punches.
"""
import argparse
import datetime
import os
import sys

from approvals import login, must
from bench_lib import Client, Recorder

PEOPLE = ["andrew.fuller", "nancy.davolio", "janet.leverling", "margaret.peacock", "steven.buchanan", "michael.suyama",
          "robert.king", "laura.callahan", "anne.dodsworth"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--database", default="?")
    parser.add_argument("--punches", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()

    setup = Client(args.base)
    tokens = [login(setup, person) for person in PEOPLE]
    sites = must(setup, "GET", "/api/v1/org/sites", tokens[0])
    seattle = next(s for s in sites if s["name"] == "Seattle")
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    per_person = -(-args.punches // len(PEOPLE))
    if per_person > 7 * 24 * 60 - 10:
        sys.exit("at most about 90,000 punches: one per person and minute of the last seven days")

    rec = Recorder(["punch"], args.punches, "recorded")

    def worker():
        client = Client(args.base)
        while (i := rec.take()) is not None:
            person, slot = i % len(PEOPLE), i // len(PEOPLE)
            pressed = now - datetime.timedelta(minutes=5 + slot)
            # London's people are outside their fence here: a field check-in, which needs a note.
            body = {"latitude": seattle["latitude"], "longitude": seattle["longitude"], "accuracy": 20, "queued": True, "note": "benchmark",
                    "deviceTime": pressed.isoformat().replace("+00:00", "Z"),
                    "sentAt": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
            status, punch, elapsed = client.call("POST", "/api/v1/attendance/punches", tokens[person], body)
            rec.record("punch", status, punch, elapsed)
            if status == 201:
                rec.finish()

    wall, load_start, load_end = rec.run(worker, args.concurrency)

    month_client = Client(args.base)
    month = now.strftime("%Y-%m")
    timings = []
    for _ in range(20):
        status, body, elapsed = month_client.call("GET", f"/api/v1/attendance/results?month={month}", tokens[1])
        if status != 200:
            sys.exit(f"my month failed: {status} {body}")
        timings.append(elapsed)
    timings.sort()
    first = now.date() - datetime.timedelta(days=8)
    counted = 0
    for token in tokens:
        punches = must(setup, "GET", f"/api/v1/attendance/punches?from={first}&to={now.date() + datetime.timedelta(days=1)}", token)
        counted += len(punches)

    print(f"== check-in benchmark: {args.database}")
    print(f"machine: {os.cpu_count()} cores; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}; "
          f"load average start {load_start}, end {load_end}")
    print(f"{args.punches} queued punches of {len(PEOPLE)} people, concurrency {args.concurrency} (keep-alive connection per worker)")
    print(f"wall time {wall:.1f} s; recorded {rec.finished}; {rec.finished / wall:.1f} punches/s")
    rec.print_table()
    print(f"my month ({month}, Nancy, 20 reads): median {timings[10] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms")
    verdict = "OK" if counted == args.punches else "MISMATCH"
    print(f"check (punches listed, all people): {counted} of {args.punches} — {verdict}")
    if verdict != "OK" or rec.non2xx:
        sys.exit(1)


if __name__ == "__main__":
    main()
