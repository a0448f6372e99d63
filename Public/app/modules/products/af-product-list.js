// data-test: product-search, product-row, product-archived, product-discontinued (and those of af-data-list)
// The catalogue on the shared list (components/af-data-list.js). Filters live in the URL:
// #/products?q=&category=<id>&supplier=<id>&listPriceMin=&archived=include&sort=-listPrice&page=
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatMoney, formatDecimal } from '../../core/format.js';
import '../../components/af-data-list.js';

const categories = () => api.get('/products/categories', { limit: 200 }).then((p) => p.items.map((c) => ({ id: c.id, label: c.name })));

async function searchSuppliers(q) {
  const page = await api.get('/partners/suppliers', { q, limit: 10 });
  return page.items.map((s) => ({ id: s.id, label: s.name, detail: [s.city, s.country].filter(Boolean).join(', ') }));
}

async function supplierLabel(id) {
  const s = await api.get(`/partners/suppliers/${encodeURIComponent(id)}`);
  return { id: s.id, label: s.name };
}

const PRODUCT_LIST = {
  key: 'products.products',
  endpoint: '/products/products',
  path: '/products',
  title: 'nav.products',
  testId: 'product',
  search: 'products.searchPlaceholder',
  cells: {
    name: { render: (p) => html`${p.name}${p.archived ? html` <span class="badge badge-muted" data-test="product-discontinued">${t('products.discontinued')}</span>` : ''}` },
    listPrice: { num: true, render: (p) => formatMoney(p.listPrice, p.currency) },
    reorderLevel: { num: true, render: (p) => formatDecimal(p.reorderLevel) },
  },
  references: {
    categoryName: { options: categories },
    supplierName: { search: searchSuppliers, label: supplierLabel },
  },
  // Discontinued products are hidden unless asked for (`archived`).
  extraParams: ['archived'],
  extraFilters: (q, go) => html`<label class="check filter">
    <input type="checkbox" data-test="product-archived" .checked=${q.archived === 'include'}
      @change=${(e) => go({ archived: e.target.checked ? 'include' : undefined })}>
    <span>${t('products.showDiscontinued')}</span></label>`,
};

export class AfProductList extends AfElement {
  static properties = ['query'];

  view() {
    return html`<af-data-list .config=${PRODUCT_LIST} .query=${this.query}></af-data-list>`;
  }
}
AfProductList.define('af-product-list');
