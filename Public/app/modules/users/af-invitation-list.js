// data-test: invitation-list, invitation-row (data-id, data-state), invitation-revoke, invitation-error
// Invitations sent (GET /auth/invitations, newest first) under the users list: who, which roles, state and
// expiry; a pending one can be revoked (DELETE /auth/invitations/{id}), after which its link stops working.
// `reload()` refreshes it (the users page calls it after an invitation is sent).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { formatDateTime } from '../../core/format.js';
import { roleBadges } from './roles.js';

export class AfInvitationList extends AfElement {
  constructor() {
    super();
    this.items = null;
    this.error = null;
    this.busy = null;
  }

  connected() {
    this.reload();
  }

  async reload() {
    try {
      this.items = await api.get('/auth/invitations');
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async revoke(invitation) {
    this.busy = invitation.id;
    this.requestUpdate();
    try {
      await api.delete(`/auth/invitations/${encodeURIComponent(invitation.id)}`);
      notify(t('users.invite.revoked', { email: invitation.email }), 'success');
    } catch (error) {
      this.error = error;
    }
    this.busy = null;
    await this.reload();
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="invitation-error">${errorText(this.error)}</div>`;
    if (!this.items?.length) return '';
    return html`
      <section class="card card-pad section-gap" data-test="invitation-list" aria-labelledby="invitations-title">
        <h2 class="section-title" id="invitations-title">${t('users.invite.listTitle')}</h2>
        <ul class="invitation-list">
          ${this.items.map((i) => html`
            <li class="invitation-row" data-test="invitation-row" data-key="${i.id}" data-id="${i.id}" data-state="${i.state}">
              <div class="invitation-who">
                <strong>${i.name ?? i.email}</strong>
                ${i.name ? html`<span class="muted small">${i.email}</span>` : ''}
                ${roleBadges(i.roles)}
              </div>
              <div class="invitation-state">
                <span class="badge ${i.state === 'pending' ? 'badge-info' : i.state === 'accepted' ? 'badge-success' : 'badge-inactive'}">
                  ${t(`users.invite.state.${i.state}`)}</span>
                <span class="muted small">${i.state === 'pending'
                  ? t('users.invite.expires', { when: formatDateTime(i.expiresAt) })
                  : t('users.invite.by', { name: i.invitedBy })}</span>
                ${i.state === 'pending' ? html`
                  <button type="button" class="btn btn-ghost btn-small" data-test="invitation-revoke" ?disabled=${this.busy === i.id}
                    @click=${() => this.revoke(i)}>${t('users.invite.revoke')}</button>` : ''}
              </div>
            </li>`)}
        </ul>
      </section>`;
  }
}
AfInvitationList.define('af-invitation-list');
