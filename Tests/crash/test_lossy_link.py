"""Issue 11 point 6: offline clients on a lossy link — every command applied exactly once, in order.

Five simulated devices each send 200 numbered commands (``Afield-Client-Id``, ``Afield-Client-Seq``,
``Idempotency-Key``) through a small proxy that spoils about 30 % of the exchanges: it drops a
request before the server sees it, cuts a request half-way, drops the answer after the server
applied it, or cuts the answer half-way. A device does what the web app's outbox does: one command
at a time, in order, the same command (same key, same number) again after any failure until an
answer arrives. The commands per device, n = 1 … 200:

- n divisible by 40: a customer without a name — refused (422) for good, which must use its number;
- other n divisible by 5: an edit of the customer made by command n − 1 (version 1 → phone);
- the rest: a new customer with a device-made id, named after its device and number.

Then, read straight from the server (not through the proxy): each device's ``lastSeq`` is 200;
each created name exists exactly once; each edited customer is at version 2 with its phone
(an edit applied twice would be at 3 or refused); each device's customers got their codes in
the order of their numbers. The test prints the counts.
"""

import json
import os
import random
import socket
import socketserver
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from afield_process import BINARY, Server, call, postgres_database, sign_in

DEVICES = int(os.environ.get("AFIELD_LOSSY_DEVICES", "5"))
COMMANDS = int(os.environ.get("AFIELD_LOSSY_COMMANDS", "200"))
LOSS = float(os.environ.get("AFIELD_LOSSY_RATE", "0.30"))


class LossyProxy(socketserver.ThreadingTCPServer):
    """One HTTP/1.1 exchange per connection; spoils `loss` of them, in four ways of equal share."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port, loss, seed):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.upstream_port, self.loss = upstream_port, loss
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.counts = {"exchanges": 0, "request dropped": 0, "request cut": 0, "answer dropped": 0, "answer cut": 0}

    def fault(self):
        with self.lock:
            self.counts["exchanges"] += 1
            if self.random.random() >= self.loss:
                return None
            kind = self.random.choice(["request dropped", "request cut", "answer dropped", "answer cut"])
            self.counts[kind] += 1
            return kind


def read_message(stream):
    """Head and body of one HTTP message (body by Content-Length; else up to the close)."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = stream.recv(65536)
        if not chunk:
            return head, b""
        head += chunk
    head, _, body = head.partition(b"\r\n\r\n")
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while length is None or len(body) < length:
        chunk = stream.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n", body


class ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        proxy = self.server
        head, body = read_message(self.request)
        if not head:
            return
        fault = proxy.fault()
        if fault == "request dropped":
            return
        # One exchange per connection keeps the proxy simple and makes every fault clean.
        head = head.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1) if b"connection:" not in head.lower() else head
        request = head + body
        with socket.create_connection(("127.0.0.1", proxy.upstream_port), timeout=60) as upstream:
            if fault == "request cut":
                upstream.sendall(request[: max(1, len(request) // 2)])
                return
            upstream.sendall(request)
            answer = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                answer += chunk
        if fault == "answer dropped":
            return
        if fault == "answer cut":
            self.request.sendall(answer[: len(answer) // 2])
            return
        self.request.sendall(answer)


class Device:
    """A device's outbox: numbered commands sent one by one, each until it gets an answer."""

    def __init__(self, index, proxy_url, token, run):
        self.index, self.proxy_url, self.token, self.run = index, proxy_url, token, run
        self.client_id = str(uuid.uuid4())
        self.created = {}  # n -> customer id
        self.counts = {"sends": 0, "applied": 0, "refused": 0, "replayed": 0}

    def name(self, n):
        return f"Lossy {self.run} D{self.index} N{n:03d}"

    def command(self, n):
        if n % 40 == 0:
            return "POST", "/api/v1/partners/customers", {"name": " "}
        if n % 5 == 0:
            return "PATCH", f"/api/v1/partners/customers/{self.created[n - 1]}", {"version": 1, "phone": f"{self.index}-{n}"}
        self.created[n] = str(uuid.uuid4())
        return "POST", "/api/v1/partners/customers", {"id": self.created[n], "name": self.name(n)}

    def send(self, n):
        method, path, body = self.command(n)
        headers = {"Idempotency-Key": str(uuid.uuid4()), "Afield-Client-Id": self.client_id, "Afield-Client-Seq": str(n)}
        attempt = 0
        while True:
            attempt += 1
            self.counts["sends"] += 1
            try:
                status, answer, replayed = call_with_headers(self.proxy_url, method, path, self.token, body, headers)
            except OSError:
                status = None  # no answer: the command may or may not have been applied
            except Exception as error:  # http.client's IncompleteRead, BadStatusLine, RemoteDisconnected …
                if type(error).__module__ != "http.client":
                    raise
                status = None
            if status is not None and status < 500:
                code = json.loads(answer).get("error", {}).get("code") if status >= 400 else None
                if code in ("request.idempotency_in_progress",) or status in (408, 429):
                    pass
                else:
                    assert code is None or not code.startswith("sync."), f"device {self.index} n={n}: {status} {answer[:300]!r}"
                    self.counts["applied" if status < 400 else "refused"] += 1
                    self.counts["replayed"] += 1 if replayed else 0
                    if n % 40 == 0:
                        assert status == 422, answer
                    else:
                        assert status in (200, 201), answer
                    return
            time.sleep(min(0.5, 0.02 * attempt))

    def run_all(self):
        for n in range(1, COMMANDS + 1):
            self.send(n)


def call_with_headers(base, method, path, token, body, headers):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", "Bearer " + token)
    for name, value in headers.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read(), answer.headers.get("Idempotent-Replayed") == "true"
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Idempotent-Replayed") == "true"


def all_customers(base, token, query):
    items, page = [], 1
    while True:
        status, body = call(base, "GET", f"/api/v1/partners/customers?q={query}&limit=100&page={page}", token)
        assert status == 200, body
        data = json.loads(body)
        items += data["items"]
        if len(items) >= data["total"] or not data["items"]:
            return items
        page += 1


def lossy_run(server):
    server.start()
    token = sign_in(server.url)
    run = uuid.uuid4().hex[:6]
    proxy = LossyProxy(server.port, LOSS, seed=11)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}"
    devices = [Device(i, proxy_url, token, run) for i in range(1, DEVICES + 1)]
    started = time.monotonic()
    threads = [threading.Thread(target=d.run_all) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    proxy.shutdown()

    for device in devices:
        status, body = call(server.url, "GET", f"/api/v1/sync/clients/{device.client_id}", token)
        assert status == 200 and json.loads(body)["lastSeq"] == COMMANDS, body
    customers = all_customers(server.url, token, f"Lossy%20{run}")
    by_name = {}
    for customer in customers:
        by_name.setdefault(customer["name"], []).append(customer)
    creates = [(d, n) for d in devices for n in d.created]
    assert len(customers) == len(creates), f"{len(customers)} customers for {len(creates)} creates"
    assert all(len(by_name.get(d.name(n), [])) == 1 for d, n in creates), "each create applied exactly once"
    edits = 0
    for device in devices:
        numbers = sorted(device.created)
        codes = [by_name[device.name(n)][0]["code"] for n in numbers]
        serials = [int(code.rsplit("-", 1)[1]) for code in codes]
        assert serials == sorted(serials), f"device {device.index}: codes out of order {codes[:10]}"
        for n in range(5, COMMANDS + 1, 5):
            if n % 40 == 0:
                continue
            status, body = call(server.url, "GET", f"/api/v1/partners/customers/{device.created[n - 1]}", token)
            detail = json.loads(body)
            assert (detail["version"], detail["phone"]) == (2, f"{device.index}-{n}"), f"edit {device.index}/{n}: {detail['version']} {detail['phone']}"
            edits += 1
    totals = {key: sum(d.counts[key] for d in devices) for key in devices[0].counts}
    print(f"\nlossy link ({server.database.split('/')[-1]}): {DEVICES} devices × {COMMANDS} commands in {elapsed:.1f} s; "
          f"proxy {proxy.counts}; devices {totals}; creates {len(creates)} (each once), edits {edits} (each once), "
          f"refused {totals['refused']}")
    assert totals["applied"] + totals["refused"] == DEVICES * COMMANDS
    assert totals["refused"] == DEVICES * (COMMANDS // 40)
    spoiled = sum(v for k, v in proxy.counts.items() if k != "exchanges")
    assert spoiled >= proxy.counts["exchanges"] * LOSS * 0.7, "the link should really have been lossy"
    server.stop()


@pytest.mark.skipif(not BINARY.exists(), reason=f"build Afield first ({BINARY})")
def test_lossy_link_sqlite():
    with tempfile.TemporaryDirectory(prefix="afield-lossy-") as workdir:
        lossy_run(Server(str(Path(workdir) / "lossy.sqlite"), workdir))


@pytest.mark.skipif(not BINARY.exists() or not os.environ.get("AFIELD_CRASH_POSTGRES_URL"),
                    reason="needs the built binary and AFIELD_CRASH_POSTGRES_URL")
def test_lossy_link_postgres():
    with postgres_database(os.environ["AFIELD_CRASH_POSTGRES_URL"], "afield_lossy_") as url:
        with tempfile.TemporaryDirectory(prefix="afield-lossy-") as workdir:
            lossy_run(Server(url, workdir))
