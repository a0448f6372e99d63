"""Helpers of Benchmarks/projects.sh: fill the demo company's tasks and projects and time the Projects
queries of issue 13 ("Measure").

setup: signs in as the demo administrator while the server runs, creates the project "Gantt"
(POST /api/v1/projects/projects, from 90 days ago to 180 days ahead) and reads the employees
(GET /api/v1/org/employees?limit=100); prints the project's id.
fill: straight into the SQLite file while no server runs. 20 projects (PRJ-B-0001…, like the API's
one: a manager with the manager's department, planning/active, the company's currency, no budget,
members: the manager and three others), and N tasks spread over the company's employees as
assignees (department_id = theirs, time zone = the company's, America/Los_Angeles for Northwind):
70 % in one of the 20 projects, due over ±60 days around now with due_day in that zone, a start a
few days before on a third, statuses 60 % not_started / 25 % in_progress / 15 % done (status =
status_category; done ones completed), priorities low/normal/high/urgent, labels '[]' or '["x"]',
an estimate on 80 %, created by the administrator, search_text = lower(title). Then G tasks in the
"Gantt" project with starts and dues spread over its dates and ~G/2 finish-to-start rows in
proj_task_dependencies (each to an earlier task). Then ANALYZE.
time: signs in as the administrator and as Nancy Davolio (a sales rep) and times each query R
times, one at a time on one keep-alive connection, printing count, p50, p90, p99 and max in
milliseconds and a size figure (list total, bars/links, rows, my work's assigned/created-for-others
counts). Then the import: a UTF-8 CSV of I rows (title, assignee = the employees' names, due over
the next 120 days, priority, estimatedHours) is uploaded and
preview, import and the rerun that creates nothing are timed once each, with the server's resident
memory before and its peak (VmHWM) after each. Every answer must be 200 (201 for the upload), else
it stops with the answer.
PostgreSQL is filled by Benchmarks/projects-fill-postgres.sql instead (the same data, in SQL).
"""

import argparse
import datetime
import http.client
import os
import random
import sqlite3
import sys
import time
import urllib.parse
import uuid
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_lib import Client, percentile  # noqa: E402

PASSWORD = "afield-demo"
ADMIN = "andrew.fuller@northwind.example"
REP = "nancy.davolio@northwind.example"
WORDS = ["review", "install", "order", "inspect", "deliver", "design", "audit", "plan", "call", "prepare", "update", "check"]
OBJECTS = ["contract", "shelving", "invoice", "warehouse", "samples", "price list", "website", "forecast", "supplier", "catalogue"]
PRIORITIES = [("low", 20), ("normal", 50), ("high", 20), ("urgent", 10)]
STATUSES = [("not_started", 60), ("in_progress", 25), ("done", 15)]
DAY = 86400.0


class Session:
    def __init__(self, base, email):
        self.base = base
        self.client = Client(base)
        status, body, _ = self.client.call("POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"sign-in of {email} answered {status}: {body}")
        self.token = body["token"]

    def call(self, method, path, body=None, expect=200):
        status, answer, elapsed = self.client.call(method, path, self.token, body)
        if status != expect:
            raise SystemExit(f"FAILED: {method} {path} {body if body is not None else ''} answered {status}: {str(answer)[:500]}")
        return answer, elapsed

    def upload(self, data, name, content_type):
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        conn.request("POST", "/api/v1/files", body=data, headers={
            "Content-Type": content_type, "X-File-Name": urllib.parse.quote(name), "Authorization": "Bearer " + self.token})
        response = conn.getresponse()
        raw = response.read()
        conn.close()
        if response.status != 201:
            raise SystemExit(f"FAILED: upload answered {response.status}: {raw[:500]!r}")
        import json
        return json.loads(raw)["id"]


def run_setup(base):
    admin = Session(base, ADMIN)
    today = datetime.date.today()
    project, _ = admin.call("POST", "/api/v1/projects/projects",
                            {"name": "Gantt", "startsOn": (today - datetime.timedelta(days=90)).isoformat(),
                             "endsOn": (today + datetime.timedelta(days=180)).isoformat()}, expect=201)
    employees, _ = admin.call("GET", "/api/v1/org/employees?limit=100")
    print(f"project Gantt {project['id']} ({project['startsOn']} – {project['endsOn']}); employees: {employees['total']}", file=sys.stderr)
    print(project["id"])


def weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], [w for _, w in pairs])[0]


