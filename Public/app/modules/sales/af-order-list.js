// data-test: order-search, order-filter-toggle (phone only), order-filter-state, order-filter-from, order-filter-to, order-filter-customer,
//            order-filter-salesperson, order-filter-reset, new-order, order-export, order-row, pager-prev, pager-next, pager-status
// Sales orders, newest first. Every filter is in the URL: #/orders?state=draft&from=&to=&customer=&salesperson=&q=&page=
import { can } from '../../core/store.js';
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { href, navigate } from '../../core/router.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { PAGE_SIZE, pageFrom, listStatus, pageHeader, openRow, loadLatest } from '../../components/list-helpers.js';
import { stateBadge, ORDER_STATES } from './state-badge.js';
import { searchCustomers, customerLabel, loadSalespeople } from './pickers.js';

const FILTERS = ['q', 'state', 'from', 'to', 'customer', 'salesperson', 'page'];

export class AfOrderList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.salespeople = [];
    this.customer = null;
    this.filtersOpen = false;
    this.search = '';
    this.seq = 0;
    this.pushSearch = debounce(() => this.filter({ q: this.search.trim() }, true), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    loadSalespeople().then((list) => { this.salespeople = list; this.requestUpdate(); }).catch(() => {});
    this.reload();
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    const q = this.query ?? {};
    const o = old ?? {};
    if (FILTERS.some((k) => q[k] !== o[k])) {
      if (!this.contains(document.activeElement)) this.search = q.q ?? '';
      this.reload();
    }
  }

  filter(patch, replace = false) {
    navigate('/orders', { ...this.query, ...patch, page: undefined }, { replace });
  }

  async syncCustomer(id) {
    if (!id) {
      this.customer = null;
      return;
    }
    if (this.customer?.id === id) return;
    try {
      this.customer = await customerLabel(id);
    } catch {
      this.customer = { id, label: id };
    }
  }

  async load() {
    const q = this.query ?? {};
    this.syncCustomer(q.customer).then(() => this.requestUpdate());
    await loadLatest(this, () => api.get('/sales/orders', {
      q: q.q, state: q.state, from: q.from, to: q.to, customer: q.customer, salesperson: q.salesperson,
      page: pageFrom(q), limit: PAGE_SIZE,
    }));
  }

  filters(q) {
    const active = FILTERS.some((k) => k !== 'page' && q[k]);
    const count = ['state', 'from', 'to', 'customer', 'salesperson'].filter((k) => q[k]).length;
    // On a phone the filters fold away behind one button so the orders stay in view.
    return html`
      <div class="toolbar filters ${this.filtersOpen ? 'is-open' : ''}">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="order-search" placeholder="${t('orders.searchPlaceholder')}"
            aria-label="${t('orders.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
        <button type="button" class="btn btn-secondary filter-toggle" data-test="order-filter-toggle"
          aria-expanded="${this.filtersOpen ? 'true' : 'false'}"
          @click=${() => { this.filtersOpen = !this.filtersOpen; this.requestUpdate(); }}>
          ${icon('filter')}<span>${t('orders.filters')}${count ? ` (${count})` : ''}</span>
        </button>
        <label class="filter">
          <span class="filter-label">${t('orders.state')}</span>
          <select class="input select" data-test="order-filter-state" .value=${q.state ?? ''}
            @change=${(e) => this.filter({ state: e.target.value })}>
            <option value="">${t('orders.allStates')}</option>
            ${ORDER_STATES.map((s) => html`<option value="${s}">${t(`orders.states.${s}`)}</option>`)}
          </select>
        </label>
        <label class="filter">
          <span class="filter-label">${t('orders.salesperson')}</span>
          <select class="input select" data-test="order-filter-salesperson" .value=${q.salesperson ?? ''}
            @change=${(e) => this.filter({ salesperson: e.target.value })}>
            <option value="">${t('orders.anySalesperson')}</option>
            ${this.salespeople.map((s) => html`<option value="${s.id}" data-key="${s.id}">${s.name}</option>`)}
          </select>
        </label>
        <label class="filter">
          <span class="filter-label">${t('orders.from')}</span>
          <input type="date" class="input" data-test="order-filter-from" .value=${q.from ?? ''} max="${q.to ?? ''}"
            @change=${(e) => this.filter({ from: e.target.value })}>
        </label>
        <label class="filter">
          <span class="filter-label">${t('orders.to')}</span>
          <input type="date" class="input" data-test="order-filter-to" .value=${q.to ?? ''} min="${q.from ?? ''}"
            @change=${(e) => this.filter({ to: e.target.value })}>
        </label>
        <div class="filter filter-wide">
          <span class="filter-label">${t('orders.customer')}</span>
          <af-search-picker .testId=${'order-filter-customer'} .value=${this.customer} .search=${searchCustomers}
            .label=${t('orders.customer')} .placeholder=${t('orders.anyCustomer')}
            @pick=${(e) => { this.customer = e.detail; this.filter({ customer: e.detail?.id }); }}></af-search-picker>
        </div>
        ${active ? html`<button type="button" class="btn btn-ghost filter-reset" data-test="order-filter-reset"
          @click=${() => { this.search = ''; navigate('/orders'); }}>${t('orders.resetFilters')}</button>` : ''}
      </div>`;
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    return html`
      ${pageHeader(t('nav.orders'), html`
        ${data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : ''}
        ${can('sales.order.export') ? html`<a class="btn btn-secondary" href="${exportHref(this.query ?? {})}" download="sales-orders.csv"
          data-test="order-export">${t('orders.export')}</a>` : ''}
        <a class="btn btn-primary" href="${href('/orders/new')}" data-test="new-order">${icon('plus')}<span>${t('orders.new')}</span></a>`)}
      ${this.filters(q)}
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('orders.number')}</th>
              <th scope="col">${t('orders.date')}</th>
              <th scope="col">${t('orders.customer')}</th>
              <th scope="col">${t('orders.salesperson')}</th>
              <th scope="col">${t('orders.state')}</th>
              <th scope="col" class="num">${t('orders.total')}</th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 6)}
            ${(data?.items ?? []).map((o) => html`
              <tr class="row-link" data-test="order-row" data-key="${o.id}" data-id="${o.id}" @click=${(e) => openRow(e, `/orders/${o.id}`)}>
                <td class="cell-title nowrap"><a href="${href(`/orders/${o.id}`)}">${o.number}</a></td>
                <td data-label="${t('orders.date')}" class="nowrap">${formatDay(o.orderDate)}</td>
                <td data-label="${t('orders.customer')}">${o.customerName}</td>
                <td data-label="${t('orders.salesperson')}">${o.salespersonName}</td>
                <td data-label="${t('orders.state')}">${stateBadge(o.state)}</td>
                <td data-label="${t('orders.total')}" class="num">${formatMoney(o.total, o.currency)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate('/orders', { ...q, page: e.detail.page })}></af-pager>` : ''}`;
  }
}
AfOrderList.define('af-order-list');

// The export obeys the same filters (and, on the server, the same data scope) as the list.
function exportHref(q) {
  const params = new URLSearchParams();
  for (const key of ['q', 'state', 'from', 'to', 'customer', 'salesperson']) if (q[key]) params.set(key, q[key]);
  const query = params.toString();
  return `/api/v1/sales/orders/export.csv${query ? `?${query}` : ''}`;
}
