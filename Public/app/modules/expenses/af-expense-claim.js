// data-test: claim-page, claim-form, claim-title-input, claim-line (data-index), line-date, line-item, line-category,
//            line-amount, line-invoice-number, line-invoice-type, line-receipt (file input), line-receipt-chip,
//            line-receipt-preview, line-remove, claim-add-line, claim-running-total, claim-save, claim-submit,
//            claim-error, claim-line-flag (data-flag), claim-warning, claim-state, claim-view, claim-view-line,
//            claim-view-total, claim-view-receipt, claim-view-receipt-photo, claim-approval, claim-employee, field-error (data-field),
//            line-currency, line-rate, line-company-amount, line-trip, line-project (picker), claim-view-rate, claim-view-project
// One expense claim, #/expenses/new or #/expenses/<id>, phone first. While new or a draft it is a form: a title and
// lines (date, item or category — an item preselects its category —, amount, invoice number and type, a receipt
// photo per line from the camera or a PDF, uploaded at once to POST /expenses/receipts), a running total, "Save
// draft" (POST /expenses/claims, then PATCH with the version) and "Submit" (POST …/submit: budgets and invoice numbers
// are checked; a budget that stops answers 422 expenses.over_budget with the whole story, shown above the buttons).
// Otherwise it shows the claim: state, warnings and each line's flags (duplicate invoice, over limit, over budget).
// A line may be in another currency: picking one shows the exchange rate field (to the company currency, at most 6
// decimals) and the converted amount, which the running total counts (exactly, half-up like the server's default).
// A line may name one of the person's approved business trips (GET /expenses/trips), and a project the person belongs to
// (projectID; its cost counts against the project's expenses budget once the claim is approved).
// Saving goes through the outbox (core/outbox.js): without a network the claim is kept on the device as a draft to be
// sent, with any receipt photo taken meanwhile (uploaded first when it is sent, its id put into the line).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { navigate, href } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { formatMoney, todayIn } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { claimState, convertAmount, expensesNav, lineFlags, sumDecimals, validAmount, warningText } from './expenses-format.js';
import { keptReceipt, receiptPicture, uploadReceipt } from './receipt-upload.js';
import { submit as send } from '../../core/outbox.js';
import { uuid } from '../../core/uuid.js';
import '../../components/af-search-picker.js';
import { searchProjects } from '../projects/project-format.js';

const INVOICE_TYPES = ['vatSpecial', 'vatNormal', 'electronic', 'receipt'];
// Currencies offered for a line besides the company's (any ISO code the server knows is accepted through the API).
const LINE_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'TWD', 'KRW', 'AUD', 'CAD', 'CHF', 'THB', 'MOP'];
const LINE_FIELD = /^lines\[(\d+)\]\.(\w+)/;
let nextKey = 1;
// A refusal met by a new claim after its draft was saved, shown again by the draft's page (claim id → ApiError).
const carried = new Map();

function today() {
  const user = getUser();
  return todayIn(user?.timeZone || user?.tenant?.timeZone);
}

function blankLine() {
  return {
    key: nextKey++, date: today(), itemID: '', categoryID: '', amount: '', invoiceNumber: '', invoiceType: '', receipts: [], uploading: false,
    currency: '', exchangeRate: '', tripID: '', project: null,
  };
}

function lineFrom(l) {
  return {
    key: nextKey++, date: l.date, itemID: l.itemID ?? '', categoryID: l.categoryID ?? '', amount: l.amount, invoiceNumber: l.invoiceNumber ?? '',
    invoiceType: l.invoiceType ?? '', receipts: l.receipts.map((id, i) => ({ id, name: t('expenses.line.receiptN', { n: i + 1 }), preview: null })),
    uploading: false, saved: l, currency: l.exchangeRate ? l.currency : '', exchangeRate: l.exchangeRate ?? '', tripID: l.tripID ?? '',
    project: l.projectID ? { id: l.projectID, label: l.projectName ?? '' } : null,
  };
}

export class AfExpenseClaim extends AfElement {
  static properties = ['claimId'];

