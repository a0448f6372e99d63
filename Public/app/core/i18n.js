// Current language, message lookup and localised error text.
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';

const catalogs = { en, 'zh-CN': zhCN };
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '中文' },
];
const STORAGE_KEY = 'afield.language';
const listeners = new Set();

export function normalizeLanguage(tag) {
  if (!tag) return null;
  return String(tag).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function stored() {
  try {
    return normalizeLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

let language = stored() ?? normalizeLanguage(navigator.language) ?? 'en';
document.documentElement.lang = language;

export function getLanguage() {
  return language;
}

export function setLanguage(tag) {
  const next = normalizeLanguage(tag) ?? 'en';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice still holds for this page.
  }
  if (next === language) return;
  language = next;
  document.documentElement.lang = next;
  document.title = t('app.name');
  for (const fn of listeners) fn(next);
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function has(key) {
  return key in catalogs[language] || key in catalogs.en;
}

export function t(key, params = {}) {
  const text = catalogs[language][key] ?? catalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Our own translation wins so the UI speaks one language even if the server's catalog lags;
// the server's localised message is the fallback for codes we do not know.
export function errorText(error) {
  if (!error) return '';
  const key = `error.${error.code}`;
  if (has(key)) return t(key, error.params ?? {});
  return error.message || t('error.unknown');
}

export function fieldErrorText(field) {
  const key = `error.${field.code}`;
  if (has(key)) return t(key, field.params ?? {});
  return field.message || t('error.unknown');
}
