// data-test: order-customer, order-customer-option, order-salesperson, order-date, order-required-date,
//            line-product-<i>, line-product-<i>-option, line-quantity-<i>, line-discount-<i>, line-price-<i>,
//            line-amount-<i>, line-remove-<i>, line-row, add-line, order-freight, order-untaxed, order-total,
//            order-notes, save-order, save-confirm-order, cancel-order, form-error, field-error (with data-field="<path>"),
//            order-form-title, order-stale (editing: someone else saved first)
// A new sales order, or (with `orderId`) a draft being edited. Totals come from POST /sales/orders/preview
// as the user types (debounced) — the browser never does money arithmetic. Field errors from the server
// appear beside their field. Editing sends PATCH /sales/orders/{id} with the version read; a 409 carries
// the order as it is now, which the form shows (or, if it is no longer a draft, the order page does).
// Both go through the outbox (core/outbox.js): a new order carries an id made here, so an edit made before the
// network returns can name it; kept on the device, the page says so (never "saved") and the order stays a draft
// ("save and confirm" confirms only once the server has it).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { debounce } from '../../core/debounce.js';
import { href, navigate } from '../../core/router.js';
import { formatMoney, todayIn } from '../../core/format.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { submit } from '../../core/outbox.js';
import { icon } from '../../components/icons.js';
import { searchCustomers, searchProducts, customerLabel, loadSalespeople } from './pickers.js';
import { newLine, lineFromOrder, buildInput, mapFieldErrors } from './order-input.js';

const PLACED = /^(customerId|orderDate|requiredDate|salespersonId|freight|notes|lines|lines\[\d+\]\.(productId|quantity|discountPercent|unitPrice))$/;

export class AfOrderForm extends AfElement {
  static properties = ['query', 'orderId'];

  constructor() {
    super();
    const user = getUser();
    this.nextKey = 1;
    this.customer = null;
    this.orderDate = todayIn(user?.timeZone ?? user?.tenant?.timeZone);
    this.requiredDate = '';
    this.salespersonId = '';
    this.salespeople = [];
    this.freight = '0.00';
    this.notes = '';
    this.lines = [newLine(this.nextKey++)];
    // Editing: the order as last read (its version goes with the save), a load error, a 409 seen.
    this.order = null;
    this.loadError = null;
    this.stale = false;
    this.preview = null;
    this.previewPositions = [];
    this.previewError = null;
    this.pending = false;
    this.saveError = null;
    this.savePositions = [];
    this.attempted = false;
    this.busy = false;
    this.seq = 0;
    this.schedulePreview = debounce(() => this.runPreview(), 250);
  }

  connected() {
    loadSalespeople().then((list) => {
      this.salespeople = list;
      // Field staff usually enter their own orders.
      const me = getUser()?.employeeId;
      if (!this.orderId && !this.salespersonId && me && list.some((s) => s.id === me)) this.salespersonId = me;
      this.requestUpdate();
    }).catch(() => {});
    this.reload();
  }

  disconnected() {
    this.schedulePreview.cancel();
  }

  async load() {
    if (this.orderId) return this.loadOrder();
    const id = this.query?.customer;
    if (!id || this.customer) return;
    try {
      this.customer = await customerLabel(id);
      this.edited();
    } catch {
      // A stale link: the user simply picks a customer.
    }
  }

  async loadOrder() {
    if (this.order) return;
    try {
      this.fill(await api.get(`/sales/orders/${encodeURIComponent(this.orderId)}`));
    } catch (error) {
      this.loadError = error;
      this.requestUpdate();
    }
  }

  // The form shows `order` as stored; only a draft can be edited, anything else goes to its page.
  fill(order) {
    if (order.state !== 'draft') {
      notify(t('orders.notEditable', { number: order.number }), 'error');
      navigate(`/orders/${order.id}`, {}, { replace: true });
      return;
    }
    this.order = order;
    this.customer = { id: order.customerId, label: order.customerName };
    this.orderDate = order.orderDate;
    this.requiredDate = order.requiredDate ?? '';
    this.salespersonId = order.salespersonId ?? '';
    this.freight = order.freight;
    this.notes = order.notes ?? '';
    this.lines = order.lines.length ? order.lines.map((l) => lineFromOrder(this.nextKey++, l, order.currency)) : [newLine(this.nextKey++)];
    this.attempted = false;
    this.edited();
  }

