// JSON client for /api/v1: same-origin cookie, current language, CSRF marker, typed errors.
import { getLanguage } from './i18n.js';
import { getUser, setUser } from './store.js';
import { navigate, route } from './router.js';
import { deviceGet, noteReachable } from './device-cache.js';

const BASE = '/api/v1';

// 401s that answer a form (wrong password, wrong or expired 2FA code), not an ended session.
const FORM_401 = new Set(['auth.invalid_credentials', 'auth.invalid_code', 'auth.challenge_expired']);

export class ApiError extends Error {
  constructor(status, { code, message, params, fields, current }) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.params = params ?? {};
    this.fields = fields ?? [];
    // A 409 conflict.stale_version carries the record as it is now.
    this.current = current ?? null;
  }
}

function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v != null && v !== '') params.set(k, v);
  }
  const qs = params.toString();
  return qs ? '?' + qs : '';
}

// Where the user was when the session ended, so sign-in can bring them back.
let returnTo = null;

export function takeReturnTo() {
  const target = returnTo;
  returnTo = null;
  return target;
}

function sessionEnded() {
  const here = route();
  // Someone opening an invitation link is not signed in, and must stay on the invitation.
  if (here.path.startsWith('/invite')) {
    setUser(null);
    return;
  }
  if (!here.path.startsWith('/sign-in') && !here.path.startsWith('/register')) {
    returnTo = { path: here.path, query: here.query };
  }
  setUser(null);
  navigate('/sign-in');
}

// A new user (or one whose password an administrator reset) must choose a password before anything
// else: every other route answers 403 auth.password_change_required. Send them to that form.
function passwordChangeRequired() {
  const user = getUser();
  if (user && !user.mustChangePassword) setUser({ ...user, mustChangePassword: true });
  if (route().path !== '/settings') navigate('/settings', { section: 'password' }, { replace: true });
}

// A role that requires two-factor sign-in keeps its holders on the two-factor settings until it is on:
// every other route answers 403 auth.two_factor_required.
function twoFactorRequired() {
  const user = getUser();
  if (user && !user.mustEnrolTwoFactor) setUser({ ...user, mustEnrolTwoFactor: true });
  if (route().path !== '/settings') navigate('/settings', { section: 'two-factor' }, { replace: true });
}

export async function request(method, path, { body, raw, query, headers = {} } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    // The server refuses cookie-authenticated writes without X-Afield-Request (a cross-site form cannot set it).
    headers: { Accept: 'application/json', 'Accept-Language': getLanguage(), 'X-Afield-Request': '1', ...headers },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (raw !== undefined) {
    init.headers['Content-Type'] = raw.type || 'application/octet-stream';
    init.body = raw;
  }
  let response;
  try {
    response = await fetch(BASE + path + queryString(query), init);
  } catch (cause) {
    noteReachable(false);
    throw new ApiError(0, { code: 'network.unreachable', message: cause.message });
  }
  noteReachable(true);
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data;
  const error = new ApiError(response.status, {
    code: data?.error?.code ?? `http.${response.status}`,
    message: data?.error?.message ?? response.statusText,
    params: data?.error?.params,
    fields: data?.error?.fields,
    current: data?.current,
  });
  if (response.status === 401 && !FORM_401.has(error.code)) sessionEnded();
  if (response.status === 403 && error.code === 'auth.password_change_required') passwordChangeRequired();
  if (response.status === 403 && error.code === 'auth.two_factor_required') twoFactorRequired();
  throw error;
}

export const api = {
  // Kept on the device per user and answered from there when the network is unreachable (core/device-cache.js).
  get: (path, query) => deviceGet(path, query, () => request('GET', path, { query })),
  post: (path, body, headers) => request('POST', path, { body, headers }),
  patch: (path, body, headers) => request('PATCH', path, { body, headers }),
  put: (path, body, headers) => request('PUT', path, { body, headers }),
  delete: (path) => request('DELETE', path),
  // A file's bytes as the body (an avatar), typed by the Blob.
  putFile: (path, blob) => request('PUT', path, { raw: blob }),
};
