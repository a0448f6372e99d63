// data-test: emp-search, emp-row (data-id = employee id), emp-link, emp-position, emp-site, emp-export, emp-export-xlsx
//            (and those of af-data-list)
// The employee directory on the shared list (components/af-data-list.js; GET /org/employees): by name; sort by any
// column, filter by department, position, site, manager, hire date, text; export CSV/XLSX. Sort, filters and page
// live in the URL: #/org?tab=people&q=&department=&sort=-hireDate&page=
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatDay } from '../../core/format.js';
import '../../components/af-data-list.js';
import { choices } from './dept-tree.js';

const named = (path) => () => api.get(path).then((list) => (Array.isArray(list) ? list : list?.items ?? []).map((x) => ({ id: x.id, label: x.name })));
const searchEmployees = (q) => api.get('/org/employees', { q, limit: 10 }).then((page) => page.items.map((e) => ({ id: e.id, label: e.name })));
const employeeLabel = (id) => api.get(`/org/employees/${encodeURIComponent(id)}`).then((e) => ({ id: e.id, label: e.name }));

export const EMPLOYEE_LIST = {
  key: 'org.employees',
  endpoint: '/org/employees',
  path: '/org',
  title: 'org.tab.people',
  embedded: true,
  keep: ['tab'],
  local: ['tab'],
  testId: 'emp',
  search: 'org.emp.searchPlaceholder',
  rowHref: (e) => `/org/employees/${encodeURIComponent(e.id)}`,
  cells: {
    name: { render: (e) => html`<span class="emp-name" data-test="emp-link"><span class="avatar avatar-sm" aria-hidden="true">${(e.name ?? '?').slice(0, 1)}</span>${e.name}</span>
      ${e.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
      ${e.userId ? '' : html`<span class="badge" title="${t('org.emp.noAccountHint')}">${t('org.emp.noAccount')}</span>`}` },
    positionName: { render: (e) => html`<span data-test="emp-position">${e.positionName ?? ''}</span>` },
    siteName: { render: (e) => html`<span data-test="emp-site">${e.siteName ?? ''}</span>` },
    managerName: { render: (e) => e.managerName ?? '—' },
    hireDate: { render: (e) => html`<span class="nowrap">${formatDay(e.hireDate)}</span>` },
    archived: { render: (e) => (e.archived ? t('list.yes') : t('list.no')) },
  },
  references: {
    departmentName: { options: () => api.get('/org/departments').then((list) => choices(list ?? [], { archived: true }).map((c) => ({ id: c.id, label: c.label }))) },
    positionName: { options: named('/org/positions') },
    siteName: { options: named('/org/sites') },
    managerName: { search: searchEmployees, label: employeeLabel },
  },
};

export class AfEmployeeDirectory extends AfElement {
  static properties = ['query'];

  view() {
    return html`<af-data-list .config=${EMPLOYEE_LIST} .query=${this.query}></af-data-list>`;
  }
}
AfEmployeeDirectory.define('af-employee-directory');
