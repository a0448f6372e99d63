// data-test: back-link, contract-editor-error (the form's: af-contract-form.js)
// A contract's form on a page of its own: #/crm/contracts/new (?customer=<id> presets the customer, as the customer page's
// "New contract" link does) and #/crm/contracts/<id>/edit (a draft, read first for its version). Saved, it opens the
// contract; cancelled, where the user came from.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { customerLabel } from '../sales/pickers.js';
import './af-contract-form.js';

export class AfContractEditor extends AfElement {
  static properties = ['contractId', 'query'];

  constructor() {
    super();
    this.contract = null;
    this.customer = null;
    this.error = null;
    this.ready = false;
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      if (this.contractId) this.contract = await api.get(`/crm/contracts/${encodeURIComponent(this.contractId)}`);
      else if (this.query?.customer) this.customer = await customerLabel(this.query.customer);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.ready = true;
    this.requestUpdate();
  }

  saved(event) {
    event.stopPropagation();
    const c = event.detail;
    notify(t(this.contractId ? 'crm.contract.saved' : 'crm.contract.added', { number: c.number }), 'success');
    navigate(`/crm/contracts/${c.id}`, {}, { replace: true });
  }

  back() {
    if (this.contractId) return `/crm/contracts/${this.contractId}`;
    return this.query?.customer ? `/customers/${this.query.customer}` : '/crm/contracts';
  }

  view() {
    const backTo = this.back();
    const back = html`<a class="back-link" href="${href(backTo)}" data-test="back-link">${icon('back')}<span>${
      this.contractId ? this.contract?.number ?? t('nav.crm_contracts') : this.customer?.label ?? t('nav.crm_contracts')}</span></a>`;
    if (this.error) return html`${back}<div class="alert alert-error" role="alert" data-test="contract-editor-error">${errorText(this.error)}</div>`;
    if (!this.ready) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    if (this.contract && this.contract.state !== 'draft') {
      return html`${back}<div class="alert alert-warning" role="alert" data-test="contract-editor-error">${t('error.crm.contract.not_draft')}</div>`;
    }
    return html`${back}
      <div class="card card-pad">
        <af-contract-form data-key="form" .record=${this.contract} .customer=${this.customer}
          @saved=${(e) => this.saved(e)} @cancel=${(e) => { e.stopPropagation(); navigate(backTo); }}
          @stale=${(e) => e.stopPropagation()}></af-contract-form>
      </div>`;
  }
}
AfContractEditor.define('af-contract-editor');
