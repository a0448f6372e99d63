// data-test: project-log, log-filter-<all|open|closed> (aria-pressed), log-add, log-form, log-form-kind-<risk|issue> (aria-pressed),
//            log-form-title, log-form-description, log-form-probability, log-form-impact, log-owner (picker), log-form-dueOn,
//            log-form-state (editing only), log-form-save, log-form-cancel, log-row (data-id, data-kind, data-state), log-kind,
//            log-title, log-level (data-level), log-state (select; a badge, log-state-badge, for viewers), log-owner-name, log-due,
//            log-edit, log-error, log-empty
// A project's risks and issues (风险与问题), GET …/log (open ones first): each entry with its kind, title, a coloured level
// (a risk's probability × impact, an issue's severity), its state, owner and due day. Filter chips: all, open (open and
// mitigating), closed. Members and managers add one (kind, title, description, probability for risks, impact, owner, due
// day), move its state from the row (open → mitigating → closed) and edit it (PATCH with its version; a stale save says so,
// closes the form and reloads). Viewers (myRole === 'viewer') only read: the add and edit controls are not shown.
import { AfElement } from '../../core/element.js';
import { loadLatest } from '../../components/list-helpers.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import '../../components/af-search-picker.js';
import { fieldErrors, searchEmployees, localToday } from './project-format.js';

export const LOG_KINDS = ['risk', 'issue'];
export const LOG_LEVELS = ['low', 'medium', 'high'];
export const LOG_STATES = ['open', 'mitigating', 'closed'];
const FILTERS = ['all', 'open', 'closed'];
const WEIGHT = { low: 1, medium: 2, high: 3 };

// A risk's level from probability × impact (1–9: up to 2 low, up to 4 medium, high from 6); an issue's is its impact.
export function logLevel(entry) {
  if (entry.kind !== 'risk' || !entry.probability) return entry.impact ?? 'medium';
  const score = (WEIGHT[entry.probability] ?? 2) * (WEIGHT[entry.impact] ?? 2);
  return score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low';
}

// Who may write: the project's managers and members (and whoever may manage it); a viewer only reads.
export function canWriteProject(p) {
  return Boolean(p && p.myRole !== 'viewer' && (p.canManage || p.myRole === 'manager' || p.myRole === 'member'));
}

export class AfProjectLog extends AfElement {
  static properties = ['project'];

  constructor() {
    super();
    this.error = null;
    this.filter = 'all';
    this.form = null; // { id?, version?, kind, title, description, probability, impact, state, owner, dueOn, errors, busy, error }
    this.key = uuid();
  }

  connected() {
    this.reload();
  }

  changed(name) {
    if (name === 'project' && this.project?.id !== this.loadedFor) this.reload();
  }

  base() {
    return `/projects/projects/${encodeURIComponent(this.project.id)}/log`;
  }

  // The newest answer wins when loads overlap (a project switched while one was on its way).
  async load() {
    if (!this.project) return;
    this.loadedFor = this.project.id;
    await loadLatest(this, async () => (await api.get(this.base())) ?? []);
  }

  get entries() { return this.state?.data ?? null; }

  get loadError() { return this.state?.error ?? null; }

  startAdd() {
    this.error = null;
    this.form = { kind: 'risk', title: '', description: '', probability: 'medium', impact: 'medium', state: 'open', owner: null, dueOn: '', errors: {} };
    this.requestUpdate();
  }

  startEdit(e) {
    this.error = null;
    this.form = {
      id: e.id, version: e.version, kind: e.kind, title: e.title, description: e.description ?? '', probability: e.probability ?? 'medium',
      impact: e.impact, state: e.state, owner: e.ownerId ? { id: e.ownerId, label: e.ownerName ?? '' } : null, dueOn: e.dueOn ?? '', errors: {},
    };
    this.requestUpdate();
  }

  async save(event) {
    event.preventDefault();
    const f = this.form;
    if (!f || f.busy) return;
    f.errors = {};
    f.error = null;
    if (!f.title.trim()) f.errors.title = { code: 'field.required' };
    if (Object.keys(f.errors).length) {
      this.requestUpdate();
      return;
    }
    const body = { kind: f.kind, title: f.title.trim(), description: f.description.trim(), impact: f.impact };
    if (f.kind === 'risk') body.probability = f.probability;
    if (f.owner) body.ownerId = f.owner.id;
    f.busy = true;
    this.requestUpdate();
    try {
      if (f.id) {
        // An owner taken off the picker is cleared on the server.
        const clear = f.owner ? [] : ['ownerId'];
        await api.patch(`${this.base()}/${encodeURIComponent(f.id)}`, { ...body, state: f.state, dueOn: f.dueOn, version: f.version, ...(clear.length ? { clear } : {}) });
      } else {
        if (f.dueOn) body.dueOn = f.dueOn;
        if (!body.description) delete body.description;
        await api.post(this.base(), body, { 'Idempotency-Key': this.key });
        this.key = uuid();
      }
      this.form = null;
      await this.load();
    } catch (error) {
      f.busy = false;
      if (error.status === 409) {
        // Changed by someone else meanwhile: the list is reloaded with it as it is now, to be edited again.
        this.form = null;
        this.error = error;
        await this.load();
        return;
      }
      f.errors = fieldErrors(error);
      if (!Object.keys(f.errors).length) f.error = error;
    }
    this.requestUpdate();
  }

