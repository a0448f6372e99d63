// data-test: confirm-dialog, confirm-dialog-message, confirm-dialog-error, dialog-confirm, dialog-cancel,
//            dialog-choice, dialog-note
// A modal question before an action that cannot be taken back (cancel an order, …): a title, a
// message, the action's button and Cancel. The page owns the action: it listens for `confirm`
// (and `dismiss`) and sets `busy` / `error` while it runs. Escape and the backdrop dismiss it.
// Optionally it also asks for one choice (`choices` [{id, label}] under `choiceLabel`; confirming needs one) and a
// free-text reason (`noteLabel`); `confirm`'s detail is then { choice, note }.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText } from '../core/i18n.js';

export class AfConfirmDialog extends AfElement {
  // `action`: the button's words ("Cancel order"); `keep`: the other button's ("Keep order", default "Cancel");
  // `danger`: the action button is red.
  static properties = ['heading', 'message', 'action', 'keep', 'danger', 'busy', 'error', 'choices', 'choiceLabel', 'noteLabel'];

  constructor() {
    super();
    this.choice = '';
    this.note = '';
  }

  connected() {
    // Focus the safe choice first: a stray Enter must not take the action.
    queueMicrotask(() => this.querySelector('[data-test="dialog-cancel"]')?.focus());
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
  }

  fields() {
    return html`
      ${this.choices ? html`<label class="field"><span class="field-label">${this.choiceLabel}</span>
        <select class="input select" data-test="dialog-choice" .value=${this.choice}
          @change=${(e) => { this.choice = e.target.value; this.requestUpdate(); }}>
          <option value="">${this.choiceLabel}…</option>
          ${this.choices.map((c) => html`<option value="${c.id}" data-key="${c.id}">${c.label}</option>`)}
        </select></label>` : ''}
      ${this.noteLabel ? html`<label class="field"><span class="field-label">${this.noteLabel}</span>
        <textarea class="input textarea" rows="2" maxlength="500" data-test="dialog-note" .value=${this.note}
          @input=${(e) => { this.note = e.target.value; }}></textarea></label>` : ''}`;
  }

  dismiss() {
    if (!this.busy) this.emit('dismiss');
  }

  view() {
    return html`
      <div class="dialog-backdrop" @click=${() => this.dismiss()}></div>
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-dialog-title" aria-describedby="confirm-dialog-message"
        data-test="confirm-dialog" @keydown=${(e) => { if (e.key === 'Escape') this.dismiss(); }}>
        <h2 class="section-title" id="confirm-dialog-title">${this.heading}</h2>
        <p class="confirm-dialog-message" id="confirm-dialog-message" data-test="confirm-dialog-message">${this.message}</p>
        ${this.fields()}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="confirm-dialog-error">${errorText(this.error)}</div>` : ''}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" data-test="dialog-cancel" ?disabled=${this.busy}
            @click=${() => this.dismiss()}>${this.keep ?? t('common.cancel')}</button>
          <button type="button" class="btn ${this.danger ? 'btn-danger' : 'btn-primary'}" data-test="dialog-confirm"
            ?disabled=${this.busy || (this.choices && !this.choice)}
            @click=${() => this.emit('confirm', { choice: this.choice, note: this.note.trim() })}>${this.action}</button>
        </div>
      </div>`;
  }
}
AfConfirmDialog.define('af-confirm-dialog');
