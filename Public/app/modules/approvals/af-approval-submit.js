// data-test: submit-form-name, submit-fields (af-form-fields), submit-json (fallback), submit-chooser-<nodeId>,
//            submit-route, submit-error, submit-request, submit-no-flow, back-link
// A new request on a custom form (#/approvals/new/<formId>): the form's fields, the route it will take
// for these values (POST /approvals/instances/route, as DingTalk shows 审批流程 under the form), people
// to choose for "chosen by the requester" nodes, then POST /approvals/instances and on to the request.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { submit } from '../../core/outbox.js';
import { debounce } from '../../core/debounce.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { loadFormFields } from './form-fields-loader.js';

export class AfApprovalSubmit extends AfElement {
  static properties = ['formId'];

  constructor() {
    super();
    this.form = null;
    this.loadError = null;
    this.renderer = null; // true: af-form-fields, false: JSON fallback
    this.values = {};
    this.json = '{\n}';
    this.route = null;
    this.chosen = {};
    this.refreshRoute = debounce(() => this.loadRoute(), 400);
    this.busy = false;
    this.error = null;
    this.key = uuid();
  }

  disconnected() {
    this.refreshRoute.cancel();
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
    if (this.form?.hasFlow !== false) this.loadRoute();
  }

  chosenIds() {
    return Object.fromEntries(Object.entries(this.chosen).filter(([, v]) => v.length).map(([k, v]) => [k, v.map((p) => p.id)]));
  }

  // Who approves with the values typed so far; a route that cannot be worked out yet is just not shown.
  async loadRoute() {
    let values = {};
    try { values = this.currentValues(); } catch { /* half-typed JSON */ }
    try {
      this.route = await api.post('/approvals/instances/route', { formId: this.formId, values, chosenApprovers: this.chosenIds() });
    } catch {
      this.route = null;
    }
    this.requestUpdate();
  }

  choosers() {
    return (this.route?.steps ?? []).filter((s) => s.note === 'requesterChoice' || this.chosen[s.nodeId]?.length);
  }

  routeView() {
    const steps = this.route?.steps ?? [];
    if (!steps.length) return '';
    return html`
      <div class="field approval-route-field" data-test="submit-route">
        <span class="field-label">${t('approvals.route')}</span>
        <ol class="approval-route">
          ${steps.map((s) => html`<li data-key="${s.nodeId}"><span class="approval-route-step">${s.name || t(`approvals.nodeTypes.${s.type}`)}</span>
            <span class="muted">${s.assignees.length ? s.assignees.map((p) => p.name).join(', ') : (s.note === 'requesterChoice' ? t('approvals.routeChoose') : t('approvals.routeNobody'))}</span></li>`)}
        </ol>
      </div>`;
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
    const chosenApprovers = this.chosenIds();
    try {
      const kept = await submit({
        id: this.key, method: 'POST', path: '/approvals/instances', entity: 'approvals.instance', link: '/approvals',
        body: { formId: this.formId, values, chosenApprovers: Object.keys(chosenApprovers).length ? chosenApprovers : null },
        label: { key: 'sync.label.submit', params: { form: this.form?.name ?? '' } },
      });
      if (kept.state === 'rejected') throw kept.error;
      if (kept.state === 'waiting') {
        this.key = uuid();
        notify(t('sync.savedOnDevice'), 'info');
        navigate('/sync');
        return;
      }
      const instance = kept.answer;
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
      // Keep what was typed: every re-render (the route answering) binds .values again.
      return html`<af-form-fields data-test="submit-fields" .schema=${this.form.schema} .values=${this.values}
        @change=${(e) => { this.values = e.currentTarget.values ?? this.values; this.refreshRoute(); }}></af-form-fields>`;
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
    // A form nobody can approve yet is said so before anything is filled in.
    const noFlow = f.hasFlow === false;
    return html`
      ${back}
      <div class="page-header"><h1 class="page-title" data-test="submit-form-name">${f.name}</h1></div>
      ${f.description ? html`<p class="muted">${f.description}</p>` : ''}
      ${noFlow ? html`<div class="alert alert-warning" role="alert" data-test="submit-no-flow">${t('approvals.submitNoFlow')}</div>` : ''}
      <form class="card card-pad approval-submit" novalidate @submit=${(e) => this.submit(e)}>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="submit-error">${errorText(this.error)}
          ${fieldErrors.length ? html`<ul>${fieldErrors.map((x) => html`<li>${x.field}: ${fieldErrorText(x)}</li>`)}</ul>` : ''}</div>` : ''}
        ${this.fieldsEditor()}
        ${this.choosers().map((n) => html`
          <div class="field approval-chooser" data-key="${n.nodeId}">
            <span class="field-label">${t('approvals.chooseApprovers', { step: n.name || n.nodeId })}</span>
            <af-user-picker .testId=${`submit-chooser-${n.nodeId}`} .value=${this.chosen[n.nodeId] ?? []}
              @people-change=${(e) => { this.chosen = { ...this.chosen, [n.nodeId]: e.detail }; this.requestUpdate(); this.refreshRoute(); }}></af-user-picker>
          </div>`)}
        ${this.routeView()}
        <div class="form-actions">
          <a class="btn btn-secondary" href="${href('/approvals')}">${t('common.cancel')}</a>
          <button type="submit" class="btn btn-primary" data-test="submit-request" ?disabled=${this.busy || noFlow}>
            ${this.busy ? t('approvals.submitting') : t('approvals.submit')}</button>
        </div>
      </form>`;
  }
}
AfApprovalSubmit.define('af-approval-submit');
