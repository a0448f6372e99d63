// data-test: session-row (data-key = session id), session-current, session-revoke, session-error
// Where the account is signed in: GET /auth/sessions. The current session is marked "This device";
// every other one can be signed out (DELETE /auth/sessions/{id} → 204).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { formatDateTime } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { settingsSection } from './settings-section.js';
import { describeAgent } from './device-name.js';

// Apps with a Chinese name of their own.
const APP_NAMES = { WeChat: 'settings.sessions.wechat', DingTalk: 'settings.sessions.dingtalk' };

function byCurrentThenNewest(a, b) {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return String(b.createdAt).localeCompare(String(a.createdAt));
}

export class AfSessionList extends AfElement {
  constructor() {
    super();
    this.sessions = null;
    this.loadError = null;
    this.error = null;
    this.revoking = new Set();
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  async load() {
    const seq = ++this.seq;
    try {
      const sessions = await api.get('/auth/sessions');
      if (seq !== this.seq) return;
      this.sessions = [...(sessions ?? [])].sort(byCurrentThenNewest);
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  async revoke(session) {
    if (this.revoking.has(session.id)) return;
    this.revoking.add(session.id);
    this.error = null;
    this.requestUpdate();
    try {
      await api.delete(`/auth/sessions/${encodeURIComponent(session.id)}`);
      this.gone(session);
      notify(t('settings.sessions.revoked'), 'success');
    } catch (error) {
      // Already ended (expired, or signed out elsewhere): the list was simply out of date.
      if (error.status === 404) this.gone(session);
      else this.error = error;
    }
    this.revoking.delete(session.id);
    this.requestUpdate();
  }

  gone(session) {
    this.sessions = this.sessions.filter((s) => s.id !== session.id);
  }

  // "Chrome on Windows"; an API token without a User-Agent is just "API token" (and needs no badge).
  device(session) {
    const agent = describeAgent(session.userAgent);
    const api = session.kind === 'api';
    const browser = agent.browser && (APP_NAMES[agent.browser] ? t(APP_NAMES[agent.browser]) : agent.browser);
    let name = browser && agent.os ? t('settings.sessions.device', { browser, os: agent.os }) : browser ?? agent.os ?? agent.raw;
    const badge = api && Boolean(name);
    if (!name) name = api ? t('settings.sessions.kind.api') : t('settings.sessions.unknownDevice');
    const iconName = api ? 'key' : agent.mobile ? 'phone' : 'desktop';
    return { name, iconName, badge };
  }

  row(session) {
    const { name, iconName, badge } = this.device(session);
    const busy = this.revoking.has(session.id);
    const details = [
      t('settings.sessions.signedIn', { time: formatDateTime(session.createdAt) }),
      session.ip ? t('settings.sessions.ip', { ip: session.ip }) : null,
      t('settings.sessions.expires', { time: formatDateTime(session.expiresAt) }),
    ].filter(Boolean);
    return html`
      <li class="session-row ${session.current ? 'is-current' : ''}" data-test="session-row" data-key="${session.id}"
        data-current="${session.current ? 'true' : 'false'}">
        <span class="session-icon" aria-hidden="true">${icon(iconName)}</span>
        <div class="session-main">
          <div class="session-title">
            <span class="session-device" title="${session.userAgent ?? ''}">${name}</span>
            ${badge ? html`<span class="badge">${t('settings.sessions.kind.api')}</span>` : ''}
            ${session.current ? html`<span class="badge badge-success" data-test="session-current">${t('settings.sessions.current')}</span>` : ''}
          </div>
          <div class="muted small session-details">${details.map((d) => html`<span>${d}</span>`)}</div>
        </div>
        ${session.current ? '' : html`
          <button type="button" class="btn btn-secondary btn-small session-revoke" data-test="session-revoke" ?disabled=${busy}
            aria-label="${t('settings.sessions.revoke')}: ${name}" @click=${() => this.revoke(session)}>
            ${busy ? html`<span class="spinner"></span>` : icon('signOut')}<span>${t('settings.sessions.revoke')}</span>
          </button>`}
      </li>`;
  }

  list() {
    if (this.loadError) {
      return html`
        <div class="alert alert-error" role="alert" data-test="session-error">${errorText(this.loadError)}</div>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`;
    }
    if (!this.sessions) return html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>`;
    if (!this.sessions.length) return html`<p class="muted">${t('settings.sessions.empty')}</p>`;
    return html`<ul class="session-list">${this.sessions.map((s) => this.row(s))}</ul>`;
  }

  view() {
    return settingsSection({
      id: 'sessions',
      iconName: 'desktop',
      title: t('settings.sessions'),
      body: html`
        <p class="settings-text muted">${t('settings.sessions.note')}</p>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="session-error">${errorText(this.error)}</div>` : ''}
        ${this.list()}`,
    });
  }
}
AfSessionList.define('af-session-list');
