// One IndexedDB database per user, `afield-user-<userId>`, its schema versioned here (W3's minimal stand-in with
// only the outbox's stores; W2's core/device-db.js replaces it and adds the device data's stores).
import { deleteDatabase, openDatabase } from './idb.js';

export const USER_DB_VERSION = 1;

export function userDatabaseName(userId) {
  return `afield-user-${userId}`;
}

export async function openUserDatabase(userId) {
  const db = await openDatabase(userDatabaseName(userId), USER_DB_VERSION, (db) => {
    if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('order', 'order');
    if (!db.objectStoreNames.contains('outboxMeta')) db.createObjectStore('outboxMeta', { keyPath: 'key' });
  });
  // A wipe (or a newer schema in another tab) must not wait for this connection.
  db.onversionchange = () => {
    db.close();
    window.dispatchEvent(new CustomEvent('afield:user-db-closed', { detail: { userId } }));
  };
  return db;
}

export function wipeUserDatabase(userId) {
  return deleteDatabase(userDatabaseName(userId));
}
