// Display of decimal strings. Money never passes through a JS number: the server's string is
// only regrouped with the locale's separators, so "617085.35" shows exactly as 617,085.35.
import { getLanguage } from './i18n.js';

const separatorCache = new Map();
const affixCache = new Map();

function separators(lang) {
  if (!separatorCache.has(lang)) {
    const parts = new Intl.NumberFormat(lang).formatToParts(12345.5);
    separatorCache.set(lang, {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    });
  }
  return separatorCache.get(lang);
}

// The currency symbol and where the locale puts it ("$" before, or "US$" for zh-CN).
function currencyAffix(lang, currency) {
  const key = lang + '|' + currency;
  if (!affixCache.has(key)) {
    let prefix = '';
    let suffix = '';
    try {
      const parts = new Intl.NumberFormat(lang, { style: 'currency', currency }).formatToParts(1);
      const number = parts.findIndex((p) => p.type === 'integer');
      const last = parts.map((p) => p.type).lastIndexOf('fraction');
      prefix = parts.slice(0, number).map((p) => p.value).join('');
      suffix = parts.slice(Math.max(number, last) + 1).map((p) => p.value).join('');
    } catch {
      suffix = ' ' + currency;
    }
    affixCache.set(key, { prefix, suffix });
  }
  return affixCache.get(key);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export function formatDecimal(value, lang = getLanguage()) {
  if (value == null || value === '') return '';
  const text = String(value).trim();
  const m = DECIMAL.exec(text);
  if (!m) return text;
  const { group, decimal } = separators(lang);
  const integer = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return (m[1] === '-' ? '-' : '') + grouped + (m[3] ? decimal + m[3] : '');
}

export function formatMoney(value, currency, lang = getLanguage()) {
  if (value == null || value === '') return '';
  const number = formatDecimal(value, lang);
  if (!currency) return number;
  const { prefix, suffix } = currencyAffix(lang, currency);
  const negative = number.startsWith('-');
  return (negative ? '-' : '') + prefix + (negative ? number.slice(1) : number) + suffix;
}

export function formatPercent(value, lang = getLanguage()) {
  if (value == null || value === '') return '';
  return formatDecimal(value, lang) + '%';
}

// Days are already the company's calendar days (YYYY-MM-DD); show them as given.
export function formatDay(value) {
  return value ?? '';
}

// Today's date in a time zone (the user's own, else the company's), for default order dates.
export function todayIn(timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

// An instant (ISO 8601, UTC) as a date and time on this device's clock, e.g. a session's sign-in time.
export function formatDateTime(value, lang = getLanguage()) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
