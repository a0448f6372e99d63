// data-test: report-by-category (table), report-by-category-row, report-by-category-total,
//            report-category-year (year select), chart-by-category
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatMoney } from '../../core/format.js';
import { reportFrame, yearSelect } from './report-frame.js';

export class AfReportByCategory extends AfElement {
  static properties = ['years'];

  constructor() {
    super();
    this.year = null;
    this.state = { loading: true, data: null, error: null };
    this.seq = 0;
  }

  changed(name) {
    // Start with the latest year that has sales.
    if (name === 'years' && this.year == null && this.years?.length) {
      this.year = this.years[0];
      this.reload();
    }
  }

  async load() {
    if (this.year == null) return;
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const data = await api.get('/sales/reports/sales-by-category', { year: this.year });
      if (seq !== this.seq) return;
      this.state = { loading: false, data, error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, data: null, error };
    }
    this.requestUpdate();
  }

  view() {
    const d = this.state.data;
    const money = (v) => formatMoney(v, d?.currency);
    return reportFrame({
      title: t('reports.byCategory'),
      controls: yearSelect({
        testId: 'report-category-year', years: this.years ?? [], value: this.year, allowAll: false,
        onChange: (v) => { this.year = Number(v); this.reload(); },
      }),
      state: this.state,
      table: d && html`
        <table class="table" data-test="report-by-category">
          <thead><tr>
            <th scope="col">${t('reports.category')}</th>
            <th scope="col" class="num">${t('reports.amount')}</th>
          </tr></thead>
          <tbody>
            ${d.rows.map((r) => html`
              <tr data-test="report-by-category-row" data-key="${r.categoryId}">
                <td>${r.name}</td><td class="num">${money(r.amount)}</td>
              </tr>`)}
          </tbody>
          <tfoot><tr>
            <th scope="row">${t('reports.total')}</th>
            <td class="num" data-test="report-by-category-total">${money(d.total)}</td>
          </tr></tfoot>
        </table>`,
      chart: d && html`<af-bar-chart .rows=${d.rows.map((r) => ({ label: r.name, value: r.amount }))}
        .currency=${d.currency} .chartTitle=${`${t('reports.byCategory')} ${d.year ?? ''}`} .testId=${'chart-by-category'}></af-bar-chart>`,
    });
  }
}
AfReportByCategory.define('af-report-by-category');
