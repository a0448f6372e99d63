// data-test: report-by-year (table), report-by-year-row, report-by-year-total, chart-by-year
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { formatMoney, formatDecimal } from '../../core/format.js';
import { reportFrame } from './report-frame.js';

export class AfReportByYear extends AfElement {
  static properties = ['state'];

  view() {
    const state = this.state ?? { loading: true, data: null, error: null };
    const d = state.data;
    const money = (v) => formatMoney(v, d?.currency);
    return reportFrame({
      title: t('reports.byYear'),
      state,
      table: d && html`
        <table class="table" data-test="report-by-year">
          <thead><tr>
            <th scope="col">${t('reports.year')}</th>
            <th scope="col" class="num">${t('reports.orders')}</th>
            <th scope="col" class="num">${t('reports.amount')}</th>
          </tr></thead>
          <tbody>
            ${d.rows.map((r) => html`
              <tr data-test="report-by-year-row" data-key="${r.year}">
                <td>${r.year}</td><td class="num">${formatDecimal(r.orders)}</td><td class="num">${money(r.amount)}</td>
              </tr>`)}
          </tbody>
          <tfoot><tr>
            <th scope="row">${t('reports.total')}</th>
            <td class="num">${formatDecimal(String(d.rows.reduce((n, r) => n + (r.orders ?? 0), 0)))}</td>
            <td class="num" data-test="report-by-year-total">${money(d.total)}</td>
          </tr></tfoot>
        </table>`,
      chart: d && html`<af-bar-chart .rows=${d.rows.map((r) => ({ label: String(r.year), value: r.amount }))}
        .currency=${d.currency} .chartTitle=${t('reports.byYear')} .testId=${'chart-by-year'}></af-bar-chart>`,
    });
  }
}
AfReportByYear.define('af-report-by-year');
