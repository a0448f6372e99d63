// data-test: roles-page, roles-tab-permissions, roles-tab-scopes, roles-tab-roles, roles-new, roles-show-archived,
//            roles-focus (which role's column to show; phones only), roles-errors, roles-error (data-role, data-kind),
//            roles-errors-dismiss, roles-reset-confirm, roles-reset-yes, roles-reset-no, roles-save-bar, roles-save,
//            roles-discard, roles-load-error, roles-read-only (the parts' names are in their own files)
// Roles and permissions (角色与权限), #/roles?tab=permissions|scopes|roles — for holders of auth.role.read;
// changing anything needs auth.role.manage. GET /auth/roles and /auth/roles/catalog (and
// /org/departments for the chosen-departments picker).
// Ticks in the permission matrix and choices in the data-scope matrix are kept here as drafts per
// role until "Save changes (n roles)", which sends one PATCH per changed role with its version. A
// role someone else changed meanwhile (409) is reloaded as it is now, its draft dropped, and the
// user told; other refusals are listed per role and keep the draft. Role-level actions (new role,
// rename, two-factor, archive, reset to defaults) are saved at once.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { pageHeader } from '../../components/list-helpers.js';
import { tabBar } from '../../components/tabs.js';
import * as userRoles from '../users/roles.js';
import { ADMINISTRATOR, effective, patchBody, resourceLabel, roleLabel, tidy } from './role-text.js';

const TABS = ['permissions', 'scopes', 'roles'];
const PHONE = '(max-width: 719.98px)';

