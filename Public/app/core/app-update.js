// The app's version on this device: registers the service worker (/sw.js?v=<version>, see /sw.js),
// notices a new version and switches to it only when the user reloads, so a page never runs modules
// of two versions. Also asks once per sign-in that the browser keep the device's data
// (navigator.storage.persist) and tells the settings page how much it uses.
//
// startAppUpdates(): called once by main.js. checkForUpdate(): GET /app-shell.json from the network
// (offline: nothing to do) and register that version's worker unless it is already the newest one;
// runs at start, on `online`, when the page becomes visible, and every 30 minutes.
// When the new worker is installed and waits while an older one controls the page, onUpdate's
// listeners hear it (the notice "A new version of Afield is ready — Reload"); applyUpdate() asks the
// waiting worker to take over and reloads once when it has (`controllerchange`).
import { onUserChange } from './store.js';

const MANIFEST = '/app-shell.json';
const EVERY = 30 * 60 * 1000;
const listeners = new Set();
const watched = new WeakSet();
const supported = 'serviceWorker' in navigator;
// The version the page runs: its controller's, or (not yet controlled) the server's at start.
let running = supported ? versionOf(navigator.serviceWorker.controller) : null;
let latest = null; // the server's version at the last check
let waiting = null; // the installed worker of a newer version, when there is one
let hadController = supported && Boolean(navigator.serviceWorker.controller);
let applying = false;
let checking = null;

function versionOf(worker) {
  if (!worker) return null;
  return new URL(worker.scriptURL).searchParams.get('v');
}

function emit() {
  for (const fn of listeners) fn(updateStatus());
}

/** { running, latest, ready, supported }: ready when a newer version waits for a reload. */
export function updateStatus() {
  return { running, latest, ready: Boolean(waiting), supported };
}

export function onUpdate(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function offer(worker) {
  if (!navigator.serviceWorker.controller || worker === waiting) return;
  if (versionOf(worker) === running) return;
  waiting = worker;
  emit();
}

function watch(registration) {
  if (registration.waiting) offer(registration.waiting);
  if (watched.has(registration)) return;
  watched.add(registration);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
      // Replaced by a still newer one before the reload: forget it.
      if (worker.state === 'redundant' && waiting === worker) {
        waiting = registration.waiting;
        emit();
      }
    });
  });
}

async function serverVersion() {
  try {
    const response = await fetch(MANIFEST, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return null;
    return (await response.json()).version ?? null;
  } catch {
    return null; // offline or the server is down: the cached version goes on
  }
}

/** Asks the server for its version and installs it beside the running one when it differs.
 *  Answers updateStatus(). Never throws. */
export function checkForUpdate() {
  if (!supported) return Promise.resolve(updateStatus());
  checking ??= (async () => {
    try {
      const version = await serverVersion();
      if (!version) return;
      latest = version;
      running ??= version;
      const registration = await navigator.serviceWorker.getRegistration('/');
      const newest = registration?.installing ?? registration?.waiting ?? registration?.active;
      if (registration && versionOf(newest) === version) {
        watch(registration);
        return;
      }
      watch(await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`, { scope: '/', updateViaCache: 'none' }));
    } catch {
      // A failed install (the files changed meanwhile, the disk is full) is retried at the next check.
    } finally {
      checking = null;
      emit();
    }
  })();
  return checking.then(() => updateStatus());
}

/** Switches to the waiting version: the worker takes over, then the page reloads once. */
export function applyUpdate() {
  if (applying) return;
  applying = true;
  if (!waiting || waiting.state === 'redundant' || waiting.state === 'activated') {
    location.reload();
    return;
  }
  waiting.postMessage({ type: 'activate' });
}

/** { usage, quota } in bytes (null when the browser does not tell) and whether the storage is persistent. */
export async function storageEstimate() {
  const storage = navigator.storage;
  const estimate = (await storage?.estimate?.().catch(() => null)) ?? {};
  const persisted = (await storage?.persisted?.().catch(() => false)) ?? false;
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

// Without it the browser may clear the device's data (the outbox too) when the disk runs low.
async function keepStorage() {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Best effort: the settings page shows whether it is persistent.
  }
}

export function startAppUpdates() {
  let signedIn = false;
  onUserChange((user) => {
    if (user && !signedIn) keepStorage();
    signedIn = Boolean(user);
  });
  if (!supported) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (applying) {
      location.reload();
      return;
    }
    if (hadController) {
      // Another tab switched to a new version; this page still runs the old modules and the old
      // cache is gone: offer the reload here too.
      waiting = navigator.serviceWorker.controller;
      emit();
    }
    hadController = true;
  });
  window.addEventListener('online', () => checkForUpdate());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate();
  });
  setInterval(() => checkForUpdate(), EVERY);
  // After the page's own loading: on a slow link the shell's precache must not hold up the first screen.
  if (document.readyState === 'complete') checkForUpdate();
  else window.addEventListener('load', () => checkForUpdate(), { once: true });
}
