// data-test: leave-page, leave-balance (data-type), leave-balance-available, leave-balance-pending, leave-new,
//            leave-request (data-id, data-state), leave-request-cancel, leave-requests-empty, leave-error, leave-state,
//            leave-request-kept (a request kept on the device, waiting to be sent)
// My leave, #/leave, phone first: balances as cards (what is left and what is waiting for approval), a button that
// opens the request form (af-leave-request-form), and my requests, latest first, each cancellable while pending or
// approved (POST …/cancel with the version read; approved days go back to the balance).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { amountText, dayRange, leaveNav, shortDay, stateBadge } from './leave-format.js';
import './af-leave-request-form.js';
import { commands, onOutboxChange } from '../../core/outbox.js';

export class AfLeave extends AfElement {
  constructor() {
    super();
    this.types = null;
    this.balances = null;
    this.requests = null;
    this.error = null;
    this.formOpen = false;
    this.cancelling = null; // the request being asked about
    this.cancelBusy = false;
    this.cancelError = null;
  }

  connected() {
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
    this.load();
  }

  disconnected() {
    this.offOutbox?.();
  }

  // Requests made without a network, kept on the device: listed first, marked as waiting; sent, the list reloads.
  async lookAtOutbox() {
    const kept = (await commands()).filter((c) => c.path === '/leave/requests' && (c.state === 'waiting' || c.state === 'sending'));
    if (this.kept?.length > kept.length) this.load();
    this.kept = kept;
    this.requestUpdate();
  }

  keptRow(c) {
    const type = this.types?.find((x) => x.key === c.body.type);
    return html`
      <li class="card lv-request" data-test="leave-request-kept" data-key="${c.id}" data-state="waiting">
        <div class="lv-request-head"><strong>${type?.name ?? c.body.type}</strong>
          <span class="badge waiting-badge">${t('sync.waitingBadge')}</span></div>
        <div class="lv-request-when">${dayRange(c.body.startDate, c.body.endDate)}</div>
        ${c.body.reason ? html`<div class="muted small lv-request-reason">${c.body.reason}</div>` : ''}
      </li>`;
  }

  async load() {
    try {
      const [types, balances, requests] = await Promise.all([api.get('/leave/types'), api.get('/leave/balances'), api.get('/leave/requests')]);
      this.types = types ?? [];
      this.balances = balances ?? [];
      // Latest first, whatever days they are for (the number breaks a tie within a second).
      this.requests = (requests ?? []).sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.number.localeCompare(a.number));
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  submitted(event) {
    this.formOpen = false;
    if (!event.detail) {
      notify(t('sync.savedOnDevice'), 'info');
      this.lookAtOutbox();
      return;
    }
    notify(t(event.detail.state === 'approved' ? 'leave.submittedApproved' : 'leave.submitted', { number: event.detail.number }), 'success');
    this.load();
  }

  async confirmCancel() {
    const r = this.cancelling;
    this.cancelBusy = true;
    this.cancelError = null;
    this.requestUpdate();
    try {
      await api.post(`/leave/requests/${r.id}/cancel`, { version: r.version });
      this.cancelling = null;
      notify(t('leave.cancelled', { number: r.number }), 'success');
      await this.load();
    } catch (error) {
      this.cancelError = error;
    }
    this.cancelBusy = false;
    this.requestUpdate();
  }

  balanceCard(b) {
    return html`
      <div class="card lv-balance" data-test="leave-balance" data-key="${b.type}" data-type="${b.type}">
        <span class="lv-balance-name">${b.typeName}</span>
        <span class="lv-balance-value" data-test="leave-balance-available">${amountText(b.available, b.unit)}</span>
        <span class="muted small">${t('leave.balance.available')}</span>
        ${Number(b.pending) ? html`<span class="badge badge-warning lv-balance-pending" data-test="leave-balance-pending">${t('leave.balance.pending', { amount: amountText(b.pending, b.unit) })}</span>` : ''}
        ${b.lots?.filter((l) => l.expiresOn && Number(l.remaining)).map((l) => html`
          <span class="muted small">${t('leave.balance.expires', { amount: amountText(l.remaining, b.unit), date: shortDay(l.expiresOn) })}</span>`)}
      </div>`;
  }

  requestRow(r) {
    const cancellable = r.state === 'pending' || r.state === 'approved';
    return html`
      <li class="card lv-request" data-test="leave-request" data-key="${r.id}" data-id="${r.id}" data-state="${r.state}">
        <div class="lv-request-head">
          <strong>${r.typeName}</strong>
          ${stateBadge(r.state)}
        </div>
        <div class="lv-request-when">${dayRange(r.startDate, r.endDate)} · <span data-test="leave-request-amount">${amountText(r.amount, r.unit)}</span></div>
        ${r.reason ? html`<div class="muted small lv-request-reason">${r.reason}</div>` : ''}
        <div class="lv-request-foot">
          <span class="muted small">${r.number}</span>
          ${cancellable ? html`<button type="button" class="btn btn-secondary lv-tap" data-test="leave-request-cancel"
            @click=${() => { this.cancelling = r; this.cancelError = null; this.requestUpdate(); }}>${t('leave.cancel')}</button>` : ''}
        </div>
      </li>`;
  }

  view() {
    const header = html`
      <div class="page-header att-header">
        <h1 class="page-title">${t('module.leave')}</h1>
        ${this.types && !this.formOpen ? html`<div class="page-actions">
          <button type="button" class="btn btn-primary lv-tap" data-test="leave-new" @click=${() => { this.formOpen = true; this.requestUpdate(); }}>
            ${icon('plus')}<span>${t('leave.new')}</span></button></div>` : ''}
      </div>
      ${leaveNav('mine')}`;
    if (!this.types) {
      return html`<section class="lv-page" data-test="leave-page">${header}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="leave-error">${errorText(this.error)}</div>
          <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`
          : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}</section>`;
    }
    return html`
      <section class="lv-page" data-test="leave-page">
        ${header}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="leave-error">${errorText(this.error)}</div>` : ''}
        ${this.formOpen ? html`<af-leave-request-form data-key="form" .types=${this.types} .balances=${this.balances}
          @submitted=${(e) => this.submitted(e)} @dismiss=${() => { this.formOpen = false; this.requestUpdate(); }}></af-leave-request-form>` : ''}
        <h2 class="section-title">${t('leave.balances')}</h2>
        <div class="lv-balances">
          ${this.balances.length ? this.balances.map((b) => this.balanceCard(b)) : html`<p class="muted">${t('leave.noBalances')}</p>`}
        </div>
        <h2 class="section-title section-gap">${t('leave.myRequests')}</h2>
        ${this.kept?.length ? html`<ul class="lv-requests">${this.kept.map((c) => this.keptRow(c))}</ul>` : ''}
        ${this.requests.length ? html`<ul class="lv-requests">${this.requests.map((r) => this.requestRow(r))}</ul>`
          : html`<p class="muted" data-test="leave-requests-empty">${t('leave.noRequests')}</p>`}
        ${this.cancelling ? html`<af-confirm-dialog data-key="cancel" .heading=${t('leave.cancelTitle', { number: this.cancelling.number })}
          .message=${t(this.cancelling.state === 'approved' ? 'leave.cancelApproved' : 'leave.cancelPending')}
          .action=${t('leave.cancel')} .keep=${t('leave.keep')} .danger=${true} .busy=${this.cancelBusy} .error=${this.cancelError}
          @confirm=${() => this.confirmCancel()} @dismiss=${() => { this.cancelling = null; this.requestUpdate(); }}></af-confirm-dialog>` : ''}
      </section>`;
  }
}
AfLeave.define('af-leave');
