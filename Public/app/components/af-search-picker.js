// data-test: <testId> (the text input), <testId>-option (each choice), <testId>-clear
// A searchable combobox. The owner supplies `search(q) → [{id, label, detail}]` and the current
// `value` ({id, label} or null); a choice is reported as a `pick` event with detail = item | null.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';
import { debounce } from '../core/debounce.js';
import { icon } from './icons.js';

let counter = 0;

export class AfSearchPicker extends AfElement {
  static properties = ['value', 'search', 'placeholder', 'testId', 'invalid', 'label'];

  constructor() {
    super();
    this.listId = `af-picker-${++counter}`;
    this.editing = false;
    this.query = '';
    this.items = [];
    this.active = -1;
    this.loading = false;
    this.seq = 0;
    this.runSearch = debounce(() => this.fetch(), 200);
  }

  disconnected() {
    this.runSearch.cancel();
  }

  async fetch() {
    if (!this.search) return;
    const seq = ++this.seq;
    this.loading = true;
    this.requestUpdate();
    try {
      const items = await this.search(this.typed ? this.query.trim() : '');
      if (seq !== this.seq) return;
      this.items = items;
      this.active = items.length ? 0 : -1;
    } catch {
      if (seq !== this.seq) return;
      this.items = [];
    }
    this.loading = false;
    this.requestUpdate();
  }

  open(event) {
    this.editing = true;
    this.typed = false;
    this.query = this.value?.label ?? '';
    this.items = [];
    event.target.select?.();
    this.fetch();
  }

  input(event) {
    this.editing = true;
    this.typed = true;
    this.query = event.target.value;
    // Options on screen must always answer the text in the box; never offer stale matches.
    this.items = [];
    this.active = -1;
    this.loading = true;
    this.seq++;
    this.runSearch();
    this.requestUpdate();
  }

  close() {
    // Erasing the text and leaving the field is the natural way to clear a choice.
    if (this.editing && this.typed && this.query.trim() === '' && this.value) {
      this.pick(null);
    }
    this.editing = false;
    this.items = [];
    this.seq++;
    this.runSearch.cancel();
    this.requestUpdate();
  }

  pick(item) {
    this.editing = false;
    this.items = [];
    this.seq++;
    this.runSearch.cancel();
    this.dispatchEvent(new CustomEvent('pick', { detail: item, bubbles: true }));
    this.requestUpdate();
  }

  keydown(event) {
    const n = this.items.length;
    if (event.key === 'ArrowDown' && n) {
      this.active = (this.active + 1) % n;
    } else if (event.key === 'ArrowUp' && n) {
      this.active = (this.active - 1 + n) % n;
    } else if (event.key === 'Enter') {
      if (this.editing && this.items[this.active]) this.pick(this.items[this.active]);
    } else if (event.key === 'Escape') {
      this.editing = false;
      this.items = [];
      event.target.blur();
    } else {
      return;
    }
    event.preventDefault();
    this.requestUpdate();
  }

  view() {
    const open = this.editing && (this.items.length > 0 || this.loading || this.typed);
    const text = this.editing ? this.query : (this.value?.label ?? '');
    const testId = this.testId ?? 'picker';
    const activeId = this.active >= 0 ? `${this.listId}-${this.active}` : '';
    return html`
      <div class="picker ${this.invalid ? 'is-invalid' : ''}">
        <span class="picker-icon">${icon('search')}</span>
        <input type="text" class="input picker-input" role="combobox" autocomplete="off"
          aria-autocomplete="list" aria-expanded="${open ? 'true' : 'false'}" aria-controls="${this.listId}"
          aria-activedescendant="${activeId}" aria-label="${this.label ?? ''}" aria-invalid="${this.invalid ? 'true' : 'false'}"
          placeholder="${this.placeholder ?? t('picker.placeholder')}" data-test="${testId}"
          .value=${text} @focus=${(e) => this.open(e)} @input=${(e) => this.input(e)}
          @blur=${() => this.close()} @keydown=${(e) => this.keydown(e)}>
        ${this.value && !this.editing ? html`
          <button type="button" class="picker-clear" data-test="${testId}-clear" aria-label="${t('picker.clear')}"
            @click=${() => this.pick(null)}>${icon('close')}</button>` : ''}
        ${open ? html`
          <ul class="picker-list" role="listbox" id="${this.listId}">
            ${this.items.map((item, i) => html`
              <li role="option" id="${this.listId}-${i}" class="picker-option ${i === this.active ? 'is-active' : ''}"
                aria-selected="${i === this.active ? 'true' : 'false'}" data-test="${testId}-option" data-key="${item.id}"
                @mousedown=${(e) => e.preventDefault()} @click=${() => this.pick(item)}>
                <span class="picker-option-label">${item.label}</span>
                ${item.detail ? html`<span class="picker-option-detail">${item.detail}</span>` : ''}
              </li>`)}
            ${!this.loading && this.items.length === 0 ? html`<li class="picker-empty">${t('picker.noMatches')}</li>` : ''}
            ${this.loading && this.items.length === 0 ? html`<li class="picker-empty">${t('common.loading')}</li>` : ''}
          </ul>` : ''}
      </div>`;
  }
}
AfSearchPicker.define('af-search-picker');