export class AfRolesPage extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.roles = null;
    this.catalog = null;
    this.loadError = null;
    this.departments = null;
    this.departmentsError = null;
    this.drafts = new Map(); // role id → { permissions?, scopes? }
    this.errors = new Map(); // role id → { kind: 'error' | 'stale', text }
    this.busy = new Set();
    this.saving = false;
    this.creating = false;
    this.showArchived = false;
    this.focusRole = null; // phones: the role whose column is shown ('' = all); null = the first one
    this.confirmReset = null; // role id
    this.scrollTo = null; // 'errors' | 'confirm'
  }

  connected() {
    this.media = matchMedia(PHONE);
    this.onMedia = () => this.requestUpdate();
    this.media.addEventListener('change', this.onMedia);
    this.onLeave = (event) => {
      if (!this.drafts.size) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', this.onLeave);
    this.reload();
  }

  disconnected() {
    this.media.removeEventListener('change', this.onMedia);
    window.removeEventListener('beforeunload', this.onLeave);
  }

  async load() {
    try {
      const [roles, catalog] = await Promise.all([api.get('/auth/roles'), api.get('/auth/roles/catalog')]);
      this.roles = roles;
      this.catalog = catalog;
      this.loadError = null;
      for (const [id, draft] of this.drafts) {
        const role = this.byId(id);
        const next = role && tidy(role, draft);
        if (next) this.drafts.set(id, next);
        else this.drafts.delete(id);
      }
    } catch (error) {
      this.loadError = error;
    }
    this.requestUpdate();
    if (!this.departments && this.roles) this.loadDepartments();
  }

  async loadDepartments() {
    try {
      this.departments = (await api.get('/org/departments')) ?? [];
      this.departmentsError = null;
    } catch (error) {
      this.departmentsError = error;
    }
    this.requestUpdate();
  }

  updated() {
    if (!this.scrollTo) return;
    const target = this.querySelector(`[data-test="roles-${this.scrollTo}"]`);
    this.scrollTo = null;
    target?.scrollIntoView({ block: 'nearest' });
    target?.querySelector('.btn-primary, .btn-danger')?.focus();
  }

  byId(id) {
    return this.roles?.find((r) => r.id === id);
  }

  tab() {
    return TABS.includes(this.query?.tab) ? this.query.tab : 'permissions';
  }

  phone() {
    return this.media?.matches ?? false;
  }

  // Put a role as the server answered into the list; its draft is kept where it still differs.
  replace(role) {
    this.roles = this.roles.some((r) => r.id === role.id) ? this.roles.map((r) => (r.id === role.id ? role : r)) : [...this.roles, role];
    const draft = tidy(role, this.drafts.get(role.id));
    if (draft) this.drafts.set(role.id, draft);
    else this.drafts.delete(role.id);
  }

  // The users pages keep their own copy of the roles (names, archived ones left out).
  rolesChanged() {
    userRoles.loadRoles?.(true)?.catch?.(() => {});
  }

  // --- local edits ---

  edit(roleId, change) {
    const role = this.byId(roleId);
    if (!role || this.saving) return;
    const draft = this.drafts.get(roleId) ?? {};
    const next = tidy(role, change(effective(role, draft), draft));
    if (next) this.drafts.set(roleId, next);
    else this.drafts.delete(roleId);
    this.errors.delete(roleId);
    this.requestUpdate();
  }

  toggle({ roleId, permission, on }) {
    this.edit(roleId, (after, draft) => {
      const set = new Set(after.permissions);
      if (on) set.add(permission);
      else set.delete(permission);
      return { ...draft, permissions: [...set] };
    });
  }

  scope({ roleId, resource, scope }) {
    this.edit(roleId, (after, draft) => ({ ...draft, scopes: { ...(draft.scopes ?? {}), [resource]: scope } }));
  }

  discard() {
    this.drafts.clear();
    this.errors.clear();
    this.requestUpdate();
  }

  // --- saving ---

  failed(role, error) {
    if (error.code === 'conflict.stale_version') {
      if (error.current) this.replace(error.current);
      else this.load();
      this.drafts.delete(role.id);
      this.errors.set(role.id, { kind: 'stale', text: t('roles.stale', { name: roleLabel(role) }) });
    } else {
      const text = error.fields?.length ? [...new Set(error.fields.map((f) => fieldErrorText(f)))].join(' ') : errorText(error);
      this.errors.set(role.id, { kind: 'error', text });
    }
    if (this.tab() !== 'roles') this.scrollTo = 'errors';
  }

  async saveOne(role, draft, resources) {
    try {
      const saved = await api.patch(`/auth/roles/${encodeURIComponent(role.id)}`, patchBody(role, draft, resources));
      this.drafts.delete(role.id);
      this.replace(saved);
      return true;
    } catch (error) {
      this.failed(role, error);
      return false;
    }
  }

  async save() {
    if (this.saving || !this.drafts.size) return;
    const resources = this.catalog.scopedResources.map((r) => r.key);
    const jobs = [];
    for (const [id, draft] of this.drafts) {
      const role = this.byId(id);
      const empty = Object.values(draft.scopes ?? {}).find((s) => s.level === 'departments' && !s.departmentIds?.length);
      if (empty) {
        this.errors.set(id, { kind: 'error', text: t('scope.departmentsRequired', { resource: resourceLabel(empty.resource) }) });
        this.scrollTo = 'errors';
        continue;
      }
      this.errors.delete(id);
      jobs.push(this.saveOne(role, draft, resources));
    }
    this.saving = true;
    this.requestUpdate();
    const results = await Promise.all(jobs);
    this.saving = false;
    const saved = results.filter(Boolean).length;
    if (saved) {
      notify(saved === 1 ? t('roles.saved.one') : t('roles.saved', { count: saved }), 'success');
      this.rolesChanged();
    }
    this.requestUpdate();
  }

  // A change to one role that is saved at once (two-factor, archive, restore, reset).
  async patchNow({ role, body, message }) {
    if (this.busy.has(role.id)) return;
    this.busy.add(role.id);
    this.errors.delete(role.id);
    this.requestUpdate();
    try {
      const saved = await api.patch(`/auth/roles/${encodeURIComponent(role.id)}`, { version: role.version, ...body });
      if (body.resetToDefaults) this.drafts.delete(role.id);
      this.replace(saved);
      notify(t(message, { name: roleLabel(saved) }), 'success');
      this.rolesChanged();
    } catch (error) {
      this.failed(role, error);
    }
    this.busy.delete(role.id);
    this.requestUpdate();
  }

  askReset(role) {
    this.confirmReset = role.id;
    this.scrollTo = 'reset-confirm';
    this.requestUpdate();
  }

  async reset() {
    const role = this.byId(this.confirmReset);
    this.confirmReset = null;
    if (role) await this.patchNow({ role, body: { resetToDefaults: true }, message: 'roles.resetDone' });
  }

  created(event) {
    event.stopPropagation();
    const role = event.detail;
    this.roles = [...this.roles, role];
    this.creating = false;
    if (this.phone()) this.focusRole = role.id;
    notify(t('roles.created', { name: roleLabel(role) }), 'success');
    this.rolesChanged();
    if (this.tab() === 'roles') navigate('/roles', {});
    this.requestUpdate();
    // After the matrix has drawn the new column (it renders after this page does).
    setTimeout(() => this.querySelector(`[data-test="matrix-role"][data-id="${role.id}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  }

  // --- view ---

  columns(roles) {
    let shown = roles.filter((r) => this.showArchived || !r.archived);
    if (this.phone()) {
      const focus = this.focusRole ?? shown.find((r) => r.key !== ADMINISTRATOR)?.id ?? '';
      if (focus && shown.some((r) => r.id === focus)) shown = shown.filter((r) => r.id === focus);
    }
    return shown.map((role) => {
      const draft = this.drafts.get(role.id) ?? null;
      return { role, draft, dirty: Boolean(draft), after: effective(role, draft) };
    });
  }

  focusSelect(roles) {
    const shown = roles.filter((r) => this.showArchived || !r.archived);
    const focus = this.focusRole ?? shown.find((r) => r.key !== ADMINISTRATOR)?.id ?? '';
    return html`
      <label class="filter filter-inline roles-focus">
        <span class="filter-label">${t('roles.show')}</span>
        <select class="input select" data-test="roles-focus" .value=${shown.some((r) => r.id === focus) ? focus : ''}
          @change=${(e) => { this.focusRole = e.target.value; this.requestUpdate(); }}>
          <option value="">${t('roles.allRoles')}</option>
          ${shown.map((r) => html`<option value="${r.id}">${roleLabel(r)}${this.drafts.has(r.id) ? ' •' : ''}</option>`)}
        </select>
      </label>`;
  }

  errorList() {
    if (!this.errors.size) return '';
    const items = [...this.errors].map(([id, e]) => ({ role: this.byId(id), ...e }));
    const stale = items.every((e) => e.kind === 'stale');
    return html`
      <div class="alert ${stale ? 'alert-warning' : 'alert-error'} roles-errors" role="alert" data-test="roles-errors">
        <ul class="roles-error-list">
          ${items.map((e) => html`
            <li data-test="roles-error" data-role="${e.role?.key ?? ''}" data-kind="${e.kind}">
              <strong>${roleLabel(e.role)}</strong>${t('roles.errorSeparator')}${e.text}
            </li>`)}
        </ul>
        <button type="button" class="btn btn-ghost btn-small roles-errors-dismiss" data-test="roles-errors-dismiss"
          aria-label="${t('common.close')}" @click=${() => { this.errors.clear(); this.requestUpdate(); }}>${icon('close')}</button>
      </div>`;
  }

  resetConfirm() {
    const role = this.byId(this.confirmReset);
    if (!role) return '';
    return html`
      <div class="alert alert-warning roles-confirm" role="alertdialog" aria-labelledby="roles-reset-text" data-test="roles-reset-confirm">
        <p id="roles-reset-text">${t('roles.resetConfirm', { name: roleLabel(role) })}</p>
        <div class="roles-confirm-actions">
          <button type="button" class="btn btn-ghost" data-test="roles-reset-no"
            @click=${() => { this.confirmReset = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
          <button type="button" class="btn btn-danger" data-test="roles-reset-yes" @click=${() => this.reset()}>${t('roles.reset')}</button>
        </div>
      </div>`;
  }

  saveBar() {
    const count = this.drafts.size;
    if (!count) return '';
    const names = [...this.drafts.keys()].map((id) => roleLabel(this.byId(id))).join(t('roles.listSeparator'));
    return html`
      <div class="save-bar" role="region" aria-label="${t('roles.unsaved')}" data-test="roles-save-bar">
        <div class="save-bar-text">
          <strong>${t('roles.unsaved')}</strong>
          <span class="muted small save-bar-names">${names}</span>
        </div>
        <div class="save-bar-actions">
          <button type="button" class="btn btn-ghost" data-test="roles-discard" ?disabled=${this.saving}
            @click=${() => this.discard()}>${t('roles.discard')}</button>
          <button type="button" class="btn btn-primary" data-test="roles-save" data-count="${count}" ?disabled=${this.saving}
            @click=${() => this.save()}>
            ${this.saving ? t('common.saving') : count === 1 ? t('roles.saveOne') : t('roles.saveMany', { count })}
          </button>
        </div>
      </div>`;
  }

  panel(tab, manage) {
    const roles = this.roles;
    switch (tab) {
      case 'scopes':
        return html`
          <div class="card matrix-card">
            <af-scope-matrix data-key="scopes" .columns=${this.columns(roles)} .catalog=${this.catalog} .departments=${this.departments}
              .departmentsError=${this.departmentsError} .manage=${manage} .disabled=${this.saving}
              @scope-change=${(e) => this.scope(e.detail)} @role-reset=${(e) => this.askReset(e.detail.role)}></af-scope-matrix>
          </div>`;
      case 'roles':
        return html`
          <af-role-list data-key="roles" .roles=${roles.filter((r) => this.showArchived || !r.archived)} .manage=${manage}
            .busy=${new Set(this.busy)} .errors=${new Map(this.errors)} @role-patch=${(e) => this.patchNow(e.detail)}
            @role-reset=${(e) => this.askReset(e.detail.role)}
            @role-changed=${(e) => { this.replace(e.detail); this.rolesChanged(); this.requestUpdate(); }}></af-role-list>`;
      default:
        return html`
          <div class="card matrix-card">
            <af-permission-matrix data-key="permissions" .columns=${this.columns(roles)} .catalog=${this.catalog}
              .manage=${manage} .disabled=${this.saving}
              @perm-toggle=${(e) => this.toggle(e.detail)} @role-reset=${(e) => this.askReset(e.detail.role)}></af-permission-matrix>
          </div>`;
    }
  }

  view() {
    const manage = can('auth.role.manage');
    const header = pageHeader(t('roles.title'), manage && this.roles ? html`
      <button type="button" class="btn btn-primary" data-test="roles-new" ?disabled=${this.creating}
        @click=${() => { this.creating = true; this.requestUpdate(); }}>${icon('plus')}<span>${t('roles.new')}</span></button>` : '');
    if (!this.roles) {
      return html`
        ${header}
        ${this.loadError ? html`
          <div class="alert alert-error" role="alert" data-test="roles-load-error">${errorText(this.loadError)}</div>
          <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`
          : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}`;
    }
    const tab = this.tab();
    const tabs = TABS.map((id) => ({ id, label: t(`roles.tab.${id}`), testId: `roles-tab-${id}` }));
    const archived = this.roles.filter((r) => r.archived).length;
    return html`
      <div class="roles-page ${manage && this.drafts.size ? 'has-changes' : ''}" data-test="roles-page">
        ${header}
        ${this.creating ? html`
          <div class="card card-pad section-gap-bottom">
            <af-role-create .roles=${this.roles} @created=${(e) => this.created(e)}
              @close=${(e) => { e.stopPropagation(); this.creating = false; this.requestUpdate(); }}></af-role-create>
          </div>` : ''}
        ${manage ? '' : html`<div class="alert alert-warning" data-test="roles-read-only">${t('roles.readOnly')}</div>`}
        ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="roles-load-error">${errorText(this.loadError)}</div>` : ''}
        ${this.resetConfirm()}
        ${tab === 'roles' ? '' : this.errorList()}
        ${tabBar(tabs, tab, (id) => navigate('/roles', id === 'permissions' ? {} : { tab: id }), t('roles.title'))}
        <div class="toolbar roles-toolbar">
          ${tab === 'roles' ? '' : html`<p class="muted roles-note">${t(tab === 'scopes' ? 'roles.scopesNote' : 'roles.permissionsNote')}</p>`}
          ${this.phone() && tab !== 'roles' ? this.focusSelect(this.roles) : ''}
          <label class="check">
            <input type="checkbox" data-test="roles-show-archived" .checked=${this.showArchived}
              @change=${(e) => { this.showArchived = e.target.checked; this.requestUpdate(); }}>
            <span>${t('roles.showArchived')}${archived ? ` (${archived})` : ''}</span>
          </label>
        </div>
        <div class="tab-panel" role="tabpanel" aria-label="${t(`roles.tab.${tab}`)}">${this.panel(tab, manage)}</div>
        ${manage ? this.saveBar() : ''}
      </div>`;
  }
}
AfRolesPage.define('af-roles-page');
