// data-test: avatar-preview, avatar-file, avatar-remove, avatar-error
// The user's picture: chosen from the phone's photos or camera, cropped to a centred square and scaled to
// 256×256 JPEG here (a phone photo of several MB becomes ~20 KB), then PUT /auth/me/avatar as raw bytes.
// The server checks the bytes really are an image (≤ 512 KiB); "Remove" goes back to initials.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { getUser, setUser, onUserChange } from '../../core/store.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { avatar } from '../../components/avatar.js';
import { settingsSection } from './settings-section.js';

const SIZE = 256;

async function squareJpeg(file) {
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.getContext('2d').drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIZE, SIZE);
  bitmap.close?.();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/jpeg', 0.88));
}

export class AfAvatarSettings extends AfElement {
  constructor() {
    super();
    this.busy = false;
    this.error = null;
  }

  connected() {
    this.offUser = onUserChange(() => this.requestUpdate());
  }

  disconnected() {
    this.offUser?.();
  }

  async upload(input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      let blob;
      try {
        blob = await squareJpeg(file);
      } catch {
        throw { code: 'auth.avatar_not_image', message: t('error.auth.avatar_not_image') };
      }
      setUser(await api.putFile('/auth/me/avatar', blob));
      notify(t('settings.avatar.saved'), 'success');
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  async removeAvatar() {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      setUser(await api.delete('/auth/me/avatar'));
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const user = getUser();
    if (!user) return '';
    return settingsSection({
      id: 'avatar',
      iconName: 'person',
      title: t('settings.avatar.title'),
      body: html`
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="avatar-error">${errorText(this.error)}</div>` : ''}
        <div class="avatar-settings">
          <span data-test="avatar-preview">${avatar(user, 'avatar-lg')}</span>
          <label class="btn btn-secondary ${this.busy ? 'is-disabled' : ''}">
            <span>${user.avatarUrl ? t('settings.avatar.change') : t('settings.avatar.upload')}</span>
            <input type="file" accept="image/png,image/jpeg,image/webp" class="visually-hidden" data-test="avatar-file"
              ?disabled=${this.busy} @change=${(e) => this.upload(e.target)}>
          </label>
          ${user.avatarUrl ? html`<button type="button" class="btn btn-ghost" data-test="avatar-remove" ?disabled=${this.busy}
            @click=${() => this.removeAvatar()}>${t('settings.avatar.remove')}</button>` : ''}
        </div>
        <p class="muted small settings-note">${t('settings.avatar.note')}</p>`,
    });
  }
}
AfAvatarSettings.define('af-avatar-settings');
