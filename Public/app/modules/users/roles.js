// The built-in roles a user can have, and their label.
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';

export const ROLES = ['administrator', 'manager', 'sales', 'employee'];

export function roleLabel(role) {
  return has(`users.role.${role}`) ? t(`users.role.${role}`) : role;
}

export function roleBadge(role) {
  return html`<span class="badge role-badge role-${role}" data-test="user-role" data-role="${role}">${roleLabel(role)}</span>`;
}

export function roleOptions() {
  return ROLES.map((role) => html`<option value="${role}">${roleLabel(role)}</option>`);
}