  constructor() {
    super();
    this.claim = null;
    this.categories = null;
    this.items = [];
    this.trips = [];
    this.claimTitle = '';
    this.lines = [blankLine()];
    this.loadError = null;
    this.error = null;
    this.errors = { lines: {} }; // title | lines → { [index]: { field: error } } | general
    this.busy = null; // 'save' | 'submit'
    this.pictures = {}; // receipt id → data: URL, null (a PDF, unreadable) or undefined while loading
    this.zoomed = null; // the receipt shown full width
  }

  connected() {
    this.reload();
  }

  isNew() {
    return !this.claimId || this.claimId === 'new';
  }

  editable() {
    return this.isNew() || this.claim?.state === 'draft';
  }

  currency() {
    return this.claim?.currency ?? getUser()?.tenant?.currency ?? '';
  }

  async load() {
    try {
      const [categories, items, claim, trips] = await Promise.all([
        api.get('/expenses/categories'), api.get('/expenses/items'), this.isNew() ? null : api.get(`/expenses/claims/${this.claimId}`),
        api.get('/expenses/trips').catch(() => []),
      ]);
      this.trips = trips ?? [];
      this.categories = (categories ?? []).filter((c) => !c.archived);
      this.items = items ?? [];
      if (claim) {
        this.adopt(claim);
        if (!this.editable()) this.loadPictures(claim);
        const refusal = carried.get(claim.id);
        carried.delete(claim.id);
        if (refusal) this.serverErrors(refusal);
      }
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
    this.requestUpdate();
  }

  // The receipts of a claim being read show as pictures: an approver looks at them without downloading each.
  async loadPictures(claim) {
    const ids = claim.lines.flatMap((l) => l.receipts).filter((id) => !(id in this.pictures));
    for (const id of ids) this.pictures[id] = undefined;
    await Promise.all(ids.map(async (id) => {
      this.pictures[id] = await receiptPicture(id);
      this.requestUpdate();
    }));
  }

  adopt(claim) {
    this.claim = claim;
    this.claimTitle = claim.title ?? '';
    this.lines = claim.lines.length ? claim.lines.map(lineFrom) : [blankLine()];
  }

  setLine(index, name, value) {
    const line = { ...this.lines[index], [name]: value };
    if (name === 'itemID' && value) {
      const item = this.items.find((i) => i.id === value);
      if (item) line.categoryID = item.defaultCategoryID;
    }
    this.lines = this.lines.map((l, i) => (i === index ? line : l));
    if (this.errors.lines[index]) delete this.errors.lines[index][name];
    this.requestUpdate();
  }

  addLine() {
    const last = this.lines[this.lines.length - 1];
    this.lines = [...this.lines, { ...blankLine(), date: last?.date ?? today() }];
    this.requestUpdate();
    queueMicrotask(() => this.querySelector(`[data-test="claim-line"][data-index="${this.lines.length - 1}"] [data-test="line-amount"]`)?.focus());
  }

  dropLine(index) {
    this.lines = this.lines.filter((_, i) => i !== index);
    this.errors.lines = {};
    if (!this.lines.length) this.lines = [blankLine()];
    this.requestUpdate();
  }

  async addReceipt(index, event) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const key = this.lines[index].key;
    const patch = (change) => {
      this.lines = this.lines.map((l) => (l.key === key ? { ...l, ...change(l) } : l));
      this.requestUpdate();
    };
    patch(() => ({ uploading: true }));
    if (this.errors.lines[index]) delete this.errors.lines[index].receipts;
    try {
      const receipt = await uploadReceipt(file);
      patch((l) => ({ uploading: false, receipts: [...l.receipts, receipt] }));
    } catch (error) {
      if (error.status === 0) {
        // No network: the photo stays on the device and goes first when the claim is sent.
        const receipt = await keptReceipt(file, uuid());
        patch((l) => ({ uploading: false, receipts: [...l.receipts, receipt] }));
        return;
      }
      patch(() => ({ uploading: false }));
      this.errors.lines[index] = { ...(this.errors.lines[index] ?? {}), receipts: { code: error.code, params: error.params, message: errorText(error) } };
      this.requestUpdate();
    }
  }

  dropReceipt(index, id) {
    this.setLine(index, 'receipts', this.lines[index].receipts.filter((r) => r.id !== id));
  }

