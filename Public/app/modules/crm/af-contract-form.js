// data-test: contract-form, contract-form-<title|amount|signedOn|startsOn|endsOn|terms|remindDaysBefore>, contract-customer
//            (the picker's), contract-form-opportunity, contract-form-customerSignatory, contract-our-signatory (the picker's),
//            contract-orders, contract-order (data-id; its checkbox), contract-orders-none, contract-form-save,
//            contract-form-cancel, contract-form-error, field-error (data-field) (the plan's: af-contract-plan.js)
// A contract (合同) written or edited while a draft: POST /crm/contracts, or PATCH /crm/contracts/{id} with the version read
// (the customer is fixed then). Once the customer is chosen the form offers its contacts as the customer's signatory,
// its opportunities and its orders (checked ones are linked); our signatory is an employee. The instalment plan
// (af-contract-plan.js) shows its total against the amount. The server's field errors, in the reader's language, show
// at their fields. `customer` may come preset ({id, label}); `record` is the contract being edited.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { AfRecordForm } from '../../components/record-form.js';
import '../../components/af-search-picker.js';
import { searchCustomers } from '../sales/pickers.js';
import { stateBadge } from '../sales/state-badge.js';
import { searchEmployees, customerChoices } from './contract-format.js';
import './af-contract-plan.js';

const TEXT = ['title', 'amount', 'signedOn', 'startsOn', 'endsOn', 'terms'];

export class AfContractForm extends AfRecordForm {
  static properties = ['record', 'customer'];
  static prefix = 'contract';
  static fieldMap = {
    title: 'title', customerId: 'customer', opportunityId: 'opportunity', customerSignatoryId: 'customerSignatory',
    ourSignatoryId: 'ourSignatory', amount: 'amount', signedOn: 'signedOn', startsOn: 'startsOn', endsOn: 'endsOn',
    terms: 'terms', remindDaysBefore: 'remindDaysBefore', orderIds: 'orders', instalments: 'plan',
  };

  constructor() {
    super();
    this.focusField = 'title';
    this.choices = null; // { contacts, opportunities, orders } of the chosen customer
    this.choicesFor = null;
  }

  path() {
    return '/crm/contracts';
  }

  fill(c) {
    const values = { remindDaysBefore: String(c?.remindDaysBefore ?? 30), opportunity: c?.opportunityId ?? '',
      customerSignatory: c?.customerSignatoryId ?? '', orders: new Set((c?.orders ?? []).map((o) => o.id)),
      plan: (c?.instalments ?? []).map((i) => ({ dueOn: i.dueOn, amount: i.amount, note: i.note ?? '' })) };
    for (const f of TEXT) values[f] = c?.[f] ?? '';
    this.signatory = c?.ourSignatoryId ? { id: c.ourSignatoryId, label: c.ourSignatoryName } : null;
    return values;
  }

  // The contract's own customer when editing (it cannot change), else the one chosen or preset.
  chosenCustomer() {
    return this.record ? { id: this.record.customerId, label: this.record.customerName } : this.customer;
  }

  updated() {
    super.updated();
    const id = this.chosenCustomer()?.id;
    if (id && id !== this.choicesFor) {
      this.choicesFor = id;
      this.choices = null;
      customerChoices(id).then((choices) => {
        if (this.choicesFor !== id) return;
        this.choices = choices;
        this.requestUpdate();
      }, () => { this.choices = { contacts: [], opportunities: [], orders: [] }; this.requestUpdate(); });
    }
  }

  pickCustomer(customer) {
    if (customer?.id !== this.customer?.id) {
      // Contacts, opportunities and orders belong to the customer: a new one starts them afresh.
      this.values = { ...this.values, opportunity: '', customerSignatory: '', orders: new Set() };
    }
    this.customer = customer;
    delete this.errors.customer;
    this.requestUpdate();
  }

  // The plan's total follows the amount as it is typed.
  input(name, value) {
    super.input(name, value);
    this.requestUpdate();
  }

