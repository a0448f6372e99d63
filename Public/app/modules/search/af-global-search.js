// data-test: search-open, search-dialog, search-input, search-group (data-kind), search-hit (data-kind, data-id),
//            search-more, search-empty, search-close
// Global search (issue 9 point 3): one box in the top bar that finds customers, suppliers,
// products, orders, people, approvals (GET /search, each kind under the caller's permission and
// data scope) and the app's own pages by name. `/` or Ctrl+K (⌘K) opens it anywhere except while
// typing in a field; ↑ ↓ move, Enter opens, Esc closes.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { icon } from '../../components/icons.js';
import { pageMatches } from './page-matches.js';

const WAIT_MS = 150;

export class AfGlobalSearch extends AfElement {
  static properties = ['phone'];

  constructor() {
    super();
    this.open = false;
    this.text = '';
    this.results = null;
    this.error = null;
    this.active = 0;
    this.seq = 0;
    this.ask = debounce(() => this.load(), WAIT_MS);
  }

  connected() {
    this.onKey = (event) => {
      const typing = event.target.closest?.('input, textarea, select, [contenteditable="true"]');
      if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.show();
      } else if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        this.show();
      }
    };
    document.addEventListener('keydown', this.onKey);
  }

  disconnected() {
    document.removeEventListener('keydown', this.onKey);
    this.ask.cancel();
  }

  show() {
    if (this.open) {
      this.querySelector('[data-test="search-input"]')?.focus();
      return;
    }
    this.open = true;
    this.requestUpdate();
    queueMicrotask(() => this.querySelector('[data-test="search-input"]')?.focus());
  }

  hide() {
    this.open = false;
    this.text = '';
    this.results = null;
    this.error = null;
    this.active = 0;
    this.seq += 1;
    this.ask.cancel();
    this.requestUpdate();
  }

  typed(value) {
    this.text = value;
    this.active = 0;
    if (!value.trim()) {
      this.seq += 1;
      this.results = null;
      this.error = null;
      this.ask.cancel();
      this.requestUpdate();
      return;
    }
    this.requestUpdate();
    this.ask();
  }

  // Only the newest answer is shown: an earlier one arriving late is dropped.
  async load() {
    const seq = ++this.seq;
    const text = this.text.trim();
    try {
      const results = await api.get('/search', { q: text });
      if (seq !== this.seq) return;
      this.results = results;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  // Pages first (matched here, from the menu), then the server's groups; one flat list for the keys.
  entries() {
    const pages = pageMatches(this.text);
    const groups = [];
    if (pages.length) groups.push({ kind: 'pages', title: t('search.pages'), hits: pages, hasMore: false });
    for (const group of this.results?.groups ?? []) groups.push(group);
    return groups;
  }

  go(path) {
    this.hide();
    location.hash = '#' + path;
  }

  key(event, flat) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.hide();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!flat.length) return;
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : flat.length - 1)) % flat.length;
      this.requestUpdate();
      queueMicrotask(() => this.querySelector('.search-hit.is-active')?.scrollIntoView({ block: 'nearest' }));
    } else if (event.key === 'Enter' && flat[this.active]) {
      event.preventDefault();
      this.go(flat[this.active].path);
    }
  }

  trigger() {
    return this.phone
      ? html`<button type="button" class="btn btn-ghost search-trigger-icon" data-test="search-open" aria-label="${t('search.open')}"
          @click=${() => this.show()}>${icon('search')}</button>`
      : html`<button type="button" class="search-trigger" data-test="search-open" aria-label="${t('search.open')}" @click=${() => this.show()}>
          ${icon('search')}<span class="search-trigger-text">${t('search.placeholder')}</span><kbd>/</kbd>
        </button>`;
  }

  hit(hit, index) {
    return html`
      <a class="search-hit ${index === this.active ? 'is-active' : ''}" href="#${hit.path}" data-test="search-hit" data-kind="${hit.kind}"
        data-id="${hit.id}" @click=${(event) => { event.preventDefault(); this.go(hit.path); }}
        @mousemove=${() => { if (this.active !== index) { this.active = index; this.requestUpdate(); } }}>
        <span class="search-hit-title">${hit.title}</span>
        ${hit.subtitle ? html`<span class="search-hit-sub muted">${hit.subtitle}</span>` : ''}
      </a>`;
  }

  body(groups) {
    if (!this.text.trim()) return html`<p class="muted search-hint">${t('search.hint')}</p>`;
    if (this.error) return html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>`;
    if (!groups.length) {
      return this.results ? html`<p class="muted search-hint" data-test="search-empty">${t('search.nothing', { text: this.text.trim() })}</p>`
        : html`<p class="muted search-hint"><span class="spinner"></span> ${t('common.loading')}</p>`;
    }
    let index = 0;
    return groups.map((group) => html`
      <section class="search-group" data-test="search-group" data-kind="${group.kind}">
        <h2 class="search-group-title">${group.title}</h2>
        ${group.hits.map((hit) => this.hit(hit, index++))}
        ${group.hasMore && group.morePath ? html`<a class="search-more" href="#${group.morePath}" data-test="search-more"
          @click=${(event) => { event.preventDefault(); this.go(group.morePath); }}>${t('search.more')}</a>` : ''}
      </section>`);
  }

  view() {
    if (!this.open) return this.trigger();
    const groups = this.entries();
    const flat = groups.flatMap((g) => g.hits);
    if (this.active >= flat.length) this.active = 0;
    return html`
      ${this.trigger()}
      <div class="dialog-backdrop" @click=${() => this.hide()}></div>
      <div class="search-dialog" role="dialog" aria-modal="true" aria-label="${t('search.open')}" data-test="search-dialog">
        <div class="search-field">
          ${icon('search')}
          <input class="input" type="text" enterkeyhint="search" data-test="search-input" autocomplete="off" maxlength="200"
            placeholder="${t('search.placeholder')}" aria-label="${t('search.placeholder')}" .value=${this.text}
            @input=${(event) => this.typed(event.target.value)} @keydown=${(event) => this.key(event, flat)}>
          <button type="button" class="btn btn-ghost" data-test="search-close" aria-label="${t('common.close')}"
            @click=${() => this.hide()}>${icon('close')}</button>
        </div>
        <div class="search-results">${this.body(groups)}</div>
      </div>`;
  }
}

AfGlobalSearch.define('af-global-search');