  payloadLines() {
    return this.lines.map((l) => {
      const line = { date: l.date, amount: l.amount.trim(), receipts: l.receipts.map((r) => (r.blob ? null : r.id)) };
      if (l.itemID) line.itemID = l.itemID;
      if (l.categoryID) line.categoryID = l.categoryID;
      if (l.invoiceNumber.trim()) line.invoiceNumber = l.invoiceNumber.trim();
      if (l.invoiceType) line.invoiceType = l.invoiceType;
      if (this.foreign(l)) {
        line.currency = l.currency;
        if (l.exchangeRate.trim()) line.exchangeRate = l.exchangeRate.trim();
      }
      if (l.tripID) line.tripID = l.tripID;
      if (l.project) line.projectID = l.project.id;
      return line;
    });
  }

  // What can be told before asking the server: an amount, a category.
  localErrors() {
    const lines = {};
    this.lines.forEach((l, i) => {
      const e = {};
      if (!validAmount(l.amount) || /^[0.]*$/.test(l.amount.trim())) e.amount = { key: 'expenses.line.amountRequired' };
      if (!l.categoryID && !l.itemID) e.categoryID = { key: 'expenses.line.categoryRequired' };
      if (!l.date) e.date = { key: 'expenses.line.dateRequired' };
      if (Object.keys(e).length) lines[i] = e;
    });
    return lines;
  }

  serverErrors(error) {
    this.error = error;
    for (const f of error.fields ?? []) {
      const m = LINE_FIELD.exec(f.field ?? '');
      if (m) this.errors.lines[m[1]] = { ...(this.errors.lines[m[1]] ?? {}), [m[2]]: f };
      else if (f.field === 'title') this.errors.title = f;
    }
  }

  async save(submit) {
    if (this.busy || this.lines.some((l) => l.uploading)) return;
    this.error = null;
    this.errors = { lines: this.localErrors() };
    if (Object.keys(this.errors.lines).length) {
      this.requestUpdate();
      queueMicrotask(() => this.querySelector('.is-invalid')?.focus());
      return;
    }
    this.busy = submit ? 'submit' : 'save';
    this.requestUpdate();
    const body = { title: this.claimTitle.trim(), lines: this.payloadLines() };
    // Receipt photos kept on the device: uploaded first, their ids put at lines.<i>.receipts.<j>.
    const files = this.lines.flatMap((l, i) => l.receipts.map((r, j) => (r.blob
      ? { field: `lines.${i}.receipts.${j}`, blob: r.blob, name: r.name, uploadPath: '/expenses/receipts' } : null))).filter(Boolean);
    let claim = this.claim;
    try {
      // Saved as a draft first, then submitted: a refused submit (over budget) leaves a draft the person can fix,
      // and this page must know it (POST with submit: true keeps the draft too, but answers only the refusal).
      const kept = await send({
        method: claim ? 'PATCH' : 'POST', path: claim ? `/expenses/claims/${claim.id}` : '/expenses/claims',
        body: claim ? { version: claim.version, ...body } : body, files, entity: 'expenses.claim', recordId: claim?.id ?? null,
        baseVersion: claim?.version ?? null, label: { key: 'sync.label.claim', params: { title: body.title || claim?.number || '' } },
        link: claim ? `/expenses/${claim.id}` : '/expenses',
      });
      if (kept.state === 'rejected') throw kept.error;
      if (kept.state === 'waiting') {
        // Kept on the device as a draft (documents made offline are not submitted until the server has them).
        notify(t('sync.savedOnDevice'), 'info');
        this.busy = null;
        navigate('/expenses');
        return;
      }
      claim = kept.answer;
      this.claim = claim;
      if (submit) claim = await api.post(`/expenses/claims/${claim.id}/submit`, { version: claim.version });
      notify(t(!submit ? 'expenses.saved' : claim.state === 'approved' ? 'expenses.submittedApproved' : 'expenses.submitted', { number: claim.number }), 'success');
      this.busy = null;
      if (this.isNew()) {
        navigate(`/expenses/${claim.id}`, {}, { replace: true });
      } else {
        this.adopt(claim);
        this.requestUpdate();
      }
      return;
    } catch (error) {
      if (this.isNew() && this.claim) {
        // The draft was saved and only the submit refused: show the refusal on the draft's own page.
        carried.set(this.claim.id, error);
        navigate(`/expenses/${this.claim.id}`, {}, { replace: true });
        return;
      }
      if (this.claim && error.status === 409 && error.current) this.claim = error.current;
      this.serverErrors(error);
    }
    this.busy = null;
    this.requestUpdate();
  }

