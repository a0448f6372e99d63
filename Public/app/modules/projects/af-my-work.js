// data-test: my-work, quick-add (the form), quick-add-title, quick-add-due, quick-add-submit, quick-add-error,
//            mywork-view-list, mywork-view-board, task-list-link, mywork-section (data-section), mywork-count,
//            mywork-empty, task-card (data-id, data-category), task-card-title, task-card-project, task-card-due (data-overdue),
//            task-card-checklist, mywork-more (a long section's link to the desk list, filtered by due), task-toggle (the round status button, aria-pressed when done), mywork-error
//            (the board's: af-task-board.js)
// "My work" (我的任务), #/tasks: phone first. A quick-add bar on top (a title, a day if wanted, Enter creates the task,
// assigned to me), then my open tasks by when they are due — overdue, today, this week, later — and those I created for
// others and those I follow, each with its count. A card shows the title, the project, the due day (relative, red when
// overdue), the priority and the checklist n/m; the round button marks it done (or open again) at once and puts it
// back if the server refuses. A switch shows the same tasks as a kanban board by status; the full desk list is
// #/tasks/list.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { priorityBadge, relativeDay, toggledStatus, dayEnd, localToday, loadStatuses, statusName } from './project-format.js';
import './af-task-board.js';

// The desk list's `due` filter of a section, for "All {count}" when a section holds more than it shows.
const DUE_FILTER = { overdue: 'overdue', dueToday: 'today', week: 'week' };

const SECTIONS = [
  ['overdue', 'projects.mywork.overdue'],
  ['dueToday', 'projects.mywork.today'],
  ['week', 'projects.mywork.week'],
  ['later', 'projects.mywork.later'],
  ['created', 'projects.mywork.created'],
  ['following', 'projects.mywork.following'],
];

