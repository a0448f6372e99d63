// data-test: task-list-page, task-new-link, task-import-link, task-filter-mine, task-filter-due (the shared list's: task-row, task-search, list-*)
// All tasks (任务) one may see, #/tasks/list, on the shared list (key projects.tasks): title, project, assignee, due,
// priority, status, hours; filters by project, assignee, status, priority, label, mine (assigned / created / following)
// and due (the server's `due`: today, overdue, the rest of this week, or no due time — by the reader's days); bulk
// actions assign, move and close. Also a project's Tasks tab (`projectId` and `embedded`).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import '../../components/af-data-list.js';
import { statusBadge, priorityBadge, loadStatuses, statusName, hours, searchEmployees, searchProjects } from './project-format.js';
import { api } from '../../core/api.js';

const MINE = ['assigned', 'created', 'following'];
// The status filter offers the company's statuses (the list's status column is text: status=<key> is a parameter of its own).
// Read when a task list is first shown (never at import: nobody is signed in then).
let statuses = [];
const DUE = ['today', 'overdue', 'week', 'none'];

function employeeOptions() {
  return api.get('/org/employees', { limit: 200 }).then((page) => (page?.items ?? []).filter((e) => !e.archived).map((e) => ({ id: e.id, label: e.name })));
}

function statusOptions() {
  return loadStatuses().then((list) => list.filter((s) => !s.archived).map((s) => ({ id: s.key, label: statusName(s.key, list) })));
}

async function projectLabel(id) {
  const p = await api.get(`/projects/projects/${encodeURIComponent(id)}`);
  return { id: p.id, label: `${p.code} ${p.name}` };
}

async function employeeLabel(id) {
  const e = await api.get(`/org/employees/${encodeURIComponent(id)}`);
  return { id: e.id, label: e.name };
}

export function taskListConfig({ projectId = null, path = '/tasks/list', embedded = false, actions } = {}) {
  loadStatuses().then((list) => { statuses = list; }).catch(() => {});
  const select = (name, values, labelKey, q, go) => html`<label class="filter">
    <span class="filter-label">${t(`projects.filter.${name}`)}</span>
    <select class="input select" data-test="task-filter-${name}" .value=${q[name] ?? ''} @change=${(e) => go({ [name]: e.target.value })}>
      <option value="">${t('list.any')}</option>
      ${values.map((v) => html`<option value="${v}" data-key="${v}" ?selected=${v === q[name]}>${t(`${labelKey}.${v}`)}</option>`)}
    </select></label>`;
  return {
    key: 'projects.tasks',
    endpoint: '/projects/tasks',
    path,
    title: 'projects.task.listTitle',
    testId: 'task',
    search: 'projects.task.search',
    embedded,
    keep: embedded ? ['tab'] : [],
    local: embedded ? ['tab'] : [],
    rowHref: (c) => `/tasks/${c.id}`,
    cells: {
      title: { render: (c) => html`<a href="${href(`/tasks/${c.id}`)}">${c.title}</a>` },
      status: { render: (c) => statusBadge(c.status, c.statusCategory, statuses) },
      priority: { render: (c) => priorityBadge(c.priority) || t(`projects.task.priority.${c.priority}`) },
      dueOn: { render: (c) => html`<span class="${c.overdue ? 'pj-overdue' : ''}">${c.dueOn ?? ''}</span>` },
      estimatedHours: { render: (c) => hours(c.estimatedHours), num: true },
      spentHours: { render: (c) => hours(c.spentHours), num: true },
    },
    values: {
      status: (s) => statusName(s, statuses),
      statusCategory: (s) => t(`projects.task.category.${s}`),
      priority: (p) => t(`projects.task.priority.${p}`),
    },
    references: {
      ...(projectId ? {} : { projectName: { search: searchProjects, label: projectLabel } }),
      assigneeName: { search: searchEmployees, label: employeeLabel },
    },
    bulkValues: { assign: { options: employeeOptions }, move: { options: statusOptions } },
    extraParams: ['mine', 'due', 'status', 'label'],
    extraFilters: (q, go) => html`${select('mine', MINE, 'projects.filter.mine', q, go)}${select('due', DUE, 'projects.filter.due', q, go)}
      <label class="filter"><span class="filter-label">${t('projects.task.status')}</span>
        <select class="input select" data-test="task-filter-status" .value=${q.status ?? ''} @change=${(e) => go({ status: e.target.value })}>
          <option value="">${t('list.any')}</option>
          ${statuses.filter((s) => !s.archived).map((s) => html`<option value="${s.key}" data-key="${s.key}" ?selected=${s.key === q.status}>${statusName(s.key, statuses)}</option>`)}
        </select></label>
      <label class="filter"><span class="filter-label">${t('projects.task.labels')}</span>
        <input class="input" data-test="task-filter-label" maxlength="30" .value=${q.label ?? ''} @change=${(e) => go({ label: e.target.value.trim() })}></label>`,
    actions,
  };
}

// "Import tasks" (#/tasks/import), into a project when given.
export function taskImportLink(projectId = null) {
  return html`<a class="btn btn-secondary" href="${href('/tasks/import', projectId ? { project: projectId } : {})}" data-test="task-import-link">${t('projects.import.link')}</a>`;
}

export class AfTaskList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.config = taskListConfig({
      actions: () => html`${taskImportLink()}<a class="btn btn-secondary" href="${href('/tasks')}" data-test="task-new-link">${t('nav.my_tasks')}</a>`,
    });
  }

  view() {
    return html`<div class="task-list-page" data-test="task-list-page">
      <af-data-list .config=${this.config} .query=${this.query}></af-data-list>
    </div>`;
  }
}
AfTaskList.define('af-task-list');
