"""What the throughput drivers (Benchmarks/approvals.py, Benchmarks/orders.py) share: a keep-alive
HTTP client, a work queue for threads that records each call's latency and status, the latency table
and percentiles. Standard library only.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


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


class Recorder:
    """Hands numbered work items 0..<total to worker threads and records every call: latency per
    action, non-2xx statuses (with up to five sample answers) and a count of finished items."""

    def __init__(self, actions, total, noun):
        self.actions = actions
        self.total = total
        self.noun = noun
        self.latencies = {a: [] for a in actions}
        self.failures = {a: {} for a in actions}  # action → {status: count}
        self.samples = []
        self.finished = 0
        self.lock = threading.Lock()
        self.next_index = 0
        self.step = max(1, total // 10)

    def take(self):
        """The next item number, or None when all are handed out."""
        with self.lock:
            if self.next_index >= self.total:
                return None
            self.next_index += 1
            return self.next_index - 1

    def record(self, action, status, body, elapsed):
        with self.lock:
            self.latencies[action].append(elapsed)
            if not 200 <= status < 300:
                self.failures[action][status] = self.failures[action].get(status, 0) + 1
                if len(self.samples) < 5:
                    self.samples.append(f"{action}: {status} {json.dumps(body)[:300]}")

    def finish(self):
        """One item done end to end (progress every tenth)."""
        with self.lock:
            self.finished += 1
            if self.finished % self.step == 0:
                print(f"  … {self.finished} {self.noun}", file=sys.stderr, flush=True)

    def run(self, worker, concurrency):
        """Runs `worker` on `concurrency` threads until the items run out; returns (seconds, load start, load end)."""
        load_start = loadavg()
        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started, load_start, loadavg()

    @property
    def requests(self):
        return sum(len(v) for v in self.latencies.values())

    @property
    def non2xx(self):
        return sum(sum(f.values()) for f in self.failures.values())

    def print_table(self):
        """count / p50 / p90 / p99 / max in ms and non-2xx per action, then the failures."""
        width = max(len(a) for a in self.actions) + 2
        print(f"{'action':<{width}}{'count':>7}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'non-2xx':>9}")
        for action in self.actions:
            values = sorted(x * 1000 for x in self.latencies[action])
            bad = sum(self.failures[action].values())
            print(f"{action:<{width}}{len(values):>7}{percentile(values, 50):>9.1f}{percentile(values, 90):>9.1f}"
                  f"{percentile(values, 99):>9.1f}{(values[-1] if values else float('nan')):>9.1f}{bad:>9}")
        print(f"non-2xx responses: {self.non2xx}" + ("" if self.non2xx == 0 else f" {self.failures}"))
        for sample in self.samples:
            print(f"  e.g. {sample}")
