// What the shell tells about data on the device, kept from the events the other parts dispatch, so
// the shell shows them even when an event came before it was drawn:
// - `afield:outbox` { detail: { waiting, rejected, applied } }: the outbox's counts after each change.
// - `afield:device-read` { detail: { path, syncedAt } }: a page's GET was answered from the device;
//   syncedAt (ISO) is when that data came from the server. The oldest since the last page change is
//   kept ("Showing data synced 5 minutes ago" must not flatter the page); clearDeviceRead() on each
//   page change.
const listeners = new Set();
let outbox = { waiting: 0, rejected: 0, applied: 0 };
let syncedAt = null;

export function outboxCounts() {
  return outbox;
}

// The time (Date) of the oldest device data the current page shows, or null when it shows none.
export function deviceSyncedAt() {
  return syncedAt;
}

export function clearDeviceRead() {
  if (syncedAt === null) return;
  syncedAt = null;
  emit();
}

export function onSyncStatus(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit() {
  for (const fn of listeners) fn();
}

function count(value) {
  return Number.isInteger(value) && value > 0 ? value : 0;
}

window.addEventListener('afield:outbox', (event) => {
  const d = event.detail ?? {};
  outbox = { waiting: count(d.waiting), rejected: count(d.rejected), applied: count(d.applied) };
  emit();
});

window.addEventListener('afield:device-read', (event) => {
  const at = new Date(event.detail?.syncedAt);
  if (Number.isNaN(at.getTime())) return;
  if (syncedAt && syncedAt <= at) return;
  syncedAt = at;
  emit();
});
