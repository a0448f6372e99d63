// The service worker: keeps the app shell (index, modules, styles, locales, icons) of ONE version on
// the device so the app starts without a network. Registered by core/app-update.js as
// /sw.js?v=<version>, where <version> is GET /app-shell.json's; each version precaches every file
// that manifest lists into its own cache `afield-shell-<version>` and answers only from it, so a page
// never mixes modules of two versions (Workbox's precache pattern, without a build step).
// - install: precache; fails when the server's version is not this worker's (the files changed
//   meanwhile), so a half-new cache is never used. The page registers the newer version next time.
// - a new version waits (no skipWaiting) until the page asks: postMessage({ type: 'activate' }).
// - activate: drops the other versions' caches; claims the open pages only on the very first install.
// - fetch: navigations → the cached "/"; shell files → cache first; /api/ and /app-shell.json →
//   never touched (the network only; device data lives in IndexedDB, not here).
const VERSION = new URL(self.location.href).searchParams.get('v') ?? '';
const PREFIX = 'afield-shell-';
const CACHE = PREFIX + VERSION;
const MANIFEST = '/app-shell.json';
// Set during install: no worker was active before this one, so no page runs another version.
let firstInstall = false;

async function serverVersion() {
  const response = await fetch(MANIFEST, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${MANIFEST} answered ${response.status}`);
  return response.json();
}

async function precache() {
  const manifest = await serverVersion();
  if (!VERSION || manifest.version !== VERSION) {
    throw new Error(`the server has version ${manifest.version}, this worker is ${VERSION}`);
  }
  await caches.delete(CACHE); // what a failed earlier try of this version left
  const cache = await caches.open(CACHE);
  try {
    // no-cache: revalidate with the server (ETag), never take a stale copy from the HTTP cache.
    await cache.addAll(manifest.files.map((path) => new Request(path, { cache: 'no-cache', credentials: 'same-origin' })));
    // A file changed while we fetched: this cache may hold two versions' files.
    const after = await serverVersion();
    if (after.version !== VERSION) throw new Error(`the files changed during install (now ${after.version})`);
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('install', (event) => {
  firstInstall = !self.registration.active;
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    // The first install takes the open page at once (it runs this version: it came from the network
    // just now). A later version never claims: each page changes version only by reloading.
    if (firstInstall) await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'activate') self.skipWaiting();
});

// A path of the app itself rather than a file: anything without an extension is the one page.
function isPage(pathname) {
  return pathname === '/' || pathname === '/index.html' || !/\.[a-z0-9]+$/i.test(pathname);
}

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === MANIFEST || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate' && isPage(url.pathname)) {
    event.respondWith(fromCache('/', request));
    return;
  }
  // Only the exact shell file: a query string (none of the app's own requests has one) goes to the network.
  if (url.search) return;
  event.respondWith(fromCache(url.pathname, request));
});
