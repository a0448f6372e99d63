"""The web app's start time on a throttled phone profile (issue 11 "Measure"), in headless Chromium.

Profile: 390x844, CPU slowed x4 (Emulation.setCPUThrottlingRate) and DevTools' "Slow 3G" network
(Network.emulateNetworkConditions: 400 ms latency, 400 kbit/s x 0.8 down and up, in bytes/s as
DevTools computes it). The demo user is signed in first (unthrottled); then, for each run:

- first start:  no service worker, empty Cache Storage and HTTP cache (the session cookie kept);
- cached start: the service worker of the current version active, its cache full;
- offline start: the same, with the network offline.

Each start navigates from about:blank to "/" and ends when the app has drawn its first real screen
(a MutationObserver injected before the page's own scripts records performance.now()): the workbench
([data-test="workbench"]) when signed in and the server answers, the sign-in form, or the app's
offline page (.boot-message with its button) while the device cannot show the session yet.
Also printed: DOMContentLoaded, bytes fetched over the network by the page, when the first start's page
is ready to work offline (its worker precached the shell and controls it, still on Slow 3G), and the
shell's size (the files of /app-shell.json, raw and gzip). Median and range of --runs runs.

    python3 Benchmarks/web-start.py --url http://127.0.0.1:8080 [--runs 5] [--cpu 4]
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

EMAIL = os.environ.get("AFIELD_BENCH_EMAIL", "andrew.fuller@northwind.example")
PASSWORD = os.environ.get("AFIELD_BENCH_PASSWORD", "afield-demo")
SLOW_3G = {"offline": False, "latency": 400,
           "downloadThroughput": 400 * 1024 / 8 * 0.8, "uploadThroughput": 400 * 1024 / 8 * 0.8}
OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
NO_LIMITS = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}

# Runs before the page's scripts (CDP, so the page's CSP does not apply): notes when the first real
# screen appears, and which one.
MARKER = """
(() => {
  const screens = [['workbench', '[data-test="workbench"]'], ['sign-in', '[data-test="signin-email"]'],
                   ['offline page', '.boot-message .btn']];
  const look = () => {
    if (window.__afieldStart) return true;
    for (const [name, css] of screens) {
      if (document.querySelector(css)) {
        window.__afieldStart = { screen: name, ms: performance.now() };
        return true;
      }
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (look()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})();
"""


def shell_size(url):
    with urllib.request.urlopen(url + "/app-shell.json") as r:
        manifest = json.load(r)
    raw = packed = 0
    for path in manifest["files"]:
        with urllib.request.urlopen(url + path) as r:
            data = r.read()
        raw += len(data)
        packed += len(gzip.compress(data, 9))
    return manifest["version"], len(manifest["files"]), raw, packed


class Phone:
    def __init__(self, url, cpu):
        os.environ["SE_OFFLINE"] = "true"
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("AFIELD_BENCH_CHROMIUM", "/usr/bin/chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844", "--lang=en-US"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(options=options, service=Service(
            executable_path=os.environ.get("AFIELD_BENCH_CHROMEDRIVER", "/usr/bin/chromedriver")))
        self.driver.set_page_load_timeout(300)
        self.driver.set_script_timeout(300)
        self.url, self.cpu = url, cpu
        self.cdp("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        self.cdp("Network.enable", {})
        self.cdp("Page.enable", {})
        self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": MARKER})

    def cdp(self, command, params):
        return self.driver.execute_cdp_cmd(command, params)

    def script(self, source, *args):
        return self.driver.execute_async_script(source, *args)

    def sign_in(self):
        self.driver.get(self.url + "/")
        status = self.script("""
            const [email, password, done] = arguments;
            fetch('/api/v1/auth/login', {method: 'POST', credentials: 'same-origin',
              headers: {'Content-Type': 'application/json', 'X-Afield-Request': '1', Accept: 'application/json'},
              body: JSON.stringify({email, password})}).then((r) => done(r.status), (e) => done(String(e)));""",
            EMAIL, PASSWORD)
        if status != 200:
            raise SystemExit(f"sign-in answered {status}")

    def forget_shell(self):
        """No worker, no Cache Storage, no HTTP cache; the cookie stays."""
        self.driver.get("about:blank")
        origin = self.url
        self.cdp("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "service_workers,cache_storage"})
        self.cdp("Network.clearBrowserCache", {})

    def wait_for_worker(self):
        """Until the current version's worker controls the page (it installs after the first start,
        still on the throttled network): the milliseconds since the navigation began."""
        deadline = time.time() + 600
        while time.time() < deadline:
            ms = self.driver.execute_script("return navigator.serviceWorker.controller ? performance.now() : null")
            if ms is not None:
                return ms
            time.sleep(0.2)
        raise SystemExit("the service worker never took the page")

    def start(self, network, then=None):
        """One start under `network` and the CPU throttle; `then()` runs before the throttle is lifted."""
        self.driver.get("about:blank")
        self.cdp("Network.emulateNetworkConditions", network)
        self.cdp("Emulation.setCPUThrottlingRate", {"rate": self.cpu})
        try:
            began = time.time()
            self.driver.get(self.url + "/")
            while time.time() - began < 300:
                result = self.driver.execute_script("""
                    const s = window.__afieldStart;
                    if (!s) return null;
                    const nav = performance.getEntriesByType('navigation')[0];
                    const bytes = [nav, ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.transferSize || 0), 0);
                    return { screen: s.screen, ms: s.ms, dcl: nav.domContentLoadedEventEnd, bytes,
                             controlled: Boolean(navigator.serviceWorker.controller) };""")
                if result:
                    if then:
                        result["then"] = then()
                    return result
                time.sleep(0.05)
            raise SystemExit("the app never drew its first screen")
        finally:
            self.cdp("Emulation.setCPUThrottlingRate", {"rate": 1})
            self.cdp("Network.emulateNetworkConditions", NO_LIMITS)

    def quit(self):
        self.driver.quit()


def summary(name, results):
    ms = [r["ms"] for r in results]
    dcl = [r["dcl"] for r in results]
    screens = sorted({r["screen"] for r in results})
    kb = statistics.median(r["bytes"] for r in results) / 1024
    return (f"{name:<14} {statistics.median(ms):>8.0f} ms  (min {min(ms):.0f}, max {max(ms):.0f})   "
            f"DOMContentLoaded {statistics.median(dcl):>6.0f} ms   network {kb:>7.1f} KiB   screen: {', '.join(screens)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("AFIELD_BENCH_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=4)
    args = parser.parse_args()
    url = args.url.rstrip("/")

    version, count, raw, packed = shell_size(url)
    print(f"shell: version {version}, {count} files, {raw / 1024:.1f} KiB raw, {packed / 1024:.1f} KiB gzip -9")
    print(f"profile: 390x844, CPU x{args.cpu:g}, Slow 3G (latency {SLOW_3G['latency']} ms, "
          f"{SLOW_3G['downloadThroughput']:.0f} B/s down, {SLOW_3G['uploadThroughput']:.0f} B/s up); {args.runs} runs each")
    sys.stdout.flush()

    phone = Phone(url, args.cpu)
    first, cached, offline = [], [], []
    try:
        phone.sign_in()
        for run in range(args.runs):
            phone.forget_shell()
            first.append(phone.start(SLOW_3G, then=phone.wait_for_worker))
            cached.append(phone.start(SLOW_3G))
            offline.append(phone.start(OFFLINE))
            print(f"run {run + 1}: first {first[-1]['ms']:.0f} ms ({first[-1]['screen']}, offline-ready at {first[-1]['then']:.0f} ms), "
                  f"cached {cached[-1]['ms']:.0f} ms ({cached[-1]['screen']}, controlled {cached[-1]['controlled']}), "
                  f"offline {offline[-1]['ms']:.0f} ms ({offline[-1]['screen']}, controlled {offline[-1]['controlled']})",
                  file=sys.stderr)
    finally:
        phone.quit()
    print(summary("first start", first))
    ready = [r["then"] for r in first]
    print(f"{'  offline-ready':<14} {statistics.median(ready):>8.0f} ms  (min {min(ready):.0f}, max {max(ready):.0f})   "
          "after the first start's navigation began: the worker has precached the shell and controls the page")
    print(summary("cached start", cached))
    print(summary("offline start", offline))


if __name__ == "__main__":
    main()
