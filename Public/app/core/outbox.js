// The outbox: every write a page makes goes here first, is kept on the device (IndexedDB, the user's database,
// store `outbox`), and is sent to the server one at a time in the order it was made — at once when the network
// works, otherwise on `online`, on focus, after sign-in and by a timer with backoff. A command:
//   { id (uuid, also the Idempotency-Key), order, createdAt (ISO), method, path, body, label ({ key, params },
//     localised when shown), link (the record's page, '/orders/<id>'), entity, recordId, baseVersion, dependsOn: [ids], create (a create of recordId),
//     files: [{ field ('lines.0.receipts.1'), blob, name, type, uploadPath, fileId }],
//     state: waiting | sending | applied | rejected | blocked | discarded, seq, attempts, nextTryAt (ms),
//     lastError: { status, code, message, params, fields, current }, answer, doneAt (ISO), stampSentAt }
// Per user a client id (uuid, store `outboxMeta`) and a sequence: a command takes its seq when it is first sent
// (written down before the send) and keeps it on every retry; the server applies each (client id, seq) at most
// once and in order (the contract of issue 11, after Replicache's lastMutationID). Answers:
//   2xx, 409 sync.already_applied (its answer no longer kept) → applied; 409 sync.client_foreign → a new client
//   id, numbered from 1; no answer, 5xx, 408, 429, 401, 403 auth.*, 409 request.idempotency_in_progress → try the same
//   command again later; 409 sync.out_of_order / sync.seq_used (params.expected) → number the waiting commands
//   again from `expected`; any other 4xx → rejected for good (its seq is used; the next commands go on, the ones
//   that depend on it — dependsOn, or a later command on a record whose create was rejected — are blocked and
//   never take a seq).
// Files go first: each blob is uploaded (POST uploadPath, raw) and the answer's id is put at its field in the body.
// createOutbox() takes its storage, request function, clock, randomness and timer, so a test drives it; the
// functions exported at the end work on the signed-in user's outbox over the real API.
import { uuid } from './uuid.js';
import { request as apiRequest } from './api.js';
import { getUser, onUserChange } from './store.js';
import { openUserDatabase } from './device-db.js';

export const BACKOFF_BASE_MS = 2000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;
const KEEP_APPLIED = 50;
const OPEN = new Set(['waiting', 'sending']);

// Nothing happened on the server (or the first try is still running): the same command goes again later.
export function transient(error) {
  const status = error?.status ?? 0;
  if (error?.code === 'request.idempotency_in_progress') return true;
  if (status === 403) return String(error?.code ?? '').startsWith('auth.');
  return status === 0 || status >= 500 || status === 401 || status === 408 || status === 429;
}

// Milliseconds before try number `attempts` + 1: 2 s, 4 s, 8 s … at most 5 minutes, ±25 % jitter (random() in [0, 1)).
export function backoff(attempts, random = Math.random) {
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.min(BACKOFF_CAP_MS, Math.round(delay * (0.75 + 0.5 * random())));
}

// Puts `value` at a dotted path ('lines.0.receipts.1') inside a copy-on-write body.
export function setPath(body, path, value) {
  const root = structuredClone(body ?? {});
  const parts = String(path).split('.');
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
    node[key] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = node[key];
  }
  const last = parts[parts.length - 1];
  node[/^\d+$/.test(last) ? Number(last) : last] = value;
  return root;
}

function errorOf(error) {
  return {
    status: error?.status ?? 0,
    code: error?.code ?? 'network.unreachable',
    message: error?.message ?? '',
    params: error?.params ?? {},
    fields: error?.fields ?? [],
    current: error?.current ?? null,
  };
}

// Storage in memory (tests, and a browser without IndexedDB); same shape as idbStorage.
export function memoryStorage() {
  const commands = new Map();
  const meta = new Map();
  return {
    all: async () => [...commands.values()].map((c) => structuredClone(c)),
    put: async (c) => void commands.set(c.id, structuredClone(c)),
    remove: async (id) => void commands.delete(id),
    getMeta: async (key) => meta.get(key),
    putMeta: async (key, value) => void meta.set(key, value),
  };
}