  async move(e, state) {
    this.error = null;
    try {
      await api.patch(`${this.base()}/${encodeURIComponent(e.id)}`, { state, version: e.version });
    } catch (error) {
      this.error = error;
    }
    await this.load();
  }

  shown() {
    const list = this.entries ?? [];
    if (this.filter === 'open') return list.filter((e) => e.state !== 'closed');
    if (this.filter === 'closed') return list.filter((e) => e.state === 'closed');
    return list;
  }

  filters() {
    const list = this.entries ?? [];
    const count = { all: list.length, open: list.filter((e) => e.state !== 'closed').length, closed: list.filter((e) => e.state === 'closed').length };
    return html`<div class="pj-chips" role="group" aria-label="${t('projects.log.filter')}">
      ${FILTERS.map((f) => html`<button type="button" class="pj-chip ${this.filter === f ? 'is-on' : ''}" data-test="log-filter-${f}"
        aria-pressed="${this.filter === f ? 'true' : 'false'}" @click=${() => { this.filter = f; this.requestUpdate(); }}>
        ${t(`projects.log.filter.${f}`)} <span class="pj-chip-count">${count[f]}</span></button>`)}
    </div>`;
  }

  form_() {
    const f = this.form;
    const err = (name) => (f.errors?.[name] ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(f.errors[name])}</span>` : '');
    const levelSelect = (name, testId) => html`<select class="input" data-test="${testId}" .value=${f[name]}
        @change=${(ev) => { f[name] = ev.target.value; this.requestUpdate(); }}>
        ${LOG_LEVELS.map((l) => html`<option value="${l}" ?selected=${f[name] === l}>${t(`projects.log.level.${l}`)}</option>`)}
      </select>`;
    return html`<form class="pj-log-form" data-test="log-form" novalidate @submit=${(ev) => this.save(ev)}>
      <div class="pj-log-form-kind field">
        <span class="field-label">${t('projects.log.kind')}</span>
        <div class="pj-chips" role="group" aria-label="${t('projects.log.kind')}">
          ${LOG_KINDS.map((k) => html`<button type="button" class="pj-chip ${f.kind === k ? 'is-on' : ''}" data-test="log-form-kind-${k}"
            aria-pressed="${f.kind === k ? 'true' : 'false'}" @click=${() => { f.kind = k; this.requestUpdate(); }}>${t(`projects.log.kind.${k}`)}</button>`)}
        </div>
      </div>
      <label class="field pj-log-form-wide"><span class="field-label">${t('projects.log.title')}</span>
        <input class="input" maxlength="200" data-test="log-form-title" .value=${f.title} @input=${(ev) => { f.title = ev.target.value; }}>${err('title')}</label>
      <label class="field pj-log-form-wide"><span class="field-label">${t('projects.log.description')}</span>
        <textarea class="input" rows="2" maxlength="5000" data-test="log-form-description" .value=${f.description}
          @input=${(ev) => { f.description = ev.target.value; }}></textarea>${err('description')}</label>
      ${f.kind === 'risk' ? html`<label class="field"><span class="field-label">${t('projects.log.probability')}</span>
        ${levelSelect('probability', 'log-form-probability')}${err('probability')}</label>` : ''}
      <label class="field"><span class="field-label">${f.kind === 'risk' ? t('projects.log.impact') : t('projects.log.severity')}</span>
        ${levelSelect('impact', 'log-form-impact')}${err('impact')}</label>
      <div class="field"><span class="field-label">${t('projects.log.owner')}</span>
        <af-search-picker .testId=${'log-owner'} .value=${f.owner} .search=${searchEmployees} .label=${t('projects.log.owner')}
          .invalid=${Boolean(f.errors?.ownerId)} @pick=${(ev) => { ev.stopPropagation(); f.owner = ev.detail; this.requestUpdate(); }}></af-search-picker>
        ${err('ownerId')}</div>
      <label class="field"><span class="field-label">${t('projects.log.dueOn')}</span>
        <input class="input" type="date" data-test="log-form-dueOn" .value=${f.dueOn} @input=${(ev) => { f.dueOn = ev.target.value; }}>${err('dueOn')}</label>
      ${f.id ? html`<label class="field"><span class="field-label">${t('projects.log.state')}</span>
        <select class="input" data-test="log-form-state" .value=${f.state} @change=${(ev) => { f.state = ev.target.value; }}>
          ${LOG_STATES.map((s) => html`<option value="${s}" ?selected=${f.state === s}>${t(`projects.log.state.${s}`)}</option>`)}
        </select></label>` : ''}
      <div class="form-actions pj-log-form-wide">
        <button type="button" class="btn btn-ghost" data-test="log-form-cancel" @click=${() => { this.form = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
        <button type="submit" class="btn btn-primary" data-test="log-form-save" ?disabled=${f.busy}>${f.id ? t('common.save') : t('projects.log.add')}</button>
      </div>
      ${f.error ? html`<div class="alert alert-error pj-log-form-wide" role="alert" data-test="log-error">${errorText(f.error)}</div>` : ''}
    </form>`;
  }

  levelBadge(e) {
    const level = logLevel(e);
    const how = e.kind === 'risk' && e.probability
      ? t('projects.log.riskLevel', { probability: t(`projects.log.level.${e.probability}`), impact: t(`projects.log.level.${e.impact}`) })
      : t('projects.log.severityIs', { level: t(`projects.log.level.${e.impact}`) });
    return html`<span class="pj-level pj-level-${level}" data-test="log-level" data-level="${level}" title="${how}">
      <svg viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="5"></circle></svg>
      <span>${e.kind === 'risk' && e.probability ? `${t(`projects.log.level.${e.probability}`)} × ${t(`projects.log.level.${e.impact}`)}` : t(`projects.log.level.${e.impact}`)}</span>
      <span class="visually-hidden">${how}</span>
    </span>`;
  }

  row(e, write) {
    const overdue = e.dueOn && e.state !== 'closed' && e.dueOn < localToday();
    return html`<li class="pj-log-row pj-log-${e.state}" data-test="log-row" data-id="${e.id}" data-key="${e.id}" data-kind="${e.kind}" data-state="${e.state}">
      <span class="badge pj-log-kind pj-log-kind-${e.kind}" data-test="log-kind">${t(`projects.log.kind.${e.kind}`)}</span>
      <div class="pj-log-main">
        <strong class="pj-log-title" data-test="log-title">${e.title}</strong>
        ${e.description ? html`<p class="muted small pj-log-description">${e.description}</p>` : ''}
      </div>
      <div class="pj-log-meta">
        ${this.levelBadge(e)}
        ${write ? html`<select class="pj-state-select pj-state-${e.state}" data-test="log-state" aria-label="${t('projects.log.stateOf', { title: e.title })}"
            .value=${e.state} @change=${(ev) => this.move(e, ev.target.value)}>
            ${LOG_STATES.map((s) => html`<option value="${s}" ?selected=${e.state === s}>${t(`projects.log.state.${s}`)}</option>`)}
          </select>`
          : html`<span class="pj-state-chip pj-state-${e.state}" data-test="log-state-badge">${t(`projects.log.state.${e.state}`)}</span>`}
        <span class="muted small pj-log-owner" data-test="log-owner-name">${icon('person')}${e.ownerName ?? t('projects.log.noOwner')}</span>
        ${e.dueOn ? html`<span class="small pj-log-due ${overdue ? 'pj-overdue' : 'muted'}" data-test="log-due">${t('projects.log.due', { day: e.dueOn })}</span>` : html`<span></span>`}
      </div>
      ${write ? html`<button type="button" class="btn btn-icon" data-test="log-edit" aria-label="${t('projects.log.edit', { title: e.title })}"
        @click=${() => this.startEdit(e)}>${icon('edit')}</button>` : ''}
    </li>`;
  }

  view() {
    const p = this.project;
    if (!p) return '';
    const write = canWriteProject(p);
    const list = this.shown();
    return html`<section class="card card-pad" data-test="project-log">
      <div class="pj-section-head">
        <h2 class="section-title">${t('projects.log.heading')}</h2>
        ${write && !this.form ? html`<button type="button" class="btn btn-primary btn-small" data-test="log-add" @click=${() => this.startAdd()}>
          ${icon('plus')}<span>${t('projects.log.add')}</span></button>` : ''}
      </div>
      ${write && this.form ? this.form_() : ''}
      ${this.filters()}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="log-error">${errorText(this.error)}</div>` : ''}
      ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="log-error">${errorText(this.loadError)}</div>`
        : !this.entries ? html`<p><span class="spinner"></span> ${t('common.loading')}</p>`
        : list.length ? html`<ul class="pj-log-list">${list.map((e) => this.row(e, write))}</ul>`
        : html`<p class="muted small" data-test="log-empty">${t(this.entries.length ? 'projects.log.noneHere' : 'projects.log.none')}</p>`}
    </section>`;
  }
}
AfProjectLog.define('af-project-log');
