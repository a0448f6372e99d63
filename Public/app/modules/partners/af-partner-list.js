// data-test: customer-search | supplier-search, customer-row | supplier-row, partner-new, pager-prev, pager-next, pager-status
// Customers or suppliers (`kind`), searchable by name, city or country. Search and page live in the
// URL (#/customers?q=ber&page=2) so back/forward and reload keep the list where it was. Holders of
// partners.<customer|supplier>.write add one (#/customers/new).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { PAGE_SIZE, pageFrom, listStatus, pageHeader, openRow, loadLatest } from '../../components/list-helpers.js';

const SINGULAR = { customers: 'customer', suppliers: 'supplier' };

export class AfPartnerList extends AfElement {
  static properties = ['kind', 'query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.search = '';
    this.seq = 0;
    this.pushSearch = debounce(() => navigate(`/${this.kind}`, { q: this.search.trim() }, { replace: true }), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    this.reload();
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    if (name === 'kind' || (name === 'query' && (old?.q !== this.query?.q || old?.page !== this.query?.page))) {
      // Don't overwrite what the user is still typing with the (debounced) URL value.
      if (!this.contains(document.activeElement)) this.search = this.query?.q ?? '';
      this.reload();
    }
  }

  async load() {
    if (!this.kind) return;
    await loadLatest(this, () => api.get(`/partners/${this.kind}`, { q: this.query?.q, page: pageFrom(this.query), limit: PAGE_SIZE }));
  }

  view() {
    const kind = this.kind ?? 'customers';
    const one = SINGULAR[kind];
    const data = this.state.data;
    return html`
      ${pageHeader(t(`nav.${kind}`), html`
        ${data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : ''}
        ${can(`partners.${one}.write`) ? html`<a class="btn btn-primary" href="${href(`/${kind}/new`)}" data-test="partner-new">${icon('plus')}<span>${t(`partners.add.${one}`)}</span></a>` : ''}`)}
      <div class="toolbar">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="${one}-search" placeholder="${t('partners.searchPlaceholder')}"
            aria-label="${t('partners.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
      </div>
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('partners.name')}</th>
              <th scope="col">${t('partners.contact')}</th>
              <th scope="col">${t('partners.city')}</th>
              <th scope="col">${t('partners.country')}</th>
              <th scope="col">${t('partners.phone')}</th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 5)}
            ${(data?.items ?? []).map((p) => html`
              <tr class="row-link" data-test="${one}-row" data-key="${p.id}" data-id="${p.id}"
                @click=${(e) => openRow(e, `/${kind}/${p.id}`)}>
                <td class="cell-title"><a href="${href(`/${kind}/${p.id}`)}">${p.name}</a>
                  ${p.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}</td>
                <td data-label="${t('partners.contact')}">${p.contactName}</td>
                <td data-label="${t('partners.city')}">${p.city}</td>
                <td data-label="${t('partners.country')}">${p.country}</td>
                <td data-label="${t('partners.phone')}" class="nowrap">${p.phone}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate(`/${kind}`, { ...this.query, page: e.detail.page })}></af-pager>` : ''}`;
  }
}

AfPartnerList.define('af-partner-list');
