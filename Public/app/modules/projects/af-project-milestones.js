// data-test: milestones, milestone-row (data-id, data-state), milestone-name, milestone-due, milestone-done (checkbox),
//            milestone-edit, milestone-delete, milestone-form, milestone-form-name, milestone-form-dueOn, milestone-form-save,
//            milestone-form-cancel, milestone-add, milestone-error
// A project's milestones (里程碑): name, due day, owner, tasks done of tied tasks and state (open, done, late). Managers
// add one, rename or move it, tick it done (doneOn today; unticked reopens) and delete it. Each change answers the
// milestone; the page is told (`changed`) so health and the Gantt follow.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { localToday, fieldErrors } from './project-format.js';

export class AfProjectMilestones extends AfElement {
  static properties = ['project'];

  constructor() {
    super();
    this.editing = null; // { id?, name, dueOn, version?, errors, busy }
    this.error = null;
    this.key = uuid();
  }

  base() {
    return `/projects/projects/${encodeURIComponent(this.project.id)}/milestones`;
  }

  changedProject() {
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
  }

  async save(event) {
    event.preventDefault();
    const e = this.editing;
    if (!e || e.busy) return;
    e.errors = {};
    if (!e.name.trim()) e.errors.name = { code: 'field.required' };
    if (!e.dueOn) e.errors.dueOn = { code: 'field.required' };
    if (Object.keys(e.errors).length) {
      this.requestUpdate();
      return;
    }
    e.busy = true;
    this.requestUpdate();
    try {
      if (e.id) await api.patch(`${this.base()}/${encodeURIComponent(e.id)}`, { name: e.name.trim(), dueOn: e.dueOn, version: e.version });
      else await api.post(this.base(), { name: e.name.trim(), dueOn: e.dueOn }, { 'Idempotency-Key': this.key });
      this.key = uuid();
      this.editing = null;
      this.changedProject();
    } catch (error) {
      e.busy = false;
      e.errors = fieldErrors(error);
      if (!Object.keys(e.errors).length) e.error = error;
    }
    this.requestUpdate();
  }

  async done(m, on) {
    this.error = null;
    try {
      await api.patch(`${this.base()}/${encodeURIComponent(m.id)}`, { doneOn: on ? localToday() : '', version: m.version });
      this.changedProject();
    } catch (error) {
      this.error = error;
      if (error.status === 409) this.changedProject();
    }
    this.requestUpdate();
  }

  async delete(m) {
    this.error = null;
    try {
      await api.delete(`${this.base()}/${encodeURIComponent(m.id)}`);
      this.changedProject();
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  form() {
    const e = this.editing;
    const err = (name) => (e.errors?.[name] ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(e.errors[name])}</span>` : '');
    return html`<form class="pj-milestone-form" data-test="milestone-form" novalidate @submit=${(ev) => this.save(ev)}>
      <label class="field"><span class="field-label">${t('projects.milestone.name')}</span>
        <input class="input" maxlength="120" data-test="milestone-form-name" .value=${e.name} @input=${(ev) => { e.name = ev.target.value; }}>${err('name')}</label>
      <label class="field"><span class="field-label">${t('projects.milestone.dueOn')}</span>
        <input class="input" type="date" data-test="milestone-form-dueOn" .value=${e.dueOn} @input=${(ev) => { e.dueOn = ev.target.value; }}>${err('dueOn')}</label>
      <div class="form-actions">
        <button type="button" class="btn btn-ghost" data-test="milestone-form-cancel" @click=${() => { this.editing = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
        <button type="submit" class="btn btn-primary" data-test="milestone-form-save" ?disabled=${e.busy}>${e.id ? t('common.save') : t('projects.milestone.add')}</button>
      </div>
      ${e.error ? html`<div class="alert alert-error" role="alert">${errorText(e.error)}</div>` : ''}
    </form>`;
  }

  row(m, manage) {
    const state = m.state;
    return html`<li class="pj-milestone pj-milestone-${state}" data-test="milestone-row" data-id="${m.id}" data-key="${m.id}" data-state="${state}">
      <label class="check">
        <input type="checkbox" data-test="milestone-done" .checked=${state === 'done'} ?disabled=${!manage}
          aria-label="${t('projects.milestone.markDone', { name: m.name })}" @change=${(e) => this.done(m, e.target.checked)}>
        <svg class="pj-diamond-icon" viewBox="0 0 12 12" aria-hidden="true"><path d="M6 0 12 6 6 12 0 6Z"></path></svg>
        <strong data-test="milestone-name">${m.name}</strong>
      </label>
      <span class="muted small" data-test="milestone-due">${m.dueOn}${m.doneOn ? ` · ${t('projects.milestone.doneOn', { day: m.doneOn })}` : ''}</span>
      <span class="badge ${state === 'late' ? 'badge-danger' : state === 'done' ? 'badge-success' : 'badge-muted'}">${t(`projects.milestone.state.${state}`)}</span>
      <span class="muted small">${t('projects.milestone.tasks', { done: m.tasksDone, count: m.tasks })}</span>
      ${manage ? html`<span class="pj-row-actions">
        <button type="button" class="btn btn-icon" data-test="milestone-edit" aria-label="${t('projects.edit')}"
          @click=${() => { this.editing = { id: m.id, name: m.name, dueOn: m.dueOn, version: m.version, errors: {} }; this.requestUpdate(); }}>${icon('edit')}</button>
        <button type="button" class="btn btn-icon" data-test="milestone-delete" aria-label="${t('projects.milestone.delete', { name: m.name })}"
          @click=${() => this.delete(m)}>${icon('close')}</button></span>` : ''}
    </li>`;
  }

  view() {
    const p = this.project;
    if (!p) return '';
    const manage = p.canManage;
    const list = [...(p.milestones ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    return html`<section class="card card-pad section-gap" data-test="milestones">
      <div class="pj-section-head">
        <h2 class="section-title">${t('projects.milestones')}</h2>
        ${manage && !this.editing ? html`<button type="button" class="btn btn-secondary btn-small" data-test="milestone-add"
          @click=${() => { this.editing = { name: '', dueOn: '', errors: {} }; this.requestUpdate(); }}>${icon('plus')}<span>${t('projects.milestone.add')}</span></button>` : ''}
      </div>
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="milestone-error">${errorText(this.error)}</div>` : ''}
      ${this.editing ? this.form() : ''}
      ${list.length ? html`<ul class="pj-milestones">${list.map((m) => this.row(m, manage))}</ul>` : html`<p class="muted small">${t('projects.milestone.none')}</p>`}
    </section>`;
  }
}
AfProjectMilestones.define('af-project-milestones');
