// data-test: customer-order-row, pager-prev, pager-next, pager-status
// The orders of one customer, newest first, as shown on the customer page.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { stateBadge } from '../sales/state-badge.js';
import { listStatus, openRow, loadLatest } from '../../components/list-helpers.js';

const LIMIT = 10;

export class AfCustomerOrders extends AfElement {
  static properties = ['customerId'];

  constructor() {
    super();
    this.page = 1;
    this.state = { loading: false, data: null, error: null };
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.page = 1;
    this.reload();
  }

  async load() {
    if (!this.customerId) return;
    await loadLatest(this, () => api.get('/sales/orders', { customer: this.customerId, page: this.page, limit: LIMIT }));
  }

  view() {
    const data = this.state.data;
    return html`
      <section class="card table-card section-gap">
        <h2 class="section-title card-pad-x">${t('partners.orders')}
          ${data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : ''}</h2>
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('orders.number')}</th>
              <th scope="col">${t('orders.date')}</th>
              <th scope="col">${t('orders.state')}</th>
              <th scope="col" class="num">${t('orders.total')}</th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 4)}
            ${(data?.items ?? []).map((o) => html`
              <tr class="row-link" data-test="customer-order-row" data-key="${o.id}" @click=${(e) => openRow(e, `/orders/${o.id}`)}>
                <td class="cell-title"><a href="${href(`/orders/${o.id}`)}">${o.number}</a></td>
                <td data-label="${t('orders.date')}">${formatDay(o.orderDate)}</td>
                <td data-label="${t('orders.state')}">${stateBadge(o.state)}</td>
                <td data-label="${t('orders.total')}" class="num">${formatMoney(o.total, o.currency)}</td>
              </tr>`)}
          </tbody>
        </table>
      </section>
      ${data && data.total > LIMIT ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => { this.page = e.detail.page; this.reload(); }}></af-pager>` : ''}`;
  }
}
AfCustomerOrders.define('af-customer-orders');