export class AfMyWork extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.data = null;
    this.error = null;
    this.statuses = [];
    this.draftTitle = '';
    this.due = '';
    this.adding = false;
    this.addError = null;
    this.addKey = uuid();
    this.seq = 0;
  }

  connected() {
    this.reload();
    loadStatuses().then((list) => { this.statuses = list; this.requestUpdate(); }).catch(() => {});
  }

  async load() {
    const seq = ++this.seq;
    try {
      const data = await api.get('/projects/my-work');
      if (seq !== this.seq) return;
      this.data = data;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  board() {
    return this.query?.view === 'board';
  }

  // Every card of a task (it may stand in two sections) takes the change.
  patchCards(id, patch) {
    for (const [key] of SECTIONS) {
      const section = this.data?.[key];
      if (!section) continue;
      section.tasks = section.tasks.map((c) => (c.id === id ? { ...c, ...patch } : c));
    }
    this.requestUpdate();
  }

  async toggle(card) {
    if (card.busy) return;
    const before = { status: card.status, statusCategory: card.statusCategory, version: card.version };
    const status = toggledStatus(card.statusCategory);
    this.patchCards(card.id, { status, statusCategory: status, busy: true });
    try {
      const task = await api.post(`/projects/tasks/${encodeURIComponent(card.id)}/status`, { status });
      this.patchCards(card.id, { status: task.status, statusCategory: task.statusCategory, version: task.version, overdue: task.overdue, busy: false });
      if (task.statusCategory === 'done') notify(t('projects.task.markedDone', { title: task.title }), 'success');
    } catch (error) {
      this.patchCards(card.id, { ...before, busy: false });
      notify(errorText(error), 'error');
    }
  }

  async quickAdd(event) {
    event.preventDefault();
    const title = this.draftTitle.trim();
    if (!title || this.adding) return;
    this.adding = true;
    this.addError = null;
    this.requestUpdate();
    try {
      const body = { title, ...(this.due ? { dueAt: dayEnd(this.due) } : {}) };
      const task = await api.post('/projects/tasks', body, { 'Idempotency-Key': this.addKey });
      this.addKey = uuid();
      this.draftTitle = '';
      this.due = '';
      notify(t('projects.task.added', { title: task.title }), 'success');
      await this.load();
    } catch (error) {
      this.addError = error;
    }
    this.adding = false;
    this.requestUpdate();
  }

  card(c) {
    const done = c.statusCategory === 'done' || c.statusCategory === 'cancelled';
    const today = this.data?.today ?? localToday();
    return html`<li class="pj-card ${done ? 'is-done' : ''}" data-test="task-card" data-id="${c.id}" data-key="${c.id}" data-category="${c.statusCategory}">
      <button type="button" class="pj-toggle pj-cat-${c.statusCategory}" data-test="task-toggle" aria-pressed="${done ? 'true' : 'false'}"
        ?disabled=${c.busy} aria-label="${done ? t('projects.task.reopen', { title: c.title }) : t('projects.task.markDone', { title: c.title })}"
        title="${statusName(c.status, this.statuses)}" @click=${() => this.toggle(c)}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10"></circle><path d="M7 12.5l3.2 3.2L17 9"></path></svg>
      </button>
      <div class="pj-card-body">
        <a class="pj-card-title" data-test="task-card-title" href="${href(`/tasks/${c.id}`)}">${c.title}</a>
        <div class="pj-card-meta small">
          ${c.projectName ? html`<span class="muted" data-test="task-card-project">${c.projectName}</span>` : ''}
          ${c.dueOn ? html`<span class="${c.overdue ? 'pj-overdue' : 'muted'}" data-test="task-card-due" data-overdue="${c.overdue ? 'true' : 'false'}"
            title="${c.dueOn}">${relativeDay(c.dueOn, today)}</span>` : ''}
          ${priorityBadge(c.priority)}
          ${c.checklistTotal ? html`<span class="muted" data-test="task-card-checklist">☑ ${c.checklistDone}/${c.checklistTotal}</span>` : ''}
        </div>
      </div>
    </li>`;
  }

  section(key, label) {
    const s = this.data[key] ?? { count: 0, tasks: [] };
    if (!s.count && (key === 'created' || key === 'following')) return '';
    return html`<section class="pj-section" data-test="mywork-section" data-section="${key}" data-key="${key}">
      <h2 class="pj-section-title ${key === 'overdue' && s.count ? 'pj-overdue' : ''}">${t(label)}
        <span class="badge badge-muted" data-test="mywork-count">${s.count}</span>
        ${DUE_FILTER[key] && s.count > s.tasks.length ? html`<a class="small pj-section-more" data-test="mywork-more"
          href="${href('/tasks/list', { mine: 'assigned', due: DUE_FILTER[key] })}">${t('projects.mywork.all', { count: s.count })}</a>` : ''}</h2>
      ${s.tasks.length ? html`<ul class="pj-cards">${s.tasks.map((c) => this.card(c))}</ul>`
        : html`<p class="muted small pj-empty">${t('projects.mywork.none')}</p>`}
    </section>`;
  }

  quickAddBar() {
    return html`<form class="pj-quick-add card" data-test="quick-add" @submit=${(e) => this.quickAdd(e)}>
      <label class="visually-hidden" for="pj-quick-title">${t('projects.task.title')}</label>
      <input id="pj-quick-title" class="input pj-quick-title" data-test="quick-add-title" maxlength="200" autocomplete="off"
        placeholder="${t('projects.mywork.quickAdd')}" .value=${this.draftTitle} @input=${(e) => { this.draftTitle = e.target.value; }}>
      <label class="visually-hidden" for="pj-quick-due">${t('projects.task.dueOn')}</label>
      <input id="pj-quick-due" type="date" class="input pj-quick-due" data-test="quick-add-due" .value=${this.due}
        @input=${(e) => { this.due = e.target.value; }}>
      <button type="submit" class="btn btn-primary" data-test="quick-add-submit" ?disabled=${this.adding} aria-label="${t('projects.task.add')}">
        ${icon('plus')}<span class="pj-hide-phone">${t('projects.task.add')}</span></button>
      ${this.addError ? html`<div class="alert alert-error pj-quick-error" role="alert" data-test="quick-add-error">${errorText(this.addError)}</div>` : ''}
    </form>`;
  }

  view() {
    const board = this.board();
    const switcher = html`<div class="segmented" role="group" aria-label="${t('projects.mywork.viewAs')}">
      <button type="button" class="btn btn-small ${board ? 'btn-ghost' : 'btn-secondary'}" data-test="mywork-view-list" aria-pressed="${board ? 'false' : 'true'}"
        @click=${() => navigate('/tasks', {}, { replace: true })}>${t('projects.mywork.asList')}</button>
      <button type="button" class="btn btn-small ${board ? 'btn-secondary' : 'btn-ghost'}" data-test="mywork-view-board" aria-pressed="${board ? 'true' : 'false'}"
        @click=${() => navigate('/tasks', { view: 'board' }, { replace: true })}>${t('projects.mywork.asBoard')}</button>
    </div>`;
    return html`<div class="pj-my-work" data-test="my-work">
      <div class="page-header">
        <h1 class="page-title">${t('nav.my_tasks')}</h1>
        <div class="page-actions">${switcher}
          <a class="btn btn-ghost btn-small" href="${href('/tasks/list')}" data-test="task-list-link">${t('projects.task.allTasks')}</a></div>
      </div>
      ${this.quickAddBar()}
      ${board ? html`<af-task-board data-key="board" .statuses=${this.statuses}></af-task-board>` : this.sections()}
    </div>`;
  }

  sections() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="mywork-error">${errorText(this.error)}</div>`;
    if (!this.data) return html`<p><span class="spinner"></span> ${t('common.loading')}</p>`;
    return html`<div class="pj-sections">${SECTIONS.map(([key, label]) => this.section(key, label))}</div>`;
  }
}
AfMyWork.define('af-my-work');
