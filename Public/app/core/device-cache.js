// GET answers kept on the device, per user (issue 11), and read back when the server cannot be reached.
//
// - `deviceGet(path, query, send)` is what api.get does: it sends; a successful answer is kept in the signed-in user's
//   database (core/device-db.js, store `responses`, key = path + sorted query); when the network is unreachable (the
//   fetch threw: ApiError status 0) it answers the kept data instead and dispatches window event `afield:device-read`
//   { path, key, syncedAt (ISO) }. Nothing kept → the original error (pages already show it).
// - Reachability: `noteReachable(online)` (called by core/api.js after every fetch) dispatches window event
//   `afield:network` { online } whenever it changes; window `online`/`offline` dispatch it too.
// - Who: the signed-in user; before sign-in (the app starting offline) the last signed-in user of this browser
//   (localStorage `afield.lastUser`), whose `/auth/me` answer is kept so loadSession() works offline.
// - `rememberUser(me)` (every `/auth/me` and sign-in answer) keeps that answer and wipes what may no longer be seen:
//   another user's kept data, or this user's when their roles, permissions or scopes changed (a fingerprint).
//   `forgetUser(id)` (sign-out) deletes the user's database.
import { getUser } from './store.js';
import { openUserDatabase, wipeUserDatabase } from './device-db.js';
import { get, put, remove, getAll, count, transaction } from './idb.js';

const LAST_USER = 'afield.lastUser';

// Answers that are not data to read offline: files and prints (bytes, and large), exports, sign-in steps, the feed.
const NOT_KEPT = [
  /^\/auth\/(login|setup|logout|invitations\/lookup)/, /^\/files\//, /\/print$/, /\/avatar$/, /export/i, /^\/sync\//,
];

export function keepable(path) {
  return typeof path === 'string' && !NOT_KEPT.some((re) => re.test(path));
}

