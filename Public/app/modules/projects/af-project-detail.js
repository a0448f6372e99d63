// data-test: project-detail, project-code, project-name, project-status, project-health, project-edit, project-tab-<overview|gantt|tasks|risks|documents|members|budget>,
//            project-progress-count, project-progress-hours, project-figures, project-field-<customer|manager|period|rule|role>,
//            project-add-task, project-task-form, project-task-title, project-task-save, project-member-row (data-id, data-role),
//            budget-<labour|expenses|purchases|other|total>, budget-hidden, project-error, back-link, cost-table, cost-row (data-kind, data-warning),
//            cost-actual, cost-remaining, cost-percent, cost-warning (data-warning), cost-chart, cost-bar (data-kind), cost-approved-hours, cost-pending-hours
//            (risks and issues: af-project-log.js; documents: af-project-documents.js; milestones: af-project-milestones.js; phases: af-project-phases.js; the Gantt: af-gantt.js; the task list's: af-data-list.js;
//            the chatter's: af-record-chatter.js)
// One project (项目), #/projects/{id}?tab=…, desk first: a header with its code, name, status and health, then tabs —
// Overview (progress by task count and by hours, figures, milestones with add / edit / done, the phases editor, and
// the chatter: comments, files, history of projects.project), Gantt, Tasks (the shared task list filtered by the project,
// with "Add task" that files the new task under it), Risks & issues (the project's log), Documents (versioned files), Members with their roles, and Budget for holders of projects.cost.read:
// budget against actual per cost kind (GET …/costs) as a table and bars, amber from 80 %, red over, and the hours approved and pending. "Edit" (for those who may change the plan) opens the form.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { tabBar } from '../../components/tabs.js';
import '../../components/af-data-list.js';
import '../../components/af-record-chatter.js';
import { healthBadge, projectStatusBadge, progressBar, hours, BUDGET_KINDS, fromLocalInput } from './project-format.js';
import { taskListConfig, taskImportLink } from './af-task-list.js';
import './af-project-form.js';
import './af-project-milestones.js';
import './af-project-phases.js';
import './af-gantt.js';
import './af-project-log.js';
import './af-project-documents.js';

const TABS = ['overview', 'gantt', 'tasks', 'risks', 'documents', 'members', 'budget'];

export class AfProjectDetail extends AfElement {
  static properties = ['projectId', 'query'];

  constructor() {
    super();
    this.project = null;
    this.loadError = null;
    this.editing = false;
    this.adding = null; // { title, dueOn, busy, error, key }
    this.seq = 0;
    this.listConfig = null;
  }

  connected() {
    this.reload();
  }

  // "Edit" opens the form at its top (the button may have been scrolled to).
  updated() {
    // On a phone the tab row scrolls sideways: the open tab (Budget, at the end) is brought into it.
    const bar = this.querySelector('.pj-project-detail .tabs');
    const active = bar?.querySelector('.tab.is-active');
    if (active && this.shownTab !== active.dataset.tab) {
      this.shownTab = active.dataset.tab;
      const r = active.getBoundingClientRect();
      const b = bar.getBoundingClientRect();
      if (r.right > b.right || r.left < b.left) bar.scrollLeft += r.left - b.left - 12;
    }
    if (!this.toForm) return;
    this.toForm = false;
    this.querySelector('af-project-form')?.scrollIntoView({ block: 'start' });
  }

  changed(name) {
    if (name === 'projectId') this.reload();
  }

