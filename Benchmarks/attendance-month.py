#!/usr/bin/env python3
"""A month of daily results for 1,000 employees (issue 10 "Measure"). Driven by
Benchmarks/attendance-month.sh; three steps:

    attendance-month.py setup --base URL            department "Benchmark" + a group for it (Asia/Shanghai,
                                                    Mon–Fri 09:00–18:00) through the API; prints their ids
    attendance-month.py fill --dialect sqlite|postgres --tenant T --department D --group G
                             [--employees 1000] [--month 2026-11]
                                                    prints SQL: N employees in the department and two
                                                    punches on each weekday of the month (in 08:45–09:10,
                                                    out 17:55–18:30 local, seeded), straight into the tables
    attendance-month.py measure --base URL --department D [--month 2026-11] [--requests 10]
                                                    times the department's month (every person's every day
                                                    judged, then summed), its CSV, and one person's month

The rows written by `fill` are what the punch route writes (server time = punch time, inside the
fence, not queued), without the audit entries: the measurement is of reading and judging.
"""
import argparse
import calendar
import datetime
import random
import statistics
import sys
import uuid
from zoneinfo import ZoneInfo

from approvals import login, must
from bench_lib import Client, loadavg

ZONE = "Asia/Shanghai"


def setup(args):
    client = Client(args.base)
    token = login(client, "andrew.fuller")
    me = must(client, "GET", "/api/v1/auth/me", token)
    department = must(client, "POST", "/api/v1/org/departments", token, {"name": f"Benchmark {uuid.uuid4().hex[:4]}"})
    schedule = {"kind": "fixed", "weekdays": [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(1, 6)]}
    group = must(client, "POST", "/api/v1/attendance/groups", token,
                 {"name": f"Benchmark {department['id'][:4]}", "timeZone": ZONE, "schedule": schedule, "graceLateMinutes": 5,
                  "departmentIDs": [department["id"]]})
    print(me["tenant"]["id"], department["id"], group["id"])


def fill(args):
    rng = random.Random(20261206)
    year, month = map(int, args.month.split("-"))
    zone = ZoneInfo(ZONE)
    sqlite = args.dialect == "sqlite"
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()

    def ts(seconds):
        return repr(float(seconds)) if sqlite else f"to_timestamp({seconds})"

    def boolean(value):
        return ("1" if value else "0") if sqlite else ("true" if value else "false")

    def text(value):
        return "'" + value.replace("'", "''") + "'"

    out = sys.stdout
    out.write("BEGIN;\n")
    # Upper case, as Swift writes UUIDs: SQLite compares them as text.
    people = [str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper() for _ in range(args.employees)]
    rows = []
    for i, pid in enumerate(people):
        rows.append(f"({text(pid)}, {text(args.tenant)}, {text(f'BENCH-{i:05d}')}, {text(f'Benchmark person {i:05d}')}, "
                    f"'2020-01-01', {text(args.department)}, {boolean(False)}, {ts(now)}, {ts(now)}, 1)")
    for start in range(0, len(rows), 500):
        out.write("INSERT INTO employees (id, tenant_id, code, name, hire_date, department_id, archived, created_at, updated_at, version) VALUES\n  "
                  + ",\n  ".join(rows[start:start + 500]) + ";\n")
    days = [datetime.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    weekdays = [d for d in days if d.isoweekday() <= 5]
    batch = []

    def flush():
        if batch:
            out.write("INSERT INTO attendance_punches (id, tenant_id, employee_id, department_id, group_id, work_date, at, minute, server_time, "
                      "device_time, latitude, longitude, accuracy, inside, field, queued, clock_skew_seconds, flagged, source, created_at) VALUES\n  "
                      + ",\n  ".join(batch) + ";\n")
            batch.clear()

    for pid in people:
        for day in weekdays:
            for base, spread in ((datetime.time(8, 45), 25), (datetime.time(17, 55), 35)):
                local = datetime.datetime.combine(day, base, zone) + datetime.timedelta(minutes=rng.randrange(spread))
                at = int(local.timestamp())
                batch.append(f"({text(str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper())}, {text(args.tenant)}, {text(pid)}, "
                             f"{text(args.department)}, {text(args.group)}, {text(day.isoformat())}, {ts(at)}, {at // 60}, {ts(at)}, {ts(at)}, "
                             f"'31.2304', '121.4737', 20, {boolean(True)}, {boolean(False)}, {boolean(False)}, 0, {boolean(False)}, 'app', {ts(at)})")
                if len(batch) >= 1000:
                    flush()
    flush()
    out.write("COMMIT;\n")
    print(f"-- {len(people)} employees, {len(people) * len(weekdays) * 2} punches on {len(weekdays)} weekdays of {args.month}", file=sys.stderr)


def measure(args):
    client = Client(args.base)
    token = login(client, "andrew.fuller")

    def timed(path, check):
        times = []
        for _ in range(args.requests):
            status, body, elapsed = client.call("GET", path, token)
            if status != 200:
                sys.exit(f"GET {path}: {status} {body}")
            check(body)
            times.append(elapsed * 1000)
        times.sort()
        return f"median {statistics.median(times):.0f} ms, min {times[0]:.0f} ms, max {times[-1]:.0f} ms ({len(times)} requests)"

    def whole(body):
        # One row per person, then the total.
        if len(body) < args.expect + 1:
            sys.exit(f"the department's month lists {len(body) - 1} people, expected {args.expect}")

    q = f"department={args.department}&month={args.month}"
    before = loadavg()
    print(f"department month, {args.expect} people: " + timed(f"/api/v1/attendance/summary?{q}", whole))
    print(f"its CSV export: " + timed(f"/api/v1/attendance/summary/export.csv?{q}", lambda _: None))
    rows = client.call("GET", f"/api/v1/attendance/summary?{q}", token)[1]
    one = rows[0]["employeeID"]
    print(f"one person's month: " + timed(f"/api/v1/attendance/results?employee={one}&month={args.month}", lambda _: None))
    print(f"load average before/after: {before} / {loadavg()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--base", required=True)
    f = sub.add_parser("fill")
    f.add_argument("--dialect", choices=["sqlite", "postgres"], required=True)
    for name in ("--tenant", "--department", "--group"):
        f.add_argument(name, required=True)
    f.add_argument("--employees", type=int, default=1000)
    f.add_argument("--month", default="2026-11")
    m = sub.add_parser("measure")
    m.add_argument("--base", required=True)
    m.add_argument("--department", required=True)
    m.add_argument("--month", default="2026-11")
    m.add_argument("--requests", type=int, default=10)
    m.add_argument("--expect", type=int, default=1000)
    args = parser.parse_args()
    {"setup": setup, "fill": fill, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