def fill(database, tasks, gantt):
    rng = random.Random(13)
    db = sqlite3.connect(database)
    db.row_factory = sqlite3.Row
    template = dict(db.execute("SELECT * FROM proj_projects WHERE name = 'Gantt' ORDER BY created_at DESC LIMIT 1").fetchone() or {})
    if not template:
        raise SystemExit("no project 'Gantt': run projects.py setup before the fill")
    tenant_id = template["tenant_id"]
    sample = template["id"]
    as_blob = isinstance(sample, bytes)
    upper = not as_blob and str(sample).isupper()

    def new_id():
        u = uuid.uuid4()
        return u.bytes if as_blob else str(u).upper() if upper else str(u)

    zone_name = db.execute("SELECT time_zone FROM tenants WHERE id = ?", (tenant_id,)).fetchone()[0] or "UTC"
    zone = ZoneInfo(zone_name)
    admin_user = template["created_by"]
    admin_employee = template["manager_id"]
    employees = [tuple(r) for r in db.execute("SELECT id, department_id FROM employees WHERE tenant_id = ? AND archived = 0 ORDER BY code",
                                                (tenant_id,))]
    now = time.time()
    today = datetime.date.today()

    def day_of(instant):
        return datetime.datetime.fromtimestamp(instant, zone).date().isoformat()

    # 20 projects like the API's one.
    project_columns = list(template.keys())
    member_columns = ["id", "tenant_id", "project_id", "employee_id", "role"]
    projects, members = [], []
    for n in range(20):
        manager, department = rng.choice(employees)
        row = dict(template)
        code, name = f"PRJ-B-{n + 1:04d}", f"Bench project {n + 1} {rng.choice(OBJECTS)}"
        row.update({"id": new_id(), "code": code, "name": name, "manager_id": manager, "department_id": department,
                    "starts_on": (today - datetime.timedelta(days=120)).isoformat(), "ends_on": (today + datetime.timedelta(days=120)).isoformat(),
                    "status": "active" if n % 4 else "planning", "search_text": f"{code} {name}".lower(), "created_at": now - 120 * DAY,
                    "updated_at": now - 120 * DAY, "version": 1})
        projects.append(row)
        members.append((new_id(), tenant_id, row["id"], manager, "manager"))
        for other in rng.sample([e for e in employees if e[0] != manager], min(3, len(employees) - 1)):
            members.append((new_id(), tenant_id, row["id"], other[0], "member"))
    db.executemany(f"INSERT INTO proj_projects ({', '.join(project_columns)}) VALUES ({', '.join('?' for _ in project_columns)})",
                   [tuple(r[c] for c in project_columns) for r in projects])
    db.executemany(f"INSERT INTO proj_members ({', '.join(member_columns)}) VALUES ({', '.join('?' for _ in member_columns)})", members)

    task_columns = ["id", "tenant_id", "project_id", "phase_id", "milestone_id", "parent_id", "depth", "title", "description", "assignee_id",
                    "department_id", "creator_id", "starts_at", "due_at", "start_day", "due_day", "time_zone", "priority", "status",
                    "status_category", "labels", "estimated_ch", "spent_ch", "checklist_done", "checklist_total", "customer_id", "order_id",
                    "approval_id", "remind_minutes", "reminded_at", "overdue_noticed_at", "recurrence", "next_occurrence_id", "completed_at",
                    "search_text", "created_by", "created_at", "updated_at", "version"]
    insert = f"INSERT INTO proj_tasks ({', '.join(task_columns)}) VALUES ({', '.join('?' for _ in task_columns)})"

    def task_row(n, project_id, starts_at, due_at):
        assignee, department = rng.choice(employees)
        status = weighted(rng, STATUSES)
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(OBJECTS)} {n}"
        created = min(now, (starts_at or due_at) - rng.uniform(1, 30) * DAY)
        return (new_id(), tenant_id, project_id, None, None, None, 0, title, None, assignee, department, admin_employee,
                starts_at, due_at, day_of(starts_at) if starts_at else None, day_of(due_at), zone_name, weighted(rng, PRIORITIES),
                status, status, '["x"]' if rng.random() < 0.2 else "[]", rng.choice([50, 100, 200, 400, 800]) if rng.random() < 0.8 else None,
                0, 0, 0, None, None, None, None, None, None, None, None, min(now, due_at) if status == "done" else None,
                title.lower(), admin_user, created, created, 1)

    batch = []
    for n in range(tasks):
        project_id = rng.choice(projects)["id"] if rng.random() < 0.7 else None
        due_at = now + rng.uniform(-60, 60) * DAY
        starts_at = due_at - rng.uniform(1, 10) * DAY if rng.random() < 0.33 else None
        batch.append(task_row(n + 1, project_id, starts_at, due_at))
        if len(batch) == 20000:
            db.executemany(insert, batch)
            batch = []
    db.executemany(insert, batch)

    # The Gantt project: starts and dues spread over its dates; ~G/2 finish-to-start links to earlier tasks.
    begin = datetime.datetime.combine(datetime.date.fromisoformat(template["starts_on"]), datetime.time(9), zone).timestamp()
    end = datetime.datetime.combine(datetime.date.fromisoformat(template["ends_on"]), datetime.time(17), zone).timestamp()
    span = max(DAY, end - begin)
    rows = []
    for n in range(gantt):
        starts_at = begin + span * (n / max(1, gantt)) * rng.uniform(0.8, 1.0)
        due_at = min(end, starts_at + rng.uniform(1, 20) * DAY)
        rows.append(task_row(n + 1, template["id"], starts_at, due_at))
    db.executemany(insert, rows)
    links = set()
    for _ in range(gantt // 2 * 3):
        if len(links) >= gantt // 2 or gantt < 2:
            break
        later = rng.randrange(1, gantt)
        links.add((rows[later][0], rows[rng.randrange(max(0, later - 50), later)][0]))
    db.executemany("INSERT INTO proj_task_dependencies (id, tenant_id, task_id, predecessor_id) VALUES (?, ?, ?, ?)",
                   [(new_id(), tenant_id, task, predecessor) for task, predecessor in links])
    db.commit()
    count = lambda sql: db.execute(sql, (tenant_id,)).fetchone()[0]
    print(f"tasks of the company: {count('SELECT COUNT(*) FROM proj_tasks WHERE tenant_id = ?')}, "
          f"projects: {count('SELECT COUNT(*) FROM proj_projects WHERE tenant_id = ?')}, "
          f"dependencies: {count('SELECT COUNT(*) FROM proj_task_dependencies WHERE tenant_id = ?')}", file=sys.stderr)
    db.execute("ANALYZE")
    db.close()


def size_of(answer):
    """A figure telling what came back: a list's total, bars, rows, the my-work groups."""
    if isinstance(answer, list):
        return str(len(answer))
    if "bars" in answer:
        return f"{len(answer['bars'])}b/{len(answer.get('links', []))}l"
    if isinstance(answer.get("overdue"), dict):
        # My work: open tasks assigned (overdue + today + week + later) / created for others.
        sections = {k: v["count"] for k, v in answer.items() if isinstance(v, dict) and "count" in v}
        return f"{sum(v for k, v in sections.items() if k not in ('created', 'following'))}/{sections.get('created', 0)}"
    if "progress" in answer:
        return str(answer["progress"].get("tasks", "-"))
    for key in ("total", "rows"):
        if key in answer:
            value = answer[key]
            if isinstance(value, list):
                return str(len(value))
            if key == "total" and answer.get("totalIsLowerBound"):
                return f"{value}+"
            return str(value)
    return "-"


def memory(pid):
    figures = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0]) / 1024
    return f"resident {figures.get('VmRSS', 0):.0f} MB, peak (VmHWM) {figures.get('VmHWM', 0):.0f} MB"


