// data-test: project-form, project-form-<code|name|description|startsOn|endsOn|status|dependencyRule>, project-customer (picker),
//            project-manager (picker), member-row (data-index), member-picker (picker), member-role, member-remove, member-add,
//            project-budget, project-form-budget-<labour|expenses|purchases|other>, project-form-save, project-form-cancel,
//            project-form-error, project-form-stale, field-error (data-field)
// A project (项目) written or changed: #/projects/new, and "Edit" on a project's page. Code (left empty, the server
// numbers it PRJ-2026-001 style), name, description, customer, manager (default: me), start and end, status (when
// editing), the dependency rule (strict: a task may not start before its predecessors; flexible: shown only), members
// with their roles, and the budget by cost kind — only for holders of projects.cost.read (the server answers a
// project's budget as null to others). Saved, a new project opens its page.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { AfRecordForm } from '../../components/record-form.js';
import '../../components/af-search-picker.js';
import { searchCustomers } from '../sales/pickers.js';
import { PROJECT_STATUSES, ROLES, BUDGET_KINDS, searchEmployees } from './project-format.js';

const TEXT = ['code', 'name', 'description', 'startsOn', 'endsOn'];

export class AfProjectForm extends AfRecordForm {
  static properties = ['record'];
  static prefix = 'project';
  static fieldMap = {
    code: 'code', name: 'name', description: 'description', customerId: 'customer', managerId: 'manager', startsOn: 'startsOn',
    endsOn: 'endsOn', status: 'status', dependencyRule: 'dependencyRule', members: 'members', budget: 'budget',
    'budget.labour': 'budget-labour', 'budget.expenses': 'budget-expenses', 'budget.purchases': 'budget-purchases', 'budget.other': 'budget-other',
  };

  constructor() {
    super();
    this.focusField = 'name';
  }

  path() {
    return '/projects/projects';
  }

  fill(p) {
    const values = { status: p?.status ?? 'planning', dependencyRule: p?.dependencyRule ?? 'flexible' };
    for (const f of TEXT) values[f] = p?.[f] ?? '';
    for (const kind of BUDGET_KINDS) values[`budget-${kind}`] = p?.budget?.[kind] ?? '';
    this.customer = p?.customerId ? { id: p.customerId, label: p.customerName ?? '' } : null;
    this.manager = p?.managerId ? { id: p.managerId, label: p.managerName ?? '' } : null;
    this.members = (p?.members ?? []).filter((m) => m.employeeId !== p?.managerId)
      .map((m) => ({ person: { id: m.employeeId, label: m.name }, role: m.role }));
    return values;
  }

  // The budget is shown to (and sent by) those who may read costs: a project answered with a budget, or the permission.
  showsBudget() {
    return this.record ? this.record.budget != null : can('projects.cost.read');
  }

  localErrors() {
    const v = this.values;
    const errors = {};
    if (!v.name.trim()) errors.name = { code: 'field.required' };
    if (!v.startsOn) errors.startsOn = { code: 'field.required' };
    if (!v.endsOn) errors.endsOn = { code: 'field.required' };
    if (this.members.some((m) => !m.person)) errors.members = { key: 'projects.member.pickPerson' };
    return errors;
  }

  failed(error) {
    error.fields = (error.fields ?? []).map((f) => ({ ...f, field: String(f.field ?? '').replace(/\[\d+\].*$/, '') }));
    super.failed(error);
  }

  body() {
    const v = this.values;
    const body = {
      name: v.name.trim(), startsOn: v.startsOn, endsOn: v.endsOn, dependencyRule: v.dependencyRule,
      members: this.members.map((m) => ({ employeeId: m.person.id, role: m.role })),
    };
    if (v.code.trim()) body.code = v.code.trim().toUpperCase();
    if (v.description.trim()) body.description = v.description;
    if (this.customer) body.customerId = this.customer.id;
    if (this.manager) body.managerId = this.manager.id;
    if (this.showsBudget()) {
      const budget = {};
      for (const kind of BUDGET_KINDS) if (String(v[`budget-${kind}`]).trim()) budget[kind] = String(v[`budget-${kind}`]).trim();
      if (Object.keys(budget).length) body.budget = budget;
    }
    if (!this.record) return { id: this.idempotencyKey, ...body, status: v.status };
    const clear = [];
    if (!v.description.trim() && this.record.description) clear.push('description');
    if (!this.customer && this.record.customerId) clear.push('customerId');
    return { ...body, status: v.status, version: this.record.version, ...(clear.length ? { clear } : {}) };
  }

  // A new project opens its own page; the page editing one listens for `saved` itself.
  emit(name, detail) {
    super.emit(name, detail);
    if (this.record) return;
    if (name === 'saved') navigate(`/projects/${detail.id}`);
    if (name === 'cancel') navigate('/projects');
  }

  input(name, value) {
    super.input(name, value);
    this.requestUpdate();
  }

  setMember(index, patch) {
    this.members = this.members.map((m, i) => (i === index ? { ...m, ...patch } : m));
    delete this.errors.members;
    this.requestUpdate();
  }