// Storage in a user database opened by core/device-db.js (stores `outbox` and `outboxMeta`).
export function idbStorage(dbPromise) {
  const tx = async (store, mode, fn) => {
    const db = await dbPromise;
    return new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const req = fn(t.objectStore(store));
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  };
  return {
    all: () => tx('outbox', 'readonly', (s) => s.getAll()),
    put: (c) => tx('outbox', 'readwrite', (s) => s.put(c)),
    remove: (id) => tx('outbox', 'readwrite', (s) => s.delete(id)),
    getMeta: async (key) => (await tx('outboxMeta', 'readonly', (s) => s.get(key)))?.value,
    putMeta: (key, value) => tx('outboxMeta', 'readwrite', (s) => s.put({ key, value })),
  };
}

/**
 * An outbox over `storage`. Options:
 *   request(method, path, { body, raw, headers }) → the answer, or throws { status, code, params, fields, current };
 *   now() → ms; random() → [0, 1); online() → false skips sending; setTimer(fn, ms) → cancel function;
 *   onChange({ waiting, rejected, applied }) after every change.
 */
export function createOutbox({
  storage = memoryStorage(),
  request,
  now = () => Date.now(),
  random = Math.random,
  online = () => true,
  setTimer = (fn, ms) => {
    const h = setTimeout(fn, ms);
    return () => clearTimeout(h);
  },
  onChange = () => {},
  newId = uuid,
  // Runs a send pass alone: other tabs of the same user share the store, the client id and its numbers.
  exclusive = (fn) => fn(),
} = {}) {
  const outcomes = new Map(); // id → resolve of the first outcome
  const fresh = new Set(); // ids made now, online, and not tried yet: sent as they are (no sentAt stamp)
  const listeners = new Set();
  let flushing = null;
  let again = false;
  let cancelTimer = null;
  let lastOrder = 0;

  async function sorted() {
    const list = await storage.all();
    list.sort((a, b) => a.order - b.order);
    return list;
  }

  async function counts() {
    const list = await storage.all();
    const c = { waiting: 0, rejected: 0, applied: 0 };
    for (const x of list) {
      if (OPEN.has(x.state)) c.waiting++;
      else if (x.state === 'rejected' || x.state === 'blocked') c.rejected++;
      else if (x.state === 'applied') c.applied++;
    }
    return c;
  }

  async function changed() {
    const c = await counts();
    onChange(c);
    for (const fn of listeners) fn(c);
    return c;
  }

  async function save(command) {
    await storage.put(command);
  }

  function settle(command, extra = {}) {
    const resolve = outcomes.get(command.id);
    if (!resolve) return;
    outcomes.delete(command.id);
    resolve({ state: command.state, answer: command.answer ?? null, error: command.lastError ?? null, command, ...extra });
  }

  async function clientId() {
    let id = await storage.getMeta('clientId');
    if (!id) {
      id = newId();
      await storage.putMeta('clientId', id);
    }
    return id;
  }

  async function takeSeq() {
    const next = (await storage.getMeta('nextSeq')) ?? 1;
    await storage.putMeta('nextSeq', next + 1);
    return next;
  }

  // Why `command` may not go: the first of its prerequisites that was rejected, blocked or discarded.
  function blocker(command, byId, before) {
    for (const dep of command.dependsOn ?? []) {
      const d = byId.get(dep);
      if (d && ['rejected', 'blocked', 'discarded'].includes(d.state)) return d;
    }
    if (command.recordId) {
      const create = before.find((c) => c.create && c.recordId === command.recordId && c.entity === command.entity && c.id !== command.id);
      if (create && ['rejected', 'blocked', 'discarded'].includes(create.state)) return create;
    }
    return null;
  }

  async function renumber(from) {
    await storage.putMeta('nextSeq', from);
    for (const c of await sorted()) {
      if (OPEN.has(c.state) && c.seq != null) {
        c.seq = null;
        await save(c);
      }
    }
  }

  async function uploadFiles(command) {
    let body = command.body;
    for (let i = 0; i < (command.files ?? []).length; i++) {
      const f = command.files[i];
      if (!f.fileId) {
        const answer = await request('POST', f.uploadPath ?? '/files', {
          raw: f.blob,
          headers: { 'X-File-Name': encodeURIComponent(f.name || 'file'), 'Idempotency-Key': `${command.id.slice(0, 30)}-f${i}` },
        });
        f.fileId = answer.id;
        await save(command);
      }
      body = setPath(body, f.field, f.fileId);
    }
    return body;
  }

  async function sendOne(command) {
    const plain = fresh.has(command.id) && !command.attempts;
    fresh.delete(command.id);
    let body;
    try {
      body = await uploadFiles(command);
    } catch (error) {
      return { error };
    }
    if (command.seq == null) {
      command.seq = await takeSeq();
    }
    command.state = 'sending';
    await save(command);
    // A command kept for a while says so, and when it was sent (the server checks a punch's clock with it).
    if (command.stampSentAt && !plain) body = { ...body, queued: true, sentAt: new Date(now()).toISOString() };
    const headers = {
      'Idempotency-Key': command.id,
      'Afield-Client-Id': await clientId(),
      'Afield-Client-Seq': String(command.seq),
    };
    try {
      return { answer: await request(command.method, command.path, { body, headers }) };
    } catch (error) {
      return { error };
    }
  }

  function schedule(at) {
    cancelTimer?.();
    cancelTimer = null;
    if (at == null) return;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      flush();
    }, Math.max(0, at - now()));
  }

  async function run(force) {
    let renumbers = 0;
    for (;;) {
      const list = await sorted();
      const byId = new Map(list.map((c) => [c.id, c]));
      const open = list.filter((c) => OPEN.has(c.state));
      let progressed = false;
      let restart = false;
      for (const command of open) {
        const stop = blocker(command, byId, list.filter((c) => c.order < command.order));
        if (stop) {
          command.state = 'blocked';
          command.lastError = { status: 0, code: 'sync.blocked', message: '', params: { by: stop.id }, fields: [], current: null };
          command.doneAt = new Date(now()).toISOString();
          await save(command);
          settle(command);
          await changed();
          continue;
        }
        if (!online()) {
          for (const c of open) fresh.delete(c.id);
          for (const c of open) settle(c, { offline: true });
          return;
        }
        if (!force && command.nextTryAt && command.nextTryAt > now()) {
          schedule(command.nextTryAt);
          for (const c of open) settle(c);
          return;
        }
        const { answer, error } = await sendOne(command);
        if (!error || error.code === 'request.idempotency_key_reused' || error.code === 'sync.already_applied') {
          // An earlier try of this command reached the server and its answer was lost: key_reused (sent again with
          // another sentAt), already_applied (the server no longer keeps that answer).
          command.state = 'applied';
          command.answer = error ? null : answer ?? null;
          command.lastError = null;
          command.doneAt = new Date(now()).toISOString();
          for (const f of command.files ?? []) f.blob = null;
          await save(command);
          settle(command);
          await changed();
          progressed = true;
          continue;
        }
        if ((error.code === 'sync.out_of_order' || error.code === 'sync.seq_used') && error.params?.expected != null && renumbers < 3) {
          renumbers++;
          await renumber(Number(error.params.expected));
          restart = true;
          break;
        }
        if (error.code === 'sync.client_foreign' && renumbers < 3) {
          // This device id is another user's (a browser shared without signing out): a new one, numbered from 1.
          renumbers++;
          await storage.putMeta('clientId', newId());
          await renumber(1);
          restart = true;
          break;
        }
        if (transient(error)) {
          command.state = 'waiting';
          command.attempts = (command.attempts ?? 0) + 1;
          command.nextTryAt = now() + backoff(command.attempts, random);
          command.lastError = errorOf(error);
          await save(command);
          schedule(command.nextTryAt);
          // Later commands wait behind this one: the server applies a client's commands in order.
          for (const c of open) settle(c);
          await changed();
          return;
        }
        command.state = 'rejected';
        command.attempts = (command.attempts ?? 0) + 1;
        command.lastError = errorOf(error);
        command.doneAt = new Date(now()).toISOString();
        await save(command);
        settle(command);
        await changed();
      }
      if (restart) continue;
      if (!progressed) break;
      // Commands made while this run went are picked up by the next pass.
      if (!(await storage.all()).some((c) => OPEN.has(c.state))) break;
    }
    schedule(null);
    await prune();
  }

  // Commands another tab sent (or this tab's own, once decided) answer their waiting pages.
  async function settleDone() {
    if (!outcomes.size) return;
    for (const c of await storage.all()) if (outcomes.has(c.id) && !OPEN.has(c.state)) settle(c);
  }

  async function prune() {
    const applied = (await sorted()).filter((c) => c.state === 'applied' || c.state === 'discarded');
    for (const c of applied.slice(0, Math.max(0, applied.length - KEEP_APPLIED))) await storage.remove(c.id);
  }

  // Sends what waits; calls made while a run goes share it (and one more run follows when asked meanwhile).
  function flush({ force = false } = {}) {
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = (async () => {
      try {
        do {
          again = false;
          await exclusive(() => run(force));
          await settleDone();
        } while (again);
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  }

  async function nextOrder() {
    const list = await storage.all();
    const top = list.reduce((m, c) => Math.max(m, c.order ?? 0), 0);
    lastOrder = Math.max(lastOrder + 1, top + 1);
    return lastOrder;
  }

  return {
    /**
     * Keeps a command (written down before anything is sent) and starts sending. Answers { command, outcome }:
     * outcome resolves once with { state: applied | rejected | blocked | waiting, answer, error, offline }.
     */
    async enqueue({ method = 'POST', path, body, label, link = null, entity = null, recordId = null, baseVersion = null, dependsOn = [], files = [], create, stampSentAt = false, id = newId() }) {
      const command = {
        id,
        order: await nextOrder(),
        createdAt: new Date(now()).toISOString(),
        method,
        path,
        body: body ?? null,
        label: label ?? null,
        link,
        entity,
        recordId,
        baseVersion,
        dependsOn,
        create: create ?? (method === 'POST' && recordId != null && body?.id === recordId),
        files: files.map((f) => ({ field: f.field, blob: f.blob, name: f.name ?? f.blob?.name ?? 'file', type: f.type ?? f.blob?.type ?? '', uploadPath: f.uploadPath ?? '/files', fileId: null })),
        stampSentAt,
        state: 'waiting',
        seq: null,
        attempts: 0,
        nextTryAt: 0,
        lastError: null,
        answer: null,
      };
      await save(command);
      const outcome = new Promise((resolve) => outcomes.set(command.id, resolve));
      if (online()) fresh.add(command.id);
      await changed();
      flush();
      return { command, outcome };
    },
    commands: sorted,
    flush,
    counts,
    async waitingCount() {
      return (await counts()).waiting;
    },
    // A waiting command goes now; a rejected one goes again as a new try (new key, new seq); a blocked one is looked at again.
    async retry(id) {
      const c = (await storage.all()).find((x) => x.id === id);
      if (!c) return null;
      if (c.state === 'rejected' || c.state === 'blocked') {
        const copy = { ...c, id: newId(), state: 'waiting', seq: null, attempts: 0, nextTryAt: 0, lastError: null, dependsOn: c.dependsOn ?? [] };
        // The new try keeps the place in line and the records that depend on it point at it.
        await storage.remove(c.id);
        await save(copy);
        for (const other of await storage.all()) {
          if ((other.dependsOn ?? []).includes(c.id)) {
            other.dependsOn = other.dependsOn.map((d) => (d === c.id ? copy.id : d));
            if (other.state === 'blocked') {
              other.state = 'waiting';
              other.lastError = null;
            }
            await save(other);
          }
        }
        await changed();
        await flush({ force: true });
        return copy;
      }
      if (OPEN.has(c.state)) {
        c.nextTryAt = 0;
        await save(c);
        await flush({ force: true });
      }
      return c;
    },
    // Re-applies a rejected change on the server's current record: a new command with the current version (and,
    // for a field-by-field merge, the current values as its base); the rejected one is discarded.
    async reapply(id) {
      const c = (await storage.all()).find((x) => x.id === id);
      const current = c?.lastError?.current;
      if (!c || !current) return null;
      let body = { ...(c.body ?? {}) };
      if ('version' in body || current.version != null) body.version = current.version;
      if (body.base) body.base = Object.fromEntries(Object.keys(body.base).map((f) => [f, current[f] ?? '']));
      c.state = 'discarded';
      c.doneAt = new Date(now()).toISOString();
      await save(c);
      return this.enqueue({ method: c.method, path: c.path, body, label: c.label, link: c.link, entity: c.entity, recordId: c.recordId, baseVersion: current.version ?? null });
    },
    async discard(id) {
      const c = (await storage.all()).find((x) => x.id === id);
      if (!c || c.state === 'applied') return null;
      c.state = 'discarded';
      c.doneAt = new Date(now()).toISOString();
      for (const f of c.files ?? []) f.blob = null;
      await save(c);
      settle(c);
      await changed();
      flush();
      return c;
    },
    clientId,
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop() {
      schedule(null);
    },
  };
}

// ----------------------------------------------------------------------------------------------------------------
// The signed-in user's outbox over the API. Its counts go out as the window event `afield:outbox`
// ({ waiting, rejected, applied }) after every change.

let current = null; // { userId, outbox }
const changeListeners = new Set();
let lastCounts = { waiting: 0, rejected: 0, applied: 0 };

// Other tabs of this browser hear of changes too (their sync centre and markers follow).
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('afield-outbox');

function announce(counts, fromOtherTab = false) {
  lastCounts = counts;
  if (!fromOtherTab) channel?.postMessage({ userId: current?.userId, counts });
  window.dispatchEvent(new CustomEvent('afield:outbox', { detail: counts }));
  for (const fn of changeListeners) fn(counts);
}

function mine() {
  const userId = getUser()?.id;
  if (!userId) return null;
  if (current?.userId !== userId) {
    current?.outbox.stop();
    const storage = typeof indexedDB === 'undefined' ? memoryStorage() : idbStorage(openUserDatabase(userId));
    current = {
      userId,
      outbox: createOutbox({
        storage,
        request: (method, path, options) => apiRequest(method, path, options),
        online: () => navigator.onLine !== false,
        onChange: announce,
        exclusive: navigator.locks ? (fn) => navigator.locks.request(`afield-outbox-${userId}`, fn) : undefined,
      }),
    };
  }
  return current.outbox;
}

function forget() {
  current?.outbox.stop();
  current = null;
}

function signedOut() {
  throw Object.assign(new Error('signed out'), { status: 401, code: 'auth.unauthenticated' });
}

export const enqueue = (command) => (mine() ?? signedOut()).enqueue(command);
export const commands = async () => (await mine()?.commands()) ?? [];
export const flush = (options) => mine()?.flush(options) ?? Promise.resolve();
export const waitingCount = async () => (await mine()?.waitingCount()) ?? 0;
export const retry = (id) => mine()?.retry(id);
export const reapply = (id) => mine()?.reapply(id);
export const discard = (id) => mine()?.discard(id);
export const outboxCounts = () => lastCounts;

// fn({ waiting, rejected, applied }) after every change; answers the function that stops it.
export function onOutboxChange(fn) {
  changeListeners.add(fn);
  return () => changeListeners.delete(fn);
}

/**
 * What a page calls to write: the command is kept, sent at once when possible, and the page learns what became
 * of it. Answers { state: 'applied', answer } (the server has it: say "saved"), { state: 'waiting' } (kept on this
 * device: say "saved on this device — will be sent"), or { state: 'rejected', error } (an ApiError-like object the
 * page shows at its fields; the command is then discarded, as the person is looking at the refusal right now).
 */
export async function submit(command) {
  const { command: made, outcome } = await enqueue(command);
  const result = await outcome;
  if (result.state === 'rejected') {
    await discard(made.id);
    const e = result.error ?? {};
    const error = Object.assign(new Error(e.message || e.code), { name: 'ApiError', ...e });
    return { state: 'rejected', error, command: made };
  }
  return { state: result.state === 'applied' ? 'applied' : 'waiting', answer: result.answer, command: made };
}

async function kick(force) {
  const box = mine();
  if (!box || navigator.onLine === false) return;
  await box.flush({ force });
  announce(await box.counts());
}

if (channel) {
  channel.onmessage = (event) => {
    if (event.data?.userId && event.data.userId === current?.userId) announce(event.data.counts, true);
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => kick(true));
  window.addEventListener('focus', () => kick(false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') kick(false);
  });
  onUserChange((user) => {
    if (user) kick(true);
    else forget();
  });
  // The user's database was wiped (sign-out) or upgraded elsewhere: open it afresh next time.
  window.addEventListener('afield:user-db-closed', (event) => {
    if (event.detail?.userId === current?.userId) forget();
  });
}
