"""Issue 8 point 2: kill -9 in the middle of concurrent idempotent creates, then retry every key.

Starts its own Afield (the built binary, ``AFIELD_BINARY``, default ``.build/debug/afield``) on a
fresh SQLite file, and on PostgreSQL when ``AFIELD_CRASH_POSTGRES_URL`` names a maintenance
database (a database of its own is created there). Sends ``CREATES`` sales-order creates from
16 threads, each with its own ``Idempotency-Key``, kills the server with SIGKILL part-way, starts
it again and retries every key with the same body. Then:

- every retry answers 201 — none is stuck "in progress" (409), none fails;
- an answer the client saw before the kill is replayed byte for byte on retry;
- each key made exactly one order: the orders list grew by exactly ``CREATES``.

Python standard library only, so it runs wherever CI runs the browser tests.
"""

import json
import os
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from afield_process import BINARY, Server, call, postgres_database, sign_in

CREATES = int(os.environ.get("AFIELD_CRASH_CREATES", "300"))


def order_input(base, token):
    _, body = call(base, "GET", "/api/v1/partners/customers?q=Alfreds", token)
    customer = json.loads(body)["items"][0]["id"]
    _, body = call(base, "GET", "/api/v1/products/products?q=NW-1&limit=100", token)
    product = next(p["id"] for p in json.loads(body)["items"] if p["sku"] == "NW-1")
    return {"customerId": customer, "orderDate": "2026-11-29", "lines": [{"productId": product, "quantity": "1"}]}


def order_count(base, token):
    status, body = call(base, "GET", "/api/v1/sales/orders?limit=1", token)
    assert status == 200, body
    return json.loads(body)["total"]


def crash_and_retry(server):
    server.start()
    token = sign_in(server.url)
    body = order_input(server.url, token)
    before = order_count(server.url, token)
    keys = [f"crash-{uuid.uuid4()}" for _ in range(CREATES)]
    seen = {}  # key -> (status, body) the client received before the kill
    lock = threading.Lock()

    def create(key):
        try:
            status, answer = call(server.url, "POST", "/api/v1/sales/orders", token, body, {"Idempotency-Key": key}, timeout=30)
        except OSError:
            return  # the server died under this request: the client never learnt the outcome
        with lock:
            seen[key] = (status, answer)

    # Kill once about a third of the answers are in, while the rest are in flight.
    def killer():
        while True:
            with lock:
                if len(seen) >= CREATES // 3:
                    break
            time.sleep(0.01)
        server.kill()

    watcher = threading.Thread(target=killer)
    watcher.start()
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(create, keys))
    watcher.join()
    acknowledged = {k: v for k, v in seen.items() if v[0] == 201}
    assert 0 < len(acknowledged) < CREATES, f"the kill should land mid-way ({len(acknowledged)} acknowledged)"

    server.start()
    token = sign_in(server.url)  # sessions survive a restart, but a fresh one is what a client would do after failures
    statuses = {}
    for key in keys:
        status, answer = call(server.url, "POST", "/api/v1/sales/orders", token, body, {"Idempotency-Key": key})
        statuses[status] = statuses.get(status, 0) + 1
        assert status == 201, f"{key}: {status} {answer[:300]!r}"
        if key in acknowledged:
            assert answer == acknowledged[key][1], f"{key}: the acknowledged answer must be replayed as it was"
    assert statuses == {201: CREATES}
    assert order_count(server.url, token) == before + CREATES, "each key made exactly one order"
    server.stop()
    # Audit entries committed before the kill but not yet chained were chained at the restart
    # (issue 9 point 7): the chains are whole and reach their heads.
    verify = subprocess.run([str(BINARY), "audit", "verify", "--database", server.database], cwd=server.workdir,
                            capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "audit log intact" in verify.stdout, verify.stdout


@pytest.mark.skipif(not BINARY.exists(), reason=f"build Afield first ({BINARY})")
def test_kill_mid_creates_sqlite():
    with tempfile.TemporaryDirectory(prefix="afield-crash-") as workdir:
        crash_and_retry(Server(str(Path(workdir) / "crash.sqlite"), workdir))


@pytest.mark.skipif(not BINARY.exists() or not os.environ.get("AFIELD_CRASH_POSTGRES_URL"),
                    reason="needs the built binary and AFIELD_CRASH_POSTGRES_URL")
def test_kill_mid_creates_postgres():
    with postgres_database(os.environ["AFIELD_CRASH_POSTGRES_URL"], "afield_crash_") as url:
        with tempfile.TemporaryDirectory(prefix="afield-crash-") as workdir:
            crash_and_retry(Server(url, workdir))
