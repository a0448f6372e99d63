// data-test: opportunity-form, opportunity-form-name, opportunity-customer (the picker's), opportunity-form-amount,
//            opportunity-form-expectedCloseDate, opportunity-form-save, opportunity-form-cancel, opportunity-form-error,
//            field-error (data-field name | customer | amount | expectedCloseDate)
// A new opportunity (POST /crm/opportunities {name, customerId, amount?, expectedCloseDate?}): it starts in the first open
// stage. The customer is picked as orders pick theirs (searched by name); `customer` may come preset ({id, label}).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfRecordForm } from '../../components/record-form.js';
import '../../components/af-search-picker.js';
import { searchCustomers } from '../sales/pickers.js';

export class AfOpportunityForm extends AfRecordForm {
  static properties = ['record', 'customer'];
  static prefix = 'opportunity';
  static fieldMap = { name: 'name', customerId: 'customer', amount: 'amount', expectedCloseDate: 'expectedCloseDate' };

  path() {
    return '/crm/opportunities';
  }

  fill() {
    return { name: '', amount: '', expectedCloseDate: '' };
  }

  localErrors() {
    const errors = {};
    if (!this.values.name.trim()) errors.name = { code: 'field.required' };
    if (!this.customer) errors.customer = { code: 'field.required' };
    return errors;
  }

  body() {
    const v = this.values;
    const body = { id: this.idempotencyKey, name: v.name.trim(), customerId: this.customer.id };
    if (v.amount.trim()) body.amount = v.amount.trim();
    if (v.expectedCloseDate) body.expectedCloseDate = v.expectedCloseDate;
    return body;
  }

  view() {
    return html`
      <form class="crm-form" novalidate data-test="opportunity-form" @submit=${(e) => this.submit(e)}>
        <h1 class="page-title">${t('crm.opportunity.new')}</h1>
        ${this.alerts()}
        <div class="form-grid">
          ${this.textField('name', t('crm.opportunity.name'), { required: true, maxlength: 200, wide: true })}
          <div class="field field-wide" data-field-input="customer">
            <span class="field-label">${t('orders.customer')} <span class="required" aria-hidden="true">*</span></span>
            <af-search-picker .testId=${'opportunity-customer'} .value=${this.customer} .search=${searchCustomers}
              .label=${t('orders.customer')} .placeholder=${t('orders.searchCustomer')} .invalid=${Boolean(this.errors.customer)}
              @pick=${(e) => { this.customer = e.detail; delete this.errors.customer; }}></af-search-picker>
            ${this.fieldError('customer')}
          </div>
          ${this.textField('amount', t('crm.opportunity.amount'), { inputmode: 'decimal', maxlength: 20 })}
          ${this.textField('expectedCloseDate', t('crm.opportunity.expectedClose'), { type: 'date' })}
        </div>
        ${this.actions(t('crm.opportunity.add'))}
      </form>`;
  }
}
AfOpportunityForm.define('af-opportunity-form');
