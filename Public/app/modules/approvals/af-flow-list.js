// data-test: flow-row (data-id), form-flow-row (data-form), form-open-flow, form-create-flow, flow-new-subject, flow-new-create,
//            flows-error, back-link
// Approval flows (#/approvals/flows, permission approvals.flow.manage): every flow, and every form with a button to open
// its flow, or to create one (POST /approvals/flows with subject form.<formId>) when it has none yet.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { pageHeader } from '../../components/list-helpers.js';
import { when } from './approval-util.js';
import { defaultDefinition } from './flow-model.js';

// Document kinds a company may give a flow. Leave, claims, advances and corrections start with their
// direct-manager default, made on first use; until then one can be designed here.
const DOCUMENT_SUBJECTS = ['sales.order', 'leave.request', 'expenses.claim', 'expenses.advance', 'attendance.correction', 'crm.contract', 'projects.timesheet'];

export class AfFlowList extends AfElement {
  constructor() {
    super();
    this.flows = null;
    this.forms = null;
    this.error = null;
    this.busy = false;
    this.subject = DOCUMENT_SUBJECTS[0];
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      const [flows, forms] = await Promise.all([
        api.get('/approvals/flows'),
        api.get('/approvals/forms').catch(() => []),
      ]);
      this.flows = Array.isArray(flows) ? flows : flows?.items ?? [];
      this.forms = (Array.isArray(forms) ? forms : forms?.items ?? []).filter((f) => !f.archived);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async create(subject, name) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const flow = await api.post('/approvals/flows', { subject, name, definition: defaultDefinition() }, { 'Idempotency-Key': uuid() });
      // The server binds a form's flow to the form (its flowId) itself.
      navigate(`/approvals/flows/${flow.id}`);
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  subjectLabel(subject) {
    const formId = /^form\.(.+)$/.exec(subject)?.[1];
    if (formId) {
      const form = (this.forms ?? []).find((f) => f.id === formId);
      return form ? t('approvals.forForm', { name: form.name }) : subject;
    }
    return has(`approvals.subjects.${subject}`) ? t(`approvals.subjects.${subject}`) : subject;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/approvals')}" data-test="back-link">${icon('back')}<span>${t('nav.approvals')}</span></a>`;
    const flows = this.flows ?? [];
    // A company has one flow per document kind: only kinds without one are offered.
    const open = DOCUMENT_SUBJECTS.filter((s) => !flows.some((f) => f.subject === s));
    const subject = open.includes(this.subject) ? this.subject : open[0];
    return html`
      ${back}
      ${pageHeader(t('approvals.flows'), can('approvals.form.manage')
        ? html`<a class="btn btn-primary" data-test="form-new" href="${href('/approvals/forms/new')}">${icon('plus')}<span>${t('approvals.newForm')}</span></a>` : '')}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="flows-error">${errorText(this.error)}</div>` : ''}
      ${!this.flows && !this.error ? html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>` : ''}
      ${this.forms ? html`
        <section class="card table-card section-gap">
          <h2 class="section-title card-pad-x">${t('approvals.forms')}</h2>
          <table class="table responsive-table">
            <thead><tr><th scope="col">${t('approvals.form')}</th><th scope="col">${t('approvals.flow')}</th><th scope="col"></th></tr></thead>
            <tbody>
              ${this.forms.length === 0 ? html`<tr class="table-message"><td colspan="3" class="muted">${t('approvals.noForms')}</td></tr>` : ''}
              ${this.forms.map((f) => {
                const flow = flows.find((x) => x.id === f.flowId);
                return html`
                  <tr data-test="form-flow-row" data-form="${f.id}" data-key="${f.id}">
                    <td class="cell-title">${f.name}${f.category ? html` <span class="muted small">${f.category}</span>` : ''}</td>
                    <td data-label="${t('approvals.flow')}">${flow ? html`${flow.name} <span class="muted small">${t('approvals.version', { version: flow.currentVersion })}</span>` : html`<span class="muted">${t('approvals.noFlow')}</span>`}</td>
                    <td class="flow-row-action">
                      ${can('approvals.form.manage') ? html`<a class="btn btn-ghost btn-small" data-test="form-edit" href="${href(`/approvals/forms/${f.id}`)}">${t('approvals.editForm')}</a>` : ''}
                      ${f.flowId
                        ? html`<a class="btn btn-secondary btn-small" data-test="form-open-flow" href="${href(`/approvals/flows/${f.flowId}`)}">${t('approvals.openFlow')}</a>`
                        : html`<button type="button" class="btn btn-primary btn-small" data-test="form-create-flow" ?disabled=${this.busy}
                            @click=${() => this.create(`form.${f.id}`, f.name)}>${t('approvals.createFlow')}</button>`}
                    </td>
                  </tr>`;
              })}
            </tbody>
          </table>
        </section>` : ''}
      ${this.flows ? html`
        <section class="card table-card section-gap">
          <h2 class="section-title card-pad-x">${t('approvals.allFlows')}</h2>
          <table class="table responsive-table">
            <thead><tr><th scope="col">${t('approvals.flowName')}</th><th scope="col">${t('approvals.subjectLabel')}</th>
              <th scope="col">${t('approvals.versionLabel')}</th><th scope="col">${t('approvals.updated')}</th></tr></thead>
            <tbody>
              ${flows.length === 0 ? html`<tr class="table-message"><td colspan="4" class="muted">${t('approvals.noFlows')}</td></tr>` : ''}
              ${flows.map((f) => html`
                <tr class="row-link ${f.archived ? 'is-archived' : ''}" data-test="flow-row" data-id="${f.id}" data-key="${f.id}"
                  @click=${(e) => { if (!e.target.closest('a')) navigate(`/approvals/flows/${f.id}`); }}>
                  <td class="cell-title"><a href="${href(`/approvals/flows/${f.id}`)}">${f.name}</a></td>
                  <td data-label="${t('approvals.subjectLabel')}">${this.subjectLabel(f.subject)}</td>
                  <td data-label="${t('approvals.versionLabel')}">${f.currentVersion}</td>
                  <td data-label="${t('approvals.updated')}">${when(f.updatedAt)}</td>
                </tr>`)}
            </tbody>
          </table>
          ${open.length ? html`<div class="card-pad flow-new">
            <label class="filter">
              <span class="filter-label">${t('approvals.newDocumentFlow')}</span>
              <select class="input select" data-test="flow-new-subject" .value=${subject} @change=${(e) => { this.subject = e.target.value; }}>
                ${open.map((s) => html`<option value="${s}">${t(`approvals.subjects.${s}`)}</option>`)}
              </select>
            </label>
            <button type="button" class="btn btn-secondary" data-test="flow-new-create" ?disabled=${this.busy}
              @click=${() => this.create(subject, t(`approvals.subjects.${subject}`))}>${t('approvals.createFlow')}</button>
          </div>` : ''}
        </section>` : ''}`;
  }
}
AfFlowList.define('af-flow-list');
