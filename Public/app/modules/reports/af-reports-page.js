// data-test: (see the three report elements)
// The reports page. The by-year report is loaded here because it also supplies the year
// choices of the other two reports.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { pageHeader } from '../../components/list-helpers.js';

export class AfReportsPage extends AfElement {
  constructor() {
    super();
    this.byYear = { loading: true, data: null, error: null };
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.byYear = { loading: false, data: await api.get('/sales/reports/sales-by-year'), error: null };
    } catch (error) {
      this.byYear = { loading: false, data: null, error };
    }
    this.requestUpdate();
  }

  view() {
    const years = (this.byYear.data?.rows ?? []).map((r) => r.year).sort((a, b) => b - a);
    return html`
      ${pageHeader(t('nav.reports'))}
      <p class="muted report-note">${t('reports.note')}</p>
      <div class="reports">
        <af-report-by-year .state=${this.byYear}></af-report-by-year>
        <af-report-by-category .years=${years}></af-report-by-category>
        <af-report-by-salesperson .years=${years}></af-report-by-salesperson>
      </div>`;
  }
}
AfReportsPage.define('af-reports-page');
