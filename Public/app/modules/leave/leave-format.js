// Shared display of leave: amounts in their unit ("2.5 days", "3 h"), short calendar days ("27 Jan"),
// request states as badges, the leave pages' own tabs, and day arithmetic on "YYYY-MM-DD" strings
// (calendar days, computed in UTC so no time zone shifts them).
import { html } from '../../core/html.js';
import { t, getLanguage } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { can, getUser } from '../../core/store.js';
import { formatDecimal, todayIn } from '../../core/format.js';

const STATE_BADGE = { pending: 'badge-warning', approved: 'badge-success', rejected: 'badge-danger', withdrawn: 'badge-muted', cancelled: 'badge-muted' };

export function amountText(amount, unit) {
  const one = String(amount) === '1';
  const key = unit === 'hour' ? (one ? 'leave.amount.hour' : 'leave.amount.hours') : one ? 'leave.amount.day' : 'leave.amount.days';
  return t(key, { amount: formatDecimal(amount ?? '0') });
}

// "27 Jan" / "1月27日" for a YYYY-MM-DD day.
export function shortDay(day, withWeekday = false) {
  if (!day) return '';
  const options = { month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (withWeekday) options.weekday = 'short';
  return new Intl.DateTimeFormat(getLanguage(), options).format(new Date(`${day}T00:00:00Z`));
}

// "Mon" / "周一".
export function weekdayOf(day) {
  return new Intl.DateTimeFormat(getLanguage(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

export function dayRange(start, end) {
  return start === end ? shortDay(start) : `${shortDay(start)} – ${shortDay(end)}`;
}

export function stateBadge(state, testId = 'leave-state') {
  return html`<span class="badge ${STATE_BADGE[state] ?? 'badge-muted'} lv-state" data-test="${testId}" data-state="${state}">${t(`leave.state.${state}`)}</span>`;
}

export function addDays(day, count) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

// The Monday of the week holding `day`.
export function mondayOf(day) {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

// Today in the user's time zone, else the company's.
export function today() {
  const user = getUser();
  return todayIn(user?.timeZone || user?.tenant?.timeZone);
}

const PAGES = [
  { id: 'mine', path: '/leave', label: 'leave.tab.mine' },
  { id: 'team', path: '/leave/team', label: 'nav.leave_team', permission: 'leave.request.read' },
];

export function leaveNav(current) {
  const pages = PAGES.filter((p) => !p.permission || can(p.permission));
  if (pages.length < 2) return '';
  return html`
    <nav class="tabs att-tabs" aria-label="${t('module.leave')}">
      ${pages.map((p) => html`
        <a class="tab ${p.id === current ? 'is-active' : ''}" href="${href(p.path)}" data-test="leave-tab-${p.id}"
          aria-current="${p.id === current ? 'page' : 'false'}">${t(p.label)}</a>`)}
    </nav>`;
}
