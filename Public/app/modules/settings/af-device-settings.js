// data-test: device-settings, device-storage, device-persistent, device-fetch-ahead, device-version, device-check,
//            device-check-result
// "This device" (本设备) in the personal settings: how much the app keeps on this device
// (navigator.storage.estimate), whether the browser keeps it persistently, whether it fetches the
// user's data ahead for offline use (core/working-set.js), the app's version (the running service
// worker's, see /sw.js) and a button that asks the server for a newer one.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, getLanguage } from '../../core/i18n.js';
import { checkForUpdate, onUpdate, storageEstimate, updateStatus } from '../../core/app-update.js';
import { isOnline } from '../../core/connectivity.js';
import { fetchAheadOn, setFetchAhead } from '../../core/working-set.js';
import { settingsSection } from './settings-section.js';

const UNITS = [['gigabyte', 1e9], ['megabyte', 1e6], ['kilobyte', 1e3]];

function formatBytes(bytes, lang = getLanguage()) {
  const [unit, size] = UNITS.find(([, s]) => bytes >= s) ?? ['byte', 1];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: bytes >= size * 10 ? 0 : 1 }).format(bytes / size);
}

export class AfDeviceSettings extends AfElement {
  constructor() {
    super();
    this.storage = null;
    this.checking = false;
    this.result = null;
  }

  connected() {
    this.offUpdate = onUpdate(() => this.requestUpdate());
    this.reload();
  }

  disconnected() {
    this.offUpdate();
  }

  async load() {
    this.storage = await storageEstimate();
    this.requestUpdate();
  }

  async check() {
    if (this.checking) return;
    if (!isOnline()) {
      this.result = 'device.offlineNoCheck';
      this.requestUpdate();
      return;
    }
    this.checking = true;
    this.result = null;
    this.requestUpdate();
    const status = await checkForUpdate();
    this.checking = false;
    if (!status.latest) this.result = 'device.offlineNoCheck';
    else this.result = status.ready || status.latest !== status.running ? 'device.updateReady' : 'device.upToDate';
    this.requestUpdate();
  }

  async fetchAhead(on) {
    await setFetchAhead(on);
    this.requestUpdate();
  }

  storageText() {
    const s = this.storage;
    if (!s) return html`<span class="spinner"></span>`;
    if (s.usage == null || !s.quota) return t('device.storageUnknown');
    // A <meter>, not a styled bar: the CSP refuses style attributes.
    return html`
      <span>${t('device.storageOf', { used: formatBytes(s.usage), quota: formatBytes(s.quota) })}</span>
      <meter class="device-meter" min="0" max="1" value="${Math.min(1, s.usage / s.quota)}" aria-hidden="true"></meter>`;
  }

  view() {
    const status = updateStatus();
    const version = status.supported ? status.running : null;
    return settingsSection({
      id: 'device',
      iconName: 'phone',
      title: t('device.title'),
      body: html`
        <dl class="device-facts" data-test="device-settings">
          <dt>${t('device.storage')}</dt>
          <dd data-test="device-storage">${this.storageText()}</dd>
          <dt>${t('device.persistent')}</dt>
          <dd data-test="device-persistent" data-persistent="${this.storage?.persisted ? 'true' : 'false'}">${this.storage
            ? t(this.storage.persisted ? 'device.persistentYes' : 'device.persistentNo') : ''}</dd>
          <dt>${t('device.fetchAhead')}</dt>
          <dd>
            <label class="device-toggle">
              <input type="checkbox" data-test="device-fetch-ahead" .checked=${fetchAheadOn()}
                @change=${(event) => this.fetchAhead(event.target.checked)}>
              <span>${t('device.fetchAheadLabel')}</span>
            </label>
            <span class="muted device-hint">${t('device.fetchAheadHint')}</span>
          </dd>
          <dt>${t('device.version')}</dt>
          <dd data-test="device-version"><code>${version ?? ''}</code>${version ? '' : t('device.versionNone')}</dd>
        </dl>
        <div class="device-actions">
          <button type="button" class="btn btn-secondary" data-test="device-check" ?disabled=${this.checking || !status.supported}
            @click=${() => this.check()}>
            ${this.checking ? html`<span class="spinner"></span><span>${t('device.checking')}</span>` : t('device.check')}
          </button>
          ${this.result ? html`<span class="muted" role="status" data-test="device-check-result">${t(this.result)}</span>` : ''}
        </div>`,
    });
  }
}
AfDeviceSettings.define('af-device-settings');
