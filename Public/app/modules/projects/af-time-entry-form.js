// data-test: time-form, time-form-day, time-form-hours, time-hours-chip (data-hours, aria-pressed), time-form-target-<task|project>,
//            time-form-task, time-form-project (picker), time-form-note, time-form-save, time-form-cancel, time-form-error,
//            field-error (data-field: day | hours | target | note)
// The "Log hours" form of a timesheet line (工时), phone first: the day (today by default, never after today where the
// person is), hours (quick chips 0.5 / 1 / 2 / 4 / 8 or typed, up to two decimals), a task of mine that is still open
// (GET /projects/tasks?mine=assigned&statusCategory=not_started,in_progress) or a project I belong to, and a note.
// A new line is POST /projects/timesheet-entries, an edited one PATCH …/{id} with its version; either answers the whole
// week's TimesheetDTO, handed on as the `saved` event. The server's refusals show at their fields.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { todayIn } from '../../core/format.js';
import { uuid } from '../../core/uuid.js';
import '../../components/af-search-picker.js';
import { searchProjects, fieldErrors } from './project-format.js';

export const QUICK_HOURS = ['0.5', '1', '2', '4', '8'];
const FIELD_OF = { day: 'day', hours: 'hours', taskId: 'target', projectId: 'target', note: 'note' };
// Refusals without a field, put where the person can act on them.
const CODE_FIELD = {
  'projects.timesheet.future_day': 'day',
  'projects.timesheet.day_full': 'hours',
  'projects.timesheet.no_target': 'target',
};

export function personToday() {
  const user = getUser();
  return todayIn(user?.timeZone || user?.tenant?.timeZone);
}

let myTasks = null;

// My open tasks, once per page load (fresh when the form is opened again after a minute).
function loadMyTasks() {
  if (myTasks && Date.now() - myTasks.at < 60000) return myTasks.list;
  const list = api.get('/projects/tasks', { mine: 'assigned', statusCategory: 'not_started,in_progress', limit: 100 })
    .then((page) => (page?.items ?? []).map((task) => ({ id: task.id, label: task.title, detail: task.projectName ?? '' })))
    .catch(() => []);
  myTasks = { at: Date.now(), list };
  return list;
}

export class AfTimeEntryForm extends AfElement {
  static properties = ['entry', 'task', 'day'];

  constructor() {
    super();
    this.values = null;
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.tasks = [];
    this.key = uuid();
  }

  connected() {
    this.reload();
    loadMyTasks().then((list) => { this.tasks = list; this.requestUpdate(); });
  }

  // A fresh line, task or day (not the same one handed again by a re-render) starts the form over.
  changed(name, old) {
    const id = (x) => (x && typeof x === 'object' ? `${x.id}:${x.version ?? ''}` : x);
    if (id(old) !== id(this[name])) this.reload();
  }

  load() {
    this.reset();
    this.requestUpdate();
  }

  reset() {
    const e = this.entry;
    const today = personToday();
    this.values = e ? {
      day: e.day, hours: String(Number(e.hours)), kind: e.taskId ? 'task' : 'project',
      task: e.taskId ? { id: e.taskId, label: e.taskTitle ?? '' } : null,
      project: e.projectId ? { id: e.projectId, label: e.projectName ?? '' } : null, note: e.note ?? '',
    } : {
      day: this.day && this.day <= today ? this.day : today, hours: '', kind: 'task',
      task: this.task ?? null, project: null, note: '',
    };
    this.errors = {};
    this.error = null;
  }

  set(name, value) {
    this.values = { ...this.values, [name]: value };
    const field = name === 'task' || name === 'project' || name === 'kind' ? 'target' : name;
    if (this.errors[field]) delete this.errors[field];
    this.requestUpdate();
  }

