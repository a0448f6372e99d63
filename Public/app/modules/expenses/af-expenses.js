// data-test: expenses-page, expenses-new, claim-row (data-id, data-state), claim-number, claim-title, claim-total,
//            claim-warning, claims-empty, expenses-error, claim-state, claim-kept (a claim kept on the device, waiting)
// My expense claims (报销), #/expenses: number, title, total, state and warnings, newest first (GET /expenses/claims);
// cards on a phone, a table on a desktop. A claim opens its page (#/expenses/<id>: the form while a draft);
// "New claim" opens #/expenses/new.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { claimState, expensesNav, warningText } from './expenses-format.js';
import { commands, onOutboxChange } from '../../core/outbox.js';

export class AfExpenses extends AfElement {
  constructor() {
    super();
    this.claims = null;
    this.error = null;
  }

  connected() {
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
    this.load();
  }

  disconnected() {
    this.offOutbox?.();
  }

  // New claims made without a network, kept on the device: listed first, marked as waiting; sent, the list reloads.
  async lookAtOutbox() {
    const kept = (await commands()).filter((c) => c.path === '/expenses/claims' && (c.state === 'waiting' || c.state === 'sending'));
    if (this.kept?.length > kept.length) this.load();
    this.kept = kept;
    this.requestUpdate();
  }

  async load() {
    try {
      this.claims = (await api.get('/expenses/claims')) ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  open(event, claim) {
    if (event.target.closest('a, button')) return;
    navigate(`/expenses/${claim.id}`);
  }

  table(claims) {
    return html`
      <div class="card table-card">
        <table class="table responsive-table ex-claims-table" data-test="claims-table">
          <thead><tr>
            <th scope="col">${t('expenses.claim.number')}</th>
            <th scope="col">${t('expenses.claim.title')}</th>
            <th scope="col">${t('expenses.claim.lines')}</th>
            <th scope="col">${t('expenses.claim.state')}</th>
            <th scope="col" class="num">${t('expenses.claim.total')}</th>
          </tr></thead>
          <tbody>
            ${(this.kept ?? []).map((c) => html`
              <tr data-test="claim-kept" data-key="${c.id}" data-state="waiting">
                <td class="cell-title"><a href="${href('/sync')}">${c.body.title || t('sync.label.claim', { title: '' })}</a></td>
                <td class="ex-col-title">${c.body.title ?? ''}</td>
                <td data-label="${t('expenses.claim.lines')}">${c.body.lines?.length ?? 0}</td>
                <td data-label="${t('expenses.claim.state')}"><span class="badge waiting-badge">${t('sync.waitingBadge')}</span></td>
                <td class="num ex-total" data-label="${t('expenses.claim.total')}"></td>
              </tr>`)}
            ${claims.length || this.kept?.length ? '' : html`<tr class="table-message"><td colspan="5" class="muted" data-test="claims-empty">${t('expenses.noClaims')}</td></tr>`}
            ${claims.map((c) => html`
              <tr class="row-link" data-test="claim-row" data-key="${c.id}" data-id="${c.id}" data-state="${c.state}" @click=${(e) => this.open(e, c)}>
                <td class="cell-title"><a href="${href(`/expenses/${c.id}`)}" data-test="claim-number">${c.number}</a>
                  ${c.title ? html`<span class="ex-claim-sub" data-test="claim-title">${c.title}</span>` : ''}</td>
                <td class="ex-col-title">${c.title ?? ''}</td>
                <td data-label="${t('expenses.claim.lines')}">${c.lines.length}</td>
                <td data-label="${t('expenses.claim.state')}">${claimState(c.state)}
                  ${c.warnings?.length ? html`<span class="badges">${c.warnings.map((w) => html`<span class="badge badge-warning lv-state" data-test="claim-warning">${warningText(w)}</span>`)}</span>` : ''}</td>
                <td class="num ex-total" data-label="${t('expenses.claim.total')}" data-test="claim-total">${formatMoney(c.total, c.currency)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  view() {
    return html`
      <section class="lv-page" data-test="expenses-page">
        <div class="page-header att-header">
          <h1 class="page-title">${t('module.expenses')}</h1>
          <div class="page-actions">
            <a class="btn btn-primary lv-tap" href="${href('/expenses/new')}" data-test="expenses-new">${icon('plus')}<span>${t('expenses.new')}</span></a>
          </div>
        </div>
        ${expensesNav('claims')}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="expenses-error">${errorText(this.error)}</div>` : ''}
        ${this.claims || this.kept?.length ? this.table(this.claims ?? []) : this.error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}
      </section>`;
  }
}
AfExpenses.define('af-expenses');
