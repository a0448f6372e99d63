"""The offline app shell (issue 11, point 1) in a real Chromium, at 390x844 and 1366x768.

Each test runs its OWN server (a copy of Public/ in a temp folder, its own SQLite file and port), so
it can stop the server and change the web app's files under the running page:

- offline start: Andrew signs in, the service worker takes the page and keeps the shell's files;
  the network goes away (DevTools offline AND the server process stopped, so nothing can answer);
  a reload still draws the app from the device, with the offline badge; back online (server started
  again on the same port and database), the app signs in again by itself and the badge is gone.
- the signed-in shell's status: the offline badge in the top bar follows the browser's connection;
  the outbox's counts ("3 waiting", "2 changes need your attention" → #/sync) and the device-data
  strip ("Showing data synced 5 minutes ago", gone on the next page) follow the events the
  device-data and outbox parts dispatch (faked here: those parts are built elsewhere).
- a new version: a file of the shell changes on the server; the page keeps running the old one
  (also after a plain reload) and offers "A new version of Afield is ready — Reload"; Reload runs
  the new file, and the old version's cache is gone.
- another server on the same port (another checkout, a fresh database): the browser's old worker
  starts the old shell once, which finds the new version and offers the reload; then the new files run.
- the web app manifest: Chromium reads it without errors and finds the app installable; a worker of
  a version the server does not have refuses to install and leaves the working one alone.
- the small helpers (relative time, reachability) in the browser.

Server binary: AFIELD_E2E_BIN, else .build/debug/afield (skipped when none).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from test_web import SIZES, Browser, sel
from test_approvals import sign_in_as

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "andrew.fuller@northwind.example"


def server_binary():
    for candidate in (os.environ.get("AFIELD_E2E_BIN"), ROOT / ".build/debug/afield"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One afield process serving a temp copy of Public/ from a temp SQLite file; stop() and start()
    again keep the port and the data."""

    def __init__(self, binary, folder, port=None):
        self.binary = binary
        self.folder = Path(folder)
        self.public = self.folder / "Public"
        shutil.copytree(ROOT / "Public", self.public)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        log = open(self.folder / "server.log", "a")
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--database", str(self.folder / "e2e.sqlite"),
             "--public-dir", str(self.public), "--demo-dir", str(ROOT / "Demo/northwind")],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.folder)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {(self.folder / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/app-shell.json", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def version(self):
        import json
        with urllib.request.urlopen(self.url + "/app-shell.json", timeout=5) as r:
            return json.load(r)["version"]


@pytest.fixture
def server():
    binary = server_binary()
    if not binary:
        pytest.skip("no afield binary (AFIELD_E2E_BIN)")
    folder = tempfile.mkdtemp(prefix="afield-offline-shell-")
    s = Server(binary, folder)
    s.start()
    yield s
    s.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def browser(request, server):
    width, height = request.param
    b = Browser(width, height, fetch_ahead=True)
    b.base = server.url
    yield b
    b.quit()


def sign_in(b):
    sign_in_as(b, EMAIL, base=b.base)


def controller_version(b):
    return b.driver.execute_script(
        "const c = navigator.serviceWorker.controller;"
        "return c ? new URL(c.scriptURL).searchParams.get('v') : null;")


def wait_controlled(b, version):
    b.until(lambda: controller_version(b) == version, f"the service worker of version {version} controls the page")


def cache_names(b):
    return b.driver.execute_async_script("const done = arguments[0]; caches.keys().then(done, (e) => done(String(e)));")


def set_offline(b, offline):
    b.driver.execute_cdp_cmd("Network.enable", {})
    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def server_reachable(b):
    """Whether the page can reach the server at all (a request the worker never answers)."""
    return b.driver.execute_async_script("""
        const done = arguments[0];
        fetch('/app-shell.json', {cache: 'no-store'}).then(() => done(true), () => done(false));""")


def drop_console(b):
    """Forget the console entries of requests that failed because the server was away on purpose."""
    b.driver.get_log("browser")


def drop_offline_failures(b, step):
    """Forget the requests that failed because the browser was offline on purpose (the app retries
    its session check while offline, and one may fail just before the browser is online again);
    keep every other problem for the next console check."""
    for entry in b.driver.get_log("browser"):
        message = entry["message"]
        if entry["level"] != "SEVERE" or "net::ERR_INTERNET_DISCONNECTED" in message:
            continue
        b.console_problems.append(f"{step}: {entry.get('source')}: {message}")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_the_app_starts_offline_with_the_offline_badge(browser, server):
    b = browser
    version = server.version()
    sign_in(b)
    wait_controlled(b, version)
    assert cache_names(b) == [f"afield-shell-{version}"]
    files = b.driver.execute_async_script("""
        const [name, done] = arguments;
        caches.open(name).then((c) => c.keys()).then((keys) => done(keys.map((r) => new URL(r.url).pathname)));""",
        f"afield-shell-{version}")
    assert "/" in files and "/app/main.js" in files and "/manifest.webmanifest" in files and "/app/icons/icon-192.png" in files
    b.shot("offline-01-online")

    # The network goes away, and so does the server: nothing but the device can answer now.
    set_offline(b, True)
    server.stop()
    assert not server_reachable(b), "the page must not reach the server"
    b.driver.refresh()
    # The shell came from the device, and so did the session and the workbench (device data kept
    # them): the signed-in app with the offline badge and how fresh the data it shows is.
    b.visible(sel("offline-badge"))
    b.text_is(sel("offline-badge"), "Offline")
    b.visible("nav.nav")
    b.visible(sel("workbench"))
    b.visible(sel("device-read-strip"))
    assert b.driver.execute_script("return customElements.get('af-shell') !== undefined && document.title") == "Afield"
    assert controller_version(b) == version
    drop_console(b)
    b.shot("offline-02-reloaded-offline")

    # The network and the server come back: the badge goes, the app goes on where it was.
    server.start()
    set_offline(b, False)
    b.until(lambda: not b.find_all(sel("offline-badge")), "the badge goes when the browser is online again")
    drop_offline_failures(b, "offline-03-back-online")
    b.visible("nav.nav")
    b.visible(sel("workbench"))
    assert not b.find_all(sel("offline-badge"))
    b.shot("offline-03-back-online")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_the_shell_shows_offline_waiting_rejected_and_device_data(browser, server):
    b = browser
    sign_in(b)
    wait_controlled(b, server.version())
    assert not b.find_all(sel("offline-badge")) and not b.find_all(sel("outbox-waiting"))

    # The browser loses its connection: the top bar says so; and back.
    set_offline(b, True)
    b.visible(".topbar " + sel("offline-badge"))
    # Back online, the real outbox flushes and announces its own counts (all 0); the made-up counts
    # below must come after that announcement, or it overwrites them.
    b.driver.execute_script("""
        window.__outboxAnnounced = 0;
        addEventListener('afield:outbox', () => { window.__outboxAnnounced++; });""")
    set_offline(b, False)
    b.until(lambda: not b.find_all(sel("offline-badge")), "the badge goes when the browser is online again")
    b.until(lambda: b.driver.execute_script("return window.__outboxAnnounced") > 0, "the outbox announces its counts")

    # The device-data part finds the server unreachable although the browser is "online".
    b.driver.execute_script("dispatchEvent(new CustomEvent('afield:network', {detail: {online: false}}))")
    b.visible(".topbar " + sel("offline-badge"))
    # The outbox: 3 waiting, 2 refused by the server; the page read 5-minute-old data from the device.
    b.driver.execute_script("""
        dispatchEvent(new CustomEvent('afield:outbox', {detail: {waiting: 3, rejected: 2, applied: 4}}));
        const at = (min) => new Date(Date.now() - min * 60000).toISOString();
        dispatchEvent(new CustomEvent('afield:device-read', {detail: {path: '/sales/orders', syncedAt: at(2)}}));
        dispatchEvent(new CustomEvent('afield:device-read', {detail: {path: '/partners/customers', syncedAt: at(5)}}));
        dispatchEvent(new CustomEvent('afield:device-read', {detail: {path: '/products', syncedAt: at(1)}}));""")
    b.text_is(sel("outbox-waiting"), "3 waiting")
    assert b.find(sel("outbox-waiting")).get_attribute("href").endswith("#/sync")
    b.until(lambda: " ".join(b.find(sel("outbox-attention")).text.split()) == "2 changes need your attention Review",
            "the attention notice")
    assert b.find(sel("outbox-attention")).get_attribute("href").endswith("#/sync")
    # The oldest data the page shows decides what the strip says.
    b.text_is(sel("device-read-strip"), "Showing data synced 5 minutes ago")
    # Nothing in the top bar runs off the screen or hides another item.
    overflow = b.driver.execute_script("""
        const bar = document.querySelector('.topbar');
        return [...bar.children].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5).map((e) => e.className);""")
    assert overflow == [], overflow
    b.shot("offline-04-shell-status")

    # 中文: the same in the app's language.
    b.driver.execute_script("import('/app/core/i18n.js').then((m) => m.setLanguage('zh-CN'))")
    b.text_is(sel("offline-badge"), "离线")
    b.text_is(sel("device-read-strip"), "显示的是5分钟前同步的数据")
    b.text_is(sel("outbox-waiting"), "3 条待发送")
    b.shot("offline-05-shell-status-zh")
    b.driver.execute_script("import('/app/core/i18n.js').then((m) => m.setLanguage('en'))")
    b.text_is(sel("offline-badge"), "Offline")

    # Another page: its data has not been read from the device (yet), so no strip.
    b.nav("orders")
    b.until(lambda: "#/orders" in b.driver.current_url, "the orders page")
    b.until(lambda: not b.find_all(sel("device-read-strip")), "the strip goes with the page")
    assert b.find_all(sel("outbox-waiting")), "the outbox's count stays"

    # Reachable again, everything sent.
    b.driver.execute_script("""
        dispatchEvent(new CustomEvent('afield:network', {detail: {online: true}}));
        dispatchEvent(new CustomEvent('afield:outbox', {detail: {waiting: 0, rejected: 0, applied: 9}}));""")
    b.until(lambda: not b.find_all(sel("offline-badge")) and not b.find_all(sel("outbox-waiting"))
            and not b.find_all(sel("outbox-attention")), "badge and counts go")
    b.check_console("shell status")


@pytest.mark.parametrize("browser", [pytest.param((1366, 768), id="1366x768"), pytest.param((390, 844), id="390x844")],
                         indirect=True)
def test_a_new_version_waits_for_reload_and_then_runs(browser, server):
    b = browser
    old = server.version()
    sign_in(b)
    wait_controlled(b, old)

    # A new build lands on the server while the page is open.
    main = server.public / "app/main.js"
    main.write_text(main.read_text() + "\nglobalThis.afieldTestBuild = 'second';\n")
    new = server.version()
    assert new != old

    # Settings → "This device" shows the running version and finds the new one.
    b.driver.get(b.base + "/#/settings")
    b.visible(sel("device-settings"))
    b.text_is(sel("device-version"), old)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("device-check")))
    b.click(sel("device-check"))
    b.text_is(sel("device-check-result"), "A new version is ready.")
    b.visible(sel("update-notice"))
    assert "A new version of Afield is ready" in b.find(sel("update-notice")).text
    assert b.find(sel("device-storage")).text.strip(), "storage used is shown"
    b.shot("update-01-notice")

    # A plain reload keeps the old version (the new worker waits); the notice comes back.
    b.driver.refresh()
    b.visible("nav.nav")
    assert b.driver.execute_script("return globalThis.afieldTestBuild ?? null") is None
    assert controller_version(b) == old
    b.visible(sel("update-notice"))

    # Reload: the new worker takes over, the page reloads once and runs the new file.
    b.click(sel("update-reload"))
    b.until(lambda: b.driver.execute_script("return globalThis.afieldTestBuild ?? null") == "second",
            "the page runs the new version's main.js")
    b.visible("nav.nav")
    assert controller_version(b) == new
    assert not b.find_all(sel("update-notice"))
    b.until(lambda: cache_names(b) == [f"afield-shell-{new}"], "only the new version's cache is left")
    b.shot("update-02-new-version")


