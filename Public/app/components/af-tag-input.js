// data-test: <testId> (the text box), <testId>-chip (each tag, data-tag = the tag), <testId>-remove (default testId: tags)
// Short labels as chips: Enter or a comma adds what is typed, × or Backspace in an empty box removes one. `value` is the
// array of tags; every change is reported as a `pick` event with the new array.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';
import { icon } from './icons.js';

export class AfTagInput extends AfElement {
  static properties = ['value', 'testId', 'max', 'label', 'invalid'];

  emitTags(tags) {
    this.dispatchEvent(new CustomEvent('pick', { detail: tags, bubbles: true }));
  }

  add(input) {
    const tags = this.value ?? [];
    const fresh = input.value.split(/[,，]/).map((s) => s.trim()).filter((s) => s && !tags.includes(s));
    input.value = '';
    if (fresh.length) this.emitTags([...tags, ...new Set(fresh)].slice(0, this.max ?? 20));
  }

  keydown(event) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.add(event.target);
    } else if (event.key === 'Backspace' && !event.target.value && this.value?.length) {
      this.emitTags(this.value.slice(0, -1));
    }
  }

  view() {
    const id = this.testId ?? 'tags';
    const tags = this.value ?? [];
    return html`<div class="tag-input input ${this.invalid ? 'is-invalid' : ''}">
      ${tags.map((tag) => html`<span class="tag-chip" data-test="${id}-chip" data-tag="${tag}" data-key="${tag}">${tag}
        <button type="button" class="tag-remove" data-test="${id}-remove" aria-label="${t('tags.remove', { tag })}"
          @click=${() => this.emitTags(tags.filter((x) => x !== tag))}>${icon('close')}</button></span>`)}
      <input type="text" class="tag-input-text" data-test="${id}" maxlength="30" autocomplete="off" aria-label="${this.label ?? ''}"
        placeholder="${tags.length ? '' : t('tags.placeholder')}" aria-invalid="${this.invalid ? 'true' : 'false'}"
        @keydown=${(e) => this.keydown(e)} @blur=${(e) => this.add(e.target)}
        @change=${(e) => e.stopPropagation()}>
    </div>`;
  }
}
AfTagInput.define('af-tag-input');
