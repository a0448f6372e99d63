// Common frame of a report card: title, optional controls, table and chart side by side.
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';

export function reportFrame({ title, controls = '', state, table, chart }) {
  let body;
  if (state.error) body = html`<div class="alert alert-error" role="alert">${errorText(state.error)}</div>`;
  else if (!state.data) body = html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>`;
  else if (state.data.rows.length === 0) body = html`<p class="muted">${t('reports.noData')}</p>`;
  else body = html`<div class="report-body"><div class="report-table">${table}</div><div class="report-chart">${chart}</div></div>`;
  return html`
    <section class="card card-pad report ${state.loading ? 'is-loading' : ''}">
      <div class="report-head">
        <h2 class="section-title">${title}</h2>
        <div class="report-controls">${controls}</div>
      </div>
      ${body}
    </section>`;
}

// Year choices come from the by-year report: the years that actually have sales.
export function yearSelect({ testId, years, value, allowAll, onChange }) {
  return html`
    <label class="filter filter-inline">
      <span class="filter-label">${t('reports.year')}</span>
      <select class="input select" data-test="${testId}" .value=${String(value ?? '')} @change=${(e) => onChange(e.target.value)}>
        ${allowAll ? html`<option value="">${t('reports.allYears')}</option>` : ''}
        ${years.map((y) => html`<option value="${y}" data-key="${y}">${y}</option>`)}
      </select>
    </label>`;
}