@pytest.mark.parametrize("browser", [pytest.param((1366, 768), id="1366x768")], indirect=True)
def test_another_server_on_the_same_port_offers_its_own_version(browser, server):
    """A developer's browser keeps the worker of a server that is gone; a different server started on
    the same port (another checkout, a fresh database) must not go on getting the old shell."""
    b = browser
    old = server.version()
    sign_in(b)
    wait_controlled(b, old)
    server.stop()
    folder = tempfile.mkdtemp(prefix="afield-offline-shell-other-")
    other = Server(server.binary, folder, port=server.port)
    main = other.public / "app/main.js"
    main.write_text(main.read_text() + "\nglobalThis.afieldTestBuild = 'other';\n")
    try:
        other.start()
        new = other.version()
        assert new != old
        b.driver.refresh()
        # The old shell starts from the device (the new server has no session: the sign-in page) and
        # at once finds the server's version different: the notice.
        b.visible(sel("signin-email"))
        assert controller_version(b) == old
        b.visible(sel("update-notice"))
        b.click(sel("update-reload"))
        b.until(lambda: b.driver.execute_script("return globalThis.afieldTestBuild ?? null") == "other",
                "the page runs the other server's files")
        assert controller_version(b) == new
        b.visible(sel("signin-email"))
        b.until(lambda: cache_names(b) == [f"afield-shell-{new}"], "only the new version's cache is left")
    finally:
        other.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("browser", [pytest.param((390, 844), id="390x844")], indirect=True)