  async load() {
    if (!this.projectId) return;
    const seq = ++this.seq;
    try {
      const project = await api.get(`/projects/projects/${encodeURIComponent(this.projectId)}`);
      if (seq !== this.seq) return;
      this.project = project;
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  tab() {
    const tab = this.query?.tab;
    if (tab === 'budget' && this.project && this.project.budget == null) return 'overview';
    return TABS.includes(tab) ? tab : 'overview';
  }

  select(tab) {
    navigate(`/projects/${this.projectId}`, tab === 'overview' ? {} : { tab });
  }

  async addTask(event) {
    event.preventDefault();
    const a = this.adding;
    if (!a || a.busy || !a.title.trim()) return;
    a.busy = true;
    a.error = null;
    this.requestUpdate();
    try {
      const body = { title: a.title.trim(), projectId: this.project.id, ...(a.dueOn ? { dueAt: fromLocalInput(`${a.dueOn}T18:00`) } : {}) };
      const task = await api.post('/projects/tasks', body, { 'Idempotency-Key': a.key });
      notify(t('projects.task.added', { title: task.title }), 'success');
      this.adding = null;
      this.listConfig = null; // a fresh list shows the new task
      this.load();
    } catch (error) {
      a.busy = false;
      a.error = error;
      a.key = uuid();
    }
    this.requestUpdate();
  }

  overview(p) {
    const pr = p.progress;
    const pair = (name, label, value) => (value ? html`<div class="field-pair" data-test="project-field-${name}"><dt>${label}</dt><dd>${value}</dd></div>` : '');
    return html`<div class="record-layout">
      <div class="record-main">
        <section class="card card-pad">
          <div class="pj-progress-grid">
            ${progressBar(pr.percentByCount, 'project-progress-count', t('projects.progress.byCount', { done: pr.done, count: pr.tasks }))}
            ${pr.percentByHours != null ? progressBar(pr.percentByHours, 'project-progress-hours', t('projects.progress.byHours', { done: hours(pr.doneHours), count: hours(pr.estimatedHours) }))
              : html`<p class="muted small" data-test="project-progress-hours">${t('projects.progress.noEstimates')}</p>`}
          </div>
          <div class="contract-figures pj-figures" data-test="project-figures">
            <div class="figure"><span class="muted small">${t('projects.progress.inProgress')}</span><strong>${pr.inProgress}</strong></div>
            <div class="figure"><span class="muted small">${t('projects.mywork.overdue')}</span><strong class="${pr.overdue ? 'pj-overdue' : ''}">${pr.overdue}</strong></div>
            <div class="figure"><span class="muted small">${t('projects.task.spentHours')}</span><strong>${hours(pr.spentHours)}</strong></div>
          </div>
          <dl class="fields">
            ${pair('customer', t('orders.customer'), p.customerId ? html`<a href="${href(`/customers/${p.customerId}`)}">${p.customerName ?? ''}</a>` : '')}
            ${pair('manager', t('projects.project.manager'), p.managerName)}
            ${pair('period', t('projects.project.period'), `${p.startsOn} – ${p.endsOn}`)}
            ${pair('rule', t('projects.project.dependencyRule'), t(`projects.project.rule.${p.dependencyRule}`))}
            ${pair('role', t('projects.project.myRole'), p.myRole ? t(`projects.member.role.${p.myRole}`) : '')}
          </dl>
          ${p.description ? html`<p class="notes pj-description">${p.description}</p>` : ''}
        </section>
        <af-project-milestones data-key="milestones" .project=${p} @changed=${() => this.load()}></af-project-milestones>
        <af-project-phases data-key="phases" .project=${p} @changed=${() => this.load()}></af-project-phases>
      </div>
      <af-record-chatter class="record-side" data-key="chatter" .entity=${'projects.project'} .recordId=${p.id}></af-record-chatter>
    </div>`;
  }

  tasks(p) {
    this.listConfig ??= taskListConfig({
      projectId: p.id, path: `/projects/${p.id}`, embedded: true,
      actions: () => (p.canManage || p.myRole === 'member' ? html`${taskImportLink(p.id)}<button type="button" class="btn btn-primary" data-test="project-add-task"
        @click=${() => { this.adding = { title: '', dueOn: '', busy: false, error: null, key: uuid() }; this.requestUpdate(); }}>${icon('plus')}<span>${t('projects.task.add')}</span></button>` : ''),
    });
    const a = this.adding;
    return html`
      ${a ? html`<form class="card card-pad pj-inline-add pj-add-task" data-test="project-task-form" @submit=${(e) => this.addTask(e)}>
        <input class="input" maxlength="200" data-test="project-task-title" placeholder="${t('projects.task.title')}" aria-label="${t('projects.task.title')}"
          .value=${a.title} @input=${(e) => { a.title = e.target.value; }}>
        <input class="input" type="date" data-test="project-task-due" aria-label="${t('projects.task.dueOn')}" .value=${a.dueOn} @input=${(e) => { a.dueOn = e.target.value; }}>
        <button type="submit" class="btn btn-primary" data-test="project-task-save" ?disabled=${a.busy}>${t('projects.task.add')}</button>
        <button type="button" class="btn btn-ghost" @click=${() => { this.adding = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
        ${a.error ? html`<div class="alert alert-error" role="alert">${errorText(a.error)}</div>` : ''}
      </form>` : ''}
      <af-data-list data-key="tasks" .config=${this.listConfig} .query=${this.listQuery(p)}></af-data-list>`;
  }

  // The list's query is the route's plus the project, the same object while the route stays (a new one reloads the list).
  listQuery(p) {
    const query = { ...(this.query ?? {}), project: p.id };
    const key = JSON.stringify(query);
    if (this.lastQueryKey !== key) {
      this.lastQueryKey = key;
      this.lastQuery = query;
    }
    return this.lastQuery;
  }

  members(p) {
    return html`<section class="card table-card">
      <table class="table responsive-table">
        <thead><tr><th scope="col">${t('projects.member.person')}</th><th scope="col">${t('projects.member.role')}</th></tr></thead>
        <tbody>${p.members.map((m) => html`<tr data-test="project-member-row" data-id="${m.employeeId}" data-role="${m.role}" data-key="${m.employeeId}">
          <td class="cell-title"><a href="${href(`/org/employees/${m.employeeId}`)}">${m.name}</a></td>
          <td data-label="${t('projects.member.role')}">${t(`projects.member.role.${m.role}`)}</td>
        </tr>`)}</tbody>
      </table>
    </section>`;
  }

  // GET …/costs once per project version while the Budget tab is open (403 without projects.cost.read: explained).
  loadCosts(p) {
    const key = `${p.id}:${p.version}`;
    if (this.costsKey === key) return;
    this.costsKey = key;
    api.get(`/projects/projects/${encodeURIComponent(p.id)}/costs`)
      .then((costs) => { this.costs = costs; this.costsError = null; })
      .catch((error) => { this.costsError = error; })
      .finally(() => this.requestUpdate());
  }

  warningBadge(line) {
    if (line.warning === 'over') return html`<span class="badge badge-danger pj-cost-warn" data-test="cost-warning" data-warning="over">${t('projects.cost.over')}</span>`;
    if (line.warning === 'near') return html`<span class="badge badge-warning pj-cost-warn" data-test="cost-warning" data-warning="near">${t('projects.cost.near')}</span>`;
    return '';
  }

  // One horizontal bar pair per cost kind on a common scale: the budget (grey), the actual (blue, amber from 80 %,
  // red from 100 %) and a dashed tick at 80 % of the budget. SVG, as the CSP allows no inline style.
  costChart(costs) {
    const scale = Math.max(1, ...costs.lines.flatMap((l) => [Number(l.budget), Number(l.actual)]));
    const w = (v) => Math.max(0, Math.min(100, (Number(v) / scale) * 100));
    const rows = costs.lines.length;
    const rowH = 26;
    return html`<svg class="pj-cost-chart" data-test="cost-chart" viewBox="0 0 100 ${rows * rowH}" preserveAspectRatio="none" role="img"
        aria-label="${t('projects.cost.chart')}" height="${rows * 34}">
      ${costs.lines.map((l, i) => {
        const y = i * rowH;
        const tick = Number(l.budget) > 0 ? w(Number(l.budget) * 0.8) : null;
        return html`<g data-test="cost-bar" data-kind="${l.kind}" data-key="${l.kind}">
          <title>${t(`projects.budget.${l.kind}`)}: ${formatMoney(l.actual, costs.currency)} / ${formatMoney(l.budget, costs.currency)}</title>
          <rect class="pj-cost-budget" x="0" y="${y + 2}" width="${w(l.budget)}" height="9"></rect>
          <rect class="pj-cost-actual ${l.warning === 'near' ? 'is-near' : l.warning === 'over' ? 'is-over' : ''}" x="0" y="${y + 12}" width="${w(l.actual)}" height="9"></rect>
          ${tick != null ? html`<line class="pj-cost-tick" x1="${tick}" x2="${tick}" y1="${y}" y2="${y + 23}" vector-effect="non-scaling-stroke"></line>` : ''}
        </g>`;
      })}
    </svg>`;
  }

  budget(p) {
    if (!p.budget) return html`<p class="muted" data-test="budget-hidden">${t('projects.budget.hidden')}</p>`;
    this.loadCosts(p);
    const c = this.costs?.projectId && this.costs.projectId.toLowerCase() === p.id.toLowerCase() ? this.costs : null;
    if (this.costsError) {
      return this.costsError.status === 403
        ? html`<p class="muted card card-pad" data-test="budget-hidden">${t('projects.budget.hidden')}</p>`
        : html`<div class="alert alert-error" role="alert" data-test="project-error">${errorText(this.costsError)}</div>`;
    }
    if (!c) return html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const money = (v) => formatMoney(v, c.currency);
    const row = (l, total = false) => html`<tr class="${total ? 'pj-cost-total' : ''}" data-test="cost-row" data-kind="${l.kind}" data-warning="${l.warning}" data-key="${l.kind}">
      <td class="cell-title">${t(`projects.budget.${l.kind}`)}${this.warningBadge(l)}</td>
      <td class="num" data-label="${t('projects.cost.budget')}" data-test="budget-${l.kind}">${money(l.budget)}</td>
      <td class="num" data-label="${t('projects.cost.actual')}" data-test="cost-actual">${money(l.actual)}</td>
      <td class="num" data-label="${t('projects.cost.remaining')}" data-test="cost-remaining">${money(l.remaining)}</td>
      <td class="num" data-label="${t('projects.cost.percent')}" data-test="cost-percent">${l.percent == null ? '–' : `${l.percent}%`}</td>
    </tr>`;
    return html`<section class="card table-card">
        <table class="table responsive-table pj-cost-table" data-test="cost-table">
          <thead><tr><th scope="col">${t('projects.cost.kind')}</th><th scope="col" class="num">${t('projects.cost.budget')}</th>
            <th scope="col" class="num">${t('projects.cost.actual')}</th><th scope="col" class="num">${t('projects.cost.remaining')}</th>
            <th scope="col" class="num">${t('projects.cost.percent')}</th></tr></thead>
          <tbody>${c.lines.map((l) => row(l))}${row(c.total, true)}</tbody>
        </table>
      </section>
      <section class="card card-pad section-gap">
        <h2 class="section-title">${t('projects.cost.chart')}</h2>
        <div class="pj-cost-chart-wrap">
          <ul class="pj-cost-chart-labels">${c.lines.map((l) => html`<li data-key="${l.kind}">${t(`projects.budget.${l.kind}`)}</li>`)}</ul>
          ${this.costChart(c)}
        </div>
        <ul class="pj-cost-legend">
          <li><svg viewBox="0 0 14 10" aria-hidden="true"><rect class="pj-cost-budget" width="14" height="10"></rect></svg>${t('projects.cost.budget')}</li>
          <li><svg viewBox="0 0 14 10" aria-hidden="true"><rect class="pj-cost-actual" width="14" height="10"></rect></svg>${t('projects.cost.actual')}</li>
          <li><svg viewBox="0 0 14 10" aria-hidden="true"><line class="pj-cost-tick" x1="7" x2="7" y1="0" y2="10"></line></svg>${t('projects.cost.tick')}</li>
        </ul>
        <div class="pj-cost-hours">
          <span class="muted">${t('projects.cost.approvedHours')}: <strong data-test="cost-approved-hours">${hours(c.approvedHours)}</strong></span>
          <span class="muted">${t('projects.cost.pendingHours')}: <strong data-test="cost-pending-hours">${hours(c.pendingHours)}</strong></span>
        </div>
        <p class="muted small">${t('projects.cost.how')}</p>
      </section>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/projects')}" data-test="back-link">${icon('back')}<span>${t('nav.projects')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert" data-test="project-error">${errorText(this.loadError)}</div>`;
    const p = this.project;
    if (!p) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    if (this.editing) {
      return html`${back}<af-project-form data-key="edit-${p.id}" .record=${p}
        @saved=${(e) => { this.project = e.detail; this.editing = false; notify(t('projects.project.saved'), 'success'); this.requestUpdate(); }}
        @cancel=${() => { this.editing = false; this.requestUpdate(); }}
        @stale=${() => this.load()}></af-project-form>`;
    }
    const tab = this.tab();
    const tabs = TABS.filter((id) => id !== 'budget' || p.budget != null)
      .map((id) => ({ id, label: t(`projects.tab.${id}`), testId: `project-tab-${id}` }));
    return html`${back}
      <div class="pj-project-detail" data-test="project-detail" data-health="${p.health}">
        <div class="page-header">
          <div>
            <div class="title-with-badge">
              <h1 class="page-title" data-test="project-name">${p.name}</h1>
              ${projectStatusBadge(p.status)} ${healthBadge(p.health)}
            </div>
            <div class="muted" data-test="project-code">${p.code}${p.customerName ? ` · ${p.customerName}` : ''}</div>
          </div>
          <div class="page-actions">
            ${p.canManage ? html`<button type="button" class="btn btn-secondary" data-test="project-edit"
              @click=${() => { this.editing = true; this.toForm = true; this.requestUpdate(); }}>${icon('edit')}<span>${t('projects.edit')}</span></button>` : ''}
          </div>
        </div>
        ${tabBar(tabs, tab, (id) => this.select(id), t('projects.project.one'))}
        <div class="pj-tab-panel" role="tabpanel">
          ${tab === 'overview' ? this.overview(p) : ''}
          ${tab === 'gantt' ? html`<af-gantt data-key="gantt" .projectId=${p.id} @changed=${() => this.load()}></af-gantt>` : ''}
          ${tab === 'tasks' ? this.tasks(p) : ''}
          ${tab === 'risks' ? html`<af-project-log data-key="log-${p.id}" .project=${p}></af-project-log>` : ''}
          ${tab === 'documents' ? html`<af-project-documents data-key="docs-${p.id}" .project=${p}></af-project-documents>` : ''}
          ${tab === 'members' ? this.members(p) : ''}
          ${tab === 'budget' ? this.budget(p) : ''}
        </div>
      </div>`;
  }
}
AfProjectDetail.define('af-project-detail');
