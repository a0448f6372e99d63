// data-test: duplicate-blocking, duplicate-near, duplicate-match (data-field, data-exact, data-visible, data-in-pool)
// 查重: what POST /partners/customers/duplicates found for one field of the customer form, shown under that field.
// Exact matches are a red notice (the server refuses to save them); near ones a warning list. A customer the user may
// see links to it; another's shows its masked name, owner and department; one in the public pool says so.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';

function who(m) {
  if (m.inPool) return t('partners.dup.inPool');
  return [m.ownerName ? t('partners.dup.owner', { owner: m.ownerName }) : '', m.departmentName].filter(Boolean).join(' · ');
}

function match(m) {
  const name = m.visible && m.id ? html`<a href="${href(`/customers/${m.id}`)}">${m.name}</a>` : html`<span class="masked-value">${m.name}</span>`;
  return html`<li data-test="duplicate-match" data-field="${m.field}" data-exact="${m.exact ? 'true' : 'false'}"
    data-visible="${m.visible ? 'true' : 'false'}" data-in-pool="${m.inPool ? 'true' : 'false'}">${name}
    <span class="muted">${who(m)}</span></li>`;
}

// `matches`: those of the field (name | phone | taxId).
export function duplicateNotice(field, matches) {
  if (!matches?.length) return '';
  const exact = matches.filter((m) => m.exact);
  const near = matches.filter((m) => !m.exact);
  const first = exact[0];
  return html`
    ${first ? html`<div class="alert alert-error dup-notice" role="alert" data-test="duplicate-blocking" data-field="${field}">
      <strong>${first.inPool ? t(`partners.dup.exactInPool.${field}`)
        : t(`partners.dup.exact.${field}`, { owner: first.ownerName ?? '—' })}</strong>
      <ul class="dup-list">${exact.map(match)}</ul></div>` : ''}
    ${near.length ? html`<div class="alert alert-warning dup-notice" role="status" data-test="duplicate-near" data-field="${field}">
      <strong>${t('partners.dup.near')}</strong>
      <ul class="dup-list">${near.map(match)}</ul></div>` : ''}`;
}
