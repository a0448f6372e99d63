// data-test: project-reports, pr-tab-<status|workload|overdue|budget>, pr-section (data-report), pr-csv (data-report), pr-error,
//            pr-health-count (data-health), pr-status-row (data-project-id), pr-status-overdue, pr-workload-from, pr-workload-weeks,
//            workload-heatmap, heat-cell (data-row, data-week, data-hours), workload-table, workload-row (data-employee-id),
//            overdue-chart (crm-charts' chart-bar), overdue-row (data-employee-id), budget-row (data-project-id), budget-warning
//            (data-warning), budget-hidden
// Project reports (项目报表), #/projects/reports?tab=…: the status of every open project (health badges and counts, progress,
// next milestone, overdue tasks; a row opens the project); workload per person and ISO week (a heat map of estimated hours
// with the figures on it; a table on a phone); overdue tasks per assignee (bars and a table); budget against actual (a %
// bar and a warning badge; explained instead of shown without projects.cost.read). Each section links its CSV — the same
// report with /csv after its path.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { formatMoney, formatDecimal } from '../../core/format.js';
import { tabBar } from '../../components/tabs.js';
import { barChart } from '../crm/crm-charts.js';
import { healthBadge, progressBar, relativeDay, localToday } from './project-format.js';

const TABS = ['status', 'workload', 'overdue', 'budget'];
const HEALTH = ['late', 'at_risk', 'on_track'];
const WEEK_CHOICES = [4, 8, 12, 26];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PATHS = { status: 'reports/status', workload: 'reports/workload', overdue: 'reports/overdue', budget: 'reports/budget' };

// "12.50" → "12.5", "8.00" → "8".
export const trimHours = (v) => String(v ?? '0').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

// A week's estimated hours as one of six shades: none, up to a day, two days, four days, a full week, more than a week.
export function heatLevel(hoursText) {
  const h = Number(hoursText) || 0;
  if (h <= 0) return 0;
  if (h <= 8) return 1;
  if (h <= 16) return 2;
  if (h <= 32) return 3;
  if (h <= 40) return 4;
  return 5;
}

function csvHref(name, query = {}) {
  const params = new URLSearchParams(query);
  const search = params.toString();
  return `/api/v1/projects/${PATHS[name]}/csv${search ? `?${search}` : ''}`;
}

// The heat map: a row per person, a column per week, the hours written in each cell, the total at the end.
const LABEL = 150;
const CELL_W = 62;
const CELL_H = 34;
const HEAD = 40;
const TOTAL_W = 72;

