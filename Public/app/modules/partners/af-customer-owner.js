// data-test: customer-owner, customer-owner-name, customer-pool-state, customer-release, customer-transfer, customer-claim,
//            customer-owner-error, owner-history, owner-history-entry (data-action), customer-collaborators,
//            collaborator (data-key: employee id), collaborator-add, collaborator-remove (the dialogs': af-confirm-dialog.js)
// Who looks after a customer (负责人) and since when, or that it waits in the public pool (公海) and why; its owner
// history (GET /partners/customers/{id}/owners, newest first); and what the reader may do: the owner (or a holder of
// partners.customer.transfer) returns it to the pool with a reason, a transfer holder gives it to another salesperson,
// a holder of partners.pool.claim claims a pool customer. The server's refusals (409 taken, 422 limits) show as they
// come. After a change the element emits `changed` (detail: the customer as it is now, or null to read it again).
// The customer's collaborators (协作人, GET/POST/DELETE /partners/customers/{id}/collaborators): colleagues who work it
// with its owner; the owner or a transfer holder adds and removes them, a collaborator may leave.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can, getUser } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { formatDateTime } from '../../core/format.js';
import { salespeopleOptions } from '../sales/pickers.js';
import { relativeInstant, poolReason } from './customer-format.js';
import '../../components/af-confirm-dialog.js';

const same = (a, b) => Boolean(a && b) && String(a).toLowerCase() === String(b).toLowerCase();

export class AfCustomerOwner extends AfElement {
  static properties = ['partner'];

  constructor() {
    super();
    this.history = null;
    this.dialog = null; // 'release' | 'transfer'
    this.busy = false;
    this.error = null;
    this.people = null;
    this.team = null;
  }

  connected() {
    this.reload();
  }

  changed(name, old) {
    if (old?.id !== this.partner?.id || old?.version !== this.partner?.version) this.reload();
  }

  async load() {
    const id = this.partner?.id;
    if (!id) return;
    try {
      this.history = await api.get(`/partners/customers/${encodeURIComponent(id)}/owners`);
      this.historyError = null;
    } catch (error) {
      this.historyError = error;
    }
    try {
      this.team = this.partner?.profile?.poolSince ? [] : await api.get(`/partners/customers/${encodeURIComponent(id)}/collaborators`);
    } catch {
      this.team = null;
    }
    this.requestUpdate();
  }

