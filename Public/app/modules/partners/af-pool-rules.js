// data-test: pool-rules, pool-rules-<field> (idleDays, maxOwned, dailyClaims, reclaimDays), pool-rules-save,
//            pool-rules-error, pool-rules-stale
// The public pool's rules (GET/PUT /partners/pool/rules, partners.pool.manage): after how many days without a follow-up
// a customer goes back to the pool, how many customers one salesperson may own, claims per day, and how soon a
// salesperson may claim again a customer they released. Saved with the version read; a 409 shows the rules as they are
// now. Emits `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';

const FIELDS = ['idleDays', 'maxOwned', 'dailyClaims', 'reclaimDays'];

export class AfPoolRules extends AfElement {
  constructor() {
    super();
    this.rules = null;
    this.values = {};
    this.error = null;
    this.fields = {};
    this.stale = false;
    this.busy = false;
  }

  async connected() {
    try {
      this.take(await api.get('/partners/pool/rules'));
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  take(rules) {
    this.rules = rules;
    this.values = Object.fromEntries(FIELDS.map((f) => [f, String(rules[f] ?? '')]));
  }

  async save(event) {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    this.fields = {};
    this.stale = false;
    this.requestUpdate();
    try {
      const body = { version: this.rules.version, ...Object.fromEntries(FIELDS.map((f) => [f, Number(this.values[f])])) };
      this.take(await api.put('/partners/pool/rules', body));
      notify(t('partners.poolRulesSaved'), 'success');
      this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
    } catch (error) {
      if (error.code === 'conflict.stale_version' && error.current) {
        this.stale = true;
        this.take(error.current);
      } else if (error.fields?.length) {
        this.fields = Object.fromEntries(error.fields.map((f) => [f.field, f]));
      } else {
        this.error = error;
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    if (!this.rules) {
      return html`<div class="card card-pad" data-test="pool-rules">${this.error
        ? html`<div class="alert alert-error" role="alert" data-test="pool-rules-error">${errorText(this.error)}</div>`
        : html`<span class="spinner"></span> ${t('common.loading')}`}</div>`;
    }
    return html`
      <form class="card card-pad pool-rules" data-test="pool-rules" novalidate @submit=${(e) => this.save(e)}>
        <h2 class="section-title">${t('partners.poolRules')}</h2>
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="pool-rules-stale">${t('form.stale')}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="pool-rules-error">${errorText(this.error)}</div>` : ''}
        <div class="pool-rules-grid">
          ${FIELDS.map((f) => html`<label class="field">
            <span class="field-label">${t(`partners.poolRule.${f}`)}</span>
            <input class="input input-num ${this.fields[f] ? 'is-invalid' : ''}" type="number" min="0" inputmode="numeric" data-test="pool-rules-${f}"
              .value=${this.values[f]} @input=${(e) => { this.values[f] = e.target.value; }}>
            ${this.fields[f] ? html`<span class="field-error" data-test="field-error" data-field="${f}">${fieldErrorText(this.fields[f])}</span>` : ''}
          </label>`)}
        </div>
        <div class="form-actions">
          <button type="button" class="btn btn-ghost" @click=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true }))}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="pool-rules-save" ?disabled=${this.busy}>${this.busy ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>`;
  }
}
AfPoolRules.define('af-pool-rules');