  // Whether the line is in a currency other than the company's.
  foreign(l) {
    return Boolean(l.currency) && l.currency !== this.currency();
  }

  // The line's amount in the company currency as decimal text ('' when it cannot be told yet).
  companyAmount(l) {
    if (!this.foreign(l)) return l.amount;
    return convertAmount(l.amount.trim(), l.currency, l.exchangeRate.trim(), this.currency()) ?? '';
  }

  currencyFields(l, index) {
    const company = this.currency();
    const choices = [company, ...LINE_CURRENCIES.filter((c) => c !== company)];
    const converted = this.foreign(l) ? this.companyAmount(l) : '';
    return html`
      <label class="field">
        <span class="field-label">${t('expenses.line.currency')}</span>
        <select class="input select ${this.invalid(index, 'currency')}" data-test="line-currency" .value=${l.currency || company}
          @change=${(e) => this.setLine(index, 'currency', e.target.value === company ? '' : e.target.value)}>
          ${choices.map((c) => html`<option value="${c}" data-key="${c}" ?selected=${c === (l.currency || company)}>${c}</option>`)}
        </select>
        ${this.lineError(index, 'currency')}
      </label>
      ${this.foreign(l) ? html`
        <label class="field">
          <span class="field-label">${t('expenses.line.rate', { from: l.currency, to: company })}</span>
          <input type="text" inputmode="decimal" autocomplete="off" class="input ex-amount ${this.invalid(index, 'exchangeRate')}" data-test="line-rate"
            placeholder="7.1234" .value=${l.exchangeRate} @input=${(e) => this.setLine(index, 'exchangeRate', e.target.value)}>
          ${this.lineError(index, 'exchangeRate')}
        </label>
        <div class="muted small ex-rate-note" data-test="line-company-amount">${converted
          ? t('expenses.line.inCompany', { amount: formatMoney(converted, company) }) : t('expenses.line.rateHint')}</div>` : ''}`;
  }

  lineError(index, field) {
    const e = this.errors.lines[index]?.[field];
    if (!e) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${field}">${e.key ? t(e.key) : fieldErrorText(e)}</span>`;
  }

  invalid(index, field) {
    return this.errors.lines[index]?.[field] ? 'is-invalid' : '';
  }

