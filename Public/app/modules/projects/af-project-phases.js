// data-test: phases, phase-row (data-index), phase-name, phase-startsOn, phase-endsOn, phase-up, phase-down, phase-remove,
//            phase-add, phase-save, phase-error, phase-list (when read only)
// A project's phases (阶段) as one list edited in place: name, start and end, order; saved at once with
// PUT /projects/projects/{id}/phases (an id keeps a phase and its tasks; one left out is removed, its tasks keep going
// without a phase). Read only for those who may not change the plan.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';

export class AfProjectPhases extends AfElement {
  static properties = ['project'];

  constructor() {
    super();
    this.rows = null;
    this.busy = false;
    this.error = null;
    this.forVersion = null;
  }

  changed(name) {
    if (name === 'project') this.rows = null;
  }

  current() {
    this.rows ??= [...(this.project?.phases ?? [])].sort((a, b) => a.position - b.position)
      .map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn ?? '', endsOn: p.endsOn ?? '' }));
    return this.rows;
  }

  edit(index, patch) {
    this.rows = this.current().map((r, i) => (i === index ? { ...r, ...patch } : r));
    this.requestUpdate();
  }

  moveRow(index, step) {
    const rows = [...this.current()];
    const j = index + step;
    if (j < 0 || j >= rows.length) return;
    [rows[index], rows[j]] = [rows[j], rows[index]];
    this.rows = rows;
    this.requestUpdate();
  }

  async save() {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const phases = this.current().map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(),
        ...(r.startsOn ? { startsOn: r.startsOn } : {}), ...(r.endsOn ? { endsOn: r.endsOn } : {}) }));
      await api.put(`/projects/projects/${encodeURIComponent(this.project.id)}/phases`, { phases });
      notify(t('projects.phase.saved'), 'success');
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const p = this.project;
    if (!p) return '';
    const rows = this.current();
    if (!p.canManage) {
      return html`<section class="card card-pad section-gap" data-test="phases">
        <h2 class="section-title">${t('projects.phases')}</h2>
        ${rows.length ? html`<ol class="pj-phase-list" data-test="phase-list">${rows.map((r) => html`<li>${r.name}
          <span class="muted small">${[r.startsOn, r.endsOn].filter(Boolean).join(' – ')}</span></li>`)}</ol>`
          : html`<p class="muted small">${t('projects.phase.none')}</p>`}
      </section>`;
    }
    const problems = this.error?.fields?.length ? this.error.fields.map((f) => fieldErrorText(f)).join(' ') : errorText(this.error);
    return html`<section class="card card-pad section-gap" data-test="phases">
      <h2 class="section-title">${t('projects.phases')}</h2>
      <ol class="pj-phase-rows">${rows.map((r, i) => html`<li class="pj-phase-row" data-test="phase-row" data-index="${i}">
        <input class="input" maxlength="120" data-test="phase-name" aria-label="${t('projects.phase.name')}" placeholder="${t('projects.phase.name')}"
          .value=${r.name} @input=${(e) => this.edit(i, { name: e.target.value })}>
        <input class="input" type="date" data-test="phase-startsOn" aria-label="${t('projects.project.startsOn')}" .value=${r.startsOn}
          @input=${(e) => this.edit(i, { startsOn: e.target.value })}>
        <input class="input" type="date" data-test="phase-endsOn" aria-label="${t('projects.project.endsOn')}" .value=${r.endsOn}
          @input=${(e) => this.edit(i, { endsOn: e.target.value })}>
        <span class="pj-row-actions">
          <button type="button" class="btn btn-icon" data-test="phase-up" aria-label="${t('projects.phase.up')}" ?disabled=${i === 0}
            @click=${() => this.moveRow(i, -1)}>↑</button>
          <button type="button" class="btn btn-icon" data-test="phase-down" aria-label="${t('projects.phase.down')}" ?disabled=${i === rows.length - 1}
            @click=${() => this.moveRow(i, 1)}>↓</button>
          <button type="button" class="btn btn-icon" data-test="phase-remove" aria-label="${t('projects.phase.remove')}"
            @click=${() => { this.rows = rows.filter((_, j) => j !== i); this.requestUpdate(); }}>${icon('close')}</button>
        </span>
      </li>`)}</ol>
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="phase-error">${problems}</div>` : ''}
      <div class="form-actions">
        <button type="button" class="btn btn-secondary btn-small" data-test="phase-add"
          @click=${() => { this.rows = [...rows, { name: '', startsOn: '', endsOn: '' }]; this.requestUpdate(); }}>${icon('plus')}<span>${t('projects.phase.add')}</span></button>
        <button type="button" class="btn btn-primary btn-small" data-test="phase-save" ?disabled=${this.busy} @click=${() => this.save()}>${t('projects.phase.save')}</button>
      </div>
    </section>`;
  }
}
AfProjectPhases.define('af-project-phases');
