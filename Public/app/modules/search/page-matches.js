// The app's own pages whose name contains the typed text, for global search: only pages the
// user may open, named as the menu names them (in the current language; the route's English
// name matches too, so "audit" finds 审计日志).
import { t } from '../../core/i18n.js';
import { mayOpen } from '../../shell/pages.js';

// [route, title key]: the menu's pages and the places inside them people look for by name.
const PAGES = [
  ['workbench', 'nav.workbench'], ['approvals', 'nav.approvals'], ['customers', 'nav.customers'], ['orders', 'nav.orders'],
  ['products', 'nav.products'], ['reports', 'nav.reports'], ['suppliers', 'nav.suppliers'], ['org', 'nav.org'],
  ['users', 'nav.users'], ['roles', 'nav.roles'], ['audit', 'nav.audit'], ['company', 'nav.company'],
  ['notifications', 'notifications.title'], ['settings', 'nav.settings'],
  ['approvals/flows', 'approvals.flows'], ['approvals/forms', 'nav.approvalForms'],
  ['attendance', 'nav.attendance'], ['attendance/month', 'attendance.month.title'], ['attendance/team', 'nav.attendance_team'],
  ['attendance/groups', 'nav.attendance_groups'], ['crm', 'nav.crm'], ['crm/visits', 'nav.crm_visits'],
  ['crm/leads', 'nav.crm_leads'], ['crm/opportunities', 'nav.crm_opportunities'],
];

export function pageMatches(text, limit = 4) {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return [];
  return PAGES
    .filter(([path]) => mayOpen(path))
    .map(([path, key]) => ({ path, title: t(key) }))
    .filter(({ path, title }) => title.toLocaleLowerCase().includes(needle) || path.includes(needle))
    .slice(0, limit)
    .map(({ path, title }) => ({ kind: 'page', id: path, title, subtitle: null, path: '/' + path }));
}
