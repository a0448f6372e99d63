// data-test: dept-picker, dept-picker-filter, dept-picker-option (checkbox; data-id, data-name), dept-picker-count
// Several departments chosen from the department tree: a checkbox per department, sub-departments
// indented under their parent. Ticking a parent does not tick its sub-departments (a scope of
// "department and below" exists for that). Archived departments are offered only while chosen.
// Long lists get a filter box. Properties: departments (GET /org/departments), selected (ids),
// label. Emits `departments-change` {ids}.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { buildTree } from '../org/dept-tree.js';

const FILTER_FROM = 9;

export class AfDepartmentPicker extends AfElement {
  static properties = ['departments', 'selected', 'label'];

  constructor() {
    super();
    this.filter = '';
  }

  toggle(id, on) {
    const ids = new Set(this.selected ?? []);
    if (on) ids.add(id);
    else ids.delete(id);
    this.dispatchEvent(new CustomEvent('departments-change', { detail: { ids: [...ids] }, bubbles: true }));
  }

  // A node is shown when it or one of its descendants matches the filter.
  visible(node, needle) {
    return !needle || node.dept.name.toLowerCase().includes(needle) || node.children.some((c) => this.visible(c, needle));
  }

  nodes(list, selected, needle) {
    return list.filter((n) => this.visible(n, needle)).map((n) => html`
      <li data-key="${n.dept.id}">
        <label class="check dept-picker-option ${selected.has(n.dept.id) ? 'is-on' : ''}">
          <input type="checkbox" data-test="dept-picker-option" data-id="${n.dept.id}" data-name="${n.dept.name}"
            .checked=${selected.has(n.dept.id)} @change=${(e) => this.toggle(n.dept.id, e.target.checked)}>
          <span>${n.dept.name}</span>
          ${n.dept.archived ? html`<span class="badge badge-inactive">${t('common.archived')}</span>` : ''}
        </label>
        ${n.children.length ? html`<ul class="dept-picker-tree">${this.nodes(n.children, selected, needle)}</ul>` : ''}
      </li>`);
  }

  view() {
    if (!this.departments) return html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>`;
    const selected = new Set(this.selected ?? []);
    const offered = this.departments.filter((d) => !d.archived || selected.has(d.id));
    const tree = buildTree(offered);
    const needle = this.filter.trim().toLowerCase();
    const shown = this.nodes(tree, selected, needle);
    return html`
      <div class="dept-picker" data-test="dept-picker" role="group" aria-label="${this.label ?? ''}">
        ${offered.length >= FILTER_FROM ? html`
          <input type="search" class="input dept-picker-filter" data-test="dept-picker-filter" placeholder="${t('scope.filter')}"
            aria-label="${t('scope.filter')}" .value=${this.filter}
            @input=${(e) => { this.filter = e.target.value; this.requestUpdate(); }}>` : ''}
        ${shown.length ? html`<ul class="dept-picker-tree dept-picker-root">${shown}</ul>`
          : html`<p class="muted">${offered.length ? t('common.noResults') : t('org.dept.none')}</p>`}
        <p class="muted small" data-test="dept-picker-count" aria-live="polite">${t('scope.departmentCount', { count: selected.size })}</p>
      </div>`;
  }
}
AfDepartmentPicker.define('af-department-picker');
