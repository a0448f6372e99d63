// data-test: task-detail, task-title-heading, task-status-chip (data-status, aria-pressed), task-status, task-form,
//            task-form-title, task-form-priority, task-assignee (picker), task-collaborators (picker), task-form-startsAt,
//            task-form-dueAt, task-labels (tag input), task-form-phase, task-form-milestone, task-form-estimatedHours, task-spent, task-form-description, task-save,
//            task-error, task-stale, task-reload, field-error (data-field), checklist, checklist-item (data-id, data-done),
//            checklist-check, checklist-remove, checklist-new, checklist-add, checklist-count, subtask-row, subtask-new,
//            subtask-add, dependency-row (data-id), dependency-remove, blocking-row, dependency-picker (picker),
//            dependency-error, task-project-link, task-customer-link, task-parent-link, back-link,
//            task-form-remind, remind-quiet-link, task-form-repeat, repeat-editor, repeat-interval, repeat-unit,
//            repeat-weekday (data-day, aria-pressed), repeat-monthday, repeat-until, repeat-summary, repeat-how
//            task-time, task-time-estimated, task-time-spent, task-log-time, task-week-total (the time form's: af-time-entry-form.js)
//            (the chatter's: af-record-chatter.js)
// One task (任务), #/tasks/{id}: its status as chips (one tap moves it, POST …/status), then its fields in one form saved
// with PATCH (the version; emptied fields go in `clear`): title, priority, assignee, collaborators, start and due (on
// this device's clock, sent as instants), a reminder before the due time (held back by the person's quiet hours, set in
// #/settings) and a repeat rule (daily / weekly on chosen weekdays / monthly on a day or the last day, every N, until a day;
// its next occurrence is made when this one is closed), labels, phase and milestone (a project's task), estimated hours,
// description; spent hours are the timesheets' and only shown. The checklist, the dependencies (finish-to-start predecessors of the same project; a loop or the strict rule's
// refusal shows at the picker) and the subtasks change at once. Beside it (below on a phone) the chatter: comments with
// @mentions, files and a photo from the phone's camera, history (record kind projects.task). A 409 says someone else
// changed the task and offers to reload it.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import '../../components/af-record-chatter.js';
import '../../components/af-search-picker.js';
import '../../components/af-tag-input.js';
import '../approvals/af-user-picker.js';
import { personToday } from './af-time-entry-form.js';
import { addDays } from './af-timesheet.js';
import { PRIORITIES, loadStatuses, statusName, statusBadge, toLocalInput, fromLocalInput, hours, searchEmployees, taskSearch,
  fieldErrors } from './project-format.js';
import { FREQUENCIES, WEEKDAYS, REMINDERS, weekdayName, ruleDraft, newRule, intervalValid, ruleBody, sameRule, repeatSummary,
  reminderLabel } from './task-repeat.js';

