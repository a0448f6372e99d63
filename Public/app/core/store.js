// The signed-in user (`Me` from the API) shared by every element.
import { getLanguage } from './i18n.js';

let user = null;
const listeners = new Set();

export function getUser() {
  return user;
}

export function setUser(me) {
  user = me;
  for (const fn of listeners) fn(user);
}

export function onUserChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function language() {
  return getLanguage();
}

export function can(permission) {
  return user?.permissions?.includes(permission) ?? false;
}