  membersField() {
    return html`<fieldset class="field field-wide pj-members" data-field-input="members">
      <legend class="field-label">${t('projects.project.members')}</legend>
      <p class="muted small">${t('projects.member.managerAlways')}</p>
      <ul class="pj-member-rows">${this.members.map((m, i) => html`<li class="pj-member-row" data-test="member-row" data-index="${i}">
        <af-search-picker .testId=${'member-picker'} .value=${m.person} .search=${searchEmployees} .label=${t('projects.member.person')}
          .placeholder=${t('projects.member.search')} @pick=${(e) => { e.stopPropagation(); this.setMember(i, { person: e.detail }); }}></af-search-picker>
        <select class="input select" data-test="member-role" aria-label="${t('projects.member.role')}" .value=${m.role}
          @change=${(e) => this.setMember(i, { role: e.target.value })}>
          ${ROLES.filter((r) => r !== 'manager').map((r) => html`<option value="${r}" ?selected=${r === m.role}>${t(`projects.member.role.${r}`)}</option>`)}
        </select>
        <button type="button" class="btn btn-icon" data-test="member-remove" aria-label="${t('projects.member.remove')}"
          @click=${() => { this.members = this.members.filter((_, j) => j !== i); this.requestUpdate(); }}>${icon('close')}</button>
      </li>`)}</ul>
      <button type="button" class="btn btn-secondary btn-small" data-test="member-add"
        @click=${() => { this.members = [...this.members, { person: null, role: 'member' }]; this.requestUpdate(); }}>${icon('plus')}<span>${t('projects.member.add')}</span></button>
      ${this.fieldError('members')}
    </fieldset>`;
  }

  budgetField() {
    if (!this.showsBudget()) return '';
    return html`<fieldset class="field field-wide pj-budget-fields" data-test="project-budget">
      <legend class="field-label">${t('projects.budget')}</legend>
      <div class="form-grid">${BUDGET_KINDS.map((kind) => this.textField(`budget-${kind}`, t(`projects.budget.${kind}`),
        { inputmode: 'decimal', maxlength: 20, suffix: this.record?.currency ?? '' }))}</div>
      ${this.fieldError('budget')}
    </fieldset>`;
  }

  view() {
    const editing = Boolean(this.record);
    return html`${editing ? '' : html`<a class="back-link" href="${href('/projects')}" data-test="back-link">${icon('back')}<span>${t('nav.projects')}</span></a>`}
      <form class="card card-pad pj-project-form" novalidate data-test="project-form" @submit=${(e) => this.submit(e)}>
      <h1 class="page-title">${editing ? t('projects.project.editTitle', { code: this.record.code }) : t('projects.project.new')}</h1>
      ${this.alerts()}
      <div class="form-grid">
        ${this.textField('name', t('projects.project.name'), { required: true, maxlength: 120, wide: true })}
        ${this.textField('code', t('projects.project.code'), { maxlength: 20, placeholder: t('projects.project.codeHint') })}
        <div class="field" data-field-input="customer">
          <span class="field-label">${t('orders.customer')}</span>
          <af-search-picker .testId=${'project-customer'} .value=${this.customer} .search=${searchCustomers} .label=${t('orders.customer')}
            .placeholder=${t('orders.searchCustomer')} .invalid=${Boolean(this.errors.customer)}
            @pick=${(e) => { e.stopPropagation(); this.customer = e.detail; delete this.errors.customer; this.requestUpdate(); }}></af-search-picker>
          ${this.fieldError('customer')}
        </div>
        <div class="field" data-field-input="manager">
          <span class="field-label">${t('projects.project.manager')}</span>
          <af-search-picker .testId=${'project-manager'} .value=${this.manager} .search=${searchEmployees} .label=${t('projects.project.manager')}
            .placeholder=${t('projects.project.managerDefault')} .invalid=${Boolean(this.errors.manager)}
            @pick=${(e) => { e.stopPropagation(); this.manager = e.detail; delete this.errors.manager; this.requestUpdate(); }}></af-search-picker>
          ${this.fieldError('manager')}
        </div>
        ${this.textField('startsOn', t('projects.project.startsOn'), { type: 'date', required: true })}
        ${this.textField('endsOn', t('projects.project.endsOn'), { type: 'date', required: true })}
        ${this.selectStatus()}
        <label class="field">
          <span class="field-label">${t('projects.project.dependencyRule')}</span>
          <select class="input select" data-test="project-form-dependencyRule" data-field-input="dependencyRule" .value=${this.values.dependencyRule}
            @change=${(e) => this.input('dependencyRule', e.target.value)}>
            ${['flexible', 'strict'].map((r) => html`<option value="${r}" ?selected=${r === this.values.dependencyRule}>${t(`projects.project.rule.${r}`)}</option>`)}
          </select>
          <span class="muted small">${t(`projects.project.rule.${this.values.dependencyRule}.hint`)}</span>
          ${this.fieldError('dependencyRule')}
        </label>
        <label class="field field-wide">
          <span class="field-label">${t('projects.project.description')}</span>
          <textarea class="input" rows="3" maxlength="10000" data-test="project-form-description" data-field-input="description"
            .value=${this.values.description} @input=${(e) => this.input('description', e.target.value)}></textarea>
          ${this.fieldError('description')}
        </label>
        ${this.membersField()}
        ${this.budgetField()}
      </div>
      ${this.actions(t('projects.project.create'))}
    </form>`;
  }

  selectStatus() {
    return html`<label class="field">
      <span class="field-label">${t('projects.project.status')}</span>
      <select class="input select" data-test="project-form-status" data-field-input="status" .value=${this.values.status}
        @change=${(e) => this.input('status', e.target.value)}>
        ${PROJECT_STATUSES.map((s) => html`<option value="${s}" ?selected=${s === this.values.status}>${t(`projects.project.status.${s}`)}</option>`)}
      </select>
      ${this.fieldError('status')}
    </label>`;
  }
}
AfProjectForm.define('af-project-form');
