// data-test: site-list, site-row (data-id), site-name, site-address, site-coordinates, site-time-zone, site-count,
//            site-add, site-edit, site-archive, site-restore, site-row-error, site-show-archived, site-load-error
//            (the form's are in af-site-form.js)
// Sites and branches (办公地点), #/org?tab=sites: GET /org/sites. Holders of org.site.manage add, change,
// archive and restore; a site people are based at cannot be archived (org.site.in_use at its row).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfArchivableList } from './archivable-list.js';

export class AfSiteList extends AfArchivableList {
  static prefix = 'site';
  static path = '/org/sites';
  static permission = 'org.site.manage';
  static messages = { added: 'org.site.added', saved: 'org.site.saved', archived: 'org.site.archived', restored: 'org.site.restored' };

  formFor(item) {
    return html`<af-site-form .record=${item}
      @saved=${(e) => this.saved(e)} @cancel=${(e) => { e.stopPropagation(); this.close(); }}
      @stale=${(e) => { e.stopPropagation(); this.load(); }}></af-site-form>`;
  }

  row(s) {
    // Coordinates are shown exactly as stored (decimal text), never re-formatted through a float.
    const coordinates = s.latitude && s.longitude ? `${s.latitude}, ${s.longitude}` : '—';
    return html`
      <tr data-test="site-row" data-key="${s.id}" data-id="${s.id}" class="${s.archived ? 'is-archived' : ''}">
        <td class="cell-title">
          <span data-test="site-name">${s.name}</span>
          ${s.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
        </td>
        <td data-label="${t('org.site.address')}" class="pre-line" data-test="site-address">${s.address ?? ''}</td>
        <td data-label="${t('org.site.coordinates')}" class="nowrap" data-test="site-coordinates">${coordinates}</td>
        <td data-label="${t('org.site.timeZone')}" data-test="site-time-zone">${s.timeZone}</td>
        <td data-label="${t('org.site.people')}" class="num" data-test="site-count">${s.employeeCount}</td>
        <td>${this.rowActions(s)}</td>
      </tr>`;
  }

  view() {
    const head = html`
      <th scope="col">${t('org.site.name')}</th>
      <th scope="col">${t('org.site.address')}</th>
      <th scope="col">${t('org.site.coordinates')}</th>
      <th scope="col">${t('org.site.timeZone')}</th>
      <th scope="col" class="num">${t('org.site.people')}</th>
      <th scope="col"><span class="visually-hidden">${t('org.dept.edit')}</span></th>`;
    return this.frame(t('org.site.add'), head, (s) => this.row(s), 6, (s) => this.formFor(s));
  }
}
AfSiteList.define('af-site-list');
