// data-test: emp-search, emp-filter-department, emp-row (data-id = employee id), pager-prev, pager-next, pager-status
// The employee directory (GET /org/employees?q=&department=&page=&limit=). Search, department and
// page live in the URL: #/org?tab=people&q=&department=&page=
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { navigate, href } from '../../core/router.js';
import { formatDay } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { PAGE_SIZE, pageFrom, listStatus, loadLatest, openRow } from '../../components/list-helpers.js';
import { choices } from './dept-tree.js';

const KEYS = ['q', 'department', 'page'];

export class AfEmployeeDirectory extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.departments = [];
    this.search = '';
    this.seq = 0;
    this.pushSearch = debounce(() => this.filter({ q: this.search.trim() }, true), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    api.get('/org/departments').then((list) => { this.departments = list ?? []; this.requestUpdate(); }).catch(() => {});
    this.reload();
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    const q = this.query ?? {};
    if (KEYS.some((k) => q[k] !== old?.[k])) {
      if (!this.contains(document.activeElement)) this.search = q.q ?? '';
      this.reload();
    }
  }

  filter(patch, replace = false) {
    navigate('/org', { ...this.query, tab: 'people', ...patch, page: undefined }, { replace });
  }

  async load() {
    const q = this.query ?? {};
    await loadLatest(this, () => api.get('/org/employees', { q: q.q, department: q.department, page: pageFrom(q), limit: PAGE_SIZE }));
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    const options = choices(this.departments, { archived: true });
    return html`
      <div class="toolbar">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="emp-search" placeholder="${t('org.emp.searchPlaceholder')}"
            aria-label="${t('org.emp.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
        <select class="input select" data-test="emp-filter-department" aria-label="${t('org.emp.department')}"
          .value=${q.department ?? ''} @change=${(e) => this.filter({ department: e.target.value })}>
          <option value="">${t('org.emp.allDepartments')}</option>
          ${options.map((c) => html`<option value="${c.id}" data-key="${c.id}">${c.label}</option>`)}
        </select>
        ${data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : ''}
      </div>
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('org.emp.name')}</th>
              <th scope="col">${t('org.emp.title')}</th>
              <th scope="col">${t('org.emp.department')}</th>
              <th scope="col">${t('org.emp.position')}</th>
              <th scope="col">${t('org.emp.site')}</th>
              <th scope="col">${t('org.emp.manager')}</th>
              <th scope="col">${t('org.emp.hireDate')}</th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 7)}
            ${(data?.items ?? []).map((e) => html`
              <tr data-test="emp-row" data-key="${e.id}" data-id="${e.id}" class="${e.archived ? 'is-archived' : ''}"
                @click=${(ev) => openRow(ev, `/org/employees/${encodeURIComponent(e.id)}`)}>
                <td class="cell-title">
                  <a class="emp-name row-link" href="${href(`/org/employees/${encodeURIComponent(e.id)}`)}" data-test="emp-link"><span class="avatar avatar-sm" aria-hidden="true">${(e.name ?? '?').slice(0, 1)}</span>${e.name}</a>
                  ${e.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
                  ${e.userId ? '' : html`<span class="badge" title="${t('org.emp.noAccountHint')}">${t('org.emp.noAccount')}</span>`}
                </td>
                <td data-label="${t('org.emp.title')}">${e.title ?? ''}</td>
                <td data-label="${t('org.emp.department')}">${e.departmentName ?? ''}</td>
                <td data-label="${t('org.emp.position')}" data-test="emp-position">${e.positionName ?? ''}</td>
                <td data-label="${t('org.emp.site')}" data-test="emp-site">${e.siteName ?? ''}</td>
                <td data-label="${t('org.emp.manager')}">${e.managerName ?? '—'}</td>
                <td data-label="${t('org.emp.hireDate')}" class="nowrap">${formatDay(e.hireDate)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate('/org', { ...q, tab: 'people', page: e.detail.page })}></af-pager>` : ''}`;
  }
}
AfEmployeeDirectory.define('af-employee-directory');
