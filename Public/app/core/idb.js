// A small promise wrapper over IndexedDB (the device's database; issue 11). Each function opens its own transaction
// unless given one, and settles when that transaction completes, so a resolved put is on disk, not just queued.
//
//   const db = await openDatabase('name', 1, (db, oldVersion, tx) => { if (oldVersion < 1) db.createObjectStore('s', { keyPath: 'id' }); });
//   await put(db, 's', { id: 'a' }); await get(db, 's', 'a') → { id: 'a' } (undefined when absent)
//   await getAll(db, 's') → [values in key order]; await getAllFromIndex(db, 's', 'order') → [values in index order]
//   await remove(db, 's', 'a'); await clear(db, 's'); await deleteDatabase('name')
//   await transaction(db, ['a', 'b'], 'readwrite', (tx) => { tx.objectStore('a').put(…); return x; }) → x, after complete
//
// Errors reject with the DOMException IndexedDB gives (QuotaExceededError, ConstraintError, …).

// A request's result as a promise.
export function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// Opens (and creates or upgrades) a database. `upgrade(db, oldVersion, transaction)` runs inside the version change
// when the stored version is older than `version` (oldVersion 0 for a new database). The connection closes itself
// when another tab or a wipe asks to delete or upgrade the database, so neither waits for this one.
export function openDatabase(name, version, upgrade) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = (event) => {
      try {
        upgrade?.(request.result, event.oldVersion, request.transaction);
      } catch (error) {
        request.transaction.abort();
        reject(error);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    // Another connection (an older tab) holds the database: it closes on versionchange; the open then goes on.
    request.onblocked = () => {};
  });
}

// Runs `work(tx)` in one transaction over `stores` and answers what it returned — a value, or an IDBRequest whose
// result — once the transaction has completed. `work` must make its requests at once (IndexedDB commits a
// transaction left idle: no awaiting other things inside). A thrown error or a failed request rejects.
export function transaction(db, stores, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let result;
    let failed = null;
    tx.oncomplete = () => (failed ? reject(failed) : resolve(result));
    tx.onerror = () => { failed ??= tx.error; };
    tx.onabort = () => reject(failed ?? tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
    try {
      const value = work(tx);
      if (value instanceof IDBRequest) value.addEventListener('success', () => { result = value.result; });
      else result = value;
    } catch (error) {
      failed = error;
      tx.abort();
    }
  });
}

const one = (db, store, mode, fn) => transaction(db, [store], mode, (tx) => fn(tx.objectStore(store)));

export const get = (db, store, key) => one(db, store, 'readonly', (s) => s.get(key));
export const getAll = (db, store, query, count) => one(db, store, 'readonly', (s) => s.getAll(query, count));
export const getAllKeys = (db, store, query, count) => one(db, store, 'readonly', (s) => s.getAllKeys(query, count));
export const getAllFromIndex = (db, store, index, query, count) => one(db, store, 'readonly', (s) => s.index(index).getAll(query, count));
export const count = (db, store, query) => one(db, store, 'readonly', (s) => s.count(query));
// `key` only for stores without a keyPath. Answers the record's key.
export const put = (db, store, value, key) => one(db, store, 'readwrite', (s) => (key === undefined ? s.put(value) : s.put(value, key)));
export const remove = (db, store, key) => one(db, store, 'readwrite', (s) => { s.delete(key); });
export const clear = (db, store) => one(db, store, 'readwrite', (s) => { s.clear(); });
// `delete` is a reserved word for a declaration, not for an export name: import { delete as del } works too.
export { remove as delete };

// Deletes a database; every connection of this page opened through openDatabase closes itself first. Resolves
// when it is gone (also when it never existed).
export function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => {};
  });
}

// Names of the databases of this origin (Chromium, Firefox ≥126, Safari): for tests and wipes.
export async function databaseNames() {
  if (!indexedDB.databases) return null;
  return (await indexedDB.databases()).map((d) => d.name);
}