function clip(text, max) {
  let width = 0;
  let out = '';
  for (const ch of String(text ?? '')) {
    width += ch.charCodeAt(0) > 0x2e80 ? 13 : 7;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

function heatMap(d) {
  const weeks = d.weeks ?? [];
  const rows = d.rows ?? [];
  const width = LABEL + weeks.length * CELL_W + TOTAL_W;
  const height = HEAD + rows.length * CELL_H + 2;
  const title = t('projects.report.workload');
  return html`<svg class="pj-heatmap" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-test="workload-heatmap"
      aria-label="${title}">
    <title>${title}</title>
    ${weeks.map((w, i) => html`<g data-key="w${i}">
      <text class="hm-head" x="${LABEL + i * CELL_W + CELL_W / 2}" y="16" text-anchor="middle">${w.replace(/^\d{4}-/, '')}</text>
      <text class="hm-sub" x="${LABEL + i * CELL_W + CELL_W / 2}" y="31" text-anchor="middle">${(d.mondays?.[i] ?? '').slice(5)}</text></g>`)}
    <text class="hm-head" x="${LABEL + weeks.length * CELL_W + TOTAL_W / 2}" y="16" text-anchor="middle">${t('projects.report.total')}</text>
    ${rows.map((r, ri) => {
      const y = HEAD + ri * CELL_H;
      return html`<g class="hm-row" data-key="${r.employeeId}">
        <text class="hm-name" x="${LABEL - 10}" y="${y + CELL_H / 2}" text-anchor="end" dominant-baseline="middle">${clip(r.name, LABEL - 16)}<title>${r.name}</title></text>
        ${(r.cells ?? []).map((c, wi) => {
          const level = heatLevel(c.hours);
          return html`<g data-key="${wi}"><rect class="hm-cell hm-${level}" data-test="heat-cell" data-row="${ri}" data-week="${weeks[wi]}" data-hours="${c.hours}"
              x="${LABEL + wi * CELL_W + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" rx="3">
              <title>${r.name} · ${weeks[wi]}: ${t('projects.report.cell', { hours: trimHours(c.hours), tasks: c.tasks })}</title></rect>
            ${c.tasks ? html`<text class="hm-value ${level >= 4 ? 'is-dark' : ''}" x="${LABEL + wi * CELL_W + CELL_W / 2}" y="${y + CELL_H / 2}"
              text-anchor="middle" dominant-baseline="middle">${formatDecimal(trimHours(c.hours))}</text>` : ''}</g>`;
        })}
        <text class="hm-total" x="${LABEL + weeks.length * CELL_W + TOTAL_W / 2}" y="${y + CELL_H / 2}" text-anchor="middle"
          dominant-baseline="middle">${formatDecimal(trimHours(r.total?.hours))}</text>
      </g>`;
    })}
  </svg>`;
}

function heatLegend() {
  const steps = [[1, '≤ 8'], [2, '≤ 16'], [3, '≤ 32'], [4, '≤ 40'], [5, '> 40']];
  return html`<div class="pj-heat-legend" aria-hidden="true">
    <span class="muted small">${t('projects.report.legend')}</span>
    ${steps.map(([level, text]) => html`<span class="pj-heat-key" data-key="${level}"><svg width="14" height="14" viewBox="0 0 14 14"><rect class="hm-cell hm-${level}"
      width="14" height="14" rx="3"></rect></svg><span class="small">${text}</span></span>`)}
  </div>`;
}

// A percent of the budget used as a bar (SVG: the CSP allows no inline style); over 100 % the bar is full and red.
function budgetBar(percent, warning) {
  if (percent == null) return html`<span class="muted">—</span>`;
  const width = Math.max(0, Math.min(100, percent));
  return html`<span class="pj-budget-bar pj-budget-${warning}" data-percent="${percent}">
    <svg class="pj-progress-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${percent}%">
      <rect class="pj-progress-track" x="0" y="0" width="100" height="8" rx="4"></rect>
      <rect class="pj-progress-fill" x="0" y="0" width="${width}" height="8" rx="4"></rect>
    </svg><strong class="pj-progress-value">${percent}%</strong></span>`;
}

export class AfProjectReports extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.data = {};
    this.errors = {};
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  tab() {
    return TABS.includes(this.query?.tab) ? this.query.tab : 'status';
  }

  workloadQuery() {
    const q = this.query ?? {};
    const weeks = Number.parseInt(q.weeks ?? '', 10);
    return {
      ...(DAY.test(q.from ?? '') ? { from: q.from } : {}),
      weeks: String(weeks >= 1 && weeks <= 26 ? weeks : 8),
    };
  }

  async load() {
    const tab = this.tab();
    const seq = ++this.seq;
    if (tab === 'budget' && !can('projects.cost.read')) {
      this.errors.budget = { status: 403 };
      this.requestUpdate();
      return;
    }
    const query = tab === 'workload' ? this.workloadQuery() : {};
    // Loaded again on each visit of a tab: the figures are today's.
    try {
      const value = await api.get(`/projects/${PATHS[tab]}`, query);
      if (seq !== this.seq) return;
      this.data[tab] = value;
      delete this.errors[tab];
    } catch (error) {
      if (seq !== this.seq) return;
      this.errors[tab] = error;
    }
    this.requestUpdate();
  }

  go(change) {
    navigate('/projects/reports', { ...(this.query ?? {}), ...change }, { replace: true });
  }

  section(name, title, body, { query = {}, controls = '' } = {}) {
    const error = this.errors[name];
    const data = this.data[name];
    const hidden = name === 'budget' && error?.status === 403;
    return html`<section class="card card-pad pj-report" data-test="pr-section" data-report="${name}" data-key="${name}">
      <div class="report-head">
        <h2 class="section-title">${title}</h2>
        <div class="report-controls">${controls}${hidden ? '' : html`<a class="btn btn-secondary btn-small" href="${csvHref(name, query)}"
          download="project-${name}.csv" data-test="pr-csv" data-report="${name}">${t('projects.report.csv')}</a>`}</div>
      </div>
      ${hidden ? html`<div class="alert alert-info" role="status" data-test="budget-hidden">${t('projects.report.budgetHidden')}</div>`
        : error ? html`<div class="alert alert-error" role="alert" data-test="pr-error">${errorText(error)}</div>`
          : data ? body(data) : html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>`}
    </section>`;
  }

  status(d) {
    const rows = d.rows ?? [];
    const today = d.today ?? localToday();
    return html`
      <div class="pj-health-counts">
        ${HEALTH.map((h) => html`<span class="pj-health-count" data-test="pr-health-count" data-health="${h}" data-key="${h}">
          ${healthBadge(h, 'pr-health-badge')}<strong>${d.counts?.[h] ?? 0}</strong></span>`)}
      </div>
      ${rows.length ? html`<table class="table responsive-table pj-report-table" data-test="pr-status-table">
        <thead><tr><th scope="col">${t('projects.project.name')}</th><th scope="col">${t('projects.project.manager')}</th>
          <th scope="col">${t('projects.report.health')}</th><th scope="col">${t('projects.report.progress')}</th>
          <th scope="col">${t('projects.report.nextMilestone')}</th><th scope="col" class="num">${t('projects.report.overdueTasks')}</th>
          <th scope="col">${t('projects.project.endsOn')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-test="pr-status-row" data-project-id="${r.projectId}" data-key="${r.projectId}">
          <td class="cell-title"><a href="${href(`/projects/${r.projectId}`)}">${r.name}</a> <span class="muted small">${r.code}</span></td>
          <td data-label="${t('projects.project.manager')}">${r.managerName ?? ''}</td>
          <td data-label="${t('projects.report.health')}">${healthBadge(r.health, 'pr-status-health')}</td>
          <td data-label="${t('projects.report.progress')}">${progressBar(r.percentByCount, 'pr-status-progress', `${r.done}/${r.tasks}`)}</td>
          <td data-label="${t('projects.report.nextMilestone')}">${r.nextMilestone ? html`<span class="pj-report-ms">${r.nextMilestone}</span>
            <span class="muted small pj-day ${r.nextMilestoneOn && r.nextMilestoneOn < today ? 'pj-overdue' : ''}">${r.nextMilestoneOn ?? ''}</span>` : html`<span class="muted">—</span>`}</td>
          <td class="num" data-label="${t('projects.report.overdueTasks')}"><span class="${r.overdue ? 'pj-overdue' : ''}" data-test="pr-status-overdue">${r.overdue}</span></td>
          <td data-label="${t('projects.project.endsOn')}"><span class="pj-day ${r.endsOn < today ? 'pj-overdue' : ''}">${r.endsOn}</span></td>
        </tr>`)}</tbody>
      </table>` : html`<p class="muted">${t('projects.report.noProjects')}</p>`}`;
  }

  workload(d) {
    const q = this.workloadQuery();
    const rows = d.rows ?? [];
    const weeks = d.weeks ?? [];
    if (!rows.length) return html`<p class="muted">${t('projects.report.noWorkload')}</p>`;
    return html`
      <p class="muted small">${t('projects.report.workloadHint')}</p>
      <div class="table-scroll pj-heat-scroll">${heatMap(d)}</div>
      ${heatLegend()}
      <div class="table-scroll pj-workload-phone">
        <table class="table pj-workload-table" data-test="workload-table">
          <thead><tr><th scope="col">${t('projects.report.person')}</th>
            ${weeks.map((w, i) => html`<th scope="col" class="num" data-key="${w}" title="${d.mondays?.[i] ?? ''}">${w.replace(/^\d{4}-/, '')}</th>`)}
            <th scope="col" class="num">${t('projects.report.total')}</th></tr></thead>
          <tbody>${rows.map((r) => html`<tr data-test="workload-row" data-employee-id="${r.employeeId}" data-key="${r.employeeId}">
            <th scope="row">${r.name}</th>
            ${(r.cells ?? []).map((c, i) => html`<td class="num hm-td hm-${heatLevel(c.hours)}" data-key="${i}">${c.tasks ? formatDecimal(trimHours(c.hours)) : ''}</td>`)}
            <td class="num"><strong>${formatDecimal(trimHours(r.total?.hours))}</strong></td></tr>`)}</tbody>
        </table>
      </div>
      <p class="muted small">${t('projects.report.weeksShown', { from: d.mondays?.[0] ?? '', count: Number(q.weeks) })}</p>`;
  }

  workloadControls() {
    const q = this.workloadQuery();
    const shown = this.data.workload?.mondays?.[0] ?? '';
    return html`<label class="filter filter-inline"><span class="filter-label">${t('projects.report.from')}</span>
        <input class="input" type="date" data-test="pr-workload-from" .value=${q.from ?? shown}
          @change=${(e) => this.go({ from: DAY.test(e.target.value) ? e.target.value : '' })}></label>
      <label class="filter filter-inline"><span class="filter-label">${t('projects.report.weeks')}</span>
        <select class="input select" data-test="pr-workload-weeks" .value=${q.weeks} @change=${(e) => this.go({ weeks: e.target.value })}>
          ${[...new Set([...WEEK_CHOICES, Number(q.weeks)])].sort((a, b) => a - b).map((n) => html`<option value="${n}" data-key="${n}"
            ?selected=${String(n) === q.weeks}>${t('projects.report.weekCount', { count: n })}</option>`)}
        </select></label>`;
  }

  overdue(rows) {
    if (!rows.length) return html`<p class="muted">${t('projects.report.noOverdue')}</p>`;
    const today = localToday();
    const name = (r) => r.name ?? t('projects.report.unassigned');
    return html`<div class="report-split">
      ${barChart({ title: t('projects.report.overdue'), series: [{ name: t('projects.report.tasks') }], testId: 'overdue-chart',
        rows: rows.map((r) => ({ label: name(r), values: [r.tasks] })) })}
      <table class="table responsive-table pj-report-table">
        <thead><tr><th scope="col">${t('projects.report.person')}</th><th scope="col" class="num">${t('projects.report.tasks')}</th>
          <th scope="col" class="num">${t('projects.report.hours')}</th><th scope="col">${t('projects.report.oldest')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-test="overdue-row" data-employee-id="${r.employeeId ?? ''}" data-key="${r.employeeId ?? '-'}">
          <td class="cell-title">${name(r)}</td>
          <td class="num" data-label="${t('projects.report.tasks')}"><strong class="pj-overdue">${r.tasks}</strong></td>
          <td class="num" data-label="${t('projects.report.hours')}">${formatDecimal(trimHours(r.hours))}</td>
          <td data-label="${t('projects.report.oldest')}"><span class="pj-day">${r.oldestDueOn ?? ''}</span> <span class="muted small">${r.oldestDueOn ? relativeDay(r.oldestDueOn, today) : ''}</span></td>
        </tr>`)}</tbody>
      </table>
    </div>`;
  }

  budget(rows) {
    if (!rows.length) return html`<p class="muted">${t('projects.report.noProjects')}</p>`;
    return html`<table class="table responsive-table pj-report-table" data-test="pr-budget-table">
      <thead><tr><th scope="col">${t('projects.project.name')}</th><th scope="col" class="num">${t('projects.report.budget')}</th>
        <th scope="col" class="num">${t('projects.report.actual')}</th><th scope="col">${t('projects.report.used')}</th><th scope="col"></th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-test="budget-row" data-project-id="${r.projectId}" data-key="${r.projectId}">
        <td class="cell-title"><a href="${href(`/projects/${r.projectId}`, { tab: 'budget' })}">${r.name}</a> <span class="muted small">${r.code}</span></td>
        <td class="num" data-label="${t('projects.report.budget')}">${formatMoney(r.budget, r.currency)}</td>
        <td class="num" data-label="${t('projects.report.actual')}">${formatMoney(r.actual, r.currency)}</td>
        <td data-label="${t('projects.report.used')}">${budgetBar(r.percent, r.warning)}</td>
        <td>${r.warning === 'none' ? '' : html`<span class="badge ${r.warning === 'over' ? 'badge-danger' : 'badge-warning'}" data-test="budget-warning"
          data-warning="${r.warning}">${t(`projects.report.warning.${r.warning}`)}</span>`}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  view() {
    const tab = this.tab();
    const tabs = TABS.map((id) => ({ id, label: t(`projects.report.tab.${id}`), testId: `pr-tab-${id}` }));
    const titles = { status: 'projects.report.status', workload: 'projects.report.workload', overdue: 'projects.report.overdue', budget: 'projects.report.budget' };
    let body;
    if (tab === 'status') body = this.section('status', t(titles.status), (d) => this.status(d));
    else if (tab === 'workload') {
      body = this.section('workload', t(titles.workload), (d) => this.workload(d), { query: this.workloadQuery(), controls: this.workloadControls() });
    } else if (tab === 'overdue') body = this.section('overdue', t(titles.overdue), (d) => this.overdue(d));
    else body = this.section('budget', t('projects.report.budgetTitle'), (d) => this.budget(d));
    return html`<div class="pj-reports" data-test="project-reports">
      <div class="page-header"><h1 class="page-title">${t('nav.project_reports')}</h1></div>
      ${tabBar(tabs, tab, (id) => this.go({ tab: id }), t('nav.project_reports'))}
      ${body}
    </div>`;
  }
}
AfProjectReports.define('af-project-reports');
