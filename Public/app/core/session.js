// Signing in and out, and the per-user language choice.
import { api } from './api.js';
import { getUser, setUser } from './store.js';
import { getLanguage, normalizeLanguage, setLanguage, t } from './i18n.js';
import { rememberUser, forgetUser } from './device-cache.js';
import { stopWorkingSet } from './working-set.js';

// Keeps `me` on the device (so the app starts offline) and wipes kept data the user may no longer see (another user,
// changed roles or permissions). The device failing never stops a sign-in.
async function keepOnDevice(me) {
  try {
    await rememberUser(me);
  } catch {
    // No IndexedDB (a private window that refuses it): the app works online only.
  }
}

async function adopt(me) {
  await keepOnDevice(me);
  // The language saved on the account wins over the browser's and the sign-in page's; without one,
  // the company's language (a company in China defaults to 中文 for everyone it adds).
  const saved = normalizeLanguage(me?.locale) ?? normalizeLanguage(me?.tenant?.locale);
  if (saved) setLanguage(saved);
  setUser(me);
  return me;
}

export async function loadSession() {
  try {
    return adopt(await api.get('/auth/me'));
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

export async function needsRegistration() {
  const setup = await api.get('/auth/setup');
  return Boolean(setup?.needsRegistration);
}

// Answers { user } when signed in, or { challenge } when the account asks for a two-factor code.
export async function signIn(email, password) {
  const answer = await api.post('/auth/login', { email, password });
  if (answer?.twoFactorRequired) return { challenge: answer.challenge };
  return { user: await adopt(answer.user) };
}

// Second step: an authenticator code or a recovery code for the challenge from signIn.
export async function verifySignIn(challenge, code) {
  const answer = await api.post('/auth/login/verify', { challenge, code });
  return adopt(answer.user);
}

// Fetch `Me` again after a change to the account (two-factor on or off).
export async function refreshUser() {
  const me = await api.get('/auth/me');
  await keepOnDevice(me);
  setUser(me);
  return me;
}

export async function register(fields) {
  const answer = await api.post('/auth/register', fields);
  // A brand-new account has no saved language yet: keep the one chosen on this page.
  if (!answer.user.locale) {
    setUser(answer.user);
    switchLanguage(getLanguage());
    return answer.user;
  }
  return adopt(answer.user);
}

// Accepting an invitation creates the account and signs in (POST /auth/invitations/accept → 201 {token, user}).
export async function acceptInvitation(code, name, password) {
  const answer = await api.post('/auth/invitations/accept', { code, name, password });
  if (!answer.user.locale) {
    setUser(answer.user);
    switchLanguage(getLanguage());
    return answer.user;
  }
  return adopt(answer.user);
}

// Changes made on this device and not yet sent (core/outbox.js, when the app has it).
async function waitingCommands(userId) {
  try {
    const outbox = await import('./outbox.js');
    return Number(await outbox.waitingCount?.(userId)) || 0;
  } catch {
    return 0;
  }
}

function askBeforeLosing(count) {
  return window.confirm(t('offline.signOutWaiting', { count }));
}

// Signing out deletes the user's data on this device; with changes still waiting to be sent it asks first
// (`ask(count)` → true to go on). Answers false when the user chose to stay.
export async function signOut({ ask = askBeforeLosing } = {}) {
  const user = getUser();
  const waiting = user ? await waitingCommands(user.id) : 0;
  if (waiting > 0 && !(await ask(waiting))) return false;
  await stopWorkingSet();
  try {
    await api.post('/auth/logout');
  } finally {
    if (user) await forgetUser(user.id).catch(() => {});
    setUser(null);
  }
  return true;
}

export async function switchLanguage(lang) {
  setLanguage(lang);
  if (!getUser()) return;
  try {
    setUser(await api.patch('/auth/me', { locale: lang }));
  } catch {
    // Remembering the choice on the server is best effort; the UI already switched.
  }
}