  localErrors() {
    const v = this.values;
    const errors = {};
    if (!v.day) errors.day = { key: 'projects.time.dayRequired' };
    else if (v.day > personToday()) errors.day = { key: 'projects.time.futureDay' };
    const h = v.hours.trim().replace(',', '.');
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(h) || Number(h) < 0.25 || Number(h) > 24) errors.hours = { key: 'projects.time.hoursRange' };
    if (v.kind === 'task' ? !v.task : !v.project) errors.target = { key: v.kind === 'task' ? 'projects.time.pickTask' : 'projects.time.pickProject' };
    return errors;
  }

  body() {
    const v = this.values;
    const body = { day: v.day, hours: v.hours.trim().replace(',', '.'), note: v.note.trim() };
    if (v.kind === 'task') body.taskId = v.task.id;
    else body.projectId = v.project.id;
    const e = this.entry;
    if (!e) {
      if (!body.note) delete body.note;
      return body;
    }
    // Only what changed, with the version read.
    const changes = { version: e.version };
    if (body.day !== e.day) changes.day = body.day;
    if (Number(body.hours) !== Number(e.hours)) changes.hours = body.hours;
    if (body.taskId && body.taskId !== e.taskId) changes.taskId = body.taskId;
    if (body.projectId && (body.projectId !== e.projectId || e.taskId)) changes.projectId = body.projectId;
    if (body.note !== (e.note ?? '')) changes.note = body.note;
    return changes;
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    this.errors = this.localErrors();
    this.error = null;
    if (Object.keys(this.errors).length) {
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const sheet = this.entry
        ? await api.patch(`/projects/timesheet-entries/${encodeURIComponent(this.entry.id)}`, this.body())
        : await api.post('/projects/timesheet-entries', this.body(), { 'Idempotency-Key': this.key });
      this.key = uuid();
      this.busy = false;
      this.emit('saved', sheet);
      if (!this.entry) this.values = { ...this.values, hours: '', note: '' };
    } catch (error) {
      this.busy = false;
      this.key = uuid();
      this.failed(error);
    }
    this.requestUpdate();
  }

  failed(error) {
    const errors = {};
    for (const [field, f] of Object.entries(fieldErrors(error))) {
      const name = FIELD_OF[field] ?? CODE_FIELD[f.code];
      if (name) errors[name] = f;
    }
    if (!Object.keys(errors).length && CODE_FIELD[error.code]) errors[CODE_FIELD[error.code]] = { message: errorText(error) };
    this.errors = errors;
    if (!Object.keys(errors).length) this.error = error;
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  fieldError(name) {
    const e = this.errors[name];
    if (!e) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${name}" role="alert">${e.key ? t(e.key) : e.code ? fieldErrorText(e) : e.message}</span>`;
  }

  taskChoices() {
    const v = this.values;
    const list = [...this.tasks];
    if (v.task && !list.some((x) => x.id === v.task.id)) list.unshift(v.task);
    return list;
  }

  view() {
    const v = this.values;
    if (!v) return '';
    const today = personToday();
    const typed = v.hours.trim().replace(',', '.');
    return html`<form class="card card-pad ts-form" data-test="time-form" novalidate @submit=${(e) => this.save(e)}>
      <h2 class="section-title">${this.entry ? t('projects.time.editLine') : t('projects.time.log')}</h2>
      <div class="ts-form-grid">
        <label class="field">
          <span class="field-label">${t('projects.time.day')}</span>
          <input class="input ${this.errors.day ? 'is-invalid' : ''}" type="date" max="${today}" data-test="time-form-day" .value=${v.day}
            @input=${(e) => this.set('day', e.target.value)}>
          ${this.fieldError('day')}
        </label>
        <div class="field">
          <label class="field-label" for="ts-hours">${t('projects.time.hours')}</label>
          <div class="ts-hours-row">
            <div class="ts-chips" role="group" aria-label="${t('projects.time.quickHours')}">
              ${QUICK_HOURS.map((h) => html`<button type="button" class="chip pj-chip ts-chip ${Number(typed) === Number(h) ? 'is-on' : ''}" data-test="time-hours-chip"
                data-hours="${h}" data-key="${h}" aria-pressed="${Number(typed) === Number(h) ? 'true' : 'false'}" @click=${() => this.set('hours', h)}>${h}</button>`)}
            </div>
            <input id="ts-hours" class="input input-num ts-hours-input ${this.errors.hours ? 'is-invalid' : ''}" inputmode="decimal" maxlength="5"
              data-test="time-form-hours" placeholder="0.0" .value=${v.hours} @input=${(e) => this.set('hours', e.target.value)}>
          </div>
          ${this.fieldError('hours')}
        </div>
        <div class="field field-wide">
          <div class="segmented ts-target-switch" role="group" aria-label="${t('projects.time.bookTo')}">
            ${['task', 'project'].map((kind) => html`<button type="button" class="btn btn-ghost segmented-option ${v.kind === kind ? 'is-on' : ''}"
              data-test="time-form-target-${kind}" aria-pressed="${v.kind === kind ? 'true' : 'false'}" @click=${() => this.set('kind', kind)}>${t(`projects.time.target.${kind}`)}</button>`)}
          </div>
          ${v.kind === 'task' ? html`<select class="input select ${this.errors.target ? 'is-invalid' : ''}" data-test="time-form-task"
              aria-label="${t('projects.time.target.task')}" @change=${(e) => this.set('task', this.taskChoices().find((x) => x.id === e.target.value) ?? null)}>
              <option value="" ?selected=${!v.task}>${t('projects.time.chooseTask')}</option>
              ${this.taskChoices().map((x) => html`<option value="${x.id}" data-key="${x.id}" ?selected=${v.task?.id === x.id}>${x.detail ? `${x.label} · ${x.detail}` : x.label}</option>`)}
            </select>`
            : html`<af-search-picker .testId=${'time-form-project'} .value=${v.project} .search=${searchProjects} .invalid=${Boolean(this.errors.target)}
              .label=${t('projects.time.target.project')} .placeholder=${t('projects.time.chooseProject')}
              @pick=${(e) => { e.stopPropagation(); this.set('project', e.detail); }}></af-search-picker>`}
          ${this.fieldError('target')}
        </div>
        <label class="field field-wide">
          <span class="field-label">${t('projects.time.note')}</span>
          <input class="input ${this.errors.note ? 'is-invalid' : ''}" maxlength="200" data-test="time-form-note" .value=${v.note}
            @input=${(e) => this.set('note', e.target.value)}>
          ${this.fieldError('note')}
        </label>
      </div>
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="time-form-error">${errorText(this.error)}</div>` : ''}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" data-test="time-form-save" ?disabled=${this.busy}>${this.entry ? t('common.save') : t('projects.time.add')}</button>
        <button type="button" class="btn btn-secondary" data-test="time-form-cancel" @click=${() => this.emit('cancel')}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }
}
AfTimeEntryForm.define('af-time-entry-form');