  lineForm(l, index) {
    const saved = l.saved;
    return html`
      <li class="card ex-line" data-test="claim-line" data-key="${l.key}" data-index="${index}">
        <div class="ex-line-head">
          <strong>${t('expenses.line.title', { n: index + 1 })}</strong>
          ${saved ? lineFlags(saved) : ''}
          ${this.lines.length > 1 ? html`<button type="button" class="btn btn-ghost ex-icon-button" data-test="line-remove"
            aria-label="${t('expenses.line.remove', { n: index + 1 })}" title="${t('expenses.line.remove', { n: index + 1 })}"
            @click=${() => this.dropLine(index)}>${icon('close')}</button>` : ''}
        </div>
        <div class="ex-line-grid">
          <label class="field">
            <span class="field-label">${t('expenses.line.date')}</span>
            <input type="date" class="input ${this.invalid(index, 'date')}" data-test="line-date" .value=${l.date}
              @change=${(e) => this.setLine(index, 'date', e.target.value)}>
            ${this.lineError(index, 'date')}
          </label>
          <label class="field">
            <span class="field-label">${t('expenses.line.amount', { currency: l.currency || this.currency() })}</span>
            <input type="text" inputmode="decimal" autocomplete="off" class="input ex-amount ${this.invalid(index, 'amount')}" data-test="line-amount"
              placeholder="0.00" .value=${l.amount} @input=${(e) => this.setLine(index, 'amount', e.target.value)}>
            ${this.lineError(index, 'amount')}
          </label>
          ${this.currencyFields(l, index)}
          ${this.items.length ? html`
            <label class="field">
              <span class="field-label">${t('expenses.line.item')}</span>
              <select class="input select ${this.invalid(index, 'itemID')}" data-test="line-item" .value=${l.itemID}
                @change=${(e) => this.setLine(index, 'itemID', e.target.value)}>
                <option value="">${t('expenses.line.noItem')}</option>
                ${this.items.map((i) => html`<option value="${i.id}" data-key="${i.id}" ?selected=${i.id === l.itemID}>${i.name}</option>`)}
              </select>
              ${this.lineError(index, 'itemID')}
            </label>` : ''}
          <label class="field">
            <span class="field-label">${t('expenses.line.category')}</span>
            <select class="input select ${this.invalid(index, 'categoryID')}" data-test="line-category" .value=${l.categoryID}
              @change=${(e) => this.setLine(index, 'categoryID', e.target.value)}>
              <option value="">${t('expenses.line.chooseCategory')}</option>
              ${(this.categories ?? []).map((c) => html`<option value="${c.id}" data-key="${c.id}" ?selected=${c.id === l.categoryID}>${c.name}</option>`)}
            </select>
            ${this.lineError(index, 'categoryID')}
          </label>
          <label class="field">
            <span class="field-label">${t('expenses.line.invoiceNumber')}</span>
            <input type="text" class="input ${this.invalid(index, 'invoiceNumber')}" data-test="line-invoice-number" maxlength="40" autocomplete="off"
              autocapitalize="characters" .value=${l.invoiceNumber} @input=${(e) => this.setLine(index, 'invoiceNumber', e.target.value)}>
            ${this.lineError(index, 'invoiceNumber')}
          </label>
          <label class="field">
            <span class="field-label">${t('expenses.line.invoiceType')}</span>
            <select class="input select" data-test="line-invoice-type" .value=${l.invoiceType} @change=${(e) => this.setLine(index, 'invoiceType', e.target.value)}>
              <option value="">${t('expenses.invoice.none')}</option>
              ${INVOICE_TYPES.map((x) => html`<option value="${x}" data-key="${x}" ?selected=${x === l.invoiceType}>${t(`expenses.invoice.${x}`)}</option>`)}
            </select>
          </label>
          ${this.trips.length ? html`
            <label class="field">
              <span class="field-label">${t('expenses.line.trip')}</span>
              <select class="input select ${this.invalid(index, 'tripID')}" data-test="line-trip" .value=${l.tripID}
                @change=${(e) => this.setLine(index, 'tripID', e.target.value)}>
                <option value="">${t('expenses.line.noTrip')}</option>
                ${this.trips.map((x) => html`<option value="${x.id}" data-key="${x.id}" ?selected=${x.id === l.tripID}>${[x.destination, `${x.startDate} – ${x.endDate}`].filter(Boolean).join(' · ')}</option>`)}
              </select>
              ${this.lineError(index, 'tripID')}
            </label>` : ''}
          <div class="field">
            <span class="field-label">${t('expenses.line.project')}</span>
            <af-search-picker .testId=${'line-project'} .value=${l.project} .search=${searchProjects} .invalid=${Boolean(this.errors.lines[index]?.projectID)}
              .label=${t('expenses.line.project')} .placeholder=${t('expenses.line.noProject')}
              @pick=${(e) => { e.stopPropagation(); if (this.errors.lines[index]) delete this.errors.lines[index].projectID; this.setLine(index, 'project', e.detail); }}></af-search-picker>
            ${this.lineError(index, 'projectID')}
          </div>
        </div>
        <div class="ex-receipts">
          ${l.receipts.map((r) => html`
            <span class="ex-receipt" data-test="line-receipt-chip" data-key="${r.id}" data-id="${r.id}">
              ${r.preview ? html`<img class="ex-receipt-preview" data-test="line-receipt-preview" src="${r.preview}" alt="${r.name}">`
                : r.blob ? html`<span class="ex-receipt-name">${r.name}</span>`
                : html`<a class="ex-receipt-name" href="/api/v1/files/${r.id}" target="_blank" rel="noopener">${r.name}</a>`}
              <button type="button" class="btn btn-ghost ex-icon-button" aria-label="${t('expenses.line.removeReceipt')}"
                title="${t('expenses.line.removeReceipt')}" @click=${() => this.dropReceipt(index, r.id)}>${icon('close')}</button>
            </span>`)}
          <label class="btn btn-secondary att-photo-button ex-receipt-button ${this.invalid(index, 'receipts')}" tabindex="-1">
            ${icon('camera')}<span>${l.uploading ? t('attendance.field.uploading') : t('expenses.line.addReceipt')}</span>
            <input type="file" accept="image/*,application/pdf" capture="environment" class="visually-hidden" data-test="line-receipt"
              ?disabled=${l.uploading} @change=${(e) => this.addReceipt(index, e)}>
          </label>
        </div>
        ${this.lineError(index, 'receipts')}
      </li>`;
  }