  edited() {
    this.saveError = null;
    this.pending = true;
    this.schedulePreview();
    this.requestUpdate();
  }

  // Another product takes its own list price: the kept price belonged to the old one.
  pickProduct(index, picked) {
    this.setLine(index, { product: picked ? { ...picked.product, label: picked.label } : null, unitPrice: undefined });
  }

  setLine(index, patch) {
    this.lines = this.lines.map((l, i) => (i === index ? { ...l, ...patch } : l));
    this.edited();
  }

  addLine() {
    this.lines = [...this.lines, newLine(this.nextKey++)];
    this.requestUpdate();
    // Put the cursor where the user will type next.
    queueMicrotask(() => this.querySelector(`[data-test="line-product-${this.lines.length - 1}"]`)?.focus());
  }

  removeLine(index) {
    this.lines = this.lines.filter((_, i) => i !== index);
    if (this.lines.length === 0) this.lines = [newLine(this.nextKey++)];
    this.edited();
  }

  async runPreview() {
    const { body, positions } = buildInput(this);
    const seq = ++this.seq;
    if (body.lines.length === 0) {
      this.preview = null;
      this.previewError = null;
      this.pending = false;
      this.requestUpdate();
      return;
    }
    try {
      const preview = await api.post('/sales/orders/preview', body);
      if (seq !== this.seq) return;
      this.preview = preview;
      this.previewError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.preview = null;
      this.previewError = error;
    }
    this.previewPositions = positions;
    this.pending = false;
    this.requestUpdate();
  }

