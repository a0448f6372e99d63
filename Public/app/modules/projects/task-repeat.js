// A task's repeat rule (重复) and reminder (提醒) as the task page edits them (issue 13): the rule as a draft (TaskRecurrenceDTO
// with text fields), the body sent with the task's PATCH, and the one-line summary — "Every 2 weeks on Mon, Wed",
// "每 2 周的周一、周三", "Monthly on day 31 (last day in shorter months)". Weekdays are ISO (1 = Monday … 7 = Sunday); a
// month day of -1 is the month's last day. Pure functions: the page's tests import them.
import { t, getLanguage } from '../../core/i18n.js';

export const FREQUENCIES = ['daily', 'weekly', 'monthly'];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
// Minutes before the due time: at the due time, 15 minutes, an hour, a day.
export const REMINDERS = [0, 15, 60, 1440];

// A weekday's short name in the app's language (1 January 2024 was a Monday).
export function weekdayName(iso, language = getLanguage()) {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, iso)));
}

// ISO weekday and day of the month of a `YYYY-MM-DD` day (or of a datetime-local value's day).
export function dayParts(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return { weekday: d.getUTCDay() || 7, monthDay: +m[3] };
}

// The task's rule as the editor's draft (null: does not repeat).
export function ruleDraft(rule) {
  if (!rule) return null;
  return {
    frequency: rule.frequency,
    interval: String(rule.interval ?? 1),
    weekdays: [...(rule.weekdays ?? [])].sort((a, b) => a - b),
    monthDay: rule.monthDay ?? null,
    until: rule.until ?? '',
  };
}

// A new rule of `frequency`, its weekday or month day taken from the due day (`YYYY-MM-DD…`) when there is one.
export function newRule(frequency, dueDay, before = null) {
  const parts = dayParts(dueDay);
  return {
    frequency,
    interval: before?.interval ?? '1',
    weekdays: frequency === 'weekly' ? (before?.weekdays?.length ? before.weekdays : parts ? [parts.weekday] : []) : [],
    monthDay: frequency === 'monthly' ? (before?.monthDay ?? parts?.monthDay ?? 1) : null,
    until: before?.until ?? '',
  };
}

// Whether the interval is a whole number 1–99.
export function intervalValid(draft) {
  return !draft || /^\d{1,2}$/.test(String(draft.interval).trim()) && +draft.interval >= 1;
}

// The rule as sent (only what its frequency uses); null for none.
export function ruleBody(draft) {
  if (!draft) return null;
  const body = { frequency: draft.frequency, interval: Number(String(draft.interval).trim()) };
  if (draft.frequency === 'weekly' && draft.weekdays.length) body.weekdays = [...draft.weekdays].sort((a, b) => a - b);
  if (draft.frequency === 'monthly' && draft.monthDay != null) body.monthDay = Number(draft.monthDay);
  if (draft.until) body.until = draft.until;
  return body;
}

export function sameRule(a, b) {
  return JSON.stringify(ruleBody(a)) === JSON.stringify(ruleBody(b));
}

// One line: "Every 2 weeks on Mon, Wed, until 2027-03-31".
export function repeatSummary(rule, language = getLanguage()) {
  if (!rule) return t('projects.repeat.never');
  const n = Number(rule.interval) || 1;
  const one = n === 1;
  let text;
  if (rule.frequency === 'daily') {
    text = one ? t('projects.repeat.sum.daily') : t('projects.repeat.sum.dailyN', { n });
  } else if (rule.frequency === 'weekly') {
    const days = [...(rule.weekdays ?? [])].sort((a, b) => a - b).map((d) => weekdayName(d, language)).join(t('projects.repeat.listSep'));
    if (days) text = one ? t('projects.repeat.sum.weeklyOn', { days }) : t('projects.repeat.sum.weeklyNOn', { n, days });
    else text = one ? t('projects.repeat.sum.weekly') : t('projects.repeat.sum.weeklyN', { n });
  } else {
    const day = rule.monthDay == null ? null : Number(rule.monthDay);
    if (day === -1) text = one ? t('projects.repeat.sum.monthlyLast') : t('projects.repeat.sum.monthlyNLast', { n });
    else if (day) {
      text = one ? t('projects.repeat.sum.monthlyOn', { day }) : t('projects.repeat.sum.monthlyNOn', { n, day });
      if (day >= 29) text += t('projects.repeat.sum.shortMonths');
    } else text = one ? t('projects.repeat.sum.monthly') : t('projects.repeat.sum.monthlyN', { n });
  }
  if (rule.until) text += t('projects.repeat.sum.until', { day: rule.until });
  return text;
}

// A reminder's label: "At the due time", "15 minutes before", "1 hour before", "1 day before", or "{n} minutes before".
export function reminderLabel(minutes) {
  if (minutes === 0) return t('projects.remind.atDue');
  if (minutes === 15) return t('projects.remind.15');
  if (minutes === 60) return t('projects.remind.60');
  if (minutes === 1440) return t('projects.remind.1440');
  return t('projects.remind.minutes', { n: minutes });
}
