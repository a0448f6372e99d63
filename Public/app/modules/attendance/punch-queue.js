// Punches made without a network wait here (localStorage, one list per user, so someone else
// signing in on the same phone never sends them) until they can be sent. Each keeps the body it
// was made with — its deviceTime is when the button was pressed — and an idempotency key, so a
// send whose answer was lost is not counted twice. Sent, they carry `queued: true` and `sentAt`
// (the phone's clock then), from which the server tells how far that clock was off.
// No DOM and no API here: the storage and the send function are handed in, so a test can drive it.
import { uuid } from '../../core/uuid.js';

const PREFIX = 'afield.punchQueue.';

// Kept for a later try: no answer, a server error, a session that has to be renewed first, or an
// earlier try of the same punch still running. Anything else is the server refusing this punch for
// good (too old, outside the fence…).
export function worthRetrying(error) {
  if (error?.code === 'request.idempotency_in_progress') return true;
  const status = error?.status ?? 0;
  return status === 0 || status >= 500 || status === 401 || status === 403 || status === 408 || status === 429;
}

export function createPunchQueue(owner, { storage = globalThis.localStorage, newKey = uuid } = {}) {
  const key = PREFIX + owner;
  let flushing = null;

  function read() {
    try {
      const list = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  function write(list) {
    if (list.length) storage.setItem(key, JSON.stringify(list));
    else storage.removeItem(key);
  }

  function drop(id) {
    write(read().filter((entry) => entry.key !== id));
  }

  // send(body, idempotencyKey) → the server's answer, or throws an error with `status` (0: no network).
  async function flushAll(send, now) {
    const result = { sent: [], refused: [], waiting: 0 };
    for (const entry of read()) {
      const { key: id, punch } = entry;
      try {
        result.sent.push(await send({ ...punch, queued: true, sentAt: now().toISOString() }, id));
      } catch (error) {
        if (error?.code === 'request.idempotency_key_reused') {
          // An earlier try (with another sentAt) reached the server, only its answer was lost.
          result.sent.push(null);
        } else if (worthRetrying(error)) {
          result.waiting = read().length;
          return result;
        } else {
          result.refused.push({ punch, error });
        }
      }
      drop(id);
    }
    return result;
  }

  return {
    // [{ key, punch }] oldest first.
    items: read,

    // `key`: the idempotency key of a send that got no answer, so that sending again cannot count twice.
    add(punch, key = newKey()) {
      const entry = { key, punch };
      write([...read(), entry]);
      return entry;
    },

    // Sends what waits, oldest first, stopping at the first punch that cannot be sent yet.
    // Answers { sent: [answers (null: an earlier try had arrived)], refused: [{ punch, error }], waiting: how many are left }.
    // Calls made while one runs share it.
    flush(send, now = () => new Date()) {
      flushing ??= flushAll(send, now).finally(() => {
        flushing = null;
      });
      return flushing;
    },
  };
}