  // A select whose options may arrive after its value (the customer's contacts and opportunities load later).
  choiceField(name, label, choices) {
    const value = this.values[name] ?? '';
    return html`
      <label class="field">
        <span class="field-label">${label}</span>
        <select class="input select ${this.errors[name] ? 'is-invalid' : ''}" data-test="contract-form-${name}" data-field-input="${name}"
          aria-invalid="${this.invalid(name)}" aria-describedby="${this.errorId(name)}" ?disabled=${!this.choices}
          @change=${(e) => this.input(name, e.target.value)}>
          <option value="" ?selected=${!value}>${t('crm.contract.none')}</option>
          ${(this.choices?.[name === 'opportunity' ? 'opportunities' : 'contacts'] ?? choices).map((c) => html`
            <option value="${c.id}" data-key="${c.id}" ?selected=${c.id === value}>${c.label}</option>`)}
        </select>
        ${this.fieldError(name)}
      </label>`;
  }

  toggleOrder(id, on) {
    const orders = new Set(this.values.orders);
    if (on) orders.add(id);
    else orders.delete(id);
    this.input('orders', orders);
  }

  localErrors() {
    const v = this.values;
    const errors = {};
    if (!v.title.trim()) errors.title = { code: 'field.required' };
    if (!this.chosenCustomer()) errors.customer = { code: 'field.required' };
    if (!v.amount.trim()) errors.amount = { code: 'field.required' };
    if (!v.startsOn) errors.startsOn = { code: 'field.required' };
    if (!v.endsOn) errors.endsOn = { code: 'field.required' };
    if (v.plan.some((r) => !r.dueOn || !String(r.amount).trim())) errors.plan = { key: 'crm.contract.plan.incomplete' };
    return errors;
  }

