// data-test: contract-detail, contract-number, contract-title, contract-field-<customer|opportunity|customerSignatory|ourSignatory|
//            signedOn|period|remind|owner|terminationReason|renewalOf|renewedBy|approval>, contract-amount, contract-received,
//            contract-outstanding, contract-edit, contract-submit, contract-cancel, contract-withdraw, contract-approval-link,
//            contract-receipt-open, contract-renew, contract-terminate, contract-error, contract-terms, instalment-row (data-state),
//            instalment-received, plan-empty, receipt-row, receipts-empty, contract-order-row, back-link
//            (contract-format's contract-state, instalment-state; the receipt form's: af-contract-receipt.js; the dialogs':
//            af-confirm-dialog.js; the chatter's: af-record-chatter.js)
// One contract (合同), #/crm/contracts/{id}: number, state, parties, amount / received / outstanding, dates; what can be done
// in its state — a draft is edited, submitted for approval or cancelled; a pending one withdrawn (its approval opens from
// here); an active or expired one gets money received (holders of crm.contract.receive: sales and finance), is renewed
// (a new draft) or terminated with a reason. Then the
// instalment plan (overdue in red), the receipts and the linked sales orders; beside it (below on a phone) the platform's
// chatter with files, comments and history (record kind crm.contract).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { formatMoney, formatDay, formatDateTime } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import '../../components/af-record-chatter.js';
import '../../components/af-confirm-dialog.js';
import { stateBadge } from '../sales/state-badge.js';
import { contractState, instalmentState, RECEIVABLE, RUNNING } from './contract-format.js';
import './af-contract-receipt.js';

const DIALOGS = {
  cancel: { path: 'cancel', heading: 'crm.contract.cancelTitle', message: 'crm.contract.cancelQuestion', action: 'crm.contract.cancel', done: 'crm.contract.cancelled', danger: true },
  withdraw: { path: 'withdraw', heading: 'crm.contract.withdrawTitle', message: 'crm.contract.withdrawQuestion', action: 'crm.contract.withdraw', done: 'crm.contract.withdrawn' },
  terminate: { path: 'terminate', heading: 'crm.contract.terminateTitle', message: 'crm.contract.terminateQuestion', action: 'crm.contract.terminate', done: 'crm.contract.terminated', danger: true, reason: true },
};

export class AfContractDetail extends AfElement {
  static properties = ['contractId'];