def test_the_web_app_manifest_makes_it_installable(browser, server):
    b = browser
    b.driver.get(b.base + "/")
    b.visible(sel("signin-email"))
    wait_controlled(b, server.version())
    manifest = b.driver.execute_cdp_cmd("Page.getAppManifest", {})
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest.get("errors", []) == [], manifest.get("errors")
    assert b.driver.execute_cdp_cmd("Page.getInstallabilityErrors", {})["installabilityErrors"] == []
    icons = b.driver.execute_async_script("""
        const done = arguments[0];
        fetch('/manifest.webmanifest').then((r) => r.json()).then(async (m) => {
          const out = [];
          for (const icon of m.icons) {
            const r = await fetch(icon.src);
            const blob = await r.blob();
            let size = null;
            if (icon.type === 'image/png') { const bmp = await createImageBitmap(blob); size = bmp.width + 'x' + bmp.height; }
            out.push([icon.src, r.status, icon.sizes, size, icon.purpose]);
          }
          done([m.name, m.short_name, m.start_url, m.scope, m.display, out]);
        });""")
    name, short, start, scope, display, files = icons
    assert (name, short, start, scope, display) == ("Afield", "Afield", "/", "/", "standalone")
    for src, status, sizes, size, purpose in files:
        assert status == 200, src
        if size:
            assert size == sizes, (src, size, sizes)
    assert {purpose for *_, purpose in files} == {"any", "maskable"}
    b.shot("manifest-sign-in")

    # A worker whose version is not the server's refuses to install: no half-new cache, the old one stays.
    version = server.version()
    state = b.driver.execute_async_script("""
        const done = arguments[0];
        navigator.serviceWorker.register('/sw.js?v=0123456789abcdef').then((reg) => {
          const worker = reg.installing;
          if (!worker) return done('no installing worker');
          worker.addEventListener('statechange', () => { if (worker.state === 'redundant') done(worker.state); });
        }, (e) => done(String(e)));""")
    assert state == "redundant"
    assert controller_version(b) == version
    assert cache_names(b) == [f"afield-shell-{version}"]


