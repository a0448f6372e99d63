// The working set (issue 11): what a field user needs is fetched ahead and kept on the device, so it is there offline
// even if it was never opened — after sign-in, then on `online`, on focus and every few minutes.
//
// Modules declare what they need in their own folder (`modules/<module>/offline.js`, gathered by modules/offline.js
// and handed to installWorkingSet by main.js). A declaration (a "kind"):
//   {
//     name: 'customers',
//     permission: 'partners.customer.read',      // skipped without it (a string, or (can) => boolean)
//     entity: 'partners.partner',                // its entity in the change feed; null → refreshed on every run
//     lists: [{ path, query, pages, details, detailPages }],  // list answers, pages 1…pages with `page` added (stops
//                                                //   at a short page); details: true → the detail of each item on
//                                                //   the first `detailPages` pages (default all) is kept too
//     answers: [{ path, query, permission }],    // other answers the pages read (column info, counts, options)
//     detail: (id) => [path, query?],            // the detail answer of one record
//     related: (id, detail) => [[path, query?]], // answers a detail page also reads (chatter, a customer's orders)
//   }
// `query` may be a function of nothing (a month that moves). The queries are exactly those the pages send, so an
// offline page finds its answers under the same key (core/device-cache.js cacheKey).
//
// The first run walks the change feed (the cursor), then fetches everything. Later runs follow the feed
// (`/sync/changes?after=<cursor>`, cursor per user in `meta`): a change refetches the kept detail of that id (gone
// for a delete, a 403 or a 404: the device keeps only what the server still shows) and the kept answers of that
// entity's lists (any query), then fetches the kind's lists again for new records. Each run asks `/auth/me` first:
// another user or changed roles/permissions wipe the kept data before anything is fetched (core/device-cache.js).
//
// Events: window `afield:working-set` { phase: 'start' | 'done' | 'offline' | 'failed', userId, fetched, at }.
import { request } from './api.js';
import { getUser, setUser, onUserChange, can } from './store.js';
import { cacheKey, keepAnswer, keptEntries, forgetKept, readMeta, writeMeta, rememberUser, settled, pruneKept } from './device-cache.js';

export const REFRESH_MS = 5 * 60 * 1000;
const FOCUS_GAP_MS = 30 * 1000;
const FEED_LIMIT = 200;
// Feed pages read in one run (the rest in the next run, soon after).
const FEED_PAGES_MAX = 25;
const PARALLEL = 3;

let kinds = [];
let running = null;
let lastRun = null; // { phase, userId, fetched, at }

export function lastWorkingSetRun() {
  return lastRun;
}

// Fetching ahead is on unless this device was told otherwise (Settings → This device): a computer shared at a branch
// office need not hold a rep's customers. Pages still keep what they read (core/device-cache.js).
const FETCH_AHEAD_KEY = 'afield.fetchAhead';

export function fetchAheadOn() {
  try {
    return globalThis.localStorage?.getItem(FETCH_AHEAD_KEY) !== 'off';
  } catch {
    return true; // storage refused (private mode): the default
  }
}

// Turns fetching ahead on (a run starts now) or off (the run in progress stops after its requests already sent).
export async function setFetchAhead(on) {
  try {
    if (on) globalThis.localStorage?.removeItem(FETCH_AHEAD_KEY);
    else globalThis.localStorage?.setItem(FETCH_AHEAD_KEY, 'off');
  } catch {
    // storage refused: the choice lasts until the page closes
  }
  if (on) soon(0);
  else await stopWorkingSet();
}

function announce(detail) {
  lastRun = { ...detail, at: new Date().toISOString() };
  window.dispatchEvent(new CustomEvent('afield:working-set', { detail: lastRun }));
}

const resolveQuery = (query) => (typeof query === 'function' ? query() : query) ?? {};
const itemsOf = (data) => (Array.isArray(data) ? data : Array.isArray(data?.items) ? data.items : []);
const allowed = (kind) => !kind.permission || (typeof kind.permission === 'function' ? kind.permission(can) : can(kind.permission));
const offline = (error) => error?.status === 0;
// The record is not (or no longer) the user's to see.
const gone = (error) => error?.status === 403 || error?.status === 404;