def run_times(base, requests, gantt_id, gantt, import_rows, pid):
    admin = Session(base, ADMIN)
    rep = Session(base, REP)
    listing, _ = admin.call("GET", "/api/v1/projects/projects?limit=100")
    bench = [p for p in listing["items"] if p["code"].startswith("PRJ-B-")]
    if not bench:
        raise SystemExit("no filled projects (PRJ-B-…) found; was the fill run?")
    project_id = bench[0]["id"]
    print(f"{'query':46} {'size':>10} {'n':>4} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  (ms, one client, uncached)")

    def timed(label, session, path):
        times = []
        answer = None
        for _ in range(requests):
            answer, elapsed = session.call("GET", path)
            times.append(elapsed * 1000)
        times.sort()
        print(f"{label:46} {size_of(answer):>10} {len(times):>4} {percentile(times, 50):8.1f} {percentile(times, 90):8.1f} "
              f"{percentile(times, 99):8.1f} {times[-1]:8.1f}", flush=True)
        return answer

    tasks = "/api/v1/projects/tasks"
    timed("tasks: default (due day, page 20)", admin, tasks)
    timed("tasks: sort=-dueOn", admin, tasks + "?sort=-dueOn")
    timed("tasks: q=install (full scan)", admin, tasks + "?q=install")
    timed("tasks: mine=assigned", admin, tasks + "?mine=assigned")
    timed("tasks: project=<a filled project>", admin, tasks + f"?project={project_id}")
    timed("tasks as a sales rep (her scope)", rep, tasks)
    timed("my work as a sales rep", rep, "/api/v1/projects/my-work")
    timed("my work as the administrator", admin, "/api/v1/projects/my-work")
    timed("projects", admin, "/api/v1/projects/projects")
    chart = timed(f"gantt of a {gantt}-task project", admin, f"/api/v1/projects/projects/{gantt_id}/gantt")
    if len(chart["bars"]) != gantt:
        raise SystemExit(f"FAILED: the Gantt answer has {len(chart['bars'])} bars, not {gantt}")
    timed("project detail with progress (Gantt)", admin, f"/api/v1/projects/projects/{gantt_id}")
    timed("reports: status", admin, "/api/v1/projects/reports/status")
    timed("reports: workload?weeks=8", admin, "/api/v1/projects/reports/workload?weeks=8")
    if pid:
        print(f"server memory after the queries: {memory(pid)}", flush=True)

    # The import.
    employees, _ = admin.call("GET", "/api/v1/org/employees?limit=100")
    names = [e["name"] for e in employees["items"] if not e.get("archived")]
    today = datetime.date.today()
    lines = ["title,assignee,due,priority,estimatedHours"]
    for n in range(import_rows):
        # Due ahead (1–120 days), so that no overdue notice jobs run in the background during the rerun.
        due = today + datetime.timedelta(days=n % 120 + 1)
        lines.append(f"Imported {WORDS[n % len(WORDS)]} {OBJECTS[n % len(OBJECTS)]} {n + 1},{names[n % len(names)]},{due.isoformat()},"
                     f"{PRIORITIES[n % 4][0]},{(n % 16 + 1) / 2}")
    data = ("\n".join(lines) + "\n").encode()
    file_id = admin.upload(data, "tasks-benchmark.csv", "text/csv")
    print(f"import of {import_rows} rows ({len(data) / 1024:.0f} KB CSV); before: {memory(pid) if pid else 'n/a'}", flush=True)
    for label, path in [("import preview", "/api/v1/projects/tasks/import/preview"), ("import", "/api/v1/projects/tasks/import"),
                        ("import again (creates nothing)", "/api/v1/projects/tasks/import")]:
        answer, elapsed = admin.call("POST", path, {"fileId": file_id})
        if answer.get("problems"):
            raise SystemExit(f"FAILED: {label} found problems: {str(answer['problems'][:3])[:500]}")
        figure = (f"ready {answer['ready']}, already {answer['alreadyImported']}" if "ready" in answer
                  else f"created {answer['created']}, unchanged {answer['unchanged']}")
        print(f"{label:32} {elapsed * 1000:10.1f} ms  {figure}; after: {memory(pid) if pid else 'n/a'}", flush=True)
    if (answer.get("created"), answer.get("unchanged")) != (0, import_rows):
        raise SystemExit(f"FAILED: the rerun answered {answer}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--base", required=True)
    f = sub.add_parser("fill")
    f.add_argument("--database", required=True)
    f.add_argument("--tasks", type=int, default=100000)
    f.add_argument("--gantt", type=int, default=2000)
    t = sub.add_parser("time")
    t.add_argument("--base", required=True)
    t.add_argument("--requests", type=int, default=50)
    t.add_argument("--gantt-id", required=True)
    t.add_argument("--gantt", type=int, default=2000)
    t.add_argument("--import-rows", type=int, default=10000)
    t.add_argument("--pid", type=int)
    args = parser.parse_args()
    if args.command == "fill":
        fill(args.database, args.tasks, args.gantt)
    elif args.command == "setup":
        run_setup(args.base)
    else:
        run_times(args.base, args.requests, args.gantt_id, args.gantt, args.import_rows, args.pid)


if __name__ == "__main__":
    main()
