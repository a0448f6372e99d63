// A tiny promise wrapper over IndexedDB (W3's minimal stand-in; W2's core/idb.js replaces it with the same names).
// openDatabase(name, version, upgrade(db, oldVersion, tx)) → IDBDatabase; get/put/delete/getAll/clear(db, store, …).
function done(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function openDatabase(name, version, upgrade) {
  const req = indexedDB.open(name, version);
  req.onupgradeneeded = (event) => upgrade?.(req.result, event.oldVersion, req.transaction);
  return done(req);
}

function store(db, name, mode) {
  return db.transaction(name, mode).objectStore(name);
}

export const get = (db, name, key) => done(store(db, name, 'readonly').get(key));
export const getAll = (db, name) => done(store(db, name, 'readonly').getAll());
export const put = (db, name, value) => done(store(db, name, 'readwrite').put(value));
const del = (db, name, key) => done(store(db, name, 'readwrite').delete(key));
export { del as delete };
export const clear = (db, name) => done(store(db, name, 'readwrite').clear());

export function deleteDatabase(name) {
  return done(indexedDB.deleteDatabase(name));
}