  async openAdd() {
    this.dialog = 'collaborator';
    this.error = null;
    this.requestUpdate();
    try {
      const taken = new Set([this.partner?.profile?.ownerId, ...(this.team ?? []).map((c) => c.employeeId)].filter(Boolean).map((x) => String(x).toLowerCase()));
      this.people = (await salespeopleOptions()).filter((x) => !taken.has(String(x.id).toLowerCase()));
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async changeTeam(work, done) {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      this.team = await work();
      this.dialog = null;
      notify(done, 'success');
    } catch (error) {
      if (this.dialog) this.error = error;
      else notify(errorText(error), 'error');
    }
    this.busy = false;
    this.requestUpdate();
  }

  addCollaborator({ choice }) {
    const p = this.partner;
    const name = this.people?.find((x) => x.id === choice)?.label ?? '';
    this.changeTeam(() => api.post(`/partners/customers/${encodeURIComponent(p.id)}/collaborators`, { employeeId: choice }),
      t('partners.collaboratorAdded', { name }));
  }

  removeCollaborator(c) {
    const p = this.partner;
    this.changeTeam(() => api.delete(`/partners/customers/${encodeURIComponent(p.id)}/collaborators/${encodeURIComponent(c.employeeId)}`),
      t('partners.collaboratorRemoved', { name: c.name ?? '' }));
  }

  teamView(inPool, manage) {
    if (inPool || this.team == null) return '';
    const me = getUser()?.employeeId;
    return html`
      <h3 class="form-section-title">${t('partners.collaborators')}</h3>
      <div data-test="customer-collaborators">
        ${this.team.length ? html`<ul class="collaborator-list">${this.team.map((c) => html`
          <li class="collaborator" data-test="collaborator" data-key="${c.employeeId}">
            <span class="avatar avatar-sm" aria-hidden="true">${(c.name ?? '?').slice(0, 1)}</span>
            <span>${c.name ?? '—'}</span>
            ${manage || same(c.employeeId, me) ? html`<button type="button" class="btn btn-link btn-small" data-test="collaborator-remove"
              ?disabled=${this.busy} @click=${() => this.removeCollaborator(c)}>${same(c.employeeId, me) && !manage ? t('partners.collaboratorLeave')
                : t('partners.collaboratorRemove')}</button>` : ''}
          </li>`)}</ul>` : html`<p class="muted small">${t('partners.collaboratorsNone')}</p>`}
        ${manage ? html`<button type="button" class="btn btn-secondary" data-test="collaborator-add" ?disabled=${this.busy}
          @click=${() => this.openAdd()}>${t('partners.collaboratorAdd')}</button>` : ''}
      </div>`;
  }

  emitChanged(detail) {
    this.dispatchEvent(new CustomEvent('changed', { detail, bubbles: true }));
  }

  async openTransfer() {
    this.dialog = 'transfer';
    this.error = null;
    this.requestUpdate();
    try {
      this.people = await salespeopleOptions();
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async run(work, done) {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const answer = await work();
      this.dialog = null;
      notify(done, 'success');
      this.emitChanged(answer?.id ? answer : null);
    } catch (error) {
      if (this.dialog) this.error = error;
      else notify(errorText(error), 'error');
      // Taken meanwhile (409), or gone from this reader's sight with it (404): the page shows how it is now.
      if (!this.dialog && (error.status === 409 || error.status === 404)) this.emitChanged(null);
    }
    this.busy = false;
    this.requestUpdate();
  }

  release({ note }) {
    const p = this.partner;
    this.run(() => api.post(`/partners/customers/${encodeURIComponent(p.id)}/release`, note ? { reason: note } : {}),
      t('partners.released', { name: p.name }));
  }

  transfer({ choice, note }) {
    const p = this.partner;
    const to = this.people?.find((x) => x.id === choice)?.label ?? '';
    this.run(() => api.post('/partners/customers/transfer', { ids: [p.id], toEmployeeId: choice, ...(note ? { reason: note } : {}) }),
      t('partners.transferred', { name: p.name, owner: to }));
  }

  claim() {
    const p = this.partner;
    this.run(() => api.post(`/partners/pool/${encodeURIComponent(p.id)}/claim`, {}), t('partners.claimed', { name: p.name }));
  }

  dialogView() {
    const p = this.partner;
    if (this.dialog === 'release') {
      return html`<af-confirm-dialog data-key="release" .heading=${t('partners.releaseTitle', { name: p.name })}
        .message=${t('partners.releaseMessage')} .action=${t('partners.release')} .noteLabel=${t('partners.reason')}
        .busy=${this.busy} .error=${this.error} @confirm=${(e) => this.release(e.detail)}
        @dismiss=${() => { this.dialog = null; this.requestUpdate(); }}></af-confirm-dialog>`;
    }
    if (this.dialog === 'collaborator') {
      return html`<af-confirm-dialog data-key="collaborator" .heading=${t('partners.collaboratorAddTitle', { name: p.name })}
        .message=${t('partners.collaboratorAddMessage')} .action=${t('partners.collaboratorAdd')} .choices=${this.people ?? []}
        .choiceLabel=${t('partners.collaborator')} .busy=${this.busy} .error=${this.error} @confirm=${(e) => this.addCollaborator(e.detail)}
        @dismiss=${() => { this.dialog = null; this.requestUpdate(); }}></af-confirm-dialog>`;
    }
    if (this.dialog === 'transfer') {
      return html`<af-confirm-dialog data-key="transfer" .heading=${t('partners.transferTitle', { name: p.name })}
        .message=${t('partners.transferMessage')} .action=${t('partners.transfer')} .choices=${this.people ?? []}
        .choiceLabel=${t('partners.transferTo')} .noteLabel=${t('partners.reason')}
        .busy=${this.busy} .error=${this.error} @confirm=${(e) => this.transfer(e.detail)}
        @dismiss=${() => { this.dialog = null; this.requestUpdate(); }}></af-confirm-dialog>`;
    }
    return '';
  }

  entry(h) {
    return html`<li class="owner-entry" data-test="owner-history-entry" data-action="${h.action}">
      <div>${t(`partners.ownerAction.${h.action}`, { from: h.fromOwnerName ?? '—', to: h.toOwnerName ?? '—', by: h.byUserName ?? '—' })}</div>
      <div class="muted small">${relativeInstant(h.at)}${h.byUserName ? html` · ${t('partners.ownerBy', { name: h.byUserName })}` : ''}
        ${h.reason ? html` · <span class="owner-reason">${h.reason}</span>` : ''}</div>
    </li>`;
  }

  view() {
    const p = this.partner;
    if (!p) return '';
    const pr = p.profile ?? {};
    const inPool = Boolean(pr.poolSince);
    const mine = same(pr.ownerId, getUser()?.employeeId);
    const transfer = can('partners.customer.transfer');
    return html`
      <section class="card card-pad customer-owner" data-test="customer-owner">
        <h2 class="section-title">${t('partners.owner')}</h2>
        ${inPool ? html`<p class="owner-now" data-test="customer-pool-state">
            <span class="badge badge-warning">${t('partners.inPool')}</span>
            ${t('partners.poolSince', { time: formatDateTime(pr.poolSince) })}${pr.poolReason ? ` · ${poolReason(pr.poolReason)}` : ''}</p>`
          : html`<p class="owner-now"><strong data-test="customer-owner-name">${pr.ownerName ?? '—'}</strong>
            ${pr.ownerSince ? html`<span class="muted small">${t('partners.ownerSince', { time: formatDateTime(pr.ownerSince) })}</span>` : ''}</p>`}
        <div class="owner-actions">
          ${!inPool && (mine || transfer) ? html`<button type="button" class="btn btn-secondary" data-test="customer-release"
            @click=${() => { this.dialog = 'release'; this.error = null; this.requestUpdate(); }}>${t('partners.release')}</button>` : ''}
          ${!inPool && transfer ? html`<button type="button" class="btn btn-secondary" data-test="customer-transfer"
            @click=${() => this.openTransfer()}>${t('partners.transfer')}</button>` : ''}
          ${inPool && can('partners.pool.claim') ? html`<button type="button" class="btn btn-primary" data-test="customer-claim"
            ?disabled=${this.busy} @click=${() => this.claim()}>${t('partners.claim')}</button>` : ''}
        </div>
        ${this.teamView(inPool, !inPool && (mine || transfer))}
        <h3 class="form-section-title">${t('partners.ownerHistory')}</h3>
        ${this.history?.length ? html`<ol class="owner-history" data-test="owner-history">${this.history.map((h) => this.entry(h))}</ol>`
          : html`<p class="muted small" data-test="owner-history">${this.history ? t('partners.ownerHistoryEmpty')
            : this.historyError ? errorText(this.historyError) : t('common.loading')}</p>`}
      </section>
      ${this.dialogView()}`;
  }
}
AfCustomerOwner.define('af-customer-owner');
