// The device's database of one signed-in user (issue 11): `afield-user-<userId>` in IndexedDB. One database per user,
// so a wipe is one deleteDatabase and one user's data never sits in another's stores. The schema is versioned here
// and nowhere else.
//
// Stores (version 1):
//   responses   keyPath 'key'  — kept GET answers: { key: '/path?a=1&b=2' (query sorted), path, query, data, syncedAt (ISO) }
//   meta        keyPath 'key'  — { key, value }: 'fingerprint' (who, roles, permissions), 'cursor' (change feed), 'filledAt'
//   outbox      keyPath 'id', index 'order' on 'order' — commands made on this device, sent in 'order' (core/outbox.js)
//   outboxMeta  keyPath 'key'  — the outbox's own settings (client id, next sequence; core/outbox.js)
import { openDatabase, deleteDatabase } from './idb.js';

export const USER_DB_VERSION = 1;

export function userDatabaseName(userId) {
  return `afield-user-${userId}`;
}

function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore('responses', { keyPath: 'key' });
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('order', 'order');
    db.createObjectStore('outboxMeta', { keyPath: 'key' });
  }
  // A later version adds an `if (oldVersion < 2) { … }` here; stores are never renamed or dropped in place.
}

// The connection is closed (a wipe here, or a wipe or upgrade in another tab): whoever holds it (core/outbox.js)
// opens the database afresh on window event `afield:user-db-closed` { userId }.
function closed(userId) {
  open.delete(userId);
  window.dispatchEvent(new CustomEvent('afield:user-db-closed', { detail: { userId } }));
}

// One open connection per user for the page's life (opening is not free); dropped when the database is wiped or
// closed by another tab's version change.
const open = new Map();

export function openUserDatabase(userId) {
  if (!userId) return Promise.reject(new Error('openUserDatabase needs a user id'));
  let pending = open.get(userId);
  if (!pending) {
    pending = openDatabase(userDatabaseName(userId), USER_DB_VERSION, upgrade).then((db) => {
      db.addEventListener('close', () => closed(userId));
      const closeOnChange = db.onversionchange;
      db.onversionchange = () => {
        closeOnChange?.call(db);
        closed(userId);
      };
      return db;
    });
    pending.catch(() => open.delete(userId));
    open.set(userId, pending);
  }
  return pending;
}

// Deletes the user's database (kept answers, meta, outbox). Resolves once it is gone.
export async function wipeUserDatabase(userId) {
  if (!userId) return;
  const pending = open.get(userId);
  open.delete(userId);
  if (pending) {
    try {
      (await pending).close();
    } catch {
      // It never opened: nothing to close.
    }
    closed(userId);
  }
  await deleteDatabase(userDatabaseName(userId));
}