  // Errors of a plan row or a linked order ("instalments[1].amount") belong to the plan or the order list.
  failed(error) {
    error.fields = (error.fields ?? []).map((f) => ({ ...f, field: String(f.field ?? '').replace(/[[.].*$/, '') }));
    super.failed(error);
  }

  body() {
    const v = this.values;
    const body = {
      title: v.title.trim(), amount: v.amount.trim(), startsOn: v.startsOn, endsOn: v.endsOn,
      signedOn: v.signedOn || null, terms: v.terms, opportunityId: v.opportunity || null,
      customerSignatoryId: v.customerSignatory || null, ourSignatoryId: this.signatory?.id ?? null,
      orderIds: [...v.orders],
      instalments: v.plan.map((r) => ({ dueOn: r.dueOn, amount: String(r.amount).trim(), ...(r.note.trim() ? { note: r.note.trim() } : {}) })),
    };
    if (String(v.remindDaysBefore).trim() !== '') body.remindDaysBefore = Number(v.remindDaysBefore);
    if (this.record) return { ...body, version: this.record.version };
    return { id: this.idempotencyKey, customerId: this.customer.id, ...body };
  }

  orders() {
    const orders = this.choices?.orders ?? [];
    const chosen = this.values.orders ?? new Set();
    return html`<fieldset class="field field-wide contract-orders" data-test="contract-orders" data-field-input="orders">
      <legend class="field-label">${t('crm.contract.orders')}</legend>
      ${!this.chosenCustomer() ? html`<p class="muted small">${t('crm.contract.pickCustomerFirst')}</p>`
        : !this.choices ? html`<p class="muted small">${t('common.loading')}</p>`
          : orders.length ? html`<ul class="check-list">${orders.map((o) => html`<li data-key="${o.id}">
            <label class="check" data-test="contract-order" data-id="${o.id}">
              <input type="checkbox" .checked=${chosen.has(o.id)} @change=${(e) => this.toggleOrder(o.id, e.target.checked)}>
              <span>${o.number}</span> ${stateBadge(o.state)}
              <span class="muted small">${formatDay(o.orderDate)} · ${formatMoney(o.total, o.currency)}</span>
            </label></li>`)}</ul>`
            : html`<p class="muted small" data-test="contract-orders-none">${t('crm.contract.noOrders')}</p>`}
      ${this.fieldError('orders')}
    </fieldset>`;
  }

  view() {
    const v = this.values;
    const editing = Boolean(this.record);
    return html`
      <form class="crm-form contract-form" novalidate data-test="contract-form" @submit=${(e) => this.submit(e)}>
        <h1 class="page-title">${editing ? t('crm.contract.editTitle', { number: this.record.number }) : t('crm.contract.new')}</h1>
        ${this.alerts()}
        <div class="form-grid">
          ${this.textField('title', t('crm.contract.title'), { required: true, maxlength: 200, wide: true })}
          <div class="field field-wide" data-field-input="customer">
            <span class="field-label">${t('orders.customer')} <span class="required" aria-hidden="true">*</span></span>
            ${editing ? html`<strong data-test="contract-customer-fixed">${this.record.customerName}</strong>` : html`
              <af-search-picker .testId=${'contract-customer'} .value=${this.customer} .search=${searchCustomers}
                .label=${t('orders.customer')} .placeholder=${t('orders.searchCustomer')} .invalid=${Boolean(this.errors.customer)}
                @pick=${(e) => this.pickCustomer(e.detail)}></af-search-picker>`}
            ${this.fieldError('customer')}
          </div>
          ${this.choiceField('opportunity', t('crm.contract.opportunity'), [])}
          ${this.choiceField('customerSignatory', t('crm.contract.customerSignatory'), [])}
          <div class="field" data-field-input="ourSignatory">
            <span class="field-label">${t('crm.contract.ourSignatory')}</span>
            <af-search-picker .testId=${'contract-our-signatory'} .value=${this.signatory} .search=${searchEmployees}
              .label=${t('crm.contract.ourSignatory')} .placeholder=${t('crm.contract.searchEmployee')} .invalid=${Boolean(this.errors.ourSignatory)}
              @pick=${(e) => { this.signatory = e.detail; delete this.errors.ourSignatory; this.requestUpdate(); }}></af-search-picker>
            ${this.fieldError('ourSignatory')}
          </div>
          ${this.textField('amount', t('crm.contract.amount'), { required: true, inputmode: 'decimal', maxlength: 20 })}
          ${this.textField('signedOn', t('crm.contract.signedOn'), { type: 'date' })}
          ${this.textField('startsOn', t('crm.contract.startsOn'), { type: 'date', required: true })}
          ${this.textField('endsOn', t('crm.contract.endsOn'), { type: 'date', required: true })}
          ${this.textField('remindDaysBefore', t('crm.contract.remindDaysBefore'), { inputmode: 'numeric', maxlength: 3, suffix: t('crm.contract.days') })}
          <label class="field field-wide">
            <span class="field-label">${t('crm.contract.terms')}</span>
            <textarea class="input textarea ${this.errors.terms ? 'is-invalid' : ''}" rows="4" maxlength="20000" data-test="contract-form-terms"
              data-field-input="terms" aria-invalid="${this.invalid('terms')}" aria-describedby="${this.errorId('terms')}"
              .value=${v.terms ?? ''} @input=${(e) => this.input('terms', e.target.value)}></textarea>
            ${this.fieldError('terms')}
          </label>
          ${this.orders()}
          <div class="field field-wide" data-field-input="plan">
            <span class="field-label">${t('crm.contract.plan')}</span>
            <af-contract-plan data-key="plan" .rows=${v.plan} .amount=${v.amount} .currency=${this.record?.currency ?? ''} .error=${this.errors.plan}
              @plan-change=${(e) => { e.stopPropagation(); this.input('plan', e.detail); this.requestUpdate(); }}></af-contract-plan>
          </div>
        </div>
        ${this.actions(t('crm.contract.add'))}
      </form>`;
  }
}
AfContractForm.define('af-contract-form');
