// data-test: confirm-dialog, confirm-dialog-message, confirm-dialog-error, dialog-confirm, dialog-cancel
// A modal question before an action that cannot be taken back (cancel an order, …): a title, a
// message, the action's button and Cancel. The page owns the action: it listens for `confirm`
// (and `dismiss`) and sets `busy` / `error` while it runs. Escape and the backdrop dismiss it.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText } from '../core/i18n.js';

export class AfConfirmDialog extends AfElement {
  // `action`: the button's words ("Cancel order"); `keep`: the other button's ("Keep order", default "Cancel");
  // `danger`: the action button is red.
  static properties = ['heading', 'message', 'action', 'keep', 'danger', 'busy', 'error'];

  connected() {
    // Focus the safe choice first: a stray Enter must not take the action.
    queueMicrotask(() => this.querySelector('[data-test="dialog-cancel"]')?.focus());
  }

  emit(name) {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true }));
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
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="confirm-dialog-error">${errorText(this.error)}</div>` : ''}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" data-test="dialog-cancel" ?disabled=${this.busy}
            @click=${() => this.dismiss()}>${this.keep ?? t('common.cancel')}</button>
          <button type="button" class="btn ${this.danger ? 'btn-danger' : 'btn-primary'}" data-test="dialog-confirm" ?disabled=${this.busy}
            @click=${() => this.emit('confirm')}>${this.action}</button>
        </div>
      </div>`;
  }
}
AfConfirmDialog.define('af-confirm-dialog');
