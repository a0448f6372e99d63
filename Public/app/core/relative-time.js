// "5 minutes ago" / "5分钟前" in the app's language (Intl.RelativeTimeFormat), from a Date and now.
import { getLanguage } from './i18n.js';

const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const JUST_NOW = { en: 'just now', 'zh-CN': '刚刚' };

export function formatRelativeTime(date, now = new Date(), lang = getLanguage()) {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const size = Math.abs(seconds);
  for (const [unit, length] of UNITS) {
    if (size >= length) return format.format(Math.trunc(seconds / length), unit);
  }
  // Under a minute: "just now" rather than a count of seconds that changes while one reads it
  // (Intl's own word for 0 seconds, "now", reads oddly after "synced").
  return JUST_NOW[lang] ?? format.format(0, 'second');
}
