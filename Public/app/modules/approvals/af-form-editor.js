// data-test: form-name, form-description, form-icon, form-category, form-save, form-error, form-open-flow, form-create-flow,
//            (the fields: see af-form-designer.js), back-link
// One approval form for its designers (#/approvals/forms/new, #/approvals/forms/<id>; permission approvals.form.manage):
// name, description, icon and group, the fields (af-form-designer), then on to its flow.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { defaultDefinition } from './flow-model.js';
import './af-form-designer.js';

const ICONS = ['general', 'trip', 'outing', 'overtime', 'seal', 'payment'];
const HEAD = ['name', 'description', 'icon', 'category'];

export class AfFormEditor extends AfElement {
  static properties = ['formId'];

  constructor() {
    super();
    this.form = null;
    this.head = { name: '', description: '', icon: 'general', category: '' };
    this.loadError = null;
    this.error = null;
    this.fieldErrors = [];
    this.busy = false;
  }

  get isNew() {
    return this.formId === 'new';
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  designer() {
    return this.querySelector('af-form-designer');
  }

  async load() {
    if (this.isNew) {
      this.form = { schema: { fields: [{ key: 'reason', type: 'textarea', label: t('approvals.reason'), required: true }] } };
      this.pendingSchema = this.form.schema;
      this.requestUpdate();
      return;
    }
    try {
      this.adopt(await api.get(`/approvals/forms/${encodeURIComponent(this.formId)}`));
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
    this.requestUpdate();
  }

  adopt(form) {
    this.form = form;
    this.head = { name: form.name ?? '', description: form.description ?? '', icon: form.icon || 'general', category: form.category ?? '' };
    // The designer keeps its own working copy; it gets the saved schema once it is on the page (updated()).
    this.pendingSchema = form.schema;
  }

  updated() {
    if (this.pendingSchema && this.designer()) {
      this.designer().schema = this.pendingSchema;
      this.pendingSchema = null;
    }
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.fieldErrors = [];
    this.requestUpdate();
    const body = { ...this.head, schema: this.designer()?.schema ?? this.form.schema };
    try {
      const saved = this.isNew
        ? await api.post('/approvals/forms', body, { 'Idempotency-Key': uuid() })
        : await api.patch(`/approvals/forms/${encodeURIComponent(this.form.id)}`, { ...body, version: this.form.version }, { 'Idempotency-Key': uuid() });
      notify(t('approvals.formSaved', { name: saved.name }), 'success');
      if (this.isNew) navigate(`/approvals/forms/${saved.id}`, {}, { replace: true });
      else this.adopt(saved);
    } catch (error) {
      this.error = error;
      this.fieldErrors = error.fields ?? [];
      if (this.designer()) this.designer().errors = this.fieldErrors.filter((f) => !HEAD.includes(f.field));
      if (error.status === 409 && error.current) this.adopt(error.current);
    }
    this.busy = false;
    this.requestUpdate();
  }

  async createFlow() {
    try {
      const flow = await api.post('/approvals/flows', { subject: `form.${this.form.id}`, name: this.form.name, definition: defaultDefinition() },
        { 'Idempotency-Key': uuid() });
      navigate(`/approvals/flows/${flow.id}`);
    } catch (error) {
      this.error = error;
      this.requestUpdate();
    }
  }

  headError(name) {
    const e = this.fieldErrors.find((f) => f.field === name);
    return e ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(e)}</span>` : '';
  }

  input(name, label, extra = '') {
    return html`
      <label class="field ${extra}">
        <span class="field-label">${label}${name === 'name' ? html` <span class="required">*</span>` : ''}</span>
        <input class="input ${this.headError(name) ? 'is-invalid' : ''}" data-test="form-${name}" .value=${this.head[name] ?? ''}
          @input=${(e) => { this.head[name] = e.target.value; }}>
        ${this.headError(name)}
      </label>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/approvals/flows')}" data-test="back-link">${icon('back')}<span>${t('approvals.flows')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`;
    if (!this.form) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const placed = this.fieldErrors.length > 0;
    return html`
      ${back}
      <div class="page-header">
        <h1 class="page-title">${this.isNew ? t('approvals.newForm') : this.form.name}</h1>
        <div class="page-actions">
          ${!this.isNew && can('approvals.flow.manage') ? (this.form.flowId
            ? html`<a class="btn btn-secondary" data-test="form-open-flow" href="${href(`/approvals/flows/${this.form.flowId}`)}">${t('approvals.openFlow')}</a>`
            : html`<button type="button" class="btn btn-secondary" data-test="form-create-flow" @click=${() => this.createFlow()}>${t('approvals.createFlow')}</button>`) : ''}
        </div>
      </div>
      <form class="form-editor" novalidate @submit=${(e) => this.save(e)}>
        ${this.error && !placed ? html`<div class="alert alert-error" role="alert" data-test="form-error">${errorText(this.error)}</div>` : ''}
        ${this.error && placed ? html`<div class="alert alert-error" role="alert" data-test="form-error">${t('approvals.formHasErrors')}</div>` : ''}
        <section class="card card-pad form-grid">
          ${this.input('name', t('approvals.formName'))}
          ${this.input('category', t('approvals.formCategory'))}
          ${this.input('description', t('approvals.formDescription'), 'field-span')}
          <label class="field">
            <span class="field-label">${t('approvals.formIcon')}</span>
            <select class="input select" data-test="form-icon" .value=${this.head.icon} @change=${(e) => { this.head.icon = e.target.value; this.requestUpdate(); }}>
              ${ICONS.map((i) => html`<option value="${i}">${t(`approvals.icons.${i}`)}</option>`)}
            </select>
          </label>
          <div class="field"><span class="field-label">&nbsp;</span>
            <span class="approval-form-icon form-icon-${this.head.icon}" aria-hidden="true">${(this.head.name || '?').slice(0, 1)}</span></div>
        </section>
        <section class="card card-pad section-gap">
          <h2 class="section-title">${t('approvals.formFields')}</h2>
          <af-form-designer></af-form-designer>
        </section>
        <div class="form-actions">
          <a class="btn btn-secondary" href="${href('/approvals/flows')}">${t('common.cancel')}</a>
          <button type="submit" class="btn btn-primary" data-test="form-save" ?disabled=${this.busy}>${this.busy ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>`;
  }
}
AfFormEditor.define('af-form-editor');
