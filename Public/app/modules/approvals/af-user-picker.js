// data-test: <testId> (search input), <testId>-option, <testId>-chip, <testId>-remove
// Several people, in order: chips plus a search box. `value` = [{id, label}]; `single` keeps at most one.
// Reports `people-change` with detail = the new list.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';
import { searchUsers } from './approval-util.js';

export class AfUserPicker extends AfElement {
  static properties = ['value', 'testId', 'single', 'label', 'search'];

  emit(list) {
    this.value = list;
    this.dispatchEvent(new CustomEvent('people-change', { detail: list, bubbles: true }));
  }

  add(item) {
    if (!item) return;
    const list = this.value ?? [];
    if (list.some((p) => p.id === item.id)) return;
    this.emit(this.single ? [item] : [...list, { id: item.id, label: item.label }]);
  }

  removePerson(id) {
    this.emit((this.value ?? []).filter((p) => p.id !== id));
  }

  view() {
    const testId = this.testId ?? 'user-picker';
    const list = this.value ?? [];
    return html`
      <div class="user-picker">
        ${list.length ? html`<div class="user-chips">
          ${list.map((p) => html`
            <span class="record-chip user-chip-item" data-test="${testId}-chip" data-key="${p.id}" data-id="${p.id}">
              <span>${p.label ?? p.name ?? p.id}</span>
              <button type="button" class="picker-clear" data-test="${testId}-remove" aria-label="${t('approvals.removePerson', { name: p.label ?? p.name ?? '' })}"
                @click=${() => this.removePerson(p.id)}>${icon('close')}</button>
            </span>`)}
        </div>` : ''}
        ${this.single && list.length ? '' : html`
          <af-search-picker .testId=${testId} .value=${null} .search=${this.search ?? searchUsers}
            .label=${this.label ?? t('approvals.person')} .placeholder=${t('approvals.searchPeople')}
            @pick=${(e) => { e.stopPropagation(); this.add(e.detail); }}></af-search-picker>`}
      </div>`;
  }
}
AfUserPicker.define('af-user-picker');
