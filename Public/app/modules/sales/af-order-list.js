// data-test: order-search, order-row, order-export, order-export-xlsx, new-order (and those of af-data-list)
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
import { searchCustomers, customerLabel, loadSalespeople } from './pickers.js';

const money = (field) => ({ num: true, render: (o) => formatMoney(o[field], o.currency) });
const day = (field) => ({ render: (o) => formatDay(o[field]) });
const salespeople = () => loadSalespeople().then((list) => list.map((s) => ({ id: s.id, label: s.name })));

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

  view() {
    return html`<af-data-list .config=${ORDER_LIST} .query=${this.query}></af-data-list>`;
  }
}
AfOrderList.define('af-order-list');
