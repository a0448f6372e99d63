// data-test: report-by-salesperson (table), report-by-salesperson-row, report-by-salesperson-total,
//            report-salesperson-year (year select, "" = all years), chart-by-salesperson
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatMoney, formatDecimal } from '../../core/format.js';
import { reportFrame, yearSelect } from './report-frame.js';

export class AfReportBySalesperson extends AfElement {
  static properties = ['years'];

  constructor() {
    super();
    this.year = ''; // all years
    this.state = { loading: true, data: null, error: null };
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  async load() {
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const data = await api.get('/sales/reports/sales-by-salesperson', { year: this.year });
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
    const period = this.year ? String(this.year) : t('reports.allYears');
    return reportFrame({
      title: t('reports.bySalesperson'),
      controls: yearSelect({
        testId: 'report-salesperson-year', years: this.years ?? [], value: this.year, allowAll: true,
        onChange: (v) => { this.year = v; this.reload(); },
      }),
      state: this.state,
      table: d && html`
        <table class="table" data-test="report-by-salesperson">
          <thead><tr>
            <th scope="col">${t('reports.salesperson')}</th>
            <th scope="col" class="num">${t('reports.orders')}</th>
            <th scope="col" class="num">${t('reports.amount')}</th>
          </tr></thead>
          <tbody>
            ${d.rows.map((r) => html`
              <tr data-test="report-by-salesperson-row" data-key="${r.salespersonId}">
                <td>${r.name}</td><td class="num">${formatDecimal(r.orders)}</td><td class="num">${money(r.amount)}</td>
              </tr>`)}
          </tbody>
          <tfoot><tr>
            <th scope="row">${t('reports.total')}</th>
            <td class="num">${formatDecimal(String(d.rows.reduce((n, r) => n + (r.orders ?? 0), 0)))}</td>
            <td class="num" data-test="report-by-salesperson-total">${money(d.total)}</td>
          </tr></tfoot>
        </table>`,
      chart: d && html`<af-bar-chart .rows=${d.rows.map((r) => ({ label: r.name, value: r.amount }))}
        .currency=${d.currency} .chartTitle=${`${t('reports.bySalesperson')} (${period})`} .testId=${'chart-by-salesperson'}></af-bar-chart>`,
    });
  }
}
AfReportBySalesperson.define('af-report-by-salesperson');
