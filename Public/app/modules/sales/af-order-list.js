// data-test: order-search, order-row, order-export, order-export-xlsx, new-order (and those of af-data-list),
//            order-kept (a new order kept on the device, waiting to be sent)
// Sales orders on the shared list (components/af-data-list.js): newest first; sort, filters, page in the URL
// (#/orders?state=draft,confirmed&from=&to=&customer=&salesperson=&q=&sort=-total&page=); columns and saved filters per user.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { stateBadge } from './state-badge.js';
import { commands, onOutboxChange } from '../../core/outbox.js';
import { searchCustomers, customerLabel, salespeopleOptions as salespeople } from './pickers.js';

const money = (field) => ({ num: true, render: (o) => formatMoney(o[field], o.currency) });
const day = (field) => ({ render: (o) => formatDay(o[field]) });

export const ORDER_LIST = {
  key: 'sales.orders',
  endpoint: '/sales/orders',
  path: '/orders',
  title: 'nav.orders',
  testId: 'order',
  search: 'orders.searchPlaceholder',
  rowHref: (o) => `/orders/${o.id}`,
  cells: {
    orderDate: day('orderDate'), requiredDate: day('requiredDate'), shippedDate: day('shippedDate'),
    state: { render: (o) => stateBadge(o.state) },
    total: money('total'), untaxedTotal: money('untaxedTotal'), freight: money('freight'),
  },
  values: { state: (s) => t(`orders.states.${s}`) },
  references: {
    customerName: { search: searchCustomers, label: customerLabel },
    salespersonName: { options: salespeople },
  },
  bulkValues: { 'assign-salesperson': { options: salespeople } },
  actions: () => html`<a class="btn btn-primary" href="${href('/orders/new')}" data-test="new-order">${icon('plus')}<span>${t('orders.new')}</span></a>`,
};

export class AfOrderList extends AfElement {
  static properties = ['query'];

  connected() {
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
  }

  disconnected() {
    this.offOutbox?.();
  }

  // New orders made without a network, kept on the device: listed above the server's, marked as waiting.
  async lookAtOutbox() {
    const kept = (await commands()).filter((c) => c.path === '/sales/orders' && c.method === 'POST' && (c.state === 'waiting' || c.state === 'sending'));
    if (this.kept?.length > kept.length) this.querySelector('af-data-list')?.reload?.();
    this.kept = kept;
    this.requestUpdate();
  }

  view() {
    const kept = this.kept ?? [];
    return html`
      ${kept.length ? html`<ul class="card card-pad order-kept-list">${kept.map((c) => html`
        <li class="order-kept" data-test="order-kept" data-key="${c.id}">
          <a href="${href('/sync')}">${t(c.label?.key ?? 'sync.waitingBadge', c.label?.params ?? {})}</a>
          <span class="badge waiting-badge">${t('sync.waitingBadge')}</span></li>`)}</ul>` : ''}
      <af-data-list .config=${ORDER_LIST} .query=${this.query}></af-data-list>`;
  }
}
AfOrderList.define('af-order-list');
