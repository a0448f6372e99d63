// data-test: scope-matrix, scope-row (data-resource), scope-cell (select; data-role = role key, data-resource),
//            scope-departments (data-role, data-resource: the chosen names, opens the picker), scope-picker,
//            scope-picker-title, scope-picker-done (the picker's own names are in af-department-picker.js)
// The data-scope matrix (数据范围): one row per scoped resource (customers, sales orders), one column per
// role, each cell a choice of own / department / department and below / chosen departments / all.
// "Chosen departments" opens a department picker under the table for that cell; the cell then
// lists the chosen names. Emits `scope-change` {roleId, resource, scope} and `role-reset` {role}.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { ADMINISTRATOR, levelLabel, resourceLabel, roleLabel, sameScope, scopeOf } from './role-text.js';
import { roleHeading } from './role-column.js';

export class AfScopeMatrix extends AfElement {
  static properties = ['columns', 'catalog', 'departments', 'departmentsError', 'manage', 'disabled'];

  constructor() {
    super();
    this.picking = null; // { roleId, resource }
    this.focusPicker = false;
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  updated() {
    if (this.picking && !this.columns?.some((c) => c.role.id === this.picking.roleId)) {
      this.picking = null;
      this.requestUpdate();
    }
    if (!this.focusPicker) return;
    this.focusPicker = false;
    const panel = this.querySelector('[data-test="scope-picker"]');
    panel?.scrollIntoView({ block: 'nearest' });
    (panel?.querySelector('input:not([disabled])') ?? panel?.querySelector('button'))?.focus();
  }

  open(roleId, resource) {
    const same = this.picking?.roleId === roleId && this.picking?.resource === resource;
    this.picking = same ? null : { roleId, resource };
    this.focusPicker = !same;
    this.requestUpdate();
  }

  close() {
    const { roleId, resource } = this.picking;
    this.picking = null;
    this.requestUpdate();
    queueMicrotask(() => this.querySelector(`[data-test="scope-departments"][data-id="${roleId}"][data-resource="${resource}"]`)?.focus());
  }

  choose(role, after, resource, level) {
    const before = scopeOf(after, resource);
    const scope = level === 'departments'
      ? { resource, level, departmentIds: before.departmentIds ?? scopeOf(role, resource).departmentIds ?? [] }
      : { resource, level };
    this.emit('scope-change', { roleId: role.id, resource, scope });
    if (level === 'departments') {
      this.picking = { roleId: role.id, resource };
      this.focusPicker = true;
    } else if (this.picking?.roleId === role.id && this.picking?.resource === resource) {
      this.picking = null;
    }
    this.requestUpdate();
  }

  names(ids) {
    if (!ids?.length) return '';
    const byId = new Map((this.departments ?? []).map((d) => [d.id, d.name]));
    if (!this.departments) return t('scope.departmentCount', { count: ids.length });
    return ids.map((id) => byId.get(id) ?? t('scope.unknownDepartment')).sort((a, b) => a.localeCompare(b)).join(t('roles.listSeparator'));
  }

  cell(column, resource, levels) {
    const { role, after, draft } = column;
    const scope = scopeOf(after, resource);
    const changed = Boolean(draft?.scopes?.[resource]) && !sameScope(scope, scopeOf(role, resource));
    const admin = role.key === ADMINISTRATOR;
    const locked = admin || !role.editable || role.archived || !this.manage || this.disabled;
    const label = `${roleLabel(role)}: ${resourceLabel(resource)}`;
    const open = this.picking?.roleId === role.id && this.picking?.resource === resource;
    const chosen = this.names(scope.departmentIds);
    return html`
      <td class="matrix-cell scope-cell ${changed ? 'is-changed' : ''}" title="${admin ? t('roles.adminAlways') : ''}">
        <select class="input select scope-select" data-test="scope-cell" data-role="${role.key}" data-resource="${resource}"
          aria-label="${label}" .value=${scope.level} ?disabled=${locked}
          @change=${(e) => this.choose(role, after, resource, e.target.value)}>
          ${levels.map((level) => html`<option value="${level}">${levelLabel(level)}</option>`)}
        </select>
        ${scope.level === 'departments' ? html`
          <button type="button" class="btn-link scope-departments ${chosen ? '' : 'is-empty'}" data-test="scope-departments"
            data-role="${role.key}" data-id="${role.id}" data-resource="${resource}" aria-expanded="${open ? 'true' : 'false'}"
            aria-label="${t('scope.chooseDepartments')}: ${label}" ?disabled=${locked}
            @click=${() => this.open(role.id, resource)}>${chosen || t('scope.noDepartments')}</button>` : ''}
        ${changed ? html`<span class="visually-hidden">${t('roles.changed')}</span>` : ''}
      </td>`;
  }

  picker() {
    const column = this.columns?.find((c) => c.role.id === this.picking?.roleId);
    if (!column) return '';
    const { resource } = this.picking;
    const scope = scopeOf(column.after, resource);
    if (scope.level !== 'departments') return '';
    const title = t('scope.pickerTitle', { role: roleLabel(column.role), resource: resourceLabel(resource) });
    return html`
      <section class="scope-picker" data-test="scope-picker" aria-labelledby="scope-picker-title">
        <h3 class="scope-picker-title" id="scope-picker-title" data-test="scope-picker-title">${title}</h3>
        <p class="muted small scope-picker-note">${t('scope.pickerNote')}</p>
        ${this.departmentsError ? html`<div class="alert alert-error" role="alert">${errorText(this.departmentsError)}</div>` : ''}
        <af-department-picker .departments=${this.departments} .selected=${scope.departmentIds ?? []} .label=${title}
          @departments-change=${(e) => this.emit('scope-change', {
            roleId: column.role.id, resource, scope: { resource, level: 'departments', departmentIds: e.detail.ids } })}></af-department-picker>
        ${(scope.departmentIds ?? []).length ? '' : html`<p class="field-error" data-test="scope-picker-empty">${t('scope.departmentsRequired', { resource: resourceLabel(resource) })}</p>`}
        <div class="scope-picker-actions">
          <button type="button" class="btn btn-secondary" data-test="scope-picker-done" @click=${() => this.close()}>${t('scope.done')}</button>
        </div>
      </section>`;
  }

  view() {
    const columns = this.columns ?? [];
    const resources = this.catalog?.scopedResources ?? [];
    const levels = this.catalog?.levels ?? [];
    const onReset = (role) => this.emit('role-reset', { role });
    return html`
      <div class="matrix-scroll" role="region" tabindex="0" aria-label="${t('roles.tab.scopes')}" data-test="scope-matrix">
        <table class="table matrix scope-matrix">
          <thead>
            <tr>
              <th scope="col" class="matrix-label matrix-corner">${t('roles.resource')}</th>
              ${columns.map((col) => roleHeading(col, { manage: this.manage, onReset }))}
            </tr>
          </thead>
          <tbody>
            ${resources.map((r) => html`
              <tr data-test="scope-row" data-key="${r.key}" data-resource="${r.key}">
                <th scope="row" class="matrix-label">
                  <span class="matrix-perm">${resourceLabel(r.key)}</span>
                  <code class="matrix-key">${r.key}</code>
                </th>
                ${columns.map((col) => this.cell(col, r.key, levels))}
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${this.picker()}`;
  }
}
AfScopeMatrix.define('af-scope-matrix');
