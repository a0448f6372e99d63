// Signing in and out, and the per-user language choice.
import { api } from './api.js';
import { getUser, setUser } from './store.js';
import { getLanguage, normalizeLanguage, setLanguage } from './i18n.js';

function adopt(me) {
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
  return { user: adopt(answer.user) };
}

// Second step: an authenticator code or a recovery code for the challenge from signIn.
export async function verifySignIn(challenge, code) {
  const answer = await api.post('/auth/login/verify', { challenge, code });
  return adopt(answer.user);
}

// Fetch `Me` again after a change to the account (two-factor on or off).
export async function refreshUser() {
  const me = await api.get('/auth/me');
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

export async function signOut() {
  try {
    await api.post('/auth/logout');
  } finally {
    setUser(null);
  }
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