// The key of an answer: the path and its non-empty query parameters sorted by name, so `{page: 1, limit: 20}` and
// `{limit: 20, page: 1}` are the same answer (core/api.js sends the same parameters either way).
export function cacheKey(path, query) {
  const params = new URLSearchParams();
  for (const name of Object.keys(query ?? {}).sort()) {
    const value = query[name];
    if (value != null && value !== '') params.set(name, value);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function plainQuery(query) {
  const out = {};
  for (const [k, v] of Object.entries(query ?? {})) if (v != null && v !== '') out[k] = String(v);
  return out;
}

let now = () => new Date();
// Tests give a fixed clock.
export function setDeviceClock(fn) {
  now = fn ?? (() => new Date());
}

// --- the last user -----------------------------------------------------------------------------------------------------

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function lastUserId() {
  return storage()?.getItem(LAST_USER) || null;
}

// --- keeping and reading ---------------------------------------------------------------------------------------------

const writes = new Set();
// Users being wiped: an answer that arrives meanwhile is not written (it would make the database again).
const retiring = new Set();

function track(promise) {
  const p = promise.catch(() => {}).finally(() => writes.delete(p));
  writes.add(p);
  return p;
}

// Resolves when every write started so far has finished (tests, the working set's end, a wipe).
export async function settled() {
  while (writes.size) await Promise.all([...writes]);
}

export function keepAnswer(userId, path, query, data) {
  if (!userId || !keepable(path) || retiring.has(userId)) return Promise.resolve(null);
  const entry = { key: cacheKey(path, query), path, query: plainQuery(query), data, syncedAt: now().toISOString() };
  return track((async () => {
    const db = await openUserDatabase(userId);
    if (retiring.has(userId)) return null;
    await put(db, 'responses', entry);
    return entry;
  })());
}

// Keeps the device's copy bounded: answers not refreshed for `maxAgeDays` (a search typed once, a record no longer
// in any list) go, and beyond `maxEntries` the oldest go. Answers how many went.
export async function pruneKept(userId, { maxAgeDays = 30, maxEntries = 3000 } = {}) {
  if (!userId || retiring.has(userId)) return 0;
  const db = await openUserDatabase(userId);
  const entries = (await getAll(db, 'responses')).sort((a, b) => (a.syncedAt < b.syncedAt ? 1 : -1));
  const oldest = new Date(now().getTime() - maxAgeDays * 86400000).toISOString();
  const drop = entries.filter((e, i) => i >= maxEntries || e.syncedAt < oldest).map((e) => e.key);
  if (drop.length) await transaction(db, ['responses'], 'readwrite', (tx) => { for (const key of drop) tx.objectStore('responses').delete(key); });
  return drop.length;
}

// The kept entry { key, path, query, data, syncedAt } or null.
export async function readKept(userId, path, query) {
  if (!userId || retiring.has(userId)) return null;
  const db = await openUserDatabase(userId);
  return (await get(db, 'responses', cacheKey(path, query))) ?? null;
}

export async function keptEntries(userId) {
  if (!userId) return [];
  return getAll(await openUserDatabase(userId), 'responses');
}

export async function forgetKept(userId, key) {
  if (!userId) return;
  await remove(await openUserDatabase(userId), 'responses', key);
}

export async function readMeta(userId, key) {
  if (!userId) return undefined;
  return (await get(await openUserDatabase(userId), 'meta', key))?.value;
}

export async function writeMeta(userId, key, value) {
  if (!userId || retiring.has(userId)) return;
  await put(await openUserDatabase(userId), 'meta', { key, value });
}

// What api.get does. `send()` makes the request (and throws ApiError).
export async function deviceGet(path, query, send) {
  const user = getUser()?.id ?? null;
  try {
    const data = await send();
    // Only while the same user is signed in: an answer that outlives a sign-out is dropped.
    if (user && getUser()?.id === user) keepAnswer(user, path, query, data);
    return data;
  } catch (error) {
    if (error?.status !== 0 || !keepable(path)) throw error;
    const reader = user ?? lastUserId();
    let kept = null;
    try {
      kept = await readKept(reader, path, query);
    } catch {
      // A broken or blocked device database reads as nothing kept.
    }
    if (!kept && query?.q) {
      try {
        kept = searchKept(await keptEntries(reader), path, query);
      } catch {
        kept = null;
      }
    }
    if (!kept) throw error;
    window.dispatchEvent(new CustomEvent('afield:device-read', { detail: { path, key: kept.key, syncedAt: kept.syncedAt } }));
    return kept.data;
  }
}

// A search typed offline (a picker's `q`) was never asked online: answer it from the list pages kept for the same
// path — every kept item whose text contains each typed word (case and width folded), once per id, at most `limit`.
// The other query parameters must match, so an archived or another customer's list does not leak in. `syncedAt` is
// the oldest page used. Null when no page of that path is kept.
export function searchKept(entries, path, query) {
  const { q, limit, page, ...rest } = plainQuery(query);
  const same = entries.filter((e) => e.path === path && Array.isArray(e.data?.items)
    && Object.entries(rest).every(([k, v]) => e.query?.[k] === v)
    && Object.keys(e.query ?? {}).every((k) => k in rest || ['limit', 'page', 'q'].includes(k)) && !e.query?.q);
  if (!same.length) return null;
  const fold = (text) => String(text).normalize('NFKC').toLocaleLowerCase();
  const words = fold(q).split(/\s+/).filter(Boolean);
  const text = (item) => fold(Object.values(item).filter((v) => typeof v === 'string' || typeof v === 'number').join(' '));
  const seen = new Set();
  const items = [];
  for (const entry of same) {
    for (const item of entry.data.items) {
      const id = item?.id ?? JSON.stringify(item);
      if (seen.has(id) || !words.every((w) => text(item).includes(w))) continue;
      seen.add(id);
      items.push(item);
    }
  }
  const max = Number(limit) > 0 ? Number(limit) : items.length;
  const syncedAt = same.map((e) => e.syncedAt).sort()[0];
  return {
    key: cacheKey(path, query),
    syncedAt,
    data: { items: items.slice(0, max), page: 1, limit: max, total: items.length },
  };
}

// --- reachability ----------------------------------------------------------------------------------------------------

let reachable = typeof navigator === 'undefined' ? true : navigator.onLine !== false;

export function isReachable() {
  return reachable;
}

function announce(online) {
  window.dispatchEvent(new CustomEvent('afield:network', { detail: { online } }));
}

// Called after each fetch: false when it threw, true when any answer came. Announces only changes.
export function noteReachable(online) {
  if (online === reachable) return;
  reachable = online;
  announce(online);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => { reachable = true; announce(true); });
  window.addEventListener('offline', () => { reachable = false; announce(false); });
}

// --- whose data --------------------------------------------------------------------------------------------------------

// What decides what a user may see: who, in which company, with which roles, permissions and (when `/auth/me` gives
// them) data scopes. A different fingerprint → the kept data may show what is no longer theirs.
export function fingerprint(me) {
  const sorted = (list) => [...(list ?? [])].map(String).sort();
  return JSON.stringify({
    user: me?.id ?? null,
    tenant: me?.tenant?.id ?? null,
    roles: sorted(me?.roles),
    permissions: sorted(me?.permissions),
    scopes: me?.scopes ?? me?.dataScopes ?? null,
  });
}

// Deletes what was read from the server (answers, cursor, fingerprint) and keeps the outbox: the user's own
// unsent changes are not data they were shown, and dropping them would lose work.
async function clearData(userId) {
  const db = await openUserDatabase(userId);
  await transaction(db, ['responses', 'meta'], 'readwrite', (tx) => {
    tx.objectStore('responses').clear();
    tx.objectStore('meta').clear();
  });
}

// Another user signed in on this browser without the last one signing out: the last one's kept data goes; their
// database goes entirely unless it holds unsent changes (those wait for them to sign in again).
async function retire(userId) {
  const db = await openUserDatabase(userId);
  if ((await count(db, 'outbox')) > 0) await clearData(userId);
  else await forgetUser(userId, { keepLast: true });
}

// Keeps `me` (an `/auth/me` or sign-in answer) as this browser's last user and wipes what they may no longer see.
// Answers what was wiped: 'user' (another user's data), 'access' (roles/permissions/scopes changed) or null.
export async function rememberUser(me) {
  if (!me?.id) return null;
  retiring.delete(me.id);
  let wiped = null;
  const previous = lastUserId();
  if (previous && previous !== me.id) {
    await retire(previous);
    wiped = 'user';
  }
  const print = fingerprint(me);
  const kept = await readMeta(me.id, 'fingerprint');
  if (kept !== undefined && kept !== print) {
    await clearData(me.id);
    wiped ??= 'access';
  }
  await writeMeta(me.id, 'fingerprint', print);
  await keepAnswer(me.id, '/auth/me', undefined, me);
  storage()?.setItem(LAST_USER, me.id);
  if (wiped) window.dispatchEvent(new CustomEvent('afield:device-wiped', { detail: { userId: previous && previous !== me.id ? previous : me.id, reason: wiped } }));
  return wiped;
}

// Sign-out: the user's device database is deleted and the browser forgets them.
export async function forgetUser(userId, { keepLast = false } = {}) {
  if (!userId) return;
  retiring.add(userId);
  await settled();
  await wipeUserDatabase(userId);
  if (!keepLast && lastUserId() === userId) storage()?.removeItem(LAST_USER);
}
