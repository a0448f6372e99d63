// Whether the server is reachable, as far as this page knows: the browser's navigator.onLine and
// the `afield:network` events ({ detail: { online } }) that the device-data layer dispatches when a
// request to the server fails or works again (a phone can be "online" with no route to the server).
// isOnline() is both; onConnectivity(fn) calls fn(online) on each change.
const listeners = new Set();
// What the last afield:network event said; a browser "online" event resets it to hopeful, and the
// next failing request says otherwise.
let reachable = true;
let last = isOnline();

export function isOnline() {
  return navigator.onLine && reachable;
}

export function onConnectivity(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed() {
  const now = isOnline();
  if (now === last) return;
  last = now;
  for (const fn of listeners) fn(now);
}

window.addEventListener('online', () => {
  reachable = true;
  changed();
});
window.addEventListener('offline', changed);
window.addEventListener('afield:network', (event) => {
  if (typeof event.detail?.online !== 'boolean') return;
  reachable = event.detail.online;
  changed();
});
