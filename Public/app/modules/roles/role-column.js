// The column heading both matrices share: the role's name, how many users hold it, and badges for
// archived, customised (a built-in role whose defaults were changed, with "Reset to defaults") and
// unsaved local edits.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';
import { ADMINISTRATOR, roleLabel, userCount } from './role-text.js';

export function roleHeading(column, { manage, onReset }) {
  const { role, dirty } = column;
  const label = roleLabel(role);
  const admin = role.key === ADMINISTRATOR;
  return html`
    <th scope="col" class="matrix-role ${role.archived ? 'is-archived' : ''} ${dirty ? 'is-dirty' : ''}" data-test="matrix-role"
      data-role="${role.key}" data-id="${role.id}" title="${admin ? t('roles.adminAlways') : ''}">
      <span class="matrix-role-name">${label}</span>
      <span class="matrix-role-meta">${userCount(role.userCount)}</span>
      ${role.archived || role.customised || dirty ? html`
        <span class="matrix-role-badges">
          ${role.archived ? html`<span class="badge badge-inactive">${t('common.archived')}</span>` : ''}
          ${role.customised ? html`<span class="badge badge-warning" data-test="role-customised">${t('roles.customised')}</span>` : ''}
          ${dirty ? html`<span class="badge badge-info" data-test="role-unsaved">${t('roles.unsavedBadge')}</span>` : ''}
          ${role.customised && manage && !role.archived ? html`
            <button type="button" class="btn btn-ghost btn-small matrix-reset" data-test="role-reset" data-role="${role.key}"
              title="${t('roles.reset')}" aria-label="${t('roles.reset')}: ${label}" @click=${() => onReset(role)}>
              ${icon('reset')}
            </button>` : ''}
        </span>` : ''}
    </th>`;
}