  formView() {
    const total = sumDecimals(this.lines.map((l) => this.companyAmount(l)));
    const uploading = this.lines.some((l) => l.uploading);
    return html`
      <form class="ex-form" data-test="claim-form" novalidate @submit=${(e) => { e.preventDefault(); this.save(true); }}>
        <div class="card card-pad">
          <label class="field">
            <span class="field-label">${t('expenses.claim.title')}</span>
            <input type="text" class="input" data-test="claim-title-input" maxlength="120" placeholder="${t('expenses.claim.titlePlaceholder')}"
              .value=${this.claimTitle} @input=${(e) => { this.claimTitle = e.target.value; }}>
            ${this.errors.title ? html`<span class="field-error" data-test="field-error" data-field="title">${fieldErrorText(this.errors.title)}</span>` : ''}
          </label>
        </div>
        <ul class="ex-lines">${this.lines.map((l, i) => this.lineForm(l, i))}</ul>
        <button type="button" class="btn btn-secondary btn-block lv-tap" data-test="claim-add-line" @click=${() => this.addLine()}>
          ${icon('plus')}<span>${t('expenses.addLine')}</span></button>
        <div class="ex-footer">
          ${this.error ? html`<div class="alert alert-error" role="alert" data-test="claim-error">${errorText(this.error)}</div>` : ''}
          <div class="ex-total-row">
            <span>${t('expenses.claim.total')}</span>
            <strong data-test="claim-running-total">${formatMoney(total, this.currency())}</strong>
          </div>
          <div class="form-actions ex-actions">
            <button type="button" class="btn btn-secondary lv-tap" data-test="claim-save" ?disabled=${Boolean(this.busy) || uploading}
              @click=${() => this.save(false)}>${this.busy === 'save' ? t('common.saving') : t('expenses.saveDraft')}</button>
            <button type="submit" class="btn btn-primary lv-tap" data-test="claim-submit" ?disabled=${Boolean(this.busy) || uploading}>
              ${this.busy === 'submit' ? t('expenses.submitting') : t('expenses.submit')}</button>
          </div>
        </div>
      </form>`;
  }

  // A receipt on a claim being read: its picture (a tap shows it full width) and the file itself.
  receiptView(id, name) {
    const picture = this.pictures[id];
    const zoomed = this.zoomed === id;
    return html`
      <div class="ex-view-receipt ${zoomed ? 'is-zoomed' : ''}" data-key="${id}">
        ${picture ? html`<button type="button" class="ex-receipt-photo-button" data-test="claim-view-receipt-photo" aria-expanded="${zoomed ? 'true' : 'false'}"
          aria-label="${t(zoomed ? 'expenses.line.receiptSmaller' : 'expenses.line.receiptLarger', { name })}"
          @click=${() => { this.zoomed = zoomed ? null : id; this.requestUpdate(); }}><img class="ex-receipt-photo" src="${picture}" alt="${name}"></button>` : ''}
        <a class="badge badge-info ex-receipt-link" href="/api/v1/files/${id}" target="_blank" rel="noopener" data-test="claim-view-receipt">${name}</a>
      </div>`;
  }

