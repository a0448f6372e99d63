// The company's roles for the users pages: GET /auth/roles, loaded once and shared. Built-in
// roles have translated labels (users.role.<key>); custom roles show the name their
// administrator gave.
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';

let pending = null;
const names = new Map();

// Resolves to the roles that can be given (archived ones left out); `fresh` reloads them.
export function loadRoles(fresh = false) {
  if (!pending || fresh) {
    pending = api.get('/auth/roles').then((roles) => {
      for (const r of roles) if (r.name) names.set(r.key, r.name);
      return roles.filter((r) => !r.archived);
    }).catch((error) => {
      pending = null;
      throw error;
    });
  }
  return pending;
}

export function roleLabel(role) {
  const key = typeof role === 'string' ? role : role?.key;
  if (typeof role === 'object' && role?.name) return role.name;
  if (has(`users.role.${key}`)) return t(`users.role.${key}`);
  return names.get(key) ?? key;
}

export function roleBadge(role) {
  return html`<span class="badge role-badge role-${role}" data-test="user-role" data-role="${role}">${roleLabel(role)}</span>`;
}

export function roleBadges(keys) {
  return html`<span class="role-badges">${(keys ?? []).map((k) => roleBadge(k))}</span>`;
}

// Checkboxes for choosing a user's roles (at least one). `locked` keys stay checked and disabled
// (an administrator cannot take administrator from themself).
export function roleChecks({ roles, selected, onToggle, testId, invalid = false, locked = [] }) {
  if (!roles) return html`<span class="muted small">${t('common.loading')}</span>`;
  return html`
    <div class="role-checks ${invalid ? 'is-invalid' : ''}" role="group" data-test="${testId}">
      ${roles.map((r) => html`
        <label class="check-chip ${selected.includes(r.key) ? 'is-on' : ''}">
          <input type="checkbox" value="${r.key}" data-test="${testId}-option" data-role="${r.key}"
            .checked=${selected.includes(r.key)} ?disabled=${locked.includes(r.key)}
            @change=${(e) => onToggle(r.key, e.target.checked)}>
          <span>${roleLabel(r)}</span>
        </label>`)}
    </div>`;
}

export function toggled(list, key, on) {
  const set = new Set(list);
  if (on) set.add(key); else set.delete(key);
  return [...set];
}
