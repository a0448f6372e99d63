// data-test: permission-matrix, perm-group (data-module), perm-row (data-permission), perm-key,
//            perm-cell (checkbox; data-role = role key, data-permission), matrix-role, role-customised, role-unsaved, role-reset
// The permission matrix (功能权限): one row per permission, grouped by module, one column per role.
// The page owns the state: `columns` = [{ role, after, draft, dirty }] (the server's role, the role with
// the local edits applied, the edits themselves); ticking a box emits `perm-toggle`
// {roleId, permission, on}, the reset button `role-reset` {role}. The administrator's column is
// always fully ticked and locked. Arrow keys move between the boxes like in a spreadsheet.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { ADMINISTRATOR, groupByModule, moduleLabel, permissionLabel, roleLabel } from './role-text.js';
import { roleHeading } from './role-column.js';

export class AfPermissionMatrix extends AfElement {
  static properties = ['columns', 'catalog', 'manage', 'disabled'];

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  // Arrow keys: up/down through a role's column, left/right through a permission's row.
  keydown(event) {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    const cell = event.target.closest?.('td');
    if (!move || !cell || event.target.type !== 'checkbox') return;
    const rows = [...this.querySelectorAll('tr[data-test="perm-row"]')];
    let r = rows.indexOf(cell.parentElement);
    let c = [...cell.parentElement.children].indexOf(cell);
    for (;;) {
      r += move[0];
      c += move[1];
      const target = rows[r]?.children[c]?.querySelector('input');
      if (!target) return;
      if (!target.disabled) {
        event.preventDefault();
        target.focus();
        return;
      }
    }
  }

  cell(column, permission) {
    const { role, after, draft } = column;
    const admin = role.key === ADMINISTRATOR;
    const checked = admin || after.permissions.includes(permission);
    const changed = Boolean(draft?.permissions) && checked !== role.permissions.includes(permission);
    const locked = admin || !role.editable || role.archived || !this.manage || this.disabled;
    const label = `${roleLabel(role)}: ${permissionLabel(permission)}`;
    return html`
      <td class="matrix-cell ${changed ? 'is-changed' : ''}" title="${admin ? t('roles.adminAlways') : ''}">
        <input type="checkbox" class="matrix-check" data-test="perm-cell" data-role="${role.key}" data-permission="${permission}"
          aria-label="${label}" .checked=${checked} ?disabled=${locked}
          @change=${(e) => this.emit('perm-toggle', { roleId: role.id, permission, on: e.target.checked })}>
        ${changed ? html`<span class="visually-hidden">${t('roles.changed')}</span>` : ''}
      </td>`;
  }

  view() {
    const columns = this.columns ?? [];
    const groups = groupByModule(this.catalog?.permissions);
    const onReset = (role) => this.emit('role-reset', { role });
    return html`
      <div class="matrix-scroll" role="region" tabindex="0" aria-label="${t('roles.tab.permissions')}" data-test="permission-matrix">
        <table class="table matrix" @keydown=${(e) => this.keydown(e)}>
          <thead>
            <tr>
              <th scope="col" class="matrix-label matrix-corner">${t('roles.permission')}</th>
              ${columns.map((col) => roleHeading(col, { manage: this.manage, onReset }))}
            </tr>
          </thead>
          <tbody>
            ${groups.map((group) => html`
              <tr class="matrix-group" data-test="perm-group" data-module="${group.module}">
                <th scope="colgroup" colspan="${columns.length + 1}"><span class="matrix-group-name">${moduleLabel(group.module)}</span></th>
              </tr>
              ${group.items.map((p) => html`
                <tr data-test="perm-row" data-key="${p.key}" data-permission="${p.key}">
                  <th scope="row" class="matrix-label">
                    <span class="matrix-perm">${permissionLabel(p.key)}</span>
                    <code class="matrix-key" data-test="perm-key">${p.key}</code>
                  </th>
                  ${columns.map((col) => this.cell(col, p.key))}
                </tr>`)}`)}
          </tbody>
        </table>
      </div>`;
  }
}
AfPermissionMatrix.define('af-permission-matrix');
