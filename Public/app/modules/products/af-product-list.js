// data-test: product-search, product-category, product-archived, product-row, pager-prev, pager-next, pager-status
// The catalogue. Filters live in the URL: #/products?q=&category=<id>&archived=include&page=
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { navigate } from '../../core/router.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { PAGE_SIZE, pageFrom, listStatus, pageHeader, loadLatest } from '../../components/list-helpers.js';

export class AfProductList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.categories = [];
    this.search = '';
    this.seq = 0;
    this.pushSearch = debounce(() => this.filter({ q: this.search.trim() }, true), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    this.loadCategories();
    this.reload();
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    const q = this.query ?? {};
    const o = old ?? {};
    if (['q', 'category', 'archived', 'page'].some((k) => q[k] !== o[k])) {
      if (!this.contains(document.activeElement)) this.search = q.q ?? '';
      this.reload();
    }
  }

  // Any filter change starts again at page 1.
  filter(patch, replace = false) {
    navigate('/products', { ...this.query, ...patch, page: undefined }, { replace });
  }

  async loadCategories() {
    try {
      const page = await api.get('/products/categories', { limit: 200 });
      this.categories = page.items;
      this.requestUpdate();
    } catch {
      // The list still works without the filter.
    }
  }

  async load() {
    const q = this.query ?? {};
    await loadLatest(this, () => api.get('/products/products', {
      q: q.q,
      category: q.category,
      archived: q.archived === 'include' ? 'include' : 'exclude',
      page: pageFrom(q),
      limit: PAGE_SIZE,
    }));
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    return html`
      ${pageHeader(t('nav.products'), data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : '')}
      <div class="toolbar">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="product-search" placeholder="${t('products.searchPlaceholder')}"
            aria-label="${t('products.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
        <select class="input select" data-test="product-category" aria-label="${t('products.category')}"
          .value=${q.category ?? ''} @change=${(e) => this.filter({ category: e.target.value })}>
          <option value="">${t('products.allCategories')}</option>
          ${this.categories.map((c) => html`<option value="${c.id}" data-key="${c.id}">${c.name}</option>`)}
        </select>
        <label class="check">
          <input type="checkbox" data-test="product-archived" .checked=${q.archived === 'include'}
            @change=${(e) => this.filter({ archived: e.target.checked ? 'include' : undefined })}>
          <span>${t('products.showDiscontinued')}</span>
        </label>
      </div>
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('products.name')}</th>
              <th scope="col">${t('products.sku')}</th>
              <th scope="col">${t('products.category')}</th>
              <th scope="col">${t('products.supplier')}</th>
              <th scope="col">${t('products.pack')}</th>
              <th scope="col" class="num">${t('products.listPrice')}</th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 6)}
            ${(data?.items ?? []).map((p) => html`
              <tr data-test="product-row" data-key="${p.id}" data-id="${p.id}" class="${p.archived ? 'is-archived' : ''}">
                <td class="cell-title">${p.name}
                  ${p.archived ? html`<span class="badge badge-muted" data-test="product-discontinued">${t('products.discontinued')}</span>` : ''}</td>
                <td data-label="${t('products.sku')}" class="nowrap">${p.sku}</td>
                <td data-label="${t('products.category')}">${p.categoryName}</td>
                <td data-label="${t('products.supplier')}">${p.supplierName}</td>
                <td data-label="${t('products.pack')}">${p.packDescription}</td>
                <td data-label="${t('products.listPrice')}" class="num">${formatMoney(p.listPrice, p.currency)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate('/products', { ...q, page: e.detail.page })}></af-pager>` : ''}`;
  }
}
AfProductList.define('af-product-list');
