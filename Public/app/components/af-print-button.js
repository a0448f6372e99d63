// data-test: print-button (data-state: idle | busy | ready | failed; data-bytes: the PDF's size once it arrived), print-error
// A record's Print action: asks the server for the PDF (`path`, e.g. /sales/orders/{id}/print) in the app's language,
// then hands it to the browser as a download named `filename`. The server renders it with headless Chromium.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, getLanguage, errorText } from '../core/i18n.js';
import { ApiError } from '../core/api.js';
import { notify } from '../core/notify.js';

export class AfPrintButton extends AfElement {
  static properties = ['path', 'filename'];

  constructor() {
    super();
    this.state = 'idle';
    this.bytes = 0;
  }

  async print() {
    if (this.state === 'busy' || !this.path) return;
    this.state = 'busy';
    this.requestUpdate();
    try {
      const response = await fetch('/api/v1' + this.path, {
        credentials: 'same-origin',
        headers: { Accept: 'application/pdf, application/json', 'Accept-Language': getLanguage(), 'X-Afield-Request': '1' },
      });
      if (!response.ok) {
        const data = await response.json().catch(() => null);
        throw new ApiError(response.status, { code: data?.error?.code ?? `http.${response.status}`, message: data?.error?.message ?? response.statusText });
      }
      const blob = await response.blob();
      this.bytes = blob.size;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = this.filename || 'document.pdf';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.state = 'ready';
    } catch (error) {
      this.state = 'failed';
      notify(errorText(error), 'error');
    }
    this.requestUpdate();
  }

  view() {
    const busy = this.state === 'busy';
    return html`<button type="button" class="btn btn-secondary" data-test="print-button" data-state="${this.state}" data-bytes="${this.bytes}"
      ?disabled=${busy} @click=${() => this.print()}>${busy ? t('print.printing') : t('print.print')}</button>`;
  }
}
AfPrintButton.define('af-print-button');
