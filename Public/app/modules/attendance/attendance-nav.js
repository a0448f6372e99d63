// The attendance pages' own links (check in, my month, team, groups), shown at the top of each: the
// shell's menu has one entry for attendance, and a phone reaches the rest from here.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';

const PAGES = [
  { id: 'checkin', path: '/attendance', label: 'nav.attendance' },
  { id: 'month', path: '/attendance/month', label: 'attendance.month.title' },
  { id: 'team', path: '/attendance/team', label: 'attendance.tab.team', permission: 'attendance.record.read' },
  { id: 'groups', path: '/attendance/groups', label: 'attendance.tab.groups', permission: 'attendance.group.manage' },
];

export function attendanceNav(current) {
  return html`
    <nav class="tabs att-tabs" aria-label="${t('module.attendance')}">
      ${PAGES.filter((p) => !p.permission || can(p.permission)).map((p) => html`
        <a class="tab ${p.id === current ? 'is-active' : ''}" href="${href(p.path)}" data-test="attendance-tab-${p.id}"
          aria-current="${p.id === current ? 'page' : 'false'}">${t(p.label)}</a>`)}
    </nav>`;
}
