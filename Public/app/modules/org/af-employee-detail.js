// data-test: employee-name, employee-title, employee-edit, emp-field-<name> (department, manager, position, site,
//            hireDate, code, account), emp-sensitive, emp-sensitive-note, emp-sensitive-<field> (nationalId,
//            bankAccount, personalPhone, homeAddress, salary, hourlyCost), details-tab, history-tab, back-link, employee-load-error
//            (the form's are in af-employee-form.js; the History's in af-history-timeline.js; the chatter's in af-record-chatter.js)
// One employee, #/org/employees/<id> (GET /org/employees/{id}): work details, and the sensitive HR fields as
// the server sends them — in full for holders of org.employee.sensitive.read, otherwise national id, bank
// account and phone masked (•••• 1234) and salary, hourly cost and home address hidden. Holders of org.employee.manage
// edit in place. The History tab shows the audit trail, where sensitive fields appear only as "changed".
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { can, getUser } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { formatDay, formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { tabBar } from '../../components/tabs.js';
import '../../components/af-record-chatter.js';
import { SENSITIVE } from './af-employee-form.js';

export class AfEmployeeDetail extends AfElement {
  static properties = ['employeeId'];

  constructor() {
    super();
    this.employee = null;
    this.error = null;
    this.tab = 'details';
    this.editing = false;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.employeeId) return;
    const seq = ++this.seq;
    try {
      const employee = await api.get(`/org/employees/${encodeURIComponent(this.employeeId)}`);
      if (seq !== this.seq) return;
      this.employee = employee;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  saved(event) {
    event.stopPropagation();
    this.employee = event.detail;
    this.editing = false;
    notify(t('org.emp.saved', { name: this.employee.name }), 'success');
    this.requestUpdate();
  }

  pair(name, label, value) {
    return html`
      <div class="field-pair" data-test="emp-field-${name}">
        <dt>${label}</dt>
        <dd>${value || html`<span class="muted">—</span>`}</dd>
      </div>`;
  }

  sensitiveValue(s, field) {
    const value = s?.[field];
    if (field === 'salary' && value) return formatMoney(value, s.salaryCurrency);
    if (field === 'hourlyCost' && value) return t('org.emp.perHourValue', { amount: formatMoney(value, s.salaryCurrency ?? getUser()?.tenant?.currency) });
    if (value) return value;
    // Without the permission, salary and address are left out by the server: say so instead of "—".
    if (!s?.revealed && (field === 'salary' || field === 'hourlyCost' || field === 'homeAddress')) {
      return html`<span class="muted masked-value">${icon('lock')}<span>${t('org.emp.hidden')}</span></span>`;
    }
    return '';
  }

  details(e) {
    const s = e.sensitive;
    return html`
      <div class="detail-grid">
        <section class="card card-pad">
          <h2 class="section-title">${t('org.emp.work')}</h2>
          <dl class="fields">
            ${this.pair('department', t('org.emp.department'), e.departmentName)}
            ${this.pair('manager', t('org.emp.manager'), e.managerName)}
            ${this.pair('position', t('org.emp.position'), e.positionName)}
            ${this.pair('site', t('org.emp.site'), e.siteName)}
            ${this.pair('hireDate', t('org.emp.hireDate'), formatDay(e.hireDate))}
            ${this.pair('code', t('org.emp.code'), e.code)}
            ${this.pair('account', t('org.emp.account'), e.userId ? t('org.emp.hasAccount') : t('org.emp.noAccount'))}
          </dl>
        </section>
        <section class="card card-pad" data-test="emp-sensitive" data-revealed="${s?.revealed ? 'true' : 'false'}">
          <h2 class="section-title section-title-icon">${icon('lock')}<span>${t('org.emp.sensitiveTitle')}</span></h2>
          ${s?.revealed ? '' : html`<p class="muted small" data-test="emp-sensitive-note">${t('org.emp.maskedNote')}</p>`}
          <dl class="fields">
            ${SENSITIVE.map((f) => html`
              <div class="field-pair" data-test="emp-sensitive-${f}">
                <dt>${t(`org.emp.${f}`)}</dt>
                <dd class="${f === 'homeAddress' ? 'pre-line' : ''}">${this.sensitiveValue(s, f) || html`<span class="muted">—</span>`}</dd>
              </div>`)}
          </dl>
        </section>
      </div>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/org', { tab: 'people' })}" data-test="back-link">${icon('back')}<span>${t('nav.org')}</span></a>`;
    if (this.error) return html`${back}<div class="alert alert-error" role="alert" data-test="employee-load-error">${errorText(this.error)}</div>`;
    const e = this.employee;
    if (!e) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const manage = can('org.employee.manage') && !e.archived;
    return html`
      ${back}
      <div class="page-header">
        <div>
          <h1 class="page-title" data-test="employee-name">${e.name}</h1>
          <div class="badges">
            ${e.title ? html`<span class="muted" data-test="employee-title">${e.title}</span>` : ''}
            ${e.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
          </div>
        </div>
        ${manage && !this.editing ? html`
          <div class="page-actions">
            <button type="button" class="btn btn-primary" data-test="employee-edit"
              @click=${() => { this.editing = true; this.tab = 'details'; this.requestUpdate(); }}>${icon('edit')}<span>${t('org.dept.edit')}</span></button>
          </div>` : ''}
      </div>
      ${tabBar([
        { id: 'details', label: t('history.detailsTab'), testId: 'details-tab' },
        { id: 'history', label: t('history.tab'), testId: 'history-tab' },
      ], this.tab, (tab) => { this.tab = tab; this.requestUpdate(); }, e.name)}
      <div class="record-layout">
        <div class="record-main">
          ${this.tab === 'history'
            ? html`<div class="tab-panel" role="tabpanel" aria-label="${t('history.tab')}">
                <af-history-timeline data-key="history" .path=${`/org/employees/${encodeURIComponent(e.id)}/history`}></af-history-timeline></div>`
            : this.editing
              ? html`<div class="card card-pad" data-key="form"><af-employee-form .record=${e} @saved=${(ev) => this.saved(ev)}
                  @cancel=${(ev) => { ev.stopPropagation(); this.editing = false; this.requestUpdate(); }}
                  @stale=${(ev) => { ev.stopPropagation(); this.load(); }}></af-employee-form></div>`
              : this.details(e)}
        </div>
        <af-record-chatter class="record-side" data-key="chatter" .entity=${'platform.employee'} .recordId=${e.id}></af-record-chatter>
      </div>`;
  }
}
AfEmployeeDetail.define('af-employee-detail');
