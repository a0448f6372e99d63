// data-test: order-number, order-state, confirm-order, edit-order, cancel-order, order-error, order-line, order-untaxed,
//            order-freight, order-total, order-notes, order-customer-link, back-link
//            (the chatter's: af-record-chatter.js; the print button's: af-print-button.js; the cancel question's: af-confirm-dialog.js)
// One sales order: header, lines and totals; a draft can be edited (#/orders/<id>/edit) and confirmed here. A draft, an order
// awaiting approval (its approval is withdrawn) or a confirmed one can be cancelled after a confirm dialog
// (POST /sales/orders/{id}/cancel with the version read). Print downloads the order as a PDF (GET /sales/orders/{id}/print).
// Beside the order (below it on a phone) the platform's chatter: comments, files, followers and the audit history.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { formatMoney, formatDecimal, formatPercent, formatDay } from '../../core/format.js';
import { notify } from '../../core/notify.js';
import { can } from '../../core/store.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import '../../components/af-record-chatter.js';
import '../../components/af-print-button.js';
import { stateBadge } from './state-badge.js';

// States the order's transition table lets holders of sales.order.cancel leave for `cancelled`.
const CANCELLABLE = new Set(['draft', 'pending', 'confirmed']);

export class AfOrderDetail extends AfElement {
  static properties = ['orderId'];