// Runs `jobs` (functions answering promises) PARALLEL at a time; stops at the first network failure.
async function pool(jobs) {
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (!failure && next < jobs.length) {
      const job = jobs[next++];
      try {
        await job();
      } catch (error) {
        failure = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
  if (failure) throw failure;
}

// One run for one user; `stats.fetched` counts kept answers.
class Run {
  constructor(userId) {
    this.userId = userId;
    this.fetched = 0;
  }

  stillCurrent() {
    return !this.cancelled && getUser()?.id === this.userId;
  }

  // Fetches one answer and keeps it. Answers the data, or null when the server refuses it (the kept copy goes).
  // `onGone()` runs when the server refuses it with 403 or 404.
  async fetch(path, query, onGone) {
    if (!this.stillCurrent()) throw Object.assign(new Error('signed out'), { status: 0, code: 'working-set.stopped' });
    try {
      const data = await request('GET', path, { query });
      if (!this.stillCurrent()) return null;
      await keepAnswer(this.userId, path, query, data);
      this.fetched++;
      return data;
    } catch (error) {
      // Unreachable, or the session ended (401): the run stops here.
      if (offline(error) || error?.status === 401) throw error;
      if (gone(error)) {
        await forgetKept(this.userId, cacheKey(path, query));
        onGone?.();
      }
      return null;
    }
  }

  async fetchDetail(kind, id) {
    const [path, query] = kind.detail(id);
    let isGone = false;
    const data = await this.fetch(path, query, () => { isGone = true; });
    if (isGone) await this.forget(kind, id);
    else if (data && kind.related) await pool(kind.related(id, data).map(([p, q]) => () => this.fetch(p, q)));
  }

  // A record deleted or no longer visible: its detail and what its page read leave the device.
  async forget(kind, id, detail) {
    const [path, query] = kind.detail(id);
    await forgetKept(this.userId, cacheKey(path, query));
    for (const [p, q] of kind.related?.(id, detail) ?? []) await forgetKept(this.userId, cacheKey(p, q));
  }

  // The kind's lists and answers; details of listed items that are not kept yet, or all of them with `allDetails`.
  async fill(kind, { allDetails = false, kept = new Set() } = {}) {
    await pool((kind.answers ?? []).filter(allowed).map((a) => () => this.fetch(a.path, resolveQuery(a.query))));
    const ids = [];
    for (const list of kind.lists ?? []) {
      const base = resolveQuery(list.query);
      for (let page = 1; page <= (list.pages ?? 1); page++) {
        const data = await this.fetch(list.path, { ...base, page });
        const items = itemsOf(data);
        if (list.details && kind.detail && page <= (list.detailPages ?? list.pages ?? 1)) ids.push(...items.map((i) => i.id).filter(Boolean));
        if (!data || !base.limit || items.length < Number(base.limit)) break;
      }
    }
    const wanted = [...new Set(ids)].filter((id) => allDetails || !kept.has(cacheKey(...kind.detail(id)).toLowerCase()));
    await pool(wanted.map((id) => () => this.fetchDetail(kind, id)));
  }

  // The feed from `after` to its end: { changes, next, complete } (complete false when there were too many).
  async feed(after) {
    const changes = [];
    let cursor = after;
    for (let n = 0; n < FEED_PAGES_MAX; n++) {
      const page = await request('GET', '/sync/changes', { query: { after: cursor, limit: FEED_LIMIT } });
      changes.push(...(page?.changes ?? []));
      cursor = page?.next ?? cursor;
      if (!page?.hasMore) return { changes, next: cursor, complete: true };
    }
    return { changes, next: cursor, complete: false };
  }

  // The first run: the feed's head now (so later runs follow only what changes after it), then everything afresh.
  async everything(active) {
    const page = await request('GET', '/sync/changes', { query: { after: 0, limit: 1 } });
    for (const kind of active) await this.fill(kind, { allDetails: true });
    await writeMeta(this.userId, 'cursor', page?.head ?? page?.next ?? 0);
  }

  async follow(active, cursor) {
    const f = await this.feed(cursor);
    this.more = !f.complete;
    const entries = await keptEntries(this.userId);
    const keptKeys = new Set(entries.map((e) => e.key.toLowerCase()));
    const byEntity = new Map();
    for (const c of f.changes) {
      if (!byEntity.has(c.entity)) byEntity.set(c.entity, new Map());
      if (c.id) byEntity.get(c.entity).set(String(c.id).toLowerCase(), c.action);
    }
    for (const kind of active) {
      const touched = kind.entity ? byEntity.get(kind.entity) : null;
      if (kind.entity && !touched) {
        // Nothing changed; fetch only what was never kept (a kind newly allowed, a run cut short).
        await this.fill(kind, { kept: keptKeys });
        continue;
      }
      if (touched) {
        // The kept details of changed records, then every kept answer of this entity's lists (any filter, any page).
        const jobs = [];
        for (const [id, action] of touched) {
          const [path, query] = kind.detail?.(id) ?? [];
          if (!path) continue;
          const key = cacheKey(path, query).toLowerCase();
          const entry = entries.find((e) => e.key.toLowerCase() === key);
          if (!entry) continue;
          // The id as the kept key spells it (the feed's case may differ from the list's).
          const keptId = decodeURIComponent(entry.path.split('/').pop());
          if (action === 'delete') jobs.push(() => this.forget(kind, keptId, entry.data));
          else jobs.push(() => this.fetchDetail(kind, keptId));
        }
        const listPaths = new Set((kind.lists ?? []).map((l) => l.path));
        for (const e of entries) if (listPaths.has(e.path)) jobs.push(() => this.fetch(e.path, e.query));
        await pool(jobs);
        await this.fill(kind, { kept: new Set((await keptEntries(this.userId)).map((e) => e.key.toLowerCase())) });
      } else {
        // Not in the feed (approvals, notifications, attendance…): fetched again on every run.
        await this.fill(kind, { allDetails: true });
      }
    }
    await writeMeta(this.userId, 'cursor', f.next);
  }

  async go() {
    // Who is this now? A changed user or access wipes the kept data first.
    const me = await request('GET', '/auth/me');
    if (!this.stillCurrent() || me?.id !== this.userId) return;
    await rememberUser(me);
    if (JSON.stringify(me) !== JSON.stringify(getUser())) setUser(me);
    const active = kinds.filter(allowed);
    const cursor = await readMeta(this.userId, 'cursor');
    if (cursor === undefined) await this.everything(active);
    else await this.follow(active, cursor);
    await writeMeta(this.userId, 'filledAt', new Date().toISOString());
    await settled();
    await pruneKept(this.userId);
  }
}

let current = null;

// Stops the run in progress after the requests already sent (sign-out calls it before ending the session, so no
// request of the run meets an ended session).
export async function stopWorkingSet() {
  clearTimeout(timer);
  if (!running) return;
  current.cancelled = true;
  await running;
}

// One run at a time; a call while one runs answers that run.
export function refreshWorkingSet() {
  if (running) return running;
  const user = getUser();
  const userId = user?.id;
  // A user who must first change their password or turn on two-factor sign-in may read nothing else yet (403).
  if (!userId || user.mustChangePassword || user.mustEnrolTwoFactor || !fetchAheadOn()) return Promise.resolve(null);
  const run = new Run(userId);
  current = run;
  announce({ phase: 'start', userId, fetched: 0 });
  running = run.go().then(
    () => {
      announce({ phase: 'done', userId, fetched: run.fetched });
      // More of the feed than one run reads: go on shortly.
      if (run.more) soon(1000);
    },
    (error) => announce({ phase: offline(error) ? 'offline' : 'failed', userId, fetched: run.fetched, error: String(error?.code ?? error) }),
  ).then(() => lastRun).finally(() => { running = null; });
  return running;
}

let installed = false;
let timer = null;
let lastStart = 0;

function soon(delay = 0) {
  clearTimeout(timer);
  timer = setTimeout(() => {
    lastStart = Date.now();
    refreshWorkingSet();
  }, delay);
}

// Starts keeping the working set of `declared` kinds fresh. `startDelay` lets the first page load first.
export function installWorkingSet(declared, { startDelay = 1000, every = REFRESH_MS } = {}) {
  kinds = declared;
  if (installed) return;
  installed = true;
  let userId = getUser()?.id ?? null;
  if (userId) soon(startDelay);
  onUserChange((user) => {
    const id = user?.id ?? null;
    if (id && id !== userId) soon(startDelay);
    if (!id) clearTimeout(timer);
    userId = id;
  });
  window.addEventListener('online', () => soon(0));
  window.addEventListener('focus', () => { if (Date.now() - lastStart > FOCUS_GAP_MS) soon(0); });
  setInterval(() => { if (getUser() && document.visibilityState !== 'hidden') soon(0); }, every);
}

// For tests: other declarations, without the listeners.
export function setWorkingSetKinds(declared) {
  kinds = declared;
}
