// data-test: dept-tree, dept-node (data-id = department id), dept-name, dept-head, dept-members, dept-add,
//            dept-add-child, dept-edit, dept-archive, dept-restore, dept-node-error, dept-show-archived,
//            dept-load-error (the form's names are in af-department-form.js)
// Departments as a tree (GET /org/departments, flat; parentId links). Holders of
// org.department.manage add (top level or under a department), edit (rename, move, head) and
// archive or restore; a department with people or sub-departments cannot be archived
// (422 org.department.not_empty, shown at that department).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { buildTree } from './dept-tree.js';

export class AfDepartmentTree extends AfElement {
  constructor() {
    super();
    this.departments = null;
    this.loadError = null;
    this.showArchived = false;
    this.form = null; // { mode: 'add', parentId } | { mode: 'edit', id }
    this.nodeErrors = {};
    this.busy = new Set();
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  async load() {
    const seq = ++this.seq;
    try {
      const departments = await api.get('/org/departments');
      if (seq !== this.seq) return;
      this.departments = departments ?? [];
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  open(form) {
    this.form = form;
    this.nodeErrors = {};
    this.requestUpdate();
  }

  close() {
    this.form = null;
    this.requestUpdate();
  }

  saved(event, created) {
    event.stopPropagation();
    notify(t(created ? 'org.dept.added' : 'org.dept.saved', { name: event.detail.name }), 'success');
    this.form = null;
    this.load();
  }

  async setArchived(dept, archived) {
    if (this.busy.has(dept.id)) return;
    this.busy.add(dept.id);
    this.nodeErrors = {};
    this.requestUpdate();
    try {
      await api.patch(`/org/departments/${encodeURIComponent(dept.id)}`, { version: dept.version, archived });
      notify(t(archived ? 'org.dept.archived' : 'org.dept.restored', { name: dept.name }), 'success');
      if (archived && this.form?.id === dept.id) this.form = null;
    } catch (error) {
      if (error.code === 'conflict.stale_version') this.nodeErrors[dept.id] = { key: 'org.dept.staleReloaded' };
      else this.nodeErrors[dept.id] = error.fields?.[0] ?? { error };
    }
    this.busy.delete(dept.id);
    await this.load();
  }

  nodeError(id) {
    const e = this.nodeErrors[id];
    if (!e) return '';
    const text = e.key ? t(e.key) : e.error ? errorText(e.error) : fieldErrorText(e);
    return html`<div class="alert alert-error dept-node-error" role="alert" data-test="dept-node-error">${text}</div>`;
  }

  formFor(mode, dept) {
    const editing = mode === 'edit';
    return html`
      <div class="dept-form-wrap">
        <af-department-form .departments=${this.departments} .department=${editing ? dept : null}
          .parentId=${editing ? undefined : dept?.id ?? ''}
          @saved=${(e) => this.saved(e, !editing)} @cancel=${(e) => { e.stopPropagation(); this.close(); }}
          @stale=${(e) => { e.stopPropagation(); this.load(); }}></af-department-form>
      </div>`;
  }

  actions(d) {
    const busy = this.busy.has(d.id);
    return html`
      <div class="dept-actions">
        ${d.archived ? html`
          <button type="button" class="btn btn-ghost btn-small" data-test="dept-restore" ?disabled=${busy}
            @click=${() => this.setArchived(d, false)}>${t('org.dept.restore')}</button>` : html`
          <button type="button" class="btn btn-ghost btn-small" data-test="dept-edit" aria-label="${t('org.dept.edit')}: ${d.name}"
            @click=${() => this.open({ mode: 'edit', id: d.id })}>${icon('edit')}<span>${t('org.dept.edit')}</span></button>
          <button type="button" class="btn btn-ghost btn-small" data-test="dept-add-child" aria-label="${t('org.dept.addChild')}: ${d.name}"
            @click=${() => this.open({ mode: 'add', parentId: d.id })}>${icon('plus')}<span>${t('org.dept.addChildShort')}</span></button>
          <button type="button" class="btn btn-ghost btn-small" data-test="dept-archive" ?disabled=${busy} aria-label="${t('org.dept.archive')}: ${d.name}"
            @click=${() => this.setArchived(d, true)}>${icon('archive')}<span>${t('org.dept.archive')}</span></button>`}
      </div>`;
  }

  node({ dept: d, children }, manage) {
    const form = this.form;
    return html`
      <li class="dept-node ${d.archived ? 'is-archived' : ''}" data-key="${d.id}" data-test="dept-node" data-id="${d.id}">
        <div class="dept-row">
          <div class="dept-main">
            <div class="dept-title">
              <strong data-test="dept-name">${d.name}</strong>
              ${d.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
            </div>
            <div class="muted small dept-meta">
              <span data-test="dept-head">${d.headName ? t('org.dept.headIs', { name: d.headName }) : t('org.dept.noHead')}</span>
              <span data-test="dept-members">${d.memberCount === 1 ? t('org.dept.memberOne') : t('org.dept.members', { count: d.memberCount ?? 0 })}</span>
            </div>
          </div>
          ${manage ? this.actions(d) : ''}
        </div>
        ${this.nodeError(d.id)}
        ${manage && form?.mode === 'edit' && form.id === d.id ? this.formFor('edit', d) : ''}
        ${manage && form?.mode === 'add' && form.parentId === d.id ? this.formFor('add', d) : ''}
        ${children.length ? html`<ul class="dept-tree-children">${children.map((c) => this.node(c, manage))}</ul>` : ''}
      </li>`;
  }

  view() {
    const manage = can('org.department.manage');
    if (this.loadError && !this.departments) {
      return html`
        <div class="alert alert-error" role="alert" data-test="dept-load-error">${errorText(this.loadError)}</div>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`;
    }
    if (!this.departments) return html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const tree = buildTree(this.departments, { archived: this.showArchived });
    const archivedCount = this.departments.filter((d) => d.archived).length;
    return html`
      <div class="toolbar dept-toolbar">
        ${manage ? html`
          <button type="button" class="btn btn-primary" data-test="dept-add"
            @click=${() => this.open({ mode: 'add', parentId: '' })}>${icon('plus')}<span>${t('org.dept.add')}</span></button>` : ''}
        <label class="check">
          <input type="checkbox" data-test="dept-show-archived" .checked=${this.showArchived}
            @change=${(e) => { this.showArchived = e.target.checked; this.requestUpdate(); }}>
          <span>${t('org.dept.showArchived')}${archivedCount ? ` (${archivedCount})` : ''}</span>
        </label>
      </div>
      ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="dept-load-error">${errorText(this.loadError)}</div>` : ''}
      ${manage && this.form?.mode === 'add' && !this.form.parentId ? html`<div class="card card-pad section-gap-bottom">${this.formFor('add', null)}</div>` : ''}
      <div class="card card-pad">
        ${tree.length ? html`<ul class="dept-tree" data-test="dept-tree">${tree.map((n) => this.node(n, manage))}</ul>`
          : html`<p class="muted" data-test="empty-list">${t('org.dept.none')}</p>`}
      </div>`;
  }
}
AfDepartmentTree.define('af-department-tree');
