#!/usr/bin/env python3
"""Approval engine throughput (issue 4 "Measure"): submit and fully approve N three-node instances
of one custom form through the HTTP API, and print instances/s, requests/s and latency percentiles
per action. Driven by Benchmarks/approvals.sh, which builds the release binary and starts the server
on SQLite and on a throwaway PostgreSQL; it can also run against any server with the demo company:

    python3 Benchmarks/approvals.py --base http://127.0.0.1:8080 --database SQLite [--instances N] [--concurrency C]

Set-up (as the demo administrator): a form with one money field `amount`, and its flow of three
approver nodes naming one user each (Janet Leverling → Laura Callahan → Margaret Peacock). The
requesters rotate among Nancy Davolio, Michael Suyama, Robert King and Anne Dodsworth, so nobody
approves their own request. Each instance: submit (as the requester), then approve ×3, each by the
task's assignee with their own token, the task id taken from the previous answer.

Workers are threads, each with its own keep-alive connection (http.client); the client runs on the
same machine as the server and takes some CPU too. Standard library only. Asserts nothing, except
that it says so loudly when a call fails or the final check does not add up.
"""
import argparse
import datetime
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

PASSWORD = "afield-demo"
DOMAIN = "northwind.example"
ADMIN = "andrew.fuller"
APPROVERS = ["janet.leverling", "laura.callahan", "margaret.peacock"]
REQUESTERS = ["nancy.davolio", "michael.suyama", "robert.king", "anne.dodsworth"]
ACTIONS = ["submit", "approve-1", "approve-2", "approve-3"]


class Client:
    """One keep-alive connection; reconnects after a transport error."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.conn = None

    def call(self, method, path, token=None, body=None):
        """(status, parsed JSON or None, seconds). Transport errors give status 0."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None if body is None else json.dumps(body).encode()
        start = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
            elapsed = time.perf_counter() - start
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            elapsed = time.perf_counter() - start
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {"transport": repr(error)}, elapsed
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = {"raw": raw[:200].decode(errors="replace")}
        return status, parsed, elapsed


def must(client, method, path, token=None, body=None, expect=(200, 201)):
    status, parsed, _ = client.call(method, path, token, body)
    if status not in expect:
        sys.exit(f"set-up call {method} {path} failed: {status} {parsed}")
    return parsed


def login(client, user):
    return must(client, "POST", "/api/v1/auth/login", body={"email": f"{user}@{DOMAIN}", "password": PASSWORD})["token"]


def open_task(instance):
    """(task id, assignee id) of the one open task of the instance, or None."""
    for step in instance.get("steps", []):
        for task in step.get("tasks", []):
            if task.get("state") == "open":
                return task["id"], task["assignee"]["id"]
    return None