  readView() {
    const c = this.claim;
    return html`
      <div class="ex-view" data-test="claim-view">
        <div class="card card-pad ex-summary">
          <div class="ex-summary-head"><span class="muted">${t('expenses.claim.total')}</span><strong class="ex-summary-total" data-test="claim-view-total">${formatMoney(c.total, c.currency)}</strong></div>
          ${c.title ? html`<div>${c.title}</div>` : ''}
          ${c.employeeID.toLowerCase() !== String(getUser()?.employeeId ?? '').toLowerCase()
            ? html`<div class="muted small" data-test="claim-employee">${t('expenses.claimedBy', { name: c.employeeName })}</div>` : ''}
          ${c.paidOn ? html`<div class="muted small">${t('expenses.paidOn', { date: c.paidOn })}</div>` : ''}
          ${c.state === 'paid' && c.offsets?.length ? html`
            <dl class="ex-pay-figures" data-test="claim-view-offsets">
              ${c.offsets.map((o) => html`<div class="ex-total-row"><dt>${t('expenses.pay.offsetBy', { number: o.advanceNumber })}</dt>
                <dd>−${formatMoney(o.amount, c.currency)}</dd></div>`)}
              <div class="ex-total-row ex-net"><dt>${t('expenses.pay.netPaid')}</dt><dd><strong data-test="claim-view-net">${formatMoney(c.netPaid, c.currency)}</strong></dd></div>
            </dl>` : ''}
          ${c.warnings?.length ? html`<span class="badges">${c.warnings.map((w) => html`<span class="badge badge-warning lv-state" data-test="claim-warning">${warningText(w)}</span>`)}</span>` : ''}
          ${c.approvalID ? html`<a class="small ex-approval-link" href="${href(`/approvals/${c.approvalID}`)}" data-test="claim-approval">${t('expenses.openApproval')}</a>` : ''}
        </div>
        <ul class="ex-lines">
          ${c.lines.map((l, i) => html`
            <li class="card card-pad ex-view-line" data-test="claim-view-line" data-key="${l.id}">
              <div class="ex-line-head"><strong>${l.itemName ?? l.categoryName}</strong>
                <span class="ex-view-amount">${formatMoney(l.amount, l.currency)}</span></div>
              ${l.exchangeRate ? html`<div class="muted small" data-test="claim-view-rate">${t('expenses.line.converted', {
                rate: l.exchangeRate, amount: formatMoney(l.companyAmount, c.currency) })}</div>` : ''}
              <div class="muted small">${[l.date, l.itemName ? l.categoryName : '', l.invoiceNumber ? t('expenses.line.invoiceNo', { number: l.invoiceNumber }) : '',
                l.invoiceType ? t(`expenses.invoice.${l.invoiceType}`) : ''].filter(Boolean).join(' · ')}</div>
              ${l.projectName ? html`<div class="small" data-test="claim-view-project">${l.projectID
                ? html`<a href="${href(`/projects/${l.projectID}`)}">${t('expenses.line.projectOf', { name: l.projectName })}</a>`
                : t('expenses.line.projectOf', { name: l.projectName })}</div>` : ''}
              ${lineFlags(l)}
              ${l.receipts.length ? html`<div class="ex-receipts">${l.receipts.map((id, n) => this.receiptView(id, t('expenses.line.receiptN', { n: n + 1 })))}</div>` : ''}
              <span class="visually-hidden">${i + 1}</span>
            </li>`)}
        </ul>
      </div>`;
  }

  view() {
    const heading = this.isNew() ? t('expenses.new') : this.claim ? `${this.claim.number}` : t('module.expenses');
    const header = html`
      <div class="page-header att-header">
        <a class="btn btn-ghost ex-icon-button" href="${href('/expenses')}" aria-label="${t('expenses.back')}" title="${t('expenses.back')}">${icon('back')}</a>
        <h1 class="page-title ex-title">${heading}</h1>
        ${this.claim ? claimState(this.claim.state) : ''}
      </div>
      ${expensesNav('claims')}`;
    if (!this.categories) {
      return html`<section class="lv-page" data-test="claim-page">${header}
        ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="claim-error">${errorText(this.loadError)}</div>`
          : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}</section>`;
    }
    return html`
      <section class="lv-page ex-claim" data-test="claim-page">
        ${header}
        ${this.editable() ? this.formView() : this.readView()}
      </section>`;
  }
}
AfExpenseClaim.define('af-expense-claim');
