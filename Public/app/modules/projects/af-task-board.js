// data-test: task-board, task-column (data-status, data-category), task-column-count, board-task (data-id, data-status),
//            board-task-title, board-task-move (the phone's "Move to…" menu), task-board-error
// Tasks as a kanban board (看板): a column per task status (GET /projects/task-statuses, read afresh, in position order;
// an archived one only while a task shown still has it, and nothing is moved into it) — mine (assigned to me), or a
// project's when `projectId` is given. On a desktop a card is dragged to another column; on a phone the columns scroll
// sideways and each card has a "Move to…" menu. A move is POST /projects/tasks/{id}/status; the card moves at once and
// goes back if the server refuses.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { loadStatuses, statusName, priorityBadge, relativeDay, localToday } from './project-format.js';

const PHONE = '(max-width: 719.98px)';
const LIMIT = 200;

export class AfTaskBoard extends AfElement {
  static properties = ['statuses', 'projectId'];

  constructor() {
    super();
    this.items = null;
    this.error = null;
    this.dragged = null;
    this.ownStatuses = null;
  }

  connected() {
    this.media = matchMedia(PHONE);
    this.onMedia = () => this.requestUpdate();
    this.media.addEventListener('change', this.onMedia);
    // Fresh each time: a status the company added since this page was loaded gets its column.
    loadStatuses(true).then((list) => { this.ownStatuses = list; this.requestUpdate(); }).catch((error) => { this.error = error; this.requestUpdate(); });
    this.reload();
  }

  disconnected() {
    this.media.removeEventListener('change', this.onMedia);
  }

  changed(name) {
    if (name === 'projectId') this.reload();
  }

  async load() {
    try {
      const query = this.projectId ? { project: this.projectId } : { mine: 'assigned' };
      const page = await api.get('/projects/tasks', { ...query, limit: LIMIT, sort: 'dueOn' });
      this.items = page.items ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  // The statuses in use: archived ones only while a task shown still has one (so it does not vanish from the board).
  columns() {
    const list = this.ownStatuses ?? this.statuses ?? [];
    const held = new Set((this.items ?? []).map((c) => c.status));
    return list.filter((s) => !s.archived || held.has(s.key));
  }

  // Where a card may be moved: never into an archived status.
  targets() {
    return this.columns().filter((s) => !s.archived);
  }

  async move(task, status) {
    if (!status || status === task.status) return;
    const column = this.columns().find((s) => s.key === status);
    const before = this.items;
    this.items = this.items.map((c) => (c.id === task.id ? { ...c, status, statusCategory: column?.category ?? c.statusCategory } : c));
    this.requestUpdate();
    try {
      const moved = await api.post(`/projects/tasks/${encodeURIComponent(task.id)}/status`, { status, version: task.version });
      this.items = this.items.map((c) => (c.id === moved.id ? { ...c, status: moved.status, statusCategory: moved.statusCategory, version: moved.version, overdue: moved.overdue } : c));
      notify(t('projects.task.moved', { title: moved.title, status: statusName(moved.status, this.columns()) }), 'success');
    } catch (error) {
      this.items = before;
      notify(errorText(error), 'error');
      if (error.status === 409) this.reload();
    }
    this.requestUpdate();
  }

  drop(event, status) {
    event.preventDefault();
    if (status.archived) return;
    event.currentTarget.classList.remove('is-drop-target');
    const id = event.dataTransfer?.getData('text/plain') || this.dragged;
    const task = this.items.find((c) => c.id === id);
    if (task) this.move(task, status.key);
  }

  card(c) {
    const phone = this.media.matches;
    return html`<li class="board-card pj-board-card" data-test="board-task" data-id="${c.id}" data-key="${c.id}" data-status="${c.status}"
      draggable="${phone ? 'false' : 'true'}"
      @dragstart=${(e) => { this.dragged = c.id; e.dataTransfer.setData('text/plain', c.id); e.dataTransfer.effectAllowed = 'move'; }}>
      <a class="board-card-name" data-test="board-task-title" href="${href(`/tasks/${c.id}`)}">${c.title}</a>
      ${c.projectName ? html`<div class="muted small">${c.projectName}</div>` : ''}
      <div class="pj-card-meta small">
        ${c.dueOn ? html`<span class="${c.overdue ? 'pj-overdue' : 'muted'}">${relativeDay(c.dueOn, localToday())}</span>` : ''}
        ${priorityBadge(c.priority)}
        ${c.assigneeName && this.projectId ? html`<span class="muted">${c.assigneeName}</span>` : ''}
      </div>
      ${phone ? html`<select class="input select board-card-move" data-test="board-task-move" aria-label="${t('projects.task.moveTo')}"
        @change=${(e) => { const key = e.target.value; e.target.value = ''; this.move(c, key); }}>
        <option value="">${t('projects.task.moveTo')}</option>
        ${this.targets().filter((s) => s.key !== c.status).map((s) => html`<option value="${s.key}" data-key="${s.key}">${statusName(s.key, this.columns())}</option>`)}
      </select>` : ''}
    </li>`;
  }

  column(status) {
    const items = (this.items ?? []).filter((c) => c.status === status.key);
    return html`<section class="board-column pj-board-column pj-col-${status.category}" data-test="task-column" data-status="${status.key}"
      data-category="${status.category}" data-key="${status.key}"
      @dragover=${(e) => { e.preventDefault(); e.currentTarget.classList.add('is-drop-target'); }}
      @dragleave=${(e) => e.currentTarget.classList.remove('is-drop-target')}
      @drop=${(e) => this.drop(e, status)}>
      <header class="board-column-head"><strong>${statusName(status.key, this.columns())}</strong>
        <span class="muted small" data-test="task-column-count">${items.length}</span></header>
      <ul class="board-cards">${items.map((c) => this.card(c))}</ul>
    </section>`;
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="task-board-error">${errorText(this.error)}</div>`;
    if (!this.items || !this.columns().length) return html`<p><span class="spinner"></span> ${t('common.loading')}</p>`;
    return html`<div class="pj-board" data-test="task-board">${this.columns().map((s) => this.column(s))}</div>`;
  }
}
AfTaskBoard.define('af-task-board');