def approved_totals(client, tokens):
    """Per requester: total of `box=mine&state=approved` and of `box=mine` (any state)."""
    totals = {}
    for user in REQUESTERS:
        approved = must(client, "GET", "/api/v1/approvals/instances?box=mine&state=approved&limit=1", tokens[user])["total"]
        everything = must(client, "GET", "/api/v1/approvals/instances?box=mine&limit=1", tokens[user])["total"]
        totals[user] = (approved, everything)
    return totals


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))  # ceil(n * p / 100)
    return sorted_values[int(rank) - 1]


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "n/a"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="server URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--database", default="?", help="label printed with the figures")
    parser.add_argument("--instances", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    setup = Client(args.base)
    admin = login(setup, ADMIN)
    users = must(setup, "GET", "/api/v1/auth/users?limit=100", admin)["items"]
    ids = {u["email"].split("@")[0]: u["id"] for u in users}
    missing = [u for u in APPROVERS + REQUESTERS if u not in ids]
    if missing:
        sys.exit(f"demo users not found: {missing}")
    tokens = {u: login(setup, u) for u in APPROVERS + REQUESTERS}
    token_of_id = {ids[u]: tokens[u] for u in APPROVERS}
    expected_assignee = [ids[u] for u in APPROVERS]

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    form = must(setup, "POST", "/api/v1/approvals/forms", admin, {
        "name": f"Benchmark expense {stamp}",
        "schema": {"fields": [{"key": "amount", "type": "money", "label": "Amount", "required": True}]},
    })
    must(setup, "POST", "/api/v1/approvals/flows", admin, {
        "subject": f"form.{form['id']}",
        "name": f"Benchmark flow {stamp}",
        "definition": {"nodes": [
            {"id": f"n{k + 1}", "type": "approver", "name": f"Approver {k + 1}",
             "approvers": [{"kind": "users", "userIds": [ids[u]]}]}
            for k, u in enumerate(APPROVERS)
        ]},
    })
    before = approved_totals(setup, tokens)

    latencies = {a: [] for a in ACTIONS}
    failures = {a: {} for a in ACTIONS}  # action → {status: count}
    failure_samples = []
    completed = [0]
    lock = threading.Lock()
    next_index = [0]
    progress_step = max(1, args.instances // 10)

    def take():
        with lock:
            i = next_index[0]
            if i >= args.instances:
                return None
            next_index[0] += 1
            return i

    def record(action, status, body, elapsed):
        with lock:
            latencies[action].append(elapsed)
            if not 200 <= status < 300:
                failures[action][status] = failures[action].get(status, 0) + 1
                if len(failure_samples) < 5:
                    failure_samples.append(f"{action}: {status} {json.dumps(body)[:300]}")

    def worker():
        client = Client(args.base)
        while (i := take()) is not None:
            requester = REQUESTERS[i % len(REQUESTERS)]
            amount = f"{100 + i % 9000}.{i % 100:02d}"
            status, instance, elapsed = client.call("POST", "/api/v1/approvals/instances", tokens[requester],
                                                    {"formId": form["id"], "values": {"amount": amount}})
            record("submit", status, instance, elapsed)
            if status != 201:
                continue
            ok = True
            for k in range(3):
                task = open_task(instance)
                if task is None or task[1] != expected_assignee[k]:
                    record(f"approve-{k + 1}", -1, {"unexpected open task": task}, 0.0)
                    ok = False
                    break
                status, instance, elapsed = client.call("POST", f"/api/v1/approvals/tasks/{task[0]}/approve",
                                                        token_of_id[task[1]], {"comment": "OK"})
                record(f"approve-{k + 1}", status, instance, elapsed)
                if status != 200:
                    ok = False
                    break
            if ok and instance.get("summary", {}).get("state") == "approved":
                with lock:
                    completed[0] += 1
                    if completed[0] % progress_step == 0:
                        print(f"  … {completed[0]} approved", file=sys.stderr, flush=True)

    load_start = loadavg()
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    load_end = loadavg()
    after = approved_totals(setup, tokens)

    requests = sum(len(v) for v in latencies.values())
    non2xx = sum(sum(f.values()) for f in failures.values())
    print(f"== approvals benchmark: {args.database}")
    print(f"machine: {os.cpu_count()} cores; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}; "
          f"load average start {load_start}, end {load_end}")
    print(f"flow: 3 approver nodes (named users), {len(REQUESTERS)} requesters; "
          f"{args.instances} instances, concurrency {args.concurrency} (keep-alive connection per worker)")
    print(f"wall time {wall:.1f} s; fully approved {completed[0]}; "
          f"{completed[0] / wall:.1f} instances/s; {requests} requests, {requests / wall:.1f} requests/s")
    print(f"{'action':<11}{'count':>7}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'non-2xx':>9}")
    for action in ACTIONS:
        values = sorted(x * 1000 for x in latencies[action])
        bad = sum(failures[action].values())
        print(f"{action:<11}{len(values):>7}{percentile(values, 50):>9.1f}{percentile(values, 90):>9.1f}"
              f"{percentile(values, 99):>9.1f}{(values[-1] if values else float('nan')):>9.1f}{bad:>9}")
    print(f"non-2xx responses: {non2xx}" + ("" if non2xx == 0 else f" {failures}"))
    for sample in failure_samples:
        print(f"  e.g. {sample}")
    gained = {u: after[u][0] - before[u][0] for u in REQUESTERS}
    pending = {u: (after[u][1] - after[u][0]) - (before[u][1] - before[u][0]) for u in REQUESTERS}
    total = sum(gained.values())
    verdict = "OK" if total == args.instances and all(v == 0 for v in pending.values()) else "MISMATCH"
    print("check (GET /api/v1/approvals/instances?box=mine&state=approved, total per requester, after − before): "
          + ", ".join(f"{u.split('.')[0]} +{gained[u]}" for u in REQUESTERS)
          + f"; sum {total} of {args.instances}; new instances in other states {sum(pending.values())} → {verdict}")
    return 0 if verdict == "OK" and non2xx == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