  constructor() {
    super();
    this.order = null;
    this.loadError = null;
    this.actionError = null;
    this.busy = false;
    // The open cancel question: { busy, error, key } (one Idempotency-Key per attempt), or null.
    this.cancelling = null;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.orderId) return;
    const seq = ++this.seq;
    try {
      const order = await api.get(`/sales/orders/${encodeURIComponent(this.orderId)}`);
      if (seq !== this.seq) return;
      this.order = order;
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  async confirm() {
    if (this.busy) return;
    this.busy = true;
    this.actionError = null;
    this.requestUpdate();
    try {
      this.order = await api.post(`/sales/orders/${encodeURIComponent(this.order.id)}/confirm`, undefined, { 'Idempotency-Key': uuid() });
      notify(t('orders.confirmed', { number: this.order.number }), 'success');
    } catch (error) {
      this.actionError = error;
      // Someone else may have changed it meanwhile; show the current state.
      if (error.status === 409) this.load();
    }
    this.busy = false;
    this.requestUpdate();
  }

  askCancel() {
    this.actionError = null;
    this.cancelling = { busy: false, error: null, key: uuid() };
    this.requestUpdate();
  }

  dismissCancel() {
    this.cancelling = null;
    this.requestUpdate();
    this.querySelector('[data-test="cancel-order"]')?.focus();
  }

  async cancel() {
    const c = this.cancelling;
    if (!c || c.busy) return;
    c.busy = true;
    c.error = null;
    this.requestUpdate();
    try {
      this.order = await api.post(`/sales/orders/${encodeURIComponent(this.order.id)}/cancel`, { version: this.order.version },
        { 'Idempotency-Key': c.key });
      this.cancelling = null;
      notify(t('orders.cancelled', { number: this.order.number }), 'success');
    } catch (error) {
      if (error.status === 409) {
        // Someone else changed or moved it meanwhile: say so, and show the order as it is now.
        this.cancelling = null;
        this.actionError = error;
        if (error.current) this.order = error.current;
        else this.load();
      } else {
        c.busy = false;
        c.error = error;
        c.key = uuid();
      }
    }
    this.requestUpdate();
  }

  cancelDialog(o) {
    const c = this.cancelling;
    if (!c) return '';
    const message = t(o.state === 'pending' ? 'orders.cancelPendingQuestion' : 'orders.cancelQuestion', { number: o.number });
    return html`<af-confirm-dialog .heading=${t('orders.cancelTitle', { number: o.number })} .message=${message}
      .action=${c.busy ? t('orders.cancelling') : t('orders.cancel')} .keep=${t('orders.keep')} .danger=${true} .busy=${c.busy} .error=${c.error}
      @confirm=${() => this.cancel()} @dismiss=${() => this.dismissCancel()}></af-confirm-dialog>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/orders')}" data-test="back-link">${icon('back')}<span>${t('nav.orders')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`;
    const o = this.order;
    if (!o) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    return html`
      ${back}
      <div class="page-header">
        <div class="title-with-badge">
          <h1 class="page-title" data-test="order-number">${o.number}</h1>
          ${stateBadge(o.state, 'order-state')}
        </div>
        <div class="page-actions">
          <af-print-button .path=${`/sales/orders/${encodeURIComponent(o.id)}/print`} .filename=${`${o.number}.pdf`}></af-print-button>
          ${o.state === 'draft' && can('sales.order.write') ? html`
            <a class="btn btn-secondary" href="${href(`/orders/${o.id}/edit`)}" data-test="edit-order">${t('orders.edit')}</a>` : ''}
          ${o.state === 'draft' ? html`
            <button type="button" class="btn btn-primary" data-test="confirm-order" ?disabled=${this.busy}
              @click=${() => this.confirm()}>${this.busy ? t('orders.confirming') : t('orders.confirm')}</button>` : ''}
          ${CANCELLABLE.has(o.state) && can('sales.order.cancel') ? html`
            <button type="button" class="btn btn-danger-quiet" data-test="cancel-order" ?disabled=${this.busy}
              @click=${() => this.askCancel()}>${t('orders.cancel')}</button>` : ''}
        </div>
      </div>
      ${this.cancelDialog(o)}
      ${this.actionError ? html`<div class="alert alert-error" role="alert" data-test="order-error">${errorText(this.actionError)}</div>` : ''}
      <div class="record-layout">
        <div class="record-main">${this.details(o)}</div>
        <af-record-chatter class="record-side" data-key="chatter" .entity=${'sales.order'} .recordId=${o.id}></af-record-chatter>
      </div>`;
  }

  details(o) {
    const money = (v) => formatMoney(v, o.currency);
    return html`
      <div class="detail-grid">
        <section class="card card-pad">
          <dl class="fields">
            <div class="field-pair"><dt>${t('orders.customer')}</dt>
              <dd><a href="${href(`/customers/${o.customerId}`)}" data-test="order-customer-link">${o.customerName}</a></dd></div>
            <div class="field-pair"><dt>${t('orders.date')}</dt><dd>${formatDay(o.orderDate)}</dd></div>
            ${o.requiredDate ? html`<div class="field-pair"><dt>${t('orders.requiredDate')}</dt><dd>${formatDay(o.requiredDate)}</dd></div>` : ''}
            ${o.shippedDate ? html`<div class="field-pair"><dt>${t('orders.shippedDate')}</dt><dd>${formatDay(o.shippedDate)}</dd></div>` : ''}
            ${o.salespersonName ? html`<div class="field-pair"><dt>${t('orders.salesperson')}</dt><dd>${o.salespersonName}</dd></div>` : ''}
            ${o.carrierName ? html`<div class="field-pair"><dt>${t('orders.carrier')}</dt><dd>${o.carrierName}</dd></div>` : ''}
            ${o.notes ? html`<div class="field-pair"><dt>${t('orders.notes')}</dt><dd class="notes" data-test="order-notes">${o.notes}</dd></div>` : ''}
          </dl>
        </section>
        ${o.shipTo && o.shipTo.name ? html`
          <section class="card card-pad">
            <h2 class="section-title">${t('orders.shipTo')}</h2>
            <address class="address">
              <strong>${o.shipTo.name}</strong><br>
              ${o.shipTo.address}<br>
              ${[o.shipTo.postalCode, o.shipTo.city, o.shipTo.region].filter(Boolean).join(' ')}<br>
              ${o.shipTo.country}
            </address>
          </section>` : ''}
      </div>
      <section class="card table-card section-gap">
        <h2 class="section-title card-pad-x">${t('orders.lines')}</h2>
        <table class="table responsive-table">
          <thead>
            <tr>
              <th scope="col">${t('orders.product')}</th>
              <th scope="col" class="num">${t('orders.quantity')}</th>
              <th scope="col" class="num">${t('orders.unitPrice')}</th>
              <th scope="col" class="num">${t('orders.discount')}</th>
              <th scope="col" class="num">${t('orders.amount')}</th>
            </tr>
          </thead>
          <tbody>
            ${(o.lines ?? []).map((l) => html`
              <tr data-test="order-line" data-key="${l.id}">
                <td class="cell-title">${l.productName} <span class="muted small">${l.sku}</span></td>
                <td data-label="${t('orders.quantity')}" class="num">${formatDecimal(l.quantity)}</td>
                <td data-label="${t('orders.unitPrice')}" class="num">${money(l.unitPrice)}</td>
                <td data-label="${t('orders.discount')}" class="num">${formatPercent(l.discountPercent)}</td>
                <td data-label="${t('orders.amount')}" class="num">${money(l.amount)}</td>
              </tr>`)}
          </tbody>
        </table>
        <dl class="totals">
          <div><dt>${t('orders.untaxed')}</dt><dd data-test="order-untaxed">${money(o.untaxedTotal)}</dd></div>
          <div><dt>${t('orders.freight')}</dt><dd data-test="order-freight">${money(o.freight)}</dd></div>
          <div class="grand"><dt>${t('orders.total')}</dt><dd data-test="order-total">${money(o.total)}</dd></div>
        </dl>
      </section>`;
  }
}
AfOrderDetail.define('af-order-detail');