// The Monday of the person's current week.
function thisMonday() {
  const today = personToday();
  const [y, m, d] = today.split('-').map(Number);
  return addDays(today, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
}

const FIELD_NAMES = { phaseId: 'phase', milestoneId: 'milestone', title: 'title', description: 'description', priority: 'priority', assigneeId: 'assignee', collaboratorIds: 'collaborators',
  startsAt: 'startsAt', dueAt: 'dueAt', labels: 'labels', estimatedHours: 'estimatedHours', recurrence: 'repeat', remindBeforeMinutes: 'remind' };

function same(a, b) {
  return String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class AfTaskDetail extends AfElement {
  static properties = ['taskId'];

  constructor() {
    super();
    this.task = null;
    this.loadError = null;
    this.statuses = [];
    this.draft = null;
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.newItem = '';
    this.newSubtask = '';
    this.subtaskKey = uuid();
    this.dependencyError = null;
    this.seq = 0;
  }

  // A refusal that concerns the whole task is brought into view (the save button may be far below it).
  updated() {
    if (!this.showAlert) return;
    this.showAlert = false;
    this.querySelector('[data-test="task-stale"], [data-test="task-error"]')?.scrollIntoView({ block: 'center' });
  }

  connected() {
    this.reload();
    // Fresh each time: a status the company added since this page was loaded is offered too.
    loadStatuses(true).then((list) => { this.statuses = list; this.requestUpdate(); }).catch(() => {});
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.taskId) return;
    const seq = ++this.seq;
    try {
      const task = await api.get(`/projects/tasks/${encodeURIComponent(this.taskId)}`);
      if (seq !== this.seq) return;
      this.take(task, true);
      this.loadError = null;
      this.loadPlan(task);
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  // The project's phases and milestones, for the task's two selects (once per project).
  async loadPlan(task) {
    if (!task.projectId || this.plan?.id === task.projectId) return;
    try {
      const p = await api.get(`/projects/projects/${encodeURIComponent(task.projectId)}`);
      this.plan = { id: p.id, phases: [...(p.phases ?? [])].sort((a, b) => a.position - b.position), milestones: p.milestones ?? [] };
      this.requestUpdate();
    } catch {
      // Out of the reader's reach: the task keeps what it has, without the selects.
    }
  }

  // The task as the server answered; the form's draft follows unless the user is editing it.
  take(task, refill = false) {
    const editing = this.draft && this.task && this.dirty();
    this.task = task;
    if (refill || !editing) this.draft = this.fill(task);
  }

  fill(task) {
    return {
      title: task.title ?? '',
      priority: task.priority ?? 'normal',
      assignee: task.assigneeId ? { id: task.assigneeId, label: task.assigneeName ?? '' } : null,
      collaborators: (task.collaborators ?? []).map((p) => ({ id: p.id, label: p.name })),
      startsAt: toLocalInput(task.startsAt),
      dueAt: toLocalInput(task.dueAt),
      labels: [...(task.labels ?? [])],
      estimatedHours: task.estimatedHours ?? '',
      description: task.description ?? '',
      phase: task.phaseId ?? '',
      milestone: task.milestoneId ?? '',
      remind: task.remindBeforeMinutes == null ? '' : String(task.remindBeforeMinutes),
      repeat: ruleDraft(task.recurrence),
    };
  }

  dirty() {
    return Object.keys(this.changes()).length > 0;
  }

  // The fields that differ from the task: values to set, names to clear.
  changes() {
    const d = this.draft;
    const before = this.fill(this.task);
    const body = {};
    const clear = [];
    if (d.title.trim() !== before.title) body.title = d.title.trim();
    if (d.priority !== before.priority) body.priority = d.priority;
    if ((d.assignee?.id ?? null) !== (before.assignee?.id ?? null)) {
      if (d.assignee) body.assigneeId = d.assignee.id;
      else clear.push('assigneeId');
    }
    const collaborators = d.collaborators.map((p) => p.id);
    if (!sameList(collaborators, before.collaborators.map((p) => p.id))) body.collaboratorIds = collaborators;
    for (const name of ['startsAt', 'dueAt']) {
      if (d[name] !== before[name]) {
        if (d[name]) body[name] = fromLocalInput(d[name]);
        else clear.push(name);
      }
    }
    if (!sameList(d.labels, before.labels)) body.labels = d.labels;
    for (const [name, field] of [['phase', 'phaseId'], ['milestone', 'milestoneId']]) {
      if (d[name] !== before[name]) {
        if (d[name]) body[field] = d[name];
        else clear.push(field);
      }
    }
    if (String(d.estimatedHours).trim() !== before.estimatedHours) {
      if (String(d.estimatedHours).trim()) body.estimatedHours = String(d.estimatedHours).trim();
      else clear.push('estimatedHours');
    }
    if (d.description !== before.description) {
      if (d.description.trim()) body.description = d.description;
      else clear.push('description');
    }
    if (d.remind !== before.remind) {
      if (d.remind === '') clear.push('remindBeforeMinutes');
      else body.remindBeforeMinutes = Number(d.remind);
    }
    if (!sameRule(d.repeat, before.repeat)) {
      if (d.repeat) body.recurrence = ruleBody(d.repeat);
      else clear.push('recurrence');
    }
    if (clear.length) body.clear = clear;
    return body;
  }

  set(name, value) {
    this.draft = { ...this.draft, [name]: value };
    if (this.errors[name]) delete this.errors[name];
    this.requestUpdate();
  }

  // A refusal: a 409 offers the task as it is now; field errors go to their fields.
  failed(error, where = null) {
    if (error.status === 409) {
      this.stale = true;
      this.showAlert = true;
      if (error.current) this.take(error.current, true);
      else this.load();
      return;
    }
    const fields = fieldErrors(error);
    const errors = {};
    for (const [field, f] of Object.entries(fields)) {
      const name = FIELD_NAMES[field];
      if (name && !where) errors[name] = f;
    }
    this.errors = errors;
    if (where === 'dependency') this.dependencyError = error;
    else if (!Object.keys(errors).length) {
      this.error = error;
      this.showAlert = true;
    }
  }

  async patch(body, where = null) {
    this.busy = true;
    this.error = null;
    this.stale = false;
    if (where === 'dependency') this.dependencyError = null;
    this.requestUpdate();
    try {
      const task = await api.patch(`/projects/tasks/${encodeURIComponent(this.task.id)}`, { ...body, version: this.task.version });
      this.take(task, where === 'form');
      this.busy = false;
      this.requestUpdate();
      return task;
    } catch (error) {
      this.failed(error, where);
      this.busy = false;
      this.requestUpdate();
      return null;
    }
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    if (!this.draft.title.trim()) {
      this.errors = { title: { code: 'field.required' } };
      this.requestUpdate();
      return;
    }
    if (!intervalValid(this.draft.repeat)) {
      this.errors = { repeat: { code: 'projects.repeat.interval', message: t('projects.repeat.intervalRange') } };
      this.requestUpdate();
      return;
    }
    const body = this.changes();
    if (!Object.keys(body).length) return;
    this.errors = {};
    if (await this.patch(body, 'form')) notify(t('projects.task.saved'), 'success');
  }

  async moveTo(status) {
    if (this.busy || status === this.task.status) return;
    const before = this.task;
    const column = this.statuses.find((s) => s.key === status);
    this.task = { ...before, status, statusCategory: column?.category ?? before.statusCategory };
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const task = await api.post(`/projects/tasks/${encodeURIComponent(before.id)}/status`, { status, version: before.version });
      this.task = before;
      this.take(task);
    } catch (error) {
      this.task = before;
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  // --- checklist: the whole list is sent each time (an id keeps a line) ---

  checklistBody(items) {
    return { checklist: items.map((i) => ({ ...(i.id ? { id: i.id } : {}), text: i.text, done: i.done })) };
  }

  tick(item, done) {
    this.patch(this.checklistBody(this.task.checklist.map((i) => (i.id === item.id ? { ...i, done } : i))), 'checklist');
  }

  removeItem(item) {
    this.patch(this.checklistBody(this.task.checklist.filter((i) => i.id !== item.id)), 'checklist');
  }

  async addItem(event) {
    event.preventDefault();
    const text = this.newItem.trim();
    if (!text) return;
    if (await this.patch(this.checklistBody([...this.task.checklist, { text, done: false }]), 'checklist')) this.newItem = '';
    this.requestUpdate();
  }

  // --- subtasks and dependencies ---

  async addSubtask(event) {
    event.preventDefault();
    const title = this.newSubtask.trim();
    if (!title || this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const body = { title, parentId: this.task.id, ...(this.task.projectId ? { projectId: this.task.projectId } : {}) };
      await api.post('/projects/tasks', body, { 'Idempotency-Key': this.subtaskKey });
      this.subtaskKey = uuid();
      this.newSubtask = '';
      notify(t('projects.task.added', { title }), 'success');
      await this.load();
    } catch (error) {
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  addDependency(item) {
    if (!item) return;
    const ids = this.task.dependsOn.map((d) => d.id);
    if (ids.includes(item.id)) return;
    this.patch({ dependsOnIds: [...ids, item.id] }, 'dependency');
  }

  removeDependency(ref) {
    this.patch({ dependsOnIds: this.task.dependsOn.map((d) => d.id).filter((id) => id !== ref.id) }, 'dependency');
  }

  // --- view ---

  fieldError(name) {
    const e = this.errors[name];
    return e ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(e)}</span>` : '';
  }

  statusChips(task) {
    const list = this.statuses.filter((s) => !s.archived || s.key === task.status);
    if (!list.length) return statusBadge(task.status, task.statusCategory, this.statuses);
    return html`<div class="pj-status-chips" role="group" aria-label="${t('projects.task.status')}">
      ${list.map((s) => html`<button type="button" class="chip pj-chip pj-cat-${s.category} ${s.key === task.status ? 'is-on' : ''}"
        data-test="task-status-chip" data-status="${s.key}" data-key="${s.key}" aria-pressed="${s.key === task.status ? 'true' : 'false'}"
        ?disabled=${this.busy} @click=${() => this.moveTo(s.key)}>${statusName(s.key, this.statuses)}</button>`)}
    </div>`;
  }

  form(task) {
    const d = this.draft;
    const input = (name, label, attrs = {}) => html`<label class="field ${attrs.wide ? 'field-wide' : ''}">
      <span class="field-label">${label}</span>
      <input class="input ${this.errors[name] ? 'is-invalid' : ''}" type="${attrs.type ?? 'text'}" inputmode="${attrs.inputmode ?? 'text'}"
        maxlength="${attrs.maxlength ?? 200}" data-test="task-form-${name}" .value=${d[name] ?? ''} @input=${(e) => this.set(name, e.target.value)}>
      ${this.fieldError(name)}</label>`;
    return html`<form class="card card-pad pj-task-form" data-test="task-form" novalidate @submit=${(e) => this.save(e)}>
      <div class="form-grid">
        ${input('title', t('projects.task.title'), { wide: true })}
        <label class="field">
          <span class="field-label">${t('projects.task.priority')}</span>
          <select class="input select" data-test="task-form-priority" .value=${d.priority} @change=${(e) => this.set('priority', e.target.value)}>
            ${PRIORITIES.map((p) => html`<option value="${p}" data-key="${p}" ?selected=${p === d.priority}>${t(`projects.task.priority.${p}`)}</option>`)}
          </select>${this.fieldError('priority')}
        </label>
        <div class="field">
          <span class="field-label">${t('projects.task.assignee')}</span>
          <af-search-picker .testId=${'task-assignee'} .value=${d.assignee} .search=${searchEmployees} .label=${t('projects.task.assignee')}
            .invalid=${Boolean(this.errors.assignee)} @pick=${(e) => { e.stopPropagation(); this.set('assignee', e.detail); }}></af-search-picker>
          ${this.fieldError('assignee')}
        </div>
        ${input('startsAt', t('projects.task.startsAt'), { type: 'datetime-local' })}
        ${input('dueAt', t('projects.task.dueAt'), { type: 'datetime-local' })}
        ${this.remindField()}
        ${this.repeatField()}
        ${this.repeatEditor()}
        <div class="field field-wide">
          <span class="field-label">${t('projects.task.collaborators')}</span>
          <af-user-picker .testId=${'task-collaborators'} .value=${d.collaborators} .search=${searchEmployees} .label=${t('projects.task.collaborators')}
            @people-change=${(e) => { e.stopPropagation(); this.set('collaborators', e.detail); }}></af-user-picker>
          ${this.fieldError('collaborators')}
        </div>
        <div class="field field-wide">
          <span class="field-label">${t('projects.task.labels')}</span>
          <af-tag-input .testId=${'task-labels'} .value=${d.labels} .label=${t('projects.task.labels')} .invalid=${Boolean(this.errors.labels)}
            @pick=${(e) => { e.stopPropagation(); this.set('labels', e.detail); }}></af-tag-input>
          ${this.fieldError('labels')}
        </div>
        ${this.planSelect('phase', t('projects.phase.one'), this.plan?.phases ?? [])}
        ${this.planSelect('milestone', t('projects.milestone.name'), this.plan?.milestones ?? [])}
        ${input('estimatedHours', t('projects.task.estimatedHours'), { inputmode: 'decimal', maxlength: 12 })}
        <div class="field"><span class="field-label">${t('projects.task.spentHours')}</span>
          <strong class="pj-readonly" data-test="task-spent">${hours(task.spentHours)}</strong></div>
        <label class="field field-wide">
          <span class="field-label">${t('projects.task.description')}</span>
          <textarea class="input ${this.errors.description ? 'is-invalid' : ''}" rows="4" maxlength="10000" data-test="task-form-description"
            .value=${d.description} @input=${(e) => this.set('description', e.target.value)}></textarea>
          ${this.fieldError('description')}
        </label>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" data-test="task-save" ?disabled=${this.busy || !this.dirty()}>
          ${this.busy ? t('common.saving') : t('common.save')}</button>
      </div>
    </form>`;
  }

  // "Remind me": none, at the due time, 15 minutes, an hour or a day before (and a value set elsewhere, as it is).
  remindField() {
    const d = this.draft;
    const values = [...REMINDERS];
    if (d.remind !== '' && !values.includes(Number(d.remind))) values.push(Number(d.remind));
    return html`<div class="field">
      <label class="field-label" for="pj-remind">${t('projects.remind')}</label>
      <select id="pj-remind" class="input select ${this.errors.remind ? 'is-invalid' : ''}" data-test="task-form-remind"
        @change=${(e) => this.set('remind', e.target.value)}>
        <option value="" ?selected=${d.remind === ''}>${t('projects.remind.none')}</option>
        ${values.map((m) => html`<option value="${m}" data-key="${m}" ?selected=${String(m) === d.remind}>${reminderLabel(m)}</option>`)}
      </select>
      ${this.fieldError('remind')}
      ${d.remind !== '' ? html`<span class="muted small pj-hint">${d.dueAt ? '' : html`${t('projects.remind.needsDue')} `}${t('projects.remind.quiet')}
        <a href="${href('/settings')}" data-test="remind-quiet-link">${t('projects.remind.quietLink')}</a></span>` : ''}
    </div>`;
  }

  // "Repeat": does not repeat, daily, weekly, monthly; the rule's details follow below when it repeats.
  repeatField() {
    const r = this.draft.repeat;
    return html`<label class="field">
      <span class="field-label">${t('projects.repeat')}</span>
      <select class="input select" data-test="task-form-repeat" @change=${(e) => this.setFrequency(e.target.value)}>
        <option value="" ?selected=${!r}>${t('projects.repeat.never')}</option>
        ${FREQUENCIES.map((f) => html`<option value="${f}" data-key="${f}" ?selected=${r?.frequency === f}>${t(`projects.repeat.freq.${f}`)}</option>`)}
      </select>
    </label>`;
  }

  setFrequency(frequency) {
    this.set('repeat', frequency ? newRule(frequency, this.draft.dueAt || this.draft.startsAt, this.draft.repeat) : null);
  }

  setRule(patch) {
    this.set('repeat', { ...this.draft.repeat, ...patch });
  }

  toggleWeekday(day) {
    const days = this.draft.repeat.weekdays;
    this.setRule({ weekdays: days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b) });
  }

  repeatEditor() {
    const r = this.draft.repeat;
    if (!r) return '';
    const days = Array.from({ length: 31 }, (_, i) => i + 1);
    return html`<fieldset class="field field-wide pj-repeat" data-test="repeat-editor">
      <legend class="visually-hidden">${t('projects.repeat')}</legend>
      <div class="pj-repeat-row">
        <label class="pj-repeat-every">
          <span>${t('projects.repeat.every')}</span>
          <input class="input pj-repeat-interval ${this.errors.repeat ? 'is-invalid' : ''}" type="number" min="1" max="99" step="1" inputmode="numeric"
            data-test="repeat-interval" aria-label="${t('projects.repeat.interval')}" .value=${r.interval}
            @input=${(e) => this.setRule({ interval: e.target.value })}>
          <span data-test="repeat-unit">${t(`projects.repeat.unit.${r.frequency}`)}</span>
        </label>
        ${r.frequency === 'monthly' ? html`<label class="pj-repeat-every">
          <span>${t('projects.repeat.monthDay')}</span>
          <select class="input select pj-repeat-monthday" data-test="repeat-monthday"
            @change=${(e) => this.setRule({ monthDay: Number(e.target.value) })}>
            ${days.map((d) => html`<option value="${d}" data-key="${d}" ?selected=${r.monthDay === d}>${d}</option>`)}
            <option value="-1" data-key="-1" ?selected=${r.monthDay === -1}>${t('projects.repeat.lastDay')}</option>
          </select></label>` : ''}
        <label class="pj-repeat-every">
          <span>${t('projects.repeat.until')}</span>
          <input class="input pj-repeat-until" type="date" data-test="repeat-until" .value=${r.until}
            @input=${(e) => this.setRule({ until: e.target.value })}>
        </label>
      </div>
      ${r.frequency === 'weekly' ? html`<div class="pj-weekdays" role="group" aria-label="${t('projects.repeat.weekdays')}">
        ${WEEKDAYS.map((day) => html`<button type="button" class="chip pj-chip pj-day-chip ${r.weekdays.includes(day) ? 'is-on' : ''}"
          data-test="repeat-weekday" data-day="${day}" data-key="${day}" aria-pressed="${r.weekdays.includes(day) ? 'true' : 'false'}"
          @click=${() => this.toggleWeekday(day)}>${weekdayName(day)}</button>`)}
      </div>${r.weekdays.length ? '' : html`<span class="muted small">${t('projects.repeat.pickDay')}</span>`}` : ''}
      ${this.fieldError('repeat')}
      <p class="pj-repeat-summary" data-test="repeat-summary">${icon('sync')}<strong>${repeatSummary(ruleBody(r))}</strong></p>
      <p class="muted small pj-hint" data-test="repeat-how">${t('projects.repeat.how')}${this.draft.dueAt ? '' : ` ${t('projects.repeat.noDue')}`}</p>
    </fieldset>`;
  }

  // A select of the project's phases or milestones (only on a project's task, once they are read).
  planSelect(name, label, choices) {
    if (!this.task.projectId || !this.plan) return '';
    const value = this.draft[name];
    return html`<label class="field">
      <span class="field-label">${label}</span>
      <select class="input select" data-test="task-form-${name}" @change=${(e) => this.set(name, e.target.value)}>
        <option value="" ?selected=${!value}>${t('projects.none')}</option>
        ${choices.map((c) => html`<option value="${c.id}" data-key="${c.id}" ?selected=${same(c.id, value)}>${c.name}${c.dueOn ? ` · ${c.dueOn}` : ''}</option>`)}
      </select>${this.fieldError(name)}
    </label>`;
  }

  checklist(task) {
    const items = task.checklist ?? [];
    const done = items.filter((i) => i.done).length;
    return html`<section class="card card-pad section-gap pj-checklist" data-test="checklist">
      <h2 class="section-title">${t('projects.task.checklist')} <span class="badge badge-muted" data-test="checklist-count">${done}/${items.length}</span></h2>
      <ul class="pj-check-items">${items.map((i) => html`<li class="pj-check-item ${i.done ? 'is-done' : ''}" data-test="checklist-item" data-id="${i.id}" data-key="${i.id}" data-done="${i.done ? 'true' : 'false'}">
        <label class="check"><input type="checkbox" data-test="checklist-check" .checked=${i.done} ?disabled=${this.busy}
          @change=${(e) => this.tick(i, e.target.checked)}><span>${i.text}</span></label>
        <button type="button" class="btn btn-icon" data-test="checklist-remove" aria-label="${t('projects.task.removeItem', { text: i.text })}"
          ?disabled=${this.busy} @click=${() => this.removeItem(i)}>${icon('close')}</button>
      </li>`)}</ul>
      <form class="pj-inline-add" @submit=${(e) => this.addItem(e)}>
        <input class="input" maxlength="200" data-test="checklist-new" placeholder="${t('projects.task.newItem')}" aria-label="${t('projects.task.newItem')}"
          .value=${this.newItem} @input=${(e) => { this.newItem = e.target.value; }}>
        <button type="submit" class="btn btn-secondary" data-test="checklist-add" ?disabled=${this.busy}>${t('projects.task.addItem')}</button>
      </form>
    </section>`;
  }

  refRow(ref, testId, extra = '') {
    return html`<li class="pj-ref" data-test="${testId}" data-id="${ref.id}" data-key="${ref.id}">
      <a href="${href(`/tasks/${ref.id}`)}">${ref.title}</a>
      ${statusBadge(ref.status, ref.statusCategory, this.statuses, `${testId}-status`)}
      <span class="muted small">${[ref.assigneeName, ref.dueOn].filter(Boolean).join(' · ')}</span>
      ${extra}
    </li>`;
  }

  subtasks(task) {
    return html`<section class="card card-pad section-gap" data-test="subtasks">
      <h2 class="section-title">${t('projects.task.subtasks')} <span class="badge badge-muted">${task.subtasks.length}</span></h2>
      ${task.subtasks.length ? html`<ul class="pj-refs">${task.subtasks.map((s) => this.refRow(s, 'subtask-row'))}</ul>` : ''}
      <form class="pj-inline-add" @submit=${(e) => this.addSubtask(e)}>
        <input class="input" maxlength="200" data-test="subtask-new" placeholder="${t('projects.task.newSubtask')}" aria-label="${t('projects.task.newSubtask')}"
          .value=${this.newSubtask} @input=${(e) => { this.newSubtask = e.target.value; }}>
        <button type="submit" class="btn btn-secondary" data-test="subtask-add" ?disabled=${this.busy}>${t('projects.task.addSubtask')}</button>
      </form>
    </section>`;
  }

  dependencies(task) {
    if (!task.projectId && !task.dependsOn.length && !task.blocking.length) return '';
    const exclude = [task.id, ...task.dependsOn.map((d) => d.id)];
    const dependencyFields = this.dependencyError?.fields ?? [];
    return html`<section class="card card-pad section-gap" data-test="dependencies">
      <h2 class="section-title">${t('projects.task.dependsOn')}</h2>
      ${task.dependsOn.length ? html`<ul class="pj-refs">${task.dependsOn.map((d) => this.refRow(d, 'dependency-row', html`
        <button type="button" class="btn btn-icon" data-test="dependency-remove" aria-label="${t('projects.task.removeDependency', { title: d.title })}"
          ?disabled=${this.busy} @click=${() => this.removeDependency(d)}>${icon('close')}</button>`))}</ul>`
        : html`<p class="muted small">${t('projects.task.noDependencies')}</p>`}
      ${task.projectId ? html`<div class="field">
        <span class="field-label">${t('projects.task.addPredecessor')}</span>
        <af-search-picker data-key="dep-${task.version}" .testId=${'dependency-picker'} .value=${null} .search=${taskSearch(task.projectId, exclude)}
          .label=${t('projects.task.addPredecessor')} .placeholder=${t('projects.task.searchTask')} .invalid=${Boolean(this.dependencyError)}
          @pick=${(e) => { e.stopPropagation(); this.addDependency(e.detail); }}></af-search-picker>
        ${this.dependencyError ? html`<span class="field-error" data-test="dependency-error" role="alert">${dependencyFields.length
          ? dependencyFields.map((f) => fieldErrorText(f)).join(' ') : errorText(this.dependencyError)}</span>` : ''}
      </div>` : ''}
      ${task.blocking.length ? html`<h3 class="pj-subtitle">${t('projects.task.blocking')}</h3>
        <ul class="pj-refs">${task.blocking.map((d) => this.refRow(d, 'blocking-row'))}</ul>` : ''}
    </section>`;
  }

  // "Log time": estimated against spent hours, and the timesheet's form with this task chosen.
  timeCard(task) {
    if (!task.projectId) return '';
    this.timeTask = this.timeTask?.id === task.id ? this.timeTask : { id: task.id, label: task.title, detail: task.projectName ?? '' };
    return html`<section class="card card-pad pj-time-card" data-test="task-time">
      <div class="pj-time-figures">
        <span class="muted">${t('projects.task.estimatedHours')}: <strong data-test="task-time-estimated">${task.estimatedHours ? hours(task.estimatedHours) : '–'}</strong></span>
        <span class="muted">${t('projects.task.spentHours')}: <strong data-test="task-time-spent">${hours(task.spentHours) || '–'}</strong></span>
        ${this.logged ? html`<a href="${href('/timesheet', this.logged.thisWeek ? {} : { week: this.logged.weekStart })}" data-test="task-week-total">${this.logged.thisWeek
          ? t('projects.time.weekSoFar', { total: hours(this.logged.totalHours) })
          : t('projects.time.weekOf', { day: this.logged.weekStart, total: hours(this.logged.totalHours) })}</a>` : ''}
      </div>
      ${this.logging ? html`<af-time-entry-form data-key="time-${task.id}" .task=${this.timeTask}
          @saved=${(e) => { this.logging = false; this.logged = { ...e.detail, thisWeek: e.detail.weekStart === thisMonday() }; notify(t('projects.time.logged', { total: hours(e.detail.totalHours) }), 'success'); this.load(); }}
          @cancel=${() => { this.logging = false; this.requestUpdate(); }}></af-time-entry-form>`
        : html`<button type="button" class="btn btn-secondary" data-test="task-log-time" @click=${() => { this.logging = true; this.requestUpdate(); }}>${icon('audit')}<span>${t('projects.time.logTime')}</span></button>`}
    </section>`;
  }

  links(task) {
    const items = [
      task.projectId ? html`<a class="record-chip" data-test="task-project-link" href="${href(`/projects/${task.projectId}`)}">${t('projects.project.one')}: ${task.projectName ?? ''}</a>` : '',
      task.parentId ? html`<a class="record-chip" data-test="task-parent-link" href="${href(`/tasks/${task.parentId}`)}">${t('projects.task.parent')}: ${task.parentTitle ?? ''}</a>` : '',
      task.customerId ? html`<a class="record-chip" data-test="task-customer-link" href="${href(`/customers/${task.customerId}`)}">${t('orders.customer')}: ${task.customerName ?? ''}</a>` : '',
      // The server names a linked order or request only to a reader who may open it.
      task.orderNumber ? html`<a class="record-chip" data-test="task-order-link" href="${href(`/orders/${task.orderId}`)}">${t('projects.task.order')}: ${task.orderNumber}</a>` : '',
      task.approvalTitle ? html`<a class="record-chip" data-test="task-approval-link" href="${href(`/approvals/${task.approvalId}`)}">${t('projects.task.approval')}: ${task.approvalTitle}</a>` : '',
    ].filter(Boolean);
    return items.length ? html`<div class="pj-links">${items}</div>` : '';
  }

  view() {
    const back = html`<a class="back-link" href="${href('/tasks')}" data-test="back-link">${icon('back')}<span>${t('nav.my_tasks')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert" data-test="task-error">${errorText(this.loadError)}</div>`;
    const task = this.task;
    if (!task) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    return html`${back}
      <div class="pj-task-detail" data-test="task-detail" data-category="${task.statusCategory}">
        <div class="page-header">
          <div class="pj-task-head">
            <h1 class="page-title" data-test="task-title-heading">${task.title}</h1>
            <div class="pj-card-meta small">
              ${statusBadge(task.status, task.statusCategory, this.statuses)}
              ${task.overdue ? html`<span class="badge badge-danger" data-test="task-overdue">${t('projects.mywork.overdue')}</span>` : ''}
              ${task.creatorName ? html`<span class="muted">${t('projects.task.createdBy', { name: task.creatorName })}</span>` : ''}
            </div>
            ${this.links(task)}
          </div>
        </div>
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="task-stale">${t('projects.stale')}
          <button type="button" class="btn btn-small btn-secondary" data-test="task-reload" @click=${() => { this.stale = false; this.load(); }}>${t('projects.reload')}</button></div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="task-error">${errorText(this.error)}</div>` : ''}
        <div class="record-layout">
          <div class="record-main">
            ${this.statusChips(task)}
            ${this.timeCard(task)}
            ${this.form(task)}
            ${this.checklist(task)}
            ${this.dependencies(task)}
            ${this.subtasks(task)}
          </div>
          <af-record-chatter class="record-side" data-key="chatter" .entity=${'projects.task'} .recordId=${task.id} .camera=${true}></af-record-chatter>
        </div>
      </div>`;
  }
}
AfTaskDetail.define('af-task-detail');