  constructor() {
    super();
    this.contract = null;
    this.loadError = null;
    this.error = null;
    this.busy = false;
    this.dialog = null; // { kind, busy, error, key }
    this.receiving = false;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.contractId) return;
    const seq = ++this.seq;
    try {
      const contract = await api.get(`/crm/contracts/${encodeURIComponent(this.contractId)}`);
      if (seq !== this.seq) return;
      this.contract = contract;
      this.loadError = null;
      this.loadNumbers(contract);
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  // The renewal links show the other contract's number once it is read (the DTO carries only its id).
  async loadNumbers(c) {
    this.numbers ??= {};
    const ids = [c.renewalOfId, c.renewedById].filter((id) => id && !this.numbers[id]);
    await Promise.all(ids.map(async (id) => {
      try {
        this.numbers[id] = (await api.get(`/crm/contracts/${encodeURIComponent(id)}`)).number;
      } catch {
        // Out of the reader's scope or gone: the link keeps its words.
      }
    }));
    if (ids.length) this.requestUpdate();
  }

  path(action) {
    return `/crm/contracts/${encodeURIComponent(this.contract.id)}/${action}`;
  }

  // A 409 (changed meanwhile, not in that state any more) shows the contract as it is now.
  conflict(error) {
    if (error.status !== 409) return;
    if (error.current) this.contract = error.current;
    else this.load();
  }

  async submitForApproval() {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      this.contract = await api.post(this.path('submit'), { version: this.contract.version }, { 'Idempotency-Key': uuid() });
      notify(t(this.contract.state === 'active' ? 'crm.contract.approvedAtOnce' : 'crm.contract.submitted', { number: this.contract.number }), 'success');
    } catch (error) {
      this.error = error;
      this.conflict(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  async renew() {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const renewal = await api.post(this.path('renew'), {}, { 'Idempotency-Key': uuid() });
      notify(t('crm.contract.renewed', { number: renewal.number }), 'success');
      navigate(`/crm/contracts/${renewal.id}`);
    } catch (error) {
      this.error = error;
      this.conflict(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  ask(kind) {
    this.error = null;
    this.dialog = { kind, busy: false, error: null, key: uuid() };
    this.requestUpdate();
  }

  async act(detail) {
    const d = this.dialog;
    if (!d || d.busy) return;
    const spec = DIALOGS[d.kind];
    if (spec.reason && !detail?.note) {
      d.error = { code: 'crm.contract.reason_required', message: t('error.crm.contract.reason_required') };
      this.requestUpdate();
      return;
    }
    d.busy = true;
    d.error = null;
    this.requestUpdate();
    try {
      const body = { version: this.contract.version, ...(spec.reason ? { reason: detail.note } : {}) };
      this.contract = await api.post(this.path(spec.path), body, { 'Idempotency-Key': d.key });
      this.dialog = null;
      notify(t(spec.done, { number: this.contract.number }), 'success');
      this.loadNumbers(this.contract);
    } catch (error) {
      if (error.status === 409) {
        this.dialog = null;
        this.error = error;
        this.conflict(error);
      } else {
        d.busy = false;
        d.error = error;
        d.key = uuid();
      }
    }
    this.requestUpdate();
  }

  recorded(event) {
    event.stopPropagation();
    this.contract = event.detail;
    this.receiving = false;
    notify(t('crm.contract.receiptRecorded', { number: this.contract.number }), 'success');
    this.requestUpdate();
  }

  dialogView(c) {
    const d = this.dialog;
    if (!d) return '';
    const spec = DIALOGS[d.kind];
    return html`<af-confirm-dialog data-key="${d.kind}" .heading=${t(spec.heading, { number: c.number })} .message=${t(spec.message, { number: c.number })}
      .action=${t(spec.action)} .keep=${t('crm.contract.keep')} .danger=${Boolean(spec.danger)} .busy=${d.busy} .error=${d.error}
      .noteLabel=${spec.reason ? t('crm.contract.terminationReason') : undefined}
      @confirm=${(e) => this.act(e.detail)} @dismiss=${() => { this.dialog = null; this.requestUpdate(); }}></af-confirm-dialog>`;
  }

  actions(c) {
    const write = can('crm.contract.write');
    const button = (test, label, onClick, tone = 'btn-secondary') => html`<button type="button" class="btn ${tone}" data-test="${test}"
      ?disabled=${this.busy} @click=${onClick}>${label}</button>`;
    return html`
      ${c.state === 'draft' && write ? html`
        <a class="btn btn-secondary" href="${href(`/crm/contracts/${c.id}/edit`)}" data-test="contract-edit">${icon('edit')}<span>${t('crm.contract.edit')}</span></a>
        ${button('contract-submit', this.busy ? t('crm.contract.submitting') : t('crm.contract.submit'), () => this.submitForApproval(), 'btn-primary')}
        ${button('contract-cancel', t('crm.contract.cancel'), () => this.ask('cancel'), 'btn-danger-quiet')}` : ''}
      ${c.state === 'pending' ? html`
        ${c.approvalId ? html`<a class="btn btn-secondary" href="${href(`/approvals/${c.approvalId}`)}" data-test="contract-approval-link">${t('crm.contract.openApproval')}</a>` : ''}
        ${write ? button('contract-withdraw', t('crm.contract.withdraw'), () => this.ask('withdraw')) : ''}` : ''}
      ${RECEIVABLE.has(c.state) && can('crm.contract.receive') ? button('contract-receipt-open', t('crm.contract.recordReceipt'),
        () => { this.receiving = !this.receiving; this.requestUpdate(); }, RUNNING.has(c.state) ? 'btn-primary' : 'btn-secondary') : ''}
      ${RUNNING.has(c.state) && !c.renewedById && write ? button('contract-renew', t('crm.contract.renew'), () => this.renew()) : ''}
      ${RUNNING.has(c.state) && write ? button('contract-terminate', t('crm.contract.terminate'), () => this.ask('terminate'), 'btn-danger-quiet') : ''}`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/crm/contracts')}" data-test="back-link">${icon('back')}<span>${t('nav.crm_contracts')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert" data-test="contract-error">${errorText(this.loadError)}</div>`;
    const c = this.contract;
    if (!c) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    return html`${back}
      <div class="contract-detail" data-test="contract-detail" data-state="${c.state}">
        <div class="page-header">
          <div>
            <div class="title-with-badge">
              <h1 class="page-title" data-test="contract-number">${c.number}</h1>
              ${contractState(c.state)}
            </div>
            <div class="muted" data-test="contract-title">${c.title}</div>
          </div>
          <div class="page-actions contract-actions">${this.actions(c)}</div>
        </div>
        ${this.dialogView(c)}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="contract-error">${errorText(this.error)}</div>` : ''}
        ${this.receiving ? html`<section class="card card-pad section-gap-bottom">
          <h2 class="section-title">${t('crm.contract.recordReceipt')}</h2>
          <af-contract-receipt data-key="receipt" .contract=${c} @recorded=${(e) => this.recorded(e)}
            @cancel=${(e) => { e.stopPropagation(); this.receiving = false; this.requestUpdate(); }}></af-contract-receipt>
        </section>` : ''}
        <div class="record-layout">
          <div class="record-main">${this.details(c)}</div>
          <af-record-chatter class="record-side" data-key="chatter" .entity=${'crm.contract'} .recordId=${c.id}></af-record-chatter>
        </div>
      </div>`;
  }

  details(c) {
    const money = (v) => formatMoney(v, c.currency);
    const pair = (name, label, value) => (value ? html`<div class="field-pair" data-test="contract-field-${name}"><dt>${label}</dt><dd>${value}</dd></div>` : '');
    const link = (path, text) => html`<a href="${href(path)}">${text}</a>`;
    return html`
      <div class="contract-figures">
        <div class="figure"><span class="muted small">${t('crm.contract.amount')}</span><strong data-test="contract-amount">${money(c.amount)}</strong></div>
        <div class="figure"><span class="muted small">${t('crm.contract.received')}</span><strong data-test="contract-received">${money(c.received)}</strong></div>
        <div class="figure"><span class="muted small">${t('crm.contract.outstanding')}</span><strong data-test="contract-outstanding">${money(c.outstanding)}</strong></div>
      </div>
      <section class="card card-pad section-gap">
        <dl class="fields">
          ${pair('customer', t('orders.customer'), link(`/customers/${c.customerId}`, c.customerName))}
          ${pair('opportunity', t('crm.contract.opportunity'), c.opportunityId ? link(`/crm/opportunities/${c.opportunityId}`, c.opportunityName ?? '') : '')}
          ${pair('customerSignatory', t('crm.contract.customerSignatory'), c.customerSignatoryName)}
          ${pair('ourSignatory', t('crm.contract.ourSignatory'), c.ourSignatoryName)}
          ${pair('signedOn', t('crm.contract.signedOn'), formatDay(c.signedOn))}
          ${pair('period', t('crm.contract.period'), `${formatDay(c.startsOn)} – ${formatDay(c.endsOn)}`)}
          ${pair('remind', t('crm.contract.remindDaysBefore'), c.remindDaysBefore != null ? t('crm.contract.daysBefore', { count: c.remindDaysBefore }) : '')}
          ${pair('owner', t('partners.owner'), c.ownerName)}
          ${pair('approval', t('crm.contract.approval'), c.approvalId ? html`<a href="${href(`/approvals/${c.approvalId}`)}">${
            c.approvalState ? t(`crm.contract.approvalState.${c.approvalState}`) : t('crm.contract.openApproval')}</a>` : '')}
          ${pair('terminationReason', t('crm.contract.terminationReason'), c.terminationReason)}
          ${pair('renewalOf', t('crm.contract.renewalOf'), c.renewalOfId ? link(`/crm/contracts/${c.renewalOfId}`, this.numbers?.[c.renewalOfId] ?? t('crm.contract.openPrevious')) : '')}
          ${pair('renewedBy', t('crm.contract.renewedBy'), c.renewedById ? link(`/crm/contracts/${c.renewedById}`, this.numbers?.[c.renewedById] ?? t('crm.contract.openRenewal')) : '')}
        </dl>
      </section>
      ${c.terms ? html`<section class="card card-pad section-gap">
        <h2 class="section-title">${t('crm.contract.terms')}</h2>
        <div class="notes contract-terms" data-test="contract-terms">${c.terms}</div>
      </section>` : ''}
      ${this.plan(c)}
      ${this.receipts(c)}
      ${this.orders(c)}`;
  }

  plan(c) {
    const rows = c.instalments ?? [];
    return html`<section class="card table-card section-gap">
      <h2 class="section-title card-pad-x">${t('crm.contract.plan')}</h2>
      ${rows.length ? html`<table class="table responsive-table">
        <thead><tr>
          <th scope="col">${t('crm.contract.plan.due')}</th>
          <th scope="col" class="num">${t('crm.contract.amount')}</th>
          <th scope="col" class="num">${t('crm.contract.received')}</th>
          <th scope="col">${t('crm.contract.instalment.state')}</th>
          <th scope="col">${t('crm.contract.plan.note')}</th>
        </tr></thead>
        <tbody>${rows.map((i) => html`<tr data-test="instalment-row" data-key="${i.id}" data-state="${i.state}" class="${i.state === 'overdue' ? 'is-overdue' : ''}">
          <td class="cell-title">${t('crm.contract.instalment.number', { n: i.position ?? '' })} · ${formatDay(i.dueOn)}</td>
          <td data-label="${t('crm.contract.amount')}" class="num">${formatMoney(i.amount, c.currency)}</td>
          <td data-label="${t('crm.contract.received')}" class="num" data-test="instalment-received">${formatMoney(i.received, c.currency)}</td>
          <td data-label="${t('crm.contract.instalment.state')}">${instalmentState(i.state)}</td>
          <td data-label="${t('crm.contract.plan.note')}">${i.note ?? ''}</td>
        </tr>`)}</tbody>
      </table>` : html`<p class="muted card-pad" data-test="plan-empty">${t('crm.contract.plan.none')}</p>`}
    </section>`;
  }

  receipts(c) {
    const rows = c.receipts ?? [];
    return html`<section class="card table-card section-gap">
      <h2 class="section-title card-pad-x">${t('crm.contract.receipts')}</h2>
      ${rows.length ? html`<table class="table responsive-table">
        <thead><tr>
          <th scope="col">${t('crm.contract.receivedOn')}</th>
          <th scope="col" class="num">${t('crm.contract.amount')}</th>
          <th scope="col">${t('crm.contract.plan.note')}</th>
          <th scope="col">${t('crm.contract.recordedBy')}</th>
        </tr></thead>
        <tbody>${rows.map((r) => html`<tr data-test="receipt-row" data-key="${r.id}">
          <td class="cell-title">${formatDay(r.receivedOn)}</td>
          <td data-label="${t('crm.contract.amount')}" class="num">${formatMoney(r.amount, c.currency)}</td>
          <td data-label="${t('crm.contract.plan.note')}">${r.note ?? ''}</td>
          <td data-label="${t('crm.contract.recordedBy')}">${r.byName ?? ''} <span class="muted small">${formatDateTime(r.at)}</span></td>
        </tr>`)}</tbody>
      </table>` : html`<p class="muted card-pad" data-test="receipts-empty">${t('crm.contract.noReceipts')}</p>`}
    </section>`;
  }

  orders(c) {
    const rows = c.orders ?? [];
    if (!rows.length) return '';
    return html`<section class="card table-card section-gap">
      <h2 class="section-title card-pad-x">${t('crm.contract.orders')}</h2>
      <table class="table responsive-table">
        <thead><tr>
          <th scope="col">${t('orders.number')}</th>
          <th scope="col">${t('orders.date')}</th>
          <th scope="col">${t('orders.state')}</th>
          <th scope="col" class="num">${t('orders.total')}</th>
        </tr></thead>
        <tbody>${rows.map((o) => html`<tr data-test="contract-order-row" data-key="${o.id}">
          <td class="cell-title"><a href="${href(`/orders/${o.id}`)}">${o.number}</a></td>
          <td data-label="${t('orders.date')}">${formatDay(o.orderDate)}</td>
          <td data-label="${t('orders.state')}">${stateBadge(o.state)}</td>
          <td data-label="${t('orders.total')}" class="num">${formatMoney(o.total, o.currency)}</td>
        </tr>`)}</tbody>
      </table>
    </section>`;
  }
}
AfContractDetail.define('af-contract-detail');
