// data-test: pager-prev, pager-next, pager-status
// Previous / next paging for a `Page` answer; emits `page-change` with { page }.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';

export class AfPager extends AfElement {
  static properties = ['page', 'limit', 'total'];

  go(page) {
    this.dispatchEvent(new CustomEvent('page-change', { detail: { page }, bubbles: true }));
  }

  view() {
    const page = this.page ?? 1;
    const pages = Math.max(1, Math.ceil((this.total ?? 0) / (this.limit || 20)));
    return html`
      <div class="pager">
        <button type="button" class="btn btn-ghost" data-test="pager-prev"
          ?disabled=${page <= 1} @click=${() => this.go(page - 1)}>‹ ${t('pager.previous')}</button>
        <span class="pager-status" data-test="pager-status">${t('pager.status', { page, pages })}</span>
        <button type="button" class="btn btn-ghost" data-test="pager-next"
          ?disabled=${page >= pages} @click=${() => this.go(page + 1)}>${t('pager.next')} ›</button>
      </div>`;
  }
}
AfPager.define('af-pager');
