// The caller's unread notification count, shared by the bell and the notifications page.
// GET /notifications/unread-count; listeners hear every new value.
import { api } from '../../core/api.js';

let unread = 0;
const listeners = new Set();

export function getUnread() {
  return unread;
}

export function onUnreadChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setUnread(count) {
  if (count === unread) return;
  unread = count;
  for (const fn of listeners) fn(unread);
}

// Asks the server; a failure (offline, signed out) keeps the last count.
export async function refreshUnread() {
  try {
    const answer = await api.get('/notifications/unread-count');
    setUnread(answer?.unread ?? 0);
  } catch {
    // The next poll tries again.
  }
  return unread;
}
