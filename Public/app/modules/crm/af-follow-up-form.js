// data-test: follow-up-form, follow-up-kind, follow-up-notes, follow-up-next-step, follow-up-next-at, follow-up-save,
//            follow-up-error
// "Log follow-up" (跟进记录) on a customer, a lead or an opportunity: how (call, visit, email, meeting, message), what was
// said, and optionally the next step with when to be reminded (POST /crm/follow-ups; the reminder is the server's
// notification). `subject` is { customerId } | { leadId } | { opportunityId }. Emits `logged` (detail: the follow-up).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { instantOf } from './af-visit-card.js';

export const FOLLOW_UP_KINDS = ['call', 'visit', 'email', 'meeting', 'message'];

const EMPTY = { kind: 'call', notes: '', nextStep: '', nextAt: '' };

export class AfFollowUpForm extends AfElement {
  static properties = ['subject'];

  constructor() {
    super();
    this.draft = { ...EMPTY };
    this.busy = false;
    this.error = null;
    this.key = uuid(); // the Idempotency-Key and the follow-up's id (not `id`: that is the element's DOM id, which a redraw of the page clears)
  }

  set(name, value) {
    this.draft = { ...this.draft, [name]: value };
  }

  async save(event) {
    event.preventDefault();
    const d = this.draft;
    if (!d.notes.trim()) {
      this.error = { key: 'crm.followUp.notesRequired' };
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    const body = { id: this.key, ...this.subject, kind: d.kind, notes: d.notes.trim() };
    if (d.nextStep.trim()) body.nextStep = d.nextStep.trim();
    if (d.nextAt) body.nextAt = instantOf(d.nextAt);
    try {
      const followUp = await api.post('/crm/follow-ups', body, { 'Idempotency-Key': this.key });
      this.draft = { ...EMPTY };
      this.key = uuid();
      notify(t('crm.followUp.logged'), 'success');
      this.dispatchEvent(new CustomEvent('logged', { detail: followUp, bubbles: true }));
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const d = this.draft;
    return html`
      <form class="follow-up-form" data-test="follow-up-form" @submit=${(e) => this.save(e)}>
        <label class="field"><span class="field-label">${t('crm.followUp.kind')}</span>
          <select class="input select" data-test="follow-up-kind" .value=${d.kind} @change=${(e) => this.set('kind', e.target.value)}>
            ${FOLLOW_UP_KINDS.map((k) => html`<option value="${k}">${t(`crm.followUp.kind.${k}`)}</option>`)}
          </select></label>
        <label class="field"><span class="field-label">${t('crm.followUp.notes')}</span>
          <textarea class="input textarea" rows="3" maxlength="2000" data-test="follow-up-notes" .value=${d.notes}
            @input=${(e) => this.set('notes', e.target.value)}></textarea></label>
        <div class="follow-up-next">
          <label class="field"><span class="field-label">${t('crm.followUp.nextStep')}</span>
            <input class="input" maxlength="500" data-test="follow-up-next-step" .value=${d.nextStep}
              @input=${(e) => this.set('nextStep', e.target.value)}></label>
          <label class="field"><span class="field-label">${t('crm.followUp.nextAt')}</span>
            <input type="datetime-local" class="input" data-test="follow-up-next-at" .value=${d.nextAt}
              @change=${(e) => this.set('nextAt', e.target.value)}></label>
        </div>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="follow-up-error">${this.error.key ? t(this.error.key) : errorText(this.error)}</div>` : ''}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-test="follow-up-save" ?disabled=${this.busy}>${this.busy ? t('common.saving') : t('crm.followUp.log')}</button>
        </div>
      </form>`;
  }
}
AfFollowUpForm.define('af-follow-up-form');
