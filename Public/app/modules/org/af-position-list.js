// data-test: position-list, position-row (data-id), position-name, position-code, position-count, position-add,
//            position-edit, position-archive, position-restore, position-row-error, position-show-archived,
//            position-load-error (the form's are in af-position-form.js)
// Positions (职位), #/org?tab=positions: GET /org/positions. Holders of org.position.manage add, rename,
// archive and restore; a position somebody holds cannot be archived (org.position.in_use at its row).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfArchivableList } from './archivable-list.js';

export class AfPositionList extends AfArchivableList {
  static prefix = 'position';
  static path = '/org/positions';
  static permission = 'org.position.manage';
  static messages = { added: 'org.position.added', saved: 'org.position.saved', archived: 'org.position.archived', restored: 'org.position.restored' };

  formFor(item) {
    return html`<af-position-form .record=${item}
      @saved=${(e) => this.saved(e)} @cancel=${(e) => { e.stopPropagation(); this.close(); }}
      @stale=${(e) => { e.stopPropagation(); this.load(); }}></af-position-form>`;
  }

  row(p) {
    return html`
      <tr data-test="position-row" data-key="${p.id}" data-id="${p.id}" class="${p.archived ? 'is-archived' : ''}">
        <td class="cell-title">
          <span data-test="position-name">${p.name}</span>
          ${p.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
        </td>
        <td data-label="${t('org.position.code')}" data-test="position-code">${p.code ?? ''}</td>
        <td data-label="${t('org.position.holders')}" class="num" data-test="position-count">${p.employeeCount}</td>
        <td>${this.rowActions(p)}</td>
      </tr>`;
  }

  view() {
    const head = html`
      <th scope="col">${t('org.position.name')}</th>
      <th scope="col">${t('org.position.code')}</th>
      <th scope="col" class="num">${t('org.position.holders')}</th>
      <th scope="col"><span class="visually-hidden">${t('org.dept.edit')}</span></th>`;
    return this.frame(t('org.position.add'), head, (p) => this.row(p), 4, (p) => this.formFor(p));
  }
}
AfPositionList.define('af-position-list');
