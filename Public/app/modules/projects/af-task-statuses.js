// data-test: task-statuses-page, status-row (data-status, data-builtin, data-archived), status-name, status-category,
//            status-edit, status-edit-name, status-edit-category, status-edit-position, status-save, status-cancel,
//            status-archive, status-restore, status-form, status-new-key, status-new-name, status-new-category,
//            status-new-position, status-add, status-error, status-readonly, field-error (data-field), back-link
// The company's task statuses (任务状态), #/projects/statuses (linked from the projects list for holders of
// projects.status.manage): GET /projects/task-statuses in position order. The four built-in ones are shown only; a company
// one is renamed, re-mapped onto another category, re-ordered (PATCH …/task-statuses/{key}) or archived and restored (tasks
// keep an archived status, it is no longer offered). A new one has a key, a name, the category it counts as and a position
// (POST). Archived ones are folded away below the others. After each change the page's status cache is read again, so the board's columns and a task's status chips
// include it.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { CATEGORIES, loadStatuses, statusName, fieldErrors } from './project-format.js';

const EMPTY = { key: '', name: '', category: 'in_progress', position: '' };

export class AfTaskStatuses extends AfElement {
  constructor() {
    super();
    this.list = null;
    this.error = null;
    this.draft = { ...EMPTY };
    this.errors = {};
    this.editing = null;
    this.edit = null;
    this.editErrors = {};
    this.busy = false;
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.list = await loadStatuses(true);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  manager() {
    return can('projects.status.manage');
  }

  // A refusal: field errors beside their fields, anything else above the list.
  refused(error, target) {
    const fields = fieldErrors(error);
    if (Object.keys(fields).length) this[target] = fields;
    else this.error = error;
  }

  async add(event) {
    event.preventDefault();
    if (this.busy) return;
    const d = this.draft;
    const errors = {};
    if (!/^[a-z][a-z0-9_]{1,29}$/.test(d.key.trim())) errors.key = { code: 'projects.status.key', message: t('projects.statuses.keyHint') };
    if (!d.name.trim()) errors.name = { code: 'field.required' };
    this.errors = errors;
    if (Object.keys(errors).length) return this.requestUpdate();
    const body = { key: d.key.trim(), name: d.name.trim(), category: d.category };
    if (String(d.position).trim() !== '') body.position = Number(d.position);
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const status = await api.post('/projects/task-statuses', body);
      notify(t('projects.statuses.added', { name: status.name }), 'success');
      this.draft = { ...EMPTY };
      await this.load();
    } catch (error) {
      this.refused(error, 'errors');
    }
    this.busy = false;
    this.requestUpdate();
  }

  startEdit(s) {
    this.editing = s.key;
    this.edit = { name: s.name, category: s.category, position: String(s.position) };
    this.editErrors = {};
    this.requestUpdate();
  }

