// Labels and small pure helpers of the roles page: role, permission, module, data-scope names, and
// the local edits ("drafts") of a role's permissions and scopes compared with the server's copy.
import { t, has } from '../../core/i18n.js';

export const ADMINISTRATOR = 'administrator';

// Built-in roles are translated (users.role.<key>); custom roles show the name they were given.
export function roleLabel(role) {
  if (!role) return '';
  if (role.name) return role.name;
  return has(`users.role.${role.key}`) ? t(`users.role.${role.key}`) : role.key;
}

export function permissionLabel(key) {
  return has(`permission.${key}`) ? t(`permission.${key}`) : key;
}

export function moduleLabel(module) {
  return has(`module.${module}`) ? t(`module.${module}`) : module;
}

export function resourceLabel(resource) {
  return has(`scope.resource.${resource}`) ? t(`scope.resource.${resource}`) : resource;
}

export function levelLabel(level) {
  return has(`scope.level.${level}`) ? t(`scope.level.${level}`) : level;
}

export function userCount(count) {
  return count === 1 ? t('roles.users.one') : t('roles.users', { count: count ?? 0 });
}

// [{ module, items: [{key, module}] }] in catalogue order.
export function groupByModule(items) {
  const groups = [];
  for (const item of items ?? []) {
    let group = groups.find((g) => g.module === item.module);
    if (!group) groups.push((group = { module: item.module, items: [] }));
    group.items.push(item);
  }
  return groups;
}

// --- drafts -------------------------------------------------------------------------------------
// A draft holds only what was edited: { permissions?: string[], scopes?: { [resource]: scope } }.

export function scopeOf(role, resource) {
  return role.scopes?.find((s) => s.resource === resource) ?? { resource, level: 'own' };
}

export function sameScope(a, b) {
  if (a.level !== b.level) return false;
  if (a.level !== 'departments') return true;
  const x = [...(a.departmentIds ?? [])].sort();
  const y = [...(b.departmentIds ?? [])].sort();
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

function samePermissions(a, b) {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((k) => set.has(k));
}

// The role as it would be after saving its draft.
export function effective(role, draft) {
  if (!draft) return role;
  return {
    ...role,
    permissions: draft.permissions ?? role.permissions,
    scopes: draft.scopes ? (role.scopes ?? []).map((s) => draft.scopes[s.resource] ?? s)
      .concat(Object.values(draft.scopes).filter((s) => !role.scopes?.some((r) => r.resource === s.resource))) : role.scopes,
  };
}

// Drops the parts of a draft that equal the server's role; null when nothing is left.
export function tidy(role, draft) {
  if (!draft) return null;
  const out = {};
  if (draft.permissions && !samePermissions(draft.permissions, role.permissions)) out.permissions = draft.permissions;
  if (draft.scopes) {
    const scopes = {};
    for (const [resource, scope] of Object.entries(draft.scopes)) {
      if (!sameScope(scope, scopeOf(role, resource))) scopes[resource] = scope;
    }
    if (Object.keys(scopes).length) out.scopes = scopes;
  }
  return Object.keys(out).length ? out : null;
}

// The PATCH body that saves a draft.
export function patchBody(role, draft, resources) {
  const body = { version: role.version };
  if (draft.permissions) body.permissions = [...draft.permissions].sort();
  if (draft.scopes) {
    const after = effective(role, draft);
    body.scopes = resources.map((resource) => {
      const s = scopeOf(after, resource);
      return s.level === 'departments'
        ? { resource, level: s.level, departmentIds: [...(s.departmentIds ?? [])].sort() }
        : { resource, level: s.level };
    });
  }
  return body;
}
