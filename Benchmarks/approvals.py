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
import os
import sys

from bench_lib import Client, Recorder

PASSWORD = "afield-demo"
DOMAIN = "northwind.example"
ADMIN = "andrew.fuller"
APPROVERS = ["janet.leverling", "laura.callahan", "margaret.peacock"]
REQUESTERS = ["nancy.davolio", "michael.suyama", "robert.king", "anne.dodsworth"]
ACTIONS = ["submit", "approve-1", "approve-2", "approve-3"]


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

    rec = Recorder(ACTIONS, args.instances, "approved")

    def worker():
        client = Client(args.base)
        while (i := rec.take()) is not None:
            requester = REQUESTERS[i % len(REQUESTERS)]
            amount = f"{100 + i % 9000}.{i % 100:02d}"
            status, instance, elapsed = client.call("POST", "/api/v1/approvals/instances", tokens[requester],
                                                    {"formId": form["id"], "values": {"amount": amount}})
            rec.record("submit", status, instance, elapsed)
            if status != 201:
                continue
            ok = True
            for k in range(3):
                task = open_task(instance)
                if task is None or task[1] != expected_assignee[k]:
                    rec.record(f"approve-{k + 1}", -1, {"unexpected open task": task}, 0.0)
                    ok = False
                    break
                status, instance, elapsed = client.call("POST", f"/api/v1/approvals/tasks/{task[0]}/approve",
                                                        token_of_id[task[1]], {"comment": "OK"})
                rec.record(f"approve-{k + 1}", status, instance, elapsed)
                if status != 200:
                    ok = False
                    break
            if ok and instance.get("summary", {}).get("state") == "approved":
                rec.finish()

    wall, load_start, load_end = rec.run(worker, args.concurrency)
    after = approved_totals(setup, tokens)

    print(f"== approvals benchmark: {args.database}")
    print(f"machine: {os.cpu_count()} cores; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}; "
          f"load average start {load_start}, end {load_end}")
    print(f"flow: 3 approver nodes (named users), {len(REQUESTERS)} requesters; "
          f"{args.instances} instances, concurrency {args.concurrency} (keep-alive connection per worker)")
    print(f"wall time {wall:.1f} s; fully approved {rec.finished}; "
          f"{rec.finished / wall:.1f} instances/s; {rec.requests} requests, {rec.requests / wall:.1f} requests/s")
    rec.print_table()
    gained = {u: after[u][0] - before[u][0] for u in REQUESTERS}
    pending = {u: (after[u][1] - after[u][0]) - (before[u][1] - before[u][0]) for u in REQUESTERS}
    total = sum(gained.values())
    verdict = "OK" if total == args.instances and all(v == 0 for v in pending.values()) else "MISMATCH"
    print("check (GET /api/v1/approvals/instances?box=mine&state=approved, total per requester, after − before): "
          + ", ".join(f"{u.split('.')[0]} +{gained[u]}" for u in REQUESTERS)
          + f"; sum {total} of {args.instances}; new instances in other states {sum(pending.values())} → {verdict}")
    return 0 if verdict == "OK" and rec.non2xx == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
