// Shared display of attendance: a day's statuses as labelled badges and its one headline status,
// clock times in the group's time zone, minutes as hours, distances as the server words them
// (73 m, 1.07 km), and month arithmetic on "YYYY-MM" strings (no Date, no time zone).
import { html } from '../../core/html.js';
import { t, getLanguage } from '../../core/i18n.js';

// Which status names a day when it has several: what needs attention first, then time away,
// then the plain kinds of day.
const HEADLINE = ['absent', 'missingPunch', 'late', 'leftEarly', 'onLeave', 'onTrip', 'outing', 'field', 'holiday', 'rest',
  'overtime', 'onTime', 'upcoming'];

const TONE = {
  onTime: 'ok', late: 'warn', leftEarly: 'warn', absent: 'bad', missingPunch: 'bad', field: 'away', onLeave: 'away',
  onTrip: 'away', outing: 'away', holiday: 'off', rest: 'off', overtime: 'info', upcoming: 'none',
};

const BADGE = { ok: 'badge-success', warn: 'badge-warning', bad: 'badge-danger', away: 'badge-info', info: 'badge-info', off: 'badge-muted', none: 'badge-muted' };

export function headline(day) {
  const statuses = day?.statuses ?? [];
  return HEADLINE.find((s) => statuses.includes(s)) ?? null;
}

export function tone(status) {
  return TONE[status] ?? 'none';
}

// "Late 12 min", "Left 5 min early", "On time", "Absent"…
export function statusLabel(status, day) {
  if (status === 'late' && day?.lateMinutes) return t('attendance.status.lateBy', { minutes: day.lateMinutes });
  if (status === 'leftEarly' && day?.earlyMinutes) return t('attendance.status.earlyBy', { minutes: day.earlyMinutes });
  return t(`attendance.status.${status}`);
}

// The few characters a calendar cell has room for ("Late 12m", "迟到12分").
export function shortLabel(status, day) {
  if (status === 'late' && day?.lateMinutes) return t('attendance.short.lateBy', { minutes: day.lateMinutes });
  if (status === 'leftEarly' && day?.earlyMinutes) return t('attendance.short.earlyBy', { minutes: day.earlyMinutes });
  return t(`attendance.short.${status}`);
}

export function statusBadges(day, testId = 'attendance-status') {
  const statuses = (day?.statuses ?? []).filter((s) => s !== 'upcoming');
  if (!statuses.length) return '';
  return html`<span class="badges att-badges">${statuses.map((s) => html`
    <span class="badge ${BADGE[tone(s)]}" data-test="${testId}" data-status="${s}">${statusLabel(s, day)}</span>`)}</span>`;
}

// 14:05 (or 14:05:09) on the clock of `timeZone`; the device's zone when none is known.
export function clock(value, timeZone, { seconds = false } = {}) {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (seconds) options.second = '2-digit';
  try {
    return new Intl.DateTimeFormat(getLanguage(), { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(getLanguage(), options).format(date);
  }
}

// "Sunday 6 December" / "12月6日星期日" for a YYYY-MM-DD day (a calendar day: formatted in UTC).
export function longDay(day) {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(getLanguage(), { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}

// "December 2026" / "2026年12月" for YYYY-MM.
export function monthTitle(month) {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(getLanguage(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

// Mon … Sun in the current language, narrow enough for a 390 px calendar.
export function weekdayNames(style = 'short') {
  // 2024-01-01 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((i) => new Intl.DateTimeFormat(getLanguage(), { weekday: style, timeZone: 'UTC' })
    .format(new Date(Date.UTC(2024, 0, 1 + i))));
}

export function hours(minutes) {
  const m = Math.max(0, Math.round(minutes ?? 0));
  const h = Math.floor(m / 60);
  return t('attendance.hoursMinutes', { hours: h, minutes: String(m % 60).padStart(2, '0') });
}

// Minutes as decimal hours with one decimal ("7.5 h"), as the summary gives overtime.
export function decimalHours(minutes) {
  return t('attendance.figure.hours', { hours: (Math.max(0, minutes ?? 0) / 60).toFixed(1) });
}

// The server words distances the same way in its refusal (attendance.outside_fence).
export function distance(meters) {
  if (meters == null) return '';
  if (meters < 1000) return `${Math.round(meters)} m`;
  return `${(meters / 1000).toFixed(2)} km`;
}

export function planned(day) {
  if (!day) return '';
  if (day.start && day.end) return `${day.shift ? `${day.shift} · ` : ''}${day.start}–${day.end}`;
  if (day.kind === 'holiday') return t('attendance.status.holiday');
  if (day.kind === 'rest') return t('attendance.restDay');
  return '';
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function validMonth(text) {
  return typeof text === 'string' && MONTH.test(text);
}

export function shiftMonth(month, by) {
  const [, y, m] = MONTH.exec(month);
  const index = Number(y) * 12 + Number(m) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// This month in a time zone (the user's, else the company's).
export function currentMonth(timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  } catch {
    return new Date().toISOString().slice(0, 7);
  }
}
