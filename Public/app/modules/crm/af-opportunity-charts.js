// data-test: opportunity-charts, forecast-chart (af-bar-chart's), charts-error (the funnel's: funnel-chart.js)
// Beside the opportunities on a desktop: the funnel (GET /crm/funnel: per stage count, amount, conversion) and the
// weighted forecast of the next six months (GET /crm/forecast?months=6: amount × the stage's probability, by expected close).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import '../../components/af-bar-chart.js';
import { funnelChart } from './funnel-chart.js';

const MONTHS = 6;

export class AfOpportunityCharts extends AfElement {
  connected() {
    this.reload();
  }

  async load() {
    try {
      [this.funnel, this.forecast] = await Promise.all([api.get('/crm/funnel'), api.get('/crm/forecast', { months: MONTHS })]);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="charts-error">${errorText(this.error)}</div>`;
    if (!this.funnel) return '';
    return html`<div class="opportunity-charts" data-test="opportunity-charts">
      <section class="card card-pad">
        <h2 class="section-title">${t('crm.funnel.title')}</h2>
        ${funnelChart(this.funnel)}
      </section>
      <section class="card card-pad">
        <h2 class="section-title">${t('crm.forecast.title', { months: MONTHS })}</h2>
        <af-bar-chart .rows=${(this.forecast ?? []).map((m) => ({ label: m.month, value: m.weighted }))} .currency=${this.funnel.currency}
          .chartTitle=${t('crm.forecast.title', { months: MONTHS })} .testId=${'forecast-chart'}></af-bar-chart>
      </section>
    </div>`;
  }
}
AfOpportunityCharts.define('af-opportunity-charts');
