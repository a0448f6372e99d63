"""An Afield process for the resilience tests: started from the built binary on a database of
its own (a fresh SQLite file, or a new PostgreSQL database), and the small JSON client they use.

Python standard library only, so it runs wherever CI runs the browser tests.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("AFIELD_BINARY", ROOT / ".build" / "debug" / "afield"))
EMAIL, PASSWORD = "andrew.fuller@northwind.example", "afield-demo"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, database, workdir):
        self.database, self.workdir = database, workdir
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        log = open(Path(self.workdir) / "server.log", "ab")
        self.process = subprocess.Popen(
            [str(BINARY), "--port", str(self.port), "--database", self.database, "--demo-dir", str(ROOT / "Demo" / "northwind"),
             "--public-dir", str(ROOT / "Public")],
            cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + (Path(self.workdir) / "server.log").read_text()[-2000:])
            try:
                urllib.request.urlopen(self.url + "/api/v1/auth/setup", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("server did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def call(base, method, path, token=None, body=None, headers=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sign_in(base):
    status, body = call(base, "POST", "/api/v1/auth/login", body={"email": EMAIL, "password": PASSWORD})
    assert status == 200, body
    return json.loads(body)["token"]



@contextmanager
def postgres_database(maintenance, prefix):
    """A new database on the PostgreSQL server of the maintenance URL; dropped afterwards."""
    name = prefix + uuid.uuid4().hex[:8]
    subprocess.run(["psql", maintenance, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    parts = urllib.parse.urlsplit(maintenance)
    try:
        yield urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))
    finally:
        subprocess.run(["psql", maintenance, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
