// Words for audit entries (entity, action, source, field names) and the before → after list of an
// entry's changes, shared by the audit log and the History tabs. Unknown codes show as they are.
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can, onUserChange } from '../../core/store.js';
import { formatDecimal } from '../../core/format.js';

export const ENTITIES = [
  'sales.order', 'partners.partner', 'products.product', 'products.category',
  'platform.user', 'platform.session', 'platform.department', 'platform.employee', 'platform.position', 'platform.site',
  'platform.tenant', 'platform.role', 'platform.invitation',
];
// Stored instead of the values of a sensitive field (the server never logs them): shown as "hidden".
const CONCEALED = '[concealed]';
export const SOURCES = ['web', 'api', 'import', 'system'];

function word(prefix, code) {
  const key = `${prefix}.${code}`;
  return has(key) ? t(key) : code;
}

export const entityLabel = (code) => word('audit.entity', code);
export const actionLabel = (code) => word('audit.action', code);

// The entry as one sentence: the server's, in the language the page asked for ("Confirmed sales order SO-1997-10248");
// an older server's entry without one reads "<action> <record type>".
export function entrySentence(entry) {
  return entry.summary || `${actionLabel(entry.action)} ${entityLabel(entry.entity)}`;
}
export const sourceLabel = (code) => word('audit.source', code);

export function fieldLabel(field) {
  const key = `audit.field.${field}`;
  return has(key) ? t(key) : String(field).replace(/_/g, ' ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Changes name departments, employees, positions, sites and users by id only. Look up the names this user may read,
// at most once a minute, so "department_id: 5271D330-…" can read "Department: Sales USA".
const names = new Map();
let namesLoaded = null;
let loadedAt = 0;
let generation = 0;

// Another user signing in on this page must not see what the previous one could.
let userId = null;
onUserChange((user) => {
  if ((user?.id ?? null) === userId) return;
  userId = user?.id ?? null;
  generation++;
  names.clear();
  namesLoaded = null;
});

export function loadIdNames() {
  if (Date.now() - loadedAt > 60_000) namesLoaded = null;
  namesLoaded ??= (async () => {
    loadedAt = Date.now();
    const mine = generation;
    const put = (id, name) => {
      if (mine === generation) names.set(id.toLowerCase(), name);
    };
    const jobs = [];
    if (can('org.directory.read')) {
      jobs.push(api.get('/org/departments').then((list) => list.forEach((d) => put(d.id, d.name))));
      jobs.push(api.get('/org/employees', { limit: 200 }).then((page) => page.items.forEach((e) => put(e.id, e.name))));
      jobs.push(api.get('/org/positions').then((list) => list.forEach((p) => put(p.id, p.name))));
      jobs.push(api.get('/org/sites').then((list) => list.forEach((s) => put(s.id, s.name))));
    }
    if (can('auth.user.manage')) {
      jobs.push(api.get('/auth/users', { limit: 200 }).then((page) => page.items.forEach((u) => put(u.id, u.name))));
    }
    if (can('auth.role.read')) {
      jobs.push(api.get('/auth/roles').then((list) => list.forEach((r) => put(r.id, r.name ?? t(`users.role.${r.key}`)))));
    }
    await Promise.allSettled(jobs);
  })();
  return namesLoaded;
}

export function idName(id) {
  return id ? names.get(String(id).toLowerCase()) ?? null : null;
}

const DECIMAL_FIELDS = new Set(['freight', 'untaxed', 'list_price', 'reorder_level']);
const VALUE_WORDS = { state: 'orders.states', role: 'users.role', kind: 'audit.source' };

// Values arrive as strings ("true", "1255.72", a UUID for a *_id field).
function value(v, role, field) {
  if (v == null || v === '') return html`<span class="change-empty" data-test="change-${role}">${t('audit.empty')}</span>`;
  let text = String(v);
  if (text === CONCEALED) return html`<span class="change-${role} change-concealed" data-test="change-${role}" data-concealed="true">${t('audit.concealed')}</span>`;
  if (text === 'true' || text === 'false') {
    return html`<span class="change-${role}" data-test="change-${role}">${t(text === 'true' ? 'audit.yes' : 'audit.no')}</span>`;
  }
  if (UUID.test(text)) {
    const name = idName(text);
    if (name) return html`<span class="change-${role}" data-test="change-${role}" title="${text}">${name}</span>`;
    // An id we cannot name: a short form, the whole id on hover.
    return html`<code class="change-${role} change-id" data-test="change-${role}" title="${text}">${text.slice(0, 8)}…</code>`;
  }
  const words = VALUE_WORDS[field];
  if (words && has(`${words}.${text}`)) text = t(`${words}.${text}`);
  else if (DECIMAL_FIELDS.has(field)) text = formatDecimal(text);
  return html`<span class="change-${role}" data-test="change-${role}">${text}</span>`;
}

export function changeEntries(changes) {
  return Object.entries(changes ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

// A compact list: field, then the old value struck through and the new one.
export function changeList(changes) {
  const entries = changeEntries(changes);
  if (!entries.length) return html`<p class="muted small change-none">${t('audit.noChanges')}</p>`;
  return html`
    <dl class="change-list" data-test="audit-changes">
      ${entries.map(([field, c]) => {
        const hasBefore = c && Object.prototype.hasOwnProperty.call(c, 'before');
        const hasAfter = c && Object.prototype.hasOwnProperty.call(c, 'after');
        return html`
          <div class="change" data-test="audit-change" data-field="${field}">
            <dt>${fieldLabel(field)}</dt>
            <dd>
              ${hasBefore ? html`<del class="change-old">${value(c.before, 'before', field)}</del><span class="change-arrow" aria-label="${t('audit.changedTo')}">→</span>` : ''}
              ${hasAfter ? value(c.after, 'after', field) : hasBefore ? value(null, 'after', field) : ''}
            </dd>
          </div>`;
      })}
    </dl>`;
}

// "Afield demo" and other system actors have no user id.
export function actorName(entry) {
  return entry.actorName || t('audit.system');
}
