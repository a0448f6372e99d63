// data-test: employee-form, employee-form-name, employee-form-title, employee-form-department, employee-form-manager (picker),
//            employee-form-position, employee-form-site, employee-form-nationalId, employee-form-bankAccount,
//            employee-form-personalPhone, employee-form-homeAddress, employee-form-salary, employee-form-hourlyCost, employee-form-save,
//            employee-form-cancel, employee-form-error, employee-form-stale, field-error (data-field = the form field)
// Edit an employee: PATCH /org/employees/{id} with the version read and only what changed (a removed
// department, manager, position or site sends clear…: true). The sensitive HR fields are editable only for
// holders of org.employee.sensitive.write who also see them in full; an emptied one clears it. The salary is
// sent as the text typed, in the company's currency. Field errors (org.employee.manager_cycle,
// number.too_many_decimals, …) show at their field; a 409 reloads the employee as it is now.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can, getUser } from '../../core/store.js';
import { AfRecordForm } from '../../components/record-form.js';
import { choices, searchEmployees } from './dept-tree.js';

export const SENSITIVE = ['nationalId', 'bankAccount', 'personalPhone', 'homeAddress', 'salary', 'hourlyCost'];
const LINKS = { department: 'departmentId', position: 'positionId', site: 'siteId' };
const CLEAR = { department: 'clearDepartment', manager: 'clearManager', position: 'clearPosition', site: 'clearSite' };

export class AfEmployeeForm extends AfRecordForm {
  static prefix = 'employee';
  static fieldMap = {
    name: 'name', title: 'title', departmentId: 'department', clearDepartment: 'department', managerId: 'manager', clearManager: 'manager',
    positionId: 'position', clearPosition: 'position', siteId: 'site', clearSite: 'site',
    ...Object.fromEntries(SENSITIVE.map((f) => [f, f])),
  };

  constructor() {
    super();
    this.departments = [];
    this.positions = [];
    this.sites = [];
  }

  connected() {
    super.connected();
    Promise.all([api.get('/org/departments'), api.get('/org/positions'), api.get('/org/sites')])
      .then(([departments, positions, sites]) => {
        this.departments = departments ?? [];
        this.positions = positions ?? [];
        this.sites = sites ?? [];
        this.requestUpdate();
      })
      .catch((error) => { this.error = error; this.requestUpdate(); });
  }

  path() {
    return '/org/employees';
  }

  editsSensitive() {
    return Boolean(this.record?.sensitive?.revealed) && can('org.employee.sensitive.write');
  }

  fill(e) {
    const s = e?.sensitive ?? {};
    return {
      name: e?.name ?? '', title: e?.title ?? '', department: e?.departmentId ?? '', position: e?.positionId ?? '', site: e?.siteId ?? '',
      manager: e?.managerId ? { id: e.managerId, label: e.managerName ?? '' } : null,
      ...Object.fromEntries(SENSITIVE.map((f) => [f, s.revealed ? s[f] ?? '' : ''])),
    };
  }

  localErrors() {
    return this.values.name.trim() ? {} : { name: { code: 'field.required' } };
  }

  body() {
    const e = this.record;
    const v = this.values;
    const body = { version: e.version };
    const name = v.name.trim();
    if (name !== e.name) body.name = name;
    if (v.title.trim() !== (e.title ?? '')) body.title = v.title.trim();
    for (const [field, key] of Object.entries(LINKS)) {
      if (v[field] === (e[key] ?? '')) continue;
      if (v[field]) body[key] = v[field];
      else body[CLEAR[field]] = true;
    }
    if ((v.manager?.id ?? null) !== (e.managerId ?? null)) {
      if (v.manager) body.managerId = v.manager.id;
      else body.clearManager = true;
    }
    if (this.editsSensitive()) {
      for (const f of SENSITIVE) {
        const value = (v[f] ?? '').trim();
        if (value !== (e.sensitive[f] ?? '')) body[f] = value;
      }
    }
    return Object.keys(body).length > 1 ? body : null;
  }

  // Current choices, plus the employee's own archived one so the select can show it.
  options(list, current) {
    return list.filter((i) => !i.archived || i.id === current).map((i) => ({ id: i.id, label: i.name }));
  }

  sensitiveFields() {
    if (!this.editsSensitive()) return '';
    const currency = this.record.sensitive.salaryCurrency ?? getUser()?.tenant?.currency ?? '';
    return html`
      <fieldset class="employee-sensitive-fields" data-test="employee-form-sensitive">
        <legend class="field-label">${t('org.emp.sensitiveTitle')}</legend>
        <div class="dept-form-grid">
          ${this.textField('nationalId', t('org.emp.nationalId'), { maxlength: 50 })}
          ${this.textField('bankAccount', t('org.emp.bankAccount'), { maxlength: 50 })}
          ${this.textField('personalPhone', t('org.emp.personalPhone'), { maxlength: 50, type: 'tel', inputmode: 'tel' })}
          ${this.textField('salary', t('org.emp.salary'), { maxlength: 24, inputmode: 'decimal', suffix: currency, className: 'input-num' })}
          ${this.textField('hourlyCost', t('org.emp.hourlyCost'), { maxlength: 24, inputmode: 'decimal', suffix: t('org.emp.perHour', { currency }), className: 'input-num' })}
          <label class="field field-wide">
            <span class="field-label">${t('org.emp.homeAddress')}</span>
            <textarea class="input ${this.errors.homeAddress ? 'is-invalid' : ''}" rows="2" maxlength="500" data-test="employee-form-homeAddress"
              data-field-input="homeAddress" aria-invalid="${this.invalid('homeAddress')}" aria-describedby="${this.errorId('homeAddress')}"
              .value=${this.values.homeAddress ?? ''} @input=${(e) => this.input('homeAddress', e.target.value)}></textarea>
            ${this.fieldError('homeAddress')}
          </label>
        </div>
      </fieldset>`;
  }

  view() {
    const e = this.record;
    if (!e) return '';
    const title = t('org.emp.editTitle', { name: e.name });
    const departments = choices(this.departments).concat(
      this.departments.filter((d) => d.archived && d.id === e.departmentId).map((d) => ({ id: d.id, label: d.name })));
    return html`
      <form class="dept-form employee-form" novalidate data-test="employee-form" aria-label="${title}" @submit=${(ev) => this.submit(ev)}>
        <h2 class="section-title">${title}</h2>
        ${this.alerts()}
        <div class="dept-form-grid">
          ${this.textField('name', t('org.emp.name'), { required: true })}
          ${this.textField('title', t('org.emp.title'))}
          ${this.selectField('department', t('org.emp.department'), departments, t('org.emp.noDepartment'))}
          <div class="field">
            <span class="field-label">${t('org.emp.manager')}</span>
            <af-search-picker class="${this.errors.manager ? 'is-invalid' : ''}" data-field-input="manager" .testId=${'employee-form-manager'}
              .value=${this.values.manager} .search=${(q) => searchEmployees(q)} .invalid=${Boolean(this.errors.manager)}
              .label=${t('org.emp.manager')} .placeholder=${t('org.emp.noManager')}
              @pick=${(ev) => this.input('manager', ev.detail)}></af-search-picker>
            ${this.fieldError('manager')}
          </div>
          ${this.selectField('position', t('org.emp.position'), this.options(this.positions, e.positionId), t('org.emp.noPosition'))}
          ${this.selectField('site', t('org.emp.site'), this.options(this.sites, e.siteId), t('org.emp.noSite'))}
        </div>
        ${this.sensitiveFields()}
        ${this.actions(t('common.save'))}
      </form>`;
  }
}
AfEmployeeForm.define('af-employee-form');
