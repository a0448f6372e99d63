// A number the server keeps for the signed-in user (unread notifications, approvals waiting),
// shared by every element that shows it: one value, listeners hear each new one. `read` asks
// the server and returns the number; a failure (offline, signed out) keeps the last value.
import { getUser } from './store.js';

export function serverCount(read) {
  let value = 0;
  const listeners = new Set();
  const set = (next) => {
    if (next === value) return;
    value = next;
    for (const fn of listeners) fn(value);
  };
  return {
    get: () => value,
    set,
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    // Nobody signed in, or a user who must first change their password or turn on two-factor
    // sign-in, has nothing to ask: the server would answer 401 / 403.
    async refresh() {
      const user = getUser();
      if (!user || user.mustChangePassword || user.mustEnrolTwoFactor) return value;
      try {
        set((await read()) ?? 0);
      } catch {
        // The next refresh tries again.
      }
      return value;
    },
  };
}