  async change(s, body, message) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const saved = await api.patch(`/projects/task-statuses/${encodeURIComponent(s.key)}`, body);
      notify(t(message, { name: saved.name }), 'success');
      this.editing = null;
      await this.load();
    } catch (error) {
      this.refused(error, 'editErrors');
    }
    this.busy = false;
    this.requestUpdate();
  }

  saveEdit(event, s) {
    event.preventDefault();
    const e = this.edit;
    const body = {};
    if (e.name.trim() !== s.name) body.name = e.name.trim();
    if (e.category !== s.category) body.category = e.category;
    if (String(e.position).trim() !== String(s.position)) body.position = Number(e.position);
    if (!e.name.trim()) {
      this.editErrors = { name: { code: 'field.required' } };
      return this.requestUpdate();
    }
    if (!Object.keys(body).length) {
      this.editing = null;
      return this.requestUpdate();
    }
    this.change(s, body, 'projects.statuses.saved');
  }

  fieldError(errors, name) {
    const e = errors[name];
    return e ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(e)}</span>` : '';
  }

  categorySelect(value, testId, onChange) {
    return html`<select class="input select" data-test="${testId}" @change=${(e) => onChange(e.target.value)}>
      ${CATEGORIES.map((c) => html`<option value="${c}" data-key="${c}" ?selected=${c === value}>${t(`projects.task.category.${c}`)}</option>`)}
    </select>`;
  }

  editForm(s) {
    const e = this.edit;
    const set = (name, value) => { this.edit = { ...this.edit, [name]: value }; this.requestUpdate(); };
    return html`<form class="pj-status-edit" data-test="status-edit-form" novalidate @submit=${(ev) => this.saveEdit(ev, s)}>
      <label class="field"><span class="field-label">${t('projects.statuses.name')}</span>
        <input class="input ${this.editErrors.name ? 'is-invalid' : ''}" maxlength="40" data-test="status-edit-name" .value=${e.name}
          @input=${(ev) => set('name', ev.target.value)}>${this.fieldError(this.editErrors, 'name')}</label>
      <label class="field"><span class="field-label">${t('projects.statuses.category')}</span>
        ${this.categorySelect(e.category, 'status-edit-category', (v) => set('category', v))}${this.fieldError(this.editErrors, 'category')}</label>
      <label class="field"><span class="field-label">${t('projects.statuses.position')}</span>
        <input class="input" type="number" min="0" max="10000" inputmode="numeric" data-test="status-edit-position" .value=${e.position}
          @input=${(ev) => set('position', ev.target.value)}>${this.fieldError(this.editErrors, 'position')}</label>
      <div class="pj-row-actions">
        <button type="submit" class="btn btn-primary btn-small" data-test="status-save" ?disabled=${this.busy}>${t('common.save')}</button>
        <button type="button" class="btn btn-ghost btn-small" data-test="status-cancel" @click=${() => { this.editing = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  row(s) {
    const manager = this.manager();
    return html`<li class="pj-status-row ${s.archived ? 'is-archived' : ''}" data-test="status-row" data-status="${s.key}" data-key="${s.key}"
      data-builtin="${s.builtIn ? 'true' : 'false'}" data-archived="${s.archived ? 'true' : 'false'}">
      <span class="pj-status-name" data-test="status-name">${statusName(s.key, this.list)}</span>
      <span class="pj-status-key">${s.key}</span>
      <span class="badge pj-status pj-cat-${s.category}" data-test="status-category" data-category="${s.category}">${t(`projects.task.category.${s.category}`)}</span>
      <span class="muted small pj-status-pos">${s.position}</span>
      <span class="pj-row-actions">
        ${s.builtIn ? html`<span class="badge badge-muted">${t('projects.statuses.builtIn')}</span>` : ''}
        ${s.archived ? html`<span class="badge badge-inactive">${t('projects.statuses.archived')}</span>` : ''}
        ${!s.builtIn && manager ? html`
          <button type="button" class="btn btn-ghost btn-small" data-test="status-edit" ?disabled=${this.busy} @click=${() => this.startEdit(s)}>${t('projects.statuses.edit')}</button>
          ${s.archived
            ? html`<button type="button" class="btn btn-ghost btn-small" data-test="status-restore" ?disabled=${this.busy}
                @click=${() => this.change(s, { archived: false }, 'projects.statuses.saved')}>${t('projects.statuses.restore')}</button>`
            : html`<button type="button" class="btn btn-ghost btn-small" data-test="status-archive" ?disabled=${this.busy}
                @click=${() => this.change(s, { archived: true }, 'projects.statuses.archivedNote')}>${t('projects.statuses.archive')}</button>`}` : ''}
      </span>
      ${this.editing === s.key ? this.editForm(s) : ''}
    </li>`;
  }

  addForm() {
    const d = this.draft;
    const set = (name, value) => { this.draft = { ...this.draft, [name]: value }; delete this.errors[name]; this.requestUpdate(); };
    return html`<form class="card card-pad section-gap" data-test="status-form" novalidate @submit=${(e) => this.add(e)}>
      <h2 class="section-title">${t('projects.statuses.new')}</h2>
      <div class="pj-status-form">
        <label class="field"><span class="field-label">${t('projects.statuses.name')}</span>
          <input class="input ${this.errors.name ? 'is-invalid' : ''}" maxlength="40" data-test="status-new-name" .value=${d.name}
            @input=${(e) => set('name', e.target.value)}>${this.fieldError(this.errors, 'name')}</label>
        <label class="field"><span class="field-label">${t('projects.statuses.key')}</span>
          <input class="input ${this.errors.key ? 'is-invalid' : ''}" maxlength="30" autocapitalize="off" autocomplete="off" spellcheck="false"
            data-test="status-new-key" .value=${d.key} @input=${(e) => set('key', e.target.value)}>
          ${this.errors.key ? this.fieldError(this.errors, 'key') : html`<span class="muted small">${t('projects.statuses.keyHint')}</span>`}</label>
        <label class="field"><span class="field-label">${t('projects.statuses.category')}</span>
          ${this.categorySelect(d.category, 'status-new-category', (v) => set('category', v))}${this.fieldError(this.errors, 'category')}</label>
        <label class="field"><span class="field-label">${t('projects.statuses.position')}</span>
          <input class="input" type="number" min="0" max="10000" inputmode="numeric" data-test="status-new-position" .value=${d.position}
            @input=${(e) => set('position', e.target.value)}>
          ${this.errors.position ? this.fieldError(this.errors, 'position') : html`<span class="muted small">${t('projects.statuses.positionHint')}</span>`}</label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-test="status-add" ?disabled=${this.busy}>${icon('plus')}<span>${t('projects.statuses.add')}</span></button>
        </div>
      </div>
    </form>`;
  }

  // Archived statuses (tasks keep them; they are no longer offered), folded away below the others.
  archivedList() {
    const archived = (this.list ?? []).filter((s) => s.archived);
    if (!archived.length) return '';
    return html`<details class="card card-pad section-gap pj-status-archived" data-test="status-archived" ?open=${archived.some((s) => s.key === this.editing)}>
      <summary>${t('projects.statuses.archived')} <span class="badge badge-muted">${archived.length}</span></summary>
      <ul class="pj-status-rows">${archived.map((s) => this.row(s))}</ul>
    </details>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/projects')}" data-test="back-link">${icon('back')}<span>${t('projects.statuses.backToProjects')}</span></a>`;
    return html`${back}<div class="pj-task-statuses" data-test="task-statuses-page">
      <div class="page-header"><h1 class="page-title">${t('projects.statuses')}</h1></div>
      <p class="muted">${t('projects.statuses.intro')}</p>
      ${this.manager() ? '' : html`<div class="alert alert-info" data-test="status-readonly">${t('projects.statuses.readOnly')}</div>`}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="status-error">${errorText(this.error)}</div>` : ''}
      <section class="card card-pad">
        ${this.list ? html`<ul class="pj-status-rows">${this.list.filter((s) => !s.archived).map((s) => this.row(s))}</ul>`
          : this.error ? '' : html`<p><span class="spinner"></span> ${t('common.loading')}</p>`}
      </section>
      ${this.manager() ? this.addForm() : ''}
      ${this.archivedList()}
    </div>`;
  }
}
AfTaskStatuses.define('af-task-statuses');
