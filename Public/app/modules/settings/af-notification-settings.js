// data-test: notify-row (data-kind), notify-email (data-kind), notify-push (data-kind), notify-quiet-start, notify-quiet-end,
//            notify-save, notify-error, field-error (data-field notifications.quietHours | notifications.events)
// Which notifications reach the user by e-mail and by push (the in-app notification centre always keeps them),
// and quiet hours (免打扰) that hold push messages back. PATCH /auth/me {notifications}. The kinds come from
// the server's NotificationPreferences; the approval engine and messaging deliver through them.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { getUser, setUser, onUserChange } from '../../core/store.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { settingsSection } from './settings-section.js';

const KINDS = ['approval.requested', 'approval.decided', 'approval.cc', 'mention', 'announcement', 'task.assigned', 'task.due', 'record.comment'];

export class AfNotificationSettings extends AfElement {
  constructor() {
    super();
    this.draft = null;
    this.errors = {};
    this.error = null;
    this.busy = false;
  }

  connected() {
    this.offUser = onUserChange(() => this.requestUpdate());
  }

  disconnected() {
    this.offUser?.();
  }

  prefs() {
    const saved = getUser()?.notifications ?? { events: {} };
    return this.draft ?? structuredClone(saved);
  }

  set(kind, channel, on) {
    const prefs = this.prefs();
    prefs.events[kind] = { ...(prefs.events[kind] ?? { email: false, push: true }), [channel]: on };
    this.draft = prefs;
    this.requestUpdate();
  }

  setQuiet(which, value) {
    const prefs = this.prefs();
    prefs[which] = value || null;
    this.draft = prefs;
    delete this.errors['notifications.quietHours'];
    this.requestUpdate();
  }

  async save(event) {
    event.preventDefault();
    if (!this.draft || this.busy) return;
    this.busy = true;
    this.error = null;
    this.errors = {};
    this.requestUpdate();
    try {
      setUser(await api.patch('/auth/me', { notifications: this.draft }));
      this.draft = null;
      notify(t('settings.notify.saved'), 'success');
    } catch (error) {
      for (const f of error.fields ?? []) this.errors[f.field] = f;
      if (!Object.keys(this.errors).length) this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    if (!getUser()) return '';
    const prefs = this.prefs();
    const channel = (kind, name) => {
      const on = (prefs.events[kind] ?? { email: false, push: true })[name];
      return html`<td class="notify-check"><input type="checkbox" data-test="notify-${name}" data-kind="${kind}" .checked=${Boolean(on)}
        aria-label="${t(`settings.notify.kind.${kind}`)}: ${t(`settings.notify.${name}`)}"
        @change=${(e) => this.set(kind, name, e.target.checked)}></td>`;
    };
    const quietError = this.errors['notifications.quietHours'];
    return settingsSection({
      id: 'notifications',
      iconName: 'bell',
      title: t('settings.notify.title'),
      body: html`
        <form class="settings-form" novalidate @submit=${(e) => this.save(e)}>
          ${this.error ? html`<div class="alert alert-error" role="alert" data-test="notify-error">${errorText(this.error)}</div>` : ''}
          <table class="notification-table">
            <thead><tr>
              <th scope="col">${t('settings.notify.event')}</th>
              <th scope="col" class="notify-check">${t('settings.notify.email')}</th>
              <th scope="col" class="notify-check">${t('settings.notify.push')}</th>
            </tr></thead>
            <tbody>
              ${KINDS.map((kind) => html`<tr data-test="notify-row" data-kind="${kind}">
                <th scope="row">${t(`settings.notify.kind.${kind}`)}</th>${channel(kind, 'email')}${channel(kind, 'push')}</tr>`)}
            </tbody>
          </table>
          <div class="quiet-hours">
            <label class="field">
              <span class="field-label">${t('settings.notify.quietStart')}</span>
              <input class="input ${quietError ? 'is-invalid' : ''}" type="time" data-test="notify-quiet-start" .value=${prefs.quietHoursStart ?? ''}
                @change=${(e) => this.setQuiet('quietHoursStart', e.target.value)}>
            </label>
            <label class="field">
              <span class="field-label">${t('settings.notify.quietEnd')}</span>
              <input class="input ${quietError ? 'is-invalid' : ''}" type="time" data-test="notify-quiet-end" .value=${prefs.quietHoursEnd ?? ''}
                @change=${(e) => this.setQuiet('quietHoursEnd', e.target.value)}>
            </label>
          </div>
          ${quietError ? html`<span class="field-error" data-test="field-error" data-field="notifications.quietHours">${fieldErrorText(quietError)}</span>` : ''}
          <p class="muted small settings-note">${t('settings.notify.note')}</p>
          <div class="settings-actions">
            <button type="submit" class="btn btn-primary" data-test="notify-save" ?disabled=${this.busy || !this.draft}>
              ${this.busy ? t('common.saving') : t('common.save')}</button>
          </div>
        </form>`,
    });
  }
}
AfNotificationSettings.define('af-notification-settings');
