// Shared pieces of the Projects pages (issue 13): labels and badges of statuses, priorities and health, task statuses
// (cached per page load), people and task pickers, instants ↔ datetime-local values, "due in 2 days" and hours.
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getLanguage } from '../../core/i18n.js';

export const CATEGORIES = ['not_started', 'in_progress', 'done', 'cancelled'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const PROJECT_STATUSES = ['planning', 'active', 'on_hold', 'completed', 'cancelled'];
export const ROLES = ['manager', 'member', 'viewer'];
export const BUDGET_KINDS = ['labour', 'expenses', 'purchases', 'other'];
export const OPEN = new Set(['not_started', 'in_progress']);

let statuses = null;

// GET /projects/task-statuses once per page load: the kanban's columns and the status chips, in position order.
export function loadStatuses(fresh = false) {
  if (fresh) statuses = null;
  statuses ??= api.get('/projects/task-statuses').then((list) => [...(list ?? [])].sort((a, b) => a.position - b.position))
    .catch((error) => {
      statuses = null;
      throw error;
    });
  return statuses;
}

// A status' name: the catalog's for the built-in ones, the company's own name otherwise.
export function statusName(key, list = []) {
  if (has(`projects.task.status.${key}`)) return t(`projects.task.status.${key}`);
  return list.find((s) => s.key === key)?.name ?? key;
}

export function statusBadge(status, category, list = [], testId = 'task-status') {
  return html`<span class="badge pj-status pj-cat-${category}" data-test="${testId}" data-status="${status}" data-category="${category}">${statusName(status, list)}</span>`;
}

export function priorityBadge(priority, testId = 'task-priority') {
  if (!priority || priority === 'normal') return '';
  return html`<span class="badge pj-priority pj-priority-${priority}" data-test="${testId}" data-priority="${priority}">${t(`projects.task.priority.${priority}`)}</span>`;
}

export function healthBadge(health, testId = 'project-health') {
  const tone = health === 'late' ? 'badge-danger' : health === 'at_risk' ? 'badge-warning' : 'badge-success';
  return html`<span class="badge ${tone}" data-test="${testId}" data-health="${health}">${t(`projects.project.health.${health}`)}</span>`;
}

export function projectStatusBadge(status, testId = 'project-status') {
  const tone = status === 'active' ? 'badge-info' : status === 'completed' ? 'badge-success' : 'badge-inactive';
  return html`<span class="badge ${tone}" data-test="${testId}" data-status="${status}">${t(`projects.project.status.${status}`)}</span>`;
}

// The next status of the round button: open → done, done (or cancelled) → not started.
export function toggledStatus(category) {
  return category === 'done' || category === 'cancelled' ? 'not_started' : 'done';
}

// An instant as a datetime-local value on this device's clock ("2026-12-07T09:30"), and back.
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// A day typed in the quick-add bar as the end of that day on this device (18:00, a working day's end).
export function dayEnd(day) {
  return day ? fromLocalInput(`${day}T18:00`) : null;
}

function dayNumber(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000) : null;
}

// "today", "tomorrow", "3 days ago" for a due day against today (both `YYYY-MM-DD`).
export function relativeDay(day, today) {
  const a = dayNumber(day);
  const b = dayNumber(today);
  if (a == null) return '';
  if (b == null) return day;
  const diff = a - b;
  const format = new Intl.RelativeTimeFormat(getLanguage(), { numeric: 'auto' });
  if (Math.abs(diff) < 7) return format.format(diff, 'day');
  if (Math.abs(diff) < 35) return format.format(Math.round(diff / 7), 'week');
  return day;
}

export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// Hours as the server writes them ("12.50"), without trailing zeros.
export function hours(value) {
  if (value == null || value === '') return '';
  const text = String(value).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return t('projects.hours', { hours: text });
}

// Employees for pickers (assignee, collaborators, manager, members): the company directory's current people.
export async function searchEmployees(q) {
  const page = await api.get('/org/employees', { q, limit: 10 });
  return (page?.items ?? []).filter((e) => !e.archived).map((e) => ({ id: e.id, label: e.name, detail: [e.title, e.departmentName].filter(Boolean).join(' · ') }));
}

// Tasks of one project for the dependency picker, leaving out the task itself.
export function taskSearch(projectId, exclude = []) {
  return async (q) => {
    const page = await api.get('/projects/tasks', { project: projectId, q, limit: 10 });
    return (page?.items ?? []).filter((task) => !exclude.includes(task.id))
      .map((task) => ({ id: task.id, label: task.title, detail: [task.assigneeName, task.dueOn].filter(Boolean).join(' · ') }));
  };
}

export async function searchProjects(q) {
  const page = await api.get('/projects/projects', { q, limit: 10 });
  return (page?.items ?? []).map((p) => ({ id: p.id, label: `${p.code} ${p.name}`, detail: p.customerName ?? '' }));
}

// A progress bar (SVG: the CSP allows no inline style) with its percent.
export function progressBar(percent, testId, label) {
  const p = Math.max(0, Math.min(100, Number(percent) || 0));
  return html`<div class="pj-progress" data-test="${testId}" data-percent="${p}">
    <span class="pj-progress-label">${label}</span>
    <svg class="pj-progress-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${label}: ${p}%">
      <rect class="pj-progress-track" x="0" y="0" width="100" height="8" rx="4"></rect>
      <rect class="pj-progress-fill" x="0" y="0" width="${p}" height="8" rx="4"></rect>
    </svg>
    <strong class="pj-progress-value">${p}%</strong>
  </div>`;
}

// A field error list: the server's `fields` as { field: {code, message} } (first per field).
export function fieldErrors(error) {
  const errors = {};
  for (const f of error?.fields ?? []) {
    const name = String(f.field ?? '').replace(/[[.].*$/, '');
    if (!errors[name]) errors[name] = f;
  }
  return errors;
}