  async save(andConfirm) {
    if (this.busy) return;
    this.attempted = true;
    this.schedulePreview.cancel();
    const { body, positions } = buildInput(this);
    this.savePositions = positions;
    if (!this.customer) {
      // Without a customer the body is not even an OrderInput; say so here instead of a 400.
      this.saveError = { code: 'sales.order.customer_required', fields: [{ field: 'customerId', code: 'sales.order.customer_required' }] };
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.saveError = null;
    this.requestUpdate();
    if (this.order) return this.saveChanges(body);
    const id = uuid();
    const kept = await submit({
      method: 'POST', path: '/sales/orders', body: { ...body, id }, entity: 'sales.order', recordId: id, create: true,
      label: { key: 'sync.label.orderCreate', params: { customer: this.customer.label ?? '' } }, link: `/orders/${id}`,
    });
    if (kept.state === 'waiting') {
      notify(t('sync.savedOnDevice'), 'info');
      this.busy = false;
      navigate('/sync');
      return;
    }
    let order = kept.answer;
    if (kept.state === 'rejected') {
      const error = kept.error;
      this.saveError = error;
      this.busy = false;
      this.requestUpdate();
      this.querySelector('.is-invalid, .alert-error')?.scrollIntoView?.({ block: 'center' });
      return;
    }
    if (andConfirm) {
      try {
        order = await api.post(`/sales/orders/${encodeURIComponent(order.id)}/confirm`, undefined, { 'Idempotency-Key': uuid() });
        notify(t('orders.confirmed', { number: order.number }), 'success');
      } catch (error) {
        notify(`${t('orders.savedNotConfirmed', { number: order.number })} ${errorText(error)}`, 'error');
      }
    } else {
      notify(t('orders.saved', { number: order.number }), 'success');
    }
    this.busy = false;
    navigate(`/orders/${order.id}`);
  }

  async saveChanges(body) {
    const id = this.order.id;
    try {
      // An emptied "required by" is sent as "" (clear it); absent would keep the stored day.
      const changes = { ...body, requiredDate: body.requiredDate ?? '', version: this.order.version };
      const kept = await submit({
        method: 'PATCH', path: `/sales/orders/${encodeURIComponent(id)}`, body: changes, entity: 'sales.order', recordId: id,
        baseVersion: this.order.version, label: { key: 'sync.label.orderEdit', params: { number: this.order.number } }, link: `/orders/${id}`,
      });
      if (kept.state === 'rejected') throw kept.error;
      if (kept.state === 'waiting') {
        notify(t('sync.savedOnDevice'), 'info');
        this.busy = false;
        navigate(`/orders/${id}`);
        return;
      }
      const order = kept.answer;
      notify(t('orders.updated', { number: order.number }), 'success');
      this.busy = false;
      navigate(`/orders/${order.id}`);
    } catch (error) {
      this.busy = false;
      if (error.status === 409 && error.current) {
        // Someone else saved or confirmed it first: show the order as it is now (their changes).
        this.fill(error.current);
        this.stale = true;
      } else {
        this.saveError = error;
      }
      this.requestUpdate();
      // After the re-render, so that a new message is there to be scrolled to (phones show the form's end).
      requestAnimationFrame(() => this.querySelector('.alert-warning, .alert-error, .is-invalid')?.scrollIntoView?.({ block: 'center' }));
    }
  }

  // Errors to show: those of the last save attempt, else those of the latest preview. Before the
  // first save, a missing customer is not an error yet, just a field still to fill in.
  errors() {
    if (this.saveError) return { error: this.saveError, fields: mapFieldErrors(this.saveError, this.savePositions) };
    const error = this.previewError;
    if (!error) return { error: null, fields: new Map() };
    const fields = mapFieldErrors(error, this.previewPositions);
    if (!this.attempted) fields.delete('customerId');
    const quiet = !this.attempted && !this.customer && (error.status === 400 || (error.fields ?? []).every((f) => f.field === 'customerId'));
    return { error: quiet ? null : error, fields };
  }

  fieldError(fields, path) {
    const list = fields.get(path);
    if (!list) return '';
    return html`<span class="field-error" role="alert" data-test="field-error" data-field="${path}">${list.map((f) => fieldErrorText(f)).join(' ')}</span>`;
  }

  lineRow(line, i, fields) {
    const amounts = this.amounts();
    const invalid = (name) => fields.has(`lines[${i}].${name}`);
    const price = amounts.prices[i] ?? line.product?.listPrice;
    const currency = this.preview?.currency ?? line.product?.currency ?? getUser()?.tenant?.currency;
    return html`
      <tr class="line-row" data-test="line-row" data-key="${line.key}">
        <td class="line-product">
          <span class="line-no muted" aria-hidden="true">${i + 1}</span>
          <af-search-picker .testId=${`line-product-${i}`} .value=${line.product} .search=${searchProducts}
            .label=${`${t('orders.product')} ${i + 1}`} .placeholder=${t('orders.searchProduct')} .invalid=${invalid('productId')}
            @pick=${(e) => this.pickProduct(i, e.detail)}></af-search-picker>
          ${this.fieldError(fields, `lines[${i}].productId`)}
        </td>
        <td data-label="${t('orders.quantity')}" class="num">
          <input class="input input-num ${invalid('quantity') ? 'is-invalid' : ''}" inputmode="decimal" autocomplete="off"
            data-test="line-quantity-${i}" aria-label="${t('orders.quantity')} ${i + 1}" aria-invalid="${invalid('quantity') ? 'true' : 'false'}"
            .value=${line.quantity} @input=${(e) => this.setLine(i, { quantity: e.target.value })}>
          ${this.fieldError(fields, `lines[${i}].quantity`)}
        </td>
        <td data-label="${t('orders.unitPrice')}" class="num nowrap" data-test="line-price-${i}">
          ${price ? formatMoney(price, currency) : '—'}
          ${this.fieldError(fields, `lines[${i}].unitPrice`)}
        </td>
        <td data-label="${t('orders.discount')}" class="num">
          <span class="input-suffix">
            <input class="input input-num ${invalid('discountPercent') ? 'is-invalid' : ''}" inputmode="decimal" autocomplete="off"
              placeholder="0" data-test="line-discount-${i}" aria-label="${t('orders.discount')} ${i + 1}"
              aria-invalid="${invalid('discountPercent') ? 'true' : 'false'}"
              .value=${line.discount} @input=${(e) => this.setLine(i, { discount: e.target.value })}>
            <span aria-hidden="true">%</span>
          </span>
          ${this.fieldError(fields, `lines[${i}].discountPercent`)}
        </td>
        <td data-label="${t('orders.amount')}" class="num nowrap line-amount ${this.pending ? 'is-stale' : ''}" data-test="line-amount-${i}">
          ${amounts.values[i] ? formatMoney(amounts.values[i], currency) : '—'}
        </td>
        <td class="line-actions">
          <button type="button" class="btn btn-icon" data-test="line-remove-${i}" aria-label="${t('orders.removeLine')} ${i + 1}"
            title="${t('orders.removeLine')}" @click=${() => this.removeLine(i)}>${icon('close')}</button>
        </td>
      </tr>`;
  }

  // Line amounts and unit prices from the latest preview, by form index.
  amounts() {
    const values = [];
    const prices = [];
    (this.preview?.lines ?? []).forEach((l, j) => {
      const i = this.previewPositions[j];
      values[i] = l.amount;
      prices[i] = l.unitPrice;
    });
    return { values, prices };
  }

  view() {
    const editing = Boolean(this.orderId);
    const back = editing ? `/orders/${this.orderId}` : '/orders';
    if (editing && !this.order) {
      return html`
        <a class="back-link" href="${href(back)}">${icon('back')}<span>${t('nav.orders')}</span></a>
        ${this.loadError
          ? html`<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`
          : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}`;
    }
    const { error, fields } = this.errors();
    const unplaced = error ? (error.fields ?? []).filter((f) => !PLACED.test(f.field.replace(/^lines\[\d+\]/, 'lines[0]'))) : [];
    const showTop = error && ((error.fields ?? []).length === 0 || unplaced.length > 0);
    const p = this.preview;
    const currency = p?.currency ?? getUser()?.tenant?.currency;
    const total = (v) => (v ? formatMoney(v, currency) : '—');
    return html`
      <a class="back-link" href="${href(back)}">${icon('back')}<span>${editing ? this.order.number : t('nav.orders')}</span></a>
      <div class="page-header"><h1 class="page-title" data-test="order-form-title">${
        editing ? t('orders.editTitle', { number: this.order.number }) : t('orders.newTitle')}</h1></div>
      ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="order-stale">${t('orders.stale')}</div>` : ''}
      ${showTop ? html`
        <div class="alert alert-error" role="alert" data-test="form-error">
          ${errorText(error)}
          ${unplaced.length ? html`<ul>${unplaced.map((f) => html`<li>${fieldErrorText(f)}</li>`)}</ul>` : ''}
        </div>` : ''}
      <section class="card card-pad">
        <div class="form-grid">
          <div class="field field-wide">
            <span class="field-label" id="order-customer-label">${t('orders.customer')} <span class="required" aria-hidden="true">*</span></span>
            <af-search-picker .testId=${'order-customer'} .value=${this.customer} .search=${searchCustomers}
              .label=${t('orders.customer')} .placeholder=${t('orders.searchCustomer')} .invalid=${fields.has('customerId')}
              @pick=${(e) => { this.customer = e.detail; this.edited(); }}></af-search-picker>
            ${this.fieldError(fields, 'customerId')}
          </div>
          <label class="field">
            <span class="field-label">${t('orders.salesperson')}</span>
            <select class="input select ${fields.has('salespersonId') ? 'is-invalid' : ''}" data-test="order-salesperson"
              .value=${this.salespersonId} @change=${(e) => { this.salespersonId = e.target.value; this.edited(); }}>
              <option value="">${t('orders.noSalesperson')}</option>
              ${this.salespeople.map((s) => html`<option value="${s.id}" data-key="${s.id}">${s.name}</option>`)}
            </select>
            ${this.fieldError(fields, 'salespersonId')}
          </label>
          <label class="field">
            <span class="field-label">${t('orders.date')}</span>
            <input type="date" class="input ${fields.has('orderDate') ? 'is-invalid' : ''}" data-test="order-date"
              .value=${this.orderDate} @change=${(e) => { this.orderDate = e.target.value; this.edited(); }}>
            ${this.fieldError(fields, 'orderDate')}
          </label>
          <label class="field">
            <span class="field-label">${t('orders.requiredDate')}</span>
            <input type="date" class="input ${fields.has('requiredDate') ? 'is-invalid' : ''}" data-test="order-required-date"
              .value=${this.requiredDate} min="${this.orderDate}" @change=${(e) => { this.requiredDate = e.target.value; this.edited(); }}>
            ${this.fieldError(fields, 'requiredDate')}
          </label>
          <label class="field field-span">
            <span class="field-label">${t('orders.notes')}</span>
            <textarea class="input textarea ${fields.has('notes') ? 'is-invalid' : ''}" rows="2" maxlength="2000" data-test="order-notes"
              placeholder="${t('orders.notesPlaceholder')}" .value=${this.notes}
              @input=${(e) => { this.notes = e.target.value; this.edited(); }}></textarea>
            ${this.fieldError(fields, 'notes')}
          </label>
        </div>
      </section>
      <section class="card table-card section-gap">
        <h2 class="section-title card-pad-x">${t('orders.lines')}</h2>
        ${fields.has('lines') ? html`<div class="card-pad-x">${this.fieldError(fields, 'lines')}</div>` : ''}
        <table class="table responsive-table line-table">
          <thead>
            <tr>
              <th scope="col">${t('orders.product')}</th>
              <th scope="col" class="num">${t('orders.quantity')}</th>
              <th scope="col" class="num">${t('orders.unitPrice')}</th>
              <th scope="col" class="num">${t('orders.discountPercent')}</th>
              <th scope="col" class="num">${t('orders.amount')}</th>
              <th scope="col"><span class="visually-hidden">${t('orders.removeLine')}</span></th>
            </tr>
          </thead>
          <tbody>${this.lines.map((line, i) => this.lineRow(line, i, fields))}</tbody>
        </table>
        <div class="card-pad-x add-line-row">
          <button type="button" class="btn btn-ghost" data-test="add-line" @click=${() => this.addLine()}>${icon('plus')}<span>${t('orders.addLine')}</span></button>
        </div>
        <dl class="totals ${this.pending ? 'is-stale' : ''}" aria-live="polite">
          <div><dt>${t('orders.untaxed')}</dt><dd data-test="order-untaxed">${total(p?.untaxedTotal)}</dd></div>
          <div class="totals-input">
            <dt><label for="order-freight">${t('orders.freight')}</label></dt>
            <dd>
              <input id="order-freight" class="input input-num ${fields.has('freight') ? 'is-invalid' : ''}" inputmode="decimal"
                autocomplete="off" data-test="order-freight" .value=${this.freight}
                @input=${(e) => { this.freight = e.target.value; this.edited(); }}>
              ${this.fieldError(fields, 'freight')}
            </dd>
          </div>
          <div class="grand"><dt>${t('orders.total')}</dt><dd data-test="order-total">${total(p?.total)}</dd></div>
        </dl>
      </section>
      <div class="form-actions">
        <a class="btn btn-ghost" href="${href(back)}" data-test="cancel-order">${t('common.cancel')}</a>
        ${editing ? html`
          <button type="button" class="btn btn-primary" data-test="save-order" ?disabled=${this.busy}
            @click=${() => this.save(false)}>${t('orders.saveChanges')}</button>` : html`
          <button type="button" class="btn btn-secondary" data-test="save-order" ?disabled=${this.busy}
            @click=${() => this.save(false)}>${t('orders.saveDraft')}</button>
          <button type="button" class="btn btn-primary" data-test="save-confirm-order" ?disabled=${this.busy}
            @click=${() => this.save(true)}>${t('orders.saveAndConfirm')}</button>`}
      </div>`;
  }
}
AfOrderForm.define('af-order-form');
