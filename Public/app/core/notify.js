// Short confirmations ("Order confirmed") shown by the shell, decoupled from who triggers them.
const listeners = new Set();

export function notify(message, kind = 'info') {
  for (const fn of listeners) fn({ message, kind });
}

export function onNotify(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
