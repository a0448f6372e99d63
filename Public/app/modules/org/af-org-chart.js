// data-test: org-chart, chart-node (data-id = employee id), chart-name, chart-toggle, chart-error
// Who reports to whom (GET /org/chart, nested `reports`), drawn as an indented tree whose connecting
// lines are CSS borders, so it reads top-down on a phone as well as on a desktop. Every manager's
// branch folds.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { icon } from '../../components/icons.js';

export class AfOrgChart extends AfElement {
  constructor() {
    super();
    this.roots = null;
    this.error = null;
    this.folded = new Set();
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.roots = (await api.get('/org/chart')) ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  toggle(id) {
    if (this.folded.has(id)) this.folded.delete(id);
    else this.folded.add(id);
    this.requestUpdate();
  }

  node(person) {
    const reports = Array.isArray(person.reports) ? person.reports : [];
    const folded = this.folded.has(person.id);
    return html`
      <li class="chart-item" data-key="${person.id}">
        <div class="chart-card" data-test="chart-node" data-id="${person.id}">
          <span class="avatar avatar-sm" aria-hidden="true">${(person.name ?? '?').slice(0, 1)}</span>
          <div class="chart-text">
            <div class="chart-name" data-test="chart-name">${person.name}</div>
            <div class="muted small">${[person.title, person.departmentName].filter(Boolean).join(' · ')}</div>
          </div>
          ${reports.length ? html`
            <button type="button" class="btn btn-ghost btn-small chart-toggle ${folded ? '' : 'is-open'}" data-test="chart-toggle"
              aria-expanded="${folded ? 'false' : 'true'}" aria-label="${t('org.chart.reportsOf', { name: person.name, count: reports.length })}"
              @click=${() => this.toggle(person.id)}>
              <span>${reports.length}</span>${icon('chevron', 'icon chart-chevron')}
            </button>` : ''}
        </div>
        ${reports.length && !folded ? html`<ul class="chart-branch">${reports.map((r) => this.node(r))}</ul>` : ''}
      </li>`;
  }

  view() {
    if (this.error) {
      return html`
        <div class="alert alert-error" role="alert" data-test="chart-error">${errorText(this.error)}</div>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`;
    }
    if (!this.roots) return html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    if (!this.roots.length) return html`<div class="card card-pad muted" data-test="empty-list">${t('org.chart.empty')}</div>`;
    return html`
      <div class="card card-pad org-chart-card">
        <p class="muted small chart-note">${t('org.chart.note')}</p>
        <ul class="org-chart" data-test="org-chart">${this.roots.map((p) => this.node(p))}</ul>
      </div>`;
  }
}
AfOrgChart.define('af-org-chart');