@pytest.mark.parametrize("browser", [pytest.param((1366, 768), id="1366x768")], indirect=True)
def test_relative_time_and_reachability_helpers(browser, server):
    b = browser
    b.driver.get(b.base + "/")
    b.visible(sel("signin-email"))
    result = b.driver.execute_async_script("""
        const done = arguments[0];
        (async () => {
          const { formatRelativeTime } = await import('/app/core/relative-time.js');
          const { isOnline, onConnectivity } = await import('/app/core/connectivity.js');
          const now = new Date('2026-12-06T12:00:00Z');
          const ago = (s) => new Date(now.getTime() - s * 1000);
          const times = [[ago(20), 'en'], [ago(5 * 60), 'en'], [ago(3 * 3600), 'en'], [ago(26 * 3600), 'en'],
                         [ago(5 * 60), 'zh-CN'], [ago(26 * 3600), 'zh-CN']].map(([d, l]) => formatRelativeTime(d, now, l));
          const heard = [];
          const off = onConnectivity((online) => heard.push(online));
          const before = isOnline();
          dispatchEvent(new CustomEvent('afield:network', {detail: {online: false}}));
          const during = isOnline();
          dispatchEvent(new CustomEvent('afield:network', {detail: {online: false}}));
          dispatchEvent(new CustomEvent('afield:network', {detail: {online: true}}));
          off();
          dispatchEvent(new CustomEvent('afield:network', {detail: {online: false}}));
          const after = isOnline();
          dispatchEvent(new CustomEvent('afield:network', {detail: {online: true}}));
          done({ times, before, during, heard, after });
        })().catch((e) => done(String(e)));""")
    assert result == {
        "times": ["just now", "5 minutes ago", "3 hours ago", "yesterday", "5分钟前", "昨天"],
        "before": True, "during": False, "heard": [False, True], "after": False,
    }, result
