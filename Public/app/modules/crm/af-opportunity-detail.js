// data-test: opportunity-detail, opportunity-name, opportunity-field-<stage|amount|weighted|expectedClose|customer|owner|lostReason>,
//            opportunity-line, opportunity-order (Make sales order), opportunity-order-link, opportunity-error, back-link
//            (and opportunity-format's opportunity-state)
// One opportunity, #/crm/opportunities/{id} (GET /crm/opportunities/{id}): stage and probability, amount and weighted
// amount, expected close, its products, its follow-ups (af-follow-up-list.js) with Log follow-up while open; won, it becomes a draft sales order in one step
// (POST …/order → the order).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import './af-follow-up-list.js';
import { opportunityState } from './opportunity-format.js';

export class AfOpportunityDetail extends AfElement {
  static properties = ['opportunityId'];

  constructor() {
    super();
    this.opportunity = null;
    this.error = null;
    this.busy = false;
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.opportunity = await api.get(`/crm/opportunities/${encodeURIComponent(this.opportunityId)}`);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async makeOrder() {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const order = await api.post(`/crm/opportunities/${encodeURIComponent(this.opportunity.id)}/order`, {});
      notify(t('crm.opportunity.ordered', { number: order.number }), 'success');
      navigate(`/orders/${order.id}`);
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const o = this.opportunity;
    const back = html`<a class="back-link" href="${href('/crm/opportunities', { view: 'board' })}" data-test="back-link">${icon('back')}<span>${t('nav.crm_opportunities')}</span></a>`;
    const alert = this.error ? html`<div class="alert alert-error" role="alert" data-test="opportunity-error">${errorText(this.error)}</div>` : '';
    if (!o) return html`${back}${alert}${this.error ? '' : html`<span class="spinner"></span>`}`;
    const pair = (name, label, value) => (value ? html`<div class="field-pair" data-test="opportunity-field-${name}"><dt>${label}</dt><dd>${value}</dd></div>` : '');
    return html`${back}
      <div class="opportunity-detail" data-test="opportunity-detail">
        <div class="page-header">
          <h1 class="page-title" data-test="opportunity-name">${o.name} ${opportunityState(o.state)}</h1>
          <div class="page-actions">
            ${o.orderId ? html`<a class="btn btn-secondary" data-test="opportunity-order-link" href="${href(`/orders/${o.orderId}`)}">${t('crm.opportunity.openOrder')}</a>`
              : o.state === 'won' && can('sales.order.write') ? html`<button type="button" class="btn btn-primary" data-test="opportunity-order"
                ?disabled=${this.busy} @click=${() => this.makeOrder()}>${t('crm.opportunity.makeOrder')}</button>` : ''}
          </div>
        </div>
        ${alert}
        <section class="card card-pad">
          <dl class="fields">
            ${pair('number', t('crm.opportunity.number'), o.number)}
            ${pair('customer', t('orders.customer'), html`<a href="${href(`/customers/${o.customerId}`)}">${o.customerName}</a>`)}
            ${pair('stage', t('crm.opportunity.stage'), `${o.stageName} · ${o.probability}%`)}
            ${pair('amount', t('crm.opportunity.amount'), formatMoney(o.amount, o.currency))}
            ${pair('weighted', t('crm.opportunity.weighted'), formatMoney(o.weightedAmount, o.currency))}
            ${pair('expectedClose', t('crm.opportunity.expectedClose'), o.expectedCloseDate ? formatDay(o.expectedCloseDate) : '')}
            ${pair('owner', t('partners.owner'), o.ownerName)}
            ${pair('lostReason', t('crm.opportunity.lostReason'), o.lostReason)}
          </dl>
        </section>
        ${o.lines?.length ? html`<section class="card card-pad">
          <h2 class="section-title">${t('crm.opportunity.products')}</h2>
          <ul class="opportunity-lines">${o.lines.map((l) => html`<li data-test="opportunity-line" data-key="${l.productId}">
            <span>${l.productName}</span><span class="muted">${l.quantity} × ${formatMoney(l.unitPrice, o.currency)}</span></li>`)}</ul>
        </section>` : ''}
        <af-follow-up-list data-key="follow-ups" .path=${`/crm/opportunities/${encodeURIComponent(o.id)}/follow-ups`}
          .subject=${{ opportunityId: o.id }} .canLog=${o.state === 'open' && can('crm.visit.write')}></af-follow-up-list>
      </div>`;
  }
}
AfOpportunityDetail.define('af-opportunity-detail');
