// The caller's unread notification count, shared by the bell and the notifications page.
// GET /notifications/unread-count; listeners hear every new value.
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';

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

// Asks the server; a failure (offline, signed out) keeps the last count. Nobody signed in, or a
// user who must first change their password or turn on two-factor sign-in, has nothing to ask:
// the server would answer 401 / 403.
export async function refreshUnread() {
  const user = getUser();
  if (!user || user.mustChangePassword || user.mustEnrolTwoFactor) return unread;
  try {
    const answer = await api.get('/notifications/unread-count');
    setUnread(answer?.unread ?? 0);
  } catch {
    // The next poll tries again.
  }
  return unread;
}
