// The signed-in user's punch queue (punch-queue.js) wired to the API: waiting punches are sent
// when the network comes back and when someone signs in (which is also every page load), from
// whatever page is open; the check-in page listens for what happened.
import { api } from '../../core/api.js';
import { getUser, onUserChange } from '../../core/store.js';
import { createPunchQueue } from './punch-queue.js';

let queue = null;
let owner = null;
const listeners = new Set();

// The queue of the user signed in now (null when nobody is).
export function punchQueue() {
  const id = getUser()?.id;
  if (!id) return null;
  if (id !== owner) {
    queue = createPunchQueue(id);
    owner = id;
  }
  return queue;
}

export function waitingPunches() {
  return punchQueue()?.items() ?? [];
}

export function onQueueResult(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// Keeps a punch that could not be sent (with the idempotency key of that try); answers the queued entry.
export function keepPunch(body, key) {
  const entry = punchQueue()?.add(body, key) ?? null;
  for (const fn of listeners) fn({ sent: [], refused: [], waiting: waitingPunches().length, added: entry });
  return entry;
}

export async function sendWaiting() {
  const q = punchQueue();
  if (!q || !q.items().length || navigator.onLine === false) return null;
  const result = await q.flush((body, key) => api.post('/attendance/punches', body, { 'Idempotency-Key': key }));
  for (const fn of listeners) fn(result);
  return result;
}

window.addEventListener('online', () => sendWaiting());
onUserChange((user) => {
  if (user) sendWaiting();
});
