// data-test: submit-form-name, submit-fields (af-form-fields), submit-json (fallback), submit-chooser-<nodeId>,
//            submit-error, submit-request, back-link
// A new request on a custom form (#/approvals/new/<formId>): the form's fields, people to choose for
// "chosen by the requester" nodes, then POST /approvals/instances and on to the new request's page.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { loadFormFields } from './form-fields-loader.js';

function choiceNodes(nodes, out = []) {
  for (const n of nodes ?? []) {
    if ((n.approvers ?? []).some((r) => r.kind === 'requesterChoice')) out.push(n);
    for (const b of n.branches ?? []) choiceNodes(b.nodes, out);
  }
  return out;
}

export class AfApprovalSubmit extends AfElement {
  static properties = ['formId'];

  constructor() {
    super();
    this.form = null;
    this.loadError = null;
    this.renderer = null; // true: af-form-fields, false: JSON fallback
    this.values = {};
    this.json = '{\n}';
    this.choosers = [];
    this.chosen = {};
    this.busy = false;
    this.error = null;
    this.key = uuid();
  }

  connected() {
    loadFormFields().then((ok) => { this.renderer = ok; this.requestUpdate(); });
    this.reload();
  }

  async load() {
    try {
      this.form = await api.get(`/approvals/forms/${encodeURIComponent(this.formId)}`);
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
    this.requestUpdate();
    // Only flow managers may read a flow, so only they are offered the "chosen by the requester" pickers here.
    if (this.form?.flowId && can('approvals.flow.manage')) {
      try {
        const flow = await api.get(`/approvals/flows/${encodeURIComponent(this.form.flowId)}`);
        this.choosers = choiceNodes(flow.definition?.nodes);
        this.requestUpdate();
      } catch {
        this.choosers = [];
      }
    }
  }

  currentValues() {
    if (this.renderer) return this.querySelector('af-form-fields')?.values ?? this.values;
    return JSON.parse(this.json || '{}');
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    let values;
    try {
      values = this.currentValues();
    } catch {
      this.error = { code: 'approvals.json', message: t('approvals.invalidJson') };
      this.requestUpdate();
      return;
    }
    this.values = values;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    const chosenApprovers = Object.fromEntries(Object.entries(this.chosen).filter(([, v]) => v.length).map(([k, v]) => [k, v.map((p) => p.id)]));
    try {
      const instance = await api.post('/approvals/instances', {
        formId: this.formId, values, chosenApprovers: Object.keys(chosenApprovers).length ? chosenApprovers : null,
      }, { 'Idempotency-Key': this.key });
      notify(t('approvals.submitted', { number: instance.summary.number }), 'success');
      navigate(`/approvals/${instance.summary.id}`);
    } catch (error) {
      this.error = error;
      this.key = uuid();
      const fields = this.querySelector('af-form-fields');
      if (fields) fields.errors = error.fields ?? [];
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldsEditor() {
    if (this.renderer === null) return html`<span class="spinner"></span>`;
    if (this.renderer) {
      return html`<af-form-fields data-test="submit-fields" .schema=${this.form.schema} .values=${this.values}></af-form-fields>`;
    }
    return html`
      <label class="field">
        <span class="field-label">${t('approvals.valuesJson')}</span>
        <span class="muted small">${(this.form.schema?.fields ?? []).map((f) => `${f.key}: ${f.label} (${f.type})`).join(' · ')}</span>
        <textarea class="input textarea input-mono approval-json" data-test="submit-json" rows="8" .value=${this.json}
          @input=${(e) => { this.json = e.target.value; }}></textarea>
      </label>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/approvals')}" data-test="back-link">${icon('back')}<span>${t('nav.approvals')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`;
    const f = this.form;
    if (!f) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const fieldErrors = (this.error?.fields ?? []).filter(() => !this.renderer);
    return html`
      ${back}
      <div class="page-header"><h1 class="page-title" data-test="submit-form-name">${f.name}</h1></div>
      ${f.description ? html`<p class="muted">${f.description}</p>` : ''}
      <form class="card card-pad approval-submit" novalidate @submit=${(e) => this.submit(e)}>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="submit-error">${errorText(this.error)}
          ${fieldErrors.length ? html`<ul>${fieldErrors.map((x) => html`<li>${x.field}: ${fieldErrorText(x)}</li>`)}</ul>` : ''}</div>` : ''}
        ${this.fieldsEditor()}
        ${this.choosers.map((n) => html`
          <div class="field approval-chooser" data-key="${n.id}">
            <span class="field-label">${t('approvals.chooseApprovers', { step: n.name || n.id })}</span>
            <af-user-picker .testId=${`submit-chooser-${n.id}`} .value=${this.chosen[n.id] ?? []}
              @people-change=${(e) => { this.chosen = { ...this.chosen, [n.id]: e.detail }; this.requestUpdate(); }}></af-user-picker>
          </div>`)}
        <div class="form-actions">
          <a class="btn btn-secondary" href="${href('/approvals')}">${t('common.cancel')}</a>
          <button type="submit" class="btn btn-primary" data-test="submit-request" ?disabled=${this.busy}>
            ${this.busy ? t('approvals.submitting') : t('approvals.submit')}</button>
        </div>
      </form>`;
  }
}
AfApprovalSubmit.define('af-approval-submit');
