// data-test: chatter, chatter-tab-comments, chatter-tab-files, chatter-tab-history, follow-toggle, follower-count,
//            comment-input, comment-mention (the picker; its chips: comment-mention-chip), comment-post, comment-error,
//            comment (data-key = id), comment-author, comment-text, comment-mention-name, comment-edit, comment-delete,
//            comment-edit-input, comment-save, comment-cancel, comments-empty, attach-input, attach-error, attachment
//            (data-key = file id), attachment-link, attachment-remove, attachments-empty, chatter-error, attach-photo (with `camera`)
// The chatter column every record page gets from the platform (GET/POST /records/{entity}/{id}/…): comments with
// @mentions of colleagues chosen in a picker (they are notified and follow the record), followers, files tied to the
// record (uploaded with POST /files, then attached: only people who may read the record may read them) and the
// record's audit history. `entity` is the record kind (sales.order, partners.partner), `recordId` its id; `camera` adds
// "Take photo" (a phone opens its camera: accept="image/*" capture) beside "Attach", for records worked on in the field.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText, fieldErrorText } from '../core/i18n.js';
import { api, request } from '../core/api.js';
import { formatDateTime } from '../core/format.js';
import { notify } from '../core/notify.js';
import { uuid } from '../core/uuid.js';
import { getUser } from '../core/store.js';
import { avatar } from './avatar.js';
import { icon } from './icons.js';
import { tabBar } from './tabs.js';
import './af-confirm-dialog.js';
import '../modules/approvals/af-user-picker.js';
import '../modules/audit/af-history-timeline.js';

export class AfRecordChatter extends AfElement {
  static properties = ['entity', 'recordId', 'camera'];

  constructor() {
    super();
    this.data = null;
    this.error = null;
    this.tab = 'comments';
    this.text = '';
    this.mentions = [];
    this.posting = false;
    this.postError = null;
    this.postKey = uuid();
    this.editing = null; // { id, text, version, mentions, busy, error }
    this.deleting = null;
    this.uploading = false;
    this.attachError = null;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  get base() {
    return `/records/${encodeURIComponent(this.entity)}/${encodeURIComponent(this.recordId)}`;
  }

  async load() {
    if (!this.entity || !this.recordId) return;
    const seq = ++this.seq;
    try {
      const data = await api.get(this.base);
      if (seq !== this.seq) return;
      this.data = data;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  // Colleagues who may read this record, for the @mention picker.
  async searchMentionable(q) {
    const people = await api.get(`${this.base}/mentionable`, { q });
    return (people ?? []).map((p) => ({ id: p.id, label: p.name }));
  }

  // A person picked in the picker is also written into the text as @Name, where the caret is.
  mentionsChanged(list) {
    const added = list.filter((p) => !this.mentions.some((m) => m.id === p.id));
    this.mentions = list;
    if (added.length) {
      const box = this.querySelector('[data-test="comment-input"]');
      const at = box?.selectionStart ?? this.text.length;
      const insert = added.map((p) => `@${p.label} `).join('');
      const before = this.text.slice(0, at);
      this.text = before + (before && !/\s$/.test(before) ? ' ' : '') + insert + this.text.slice(at);
    }
    this.requestUpdate();
  }

  async post(event) {
    event.preventDefault();
    if (this.posting || !this.text.trim()) return;
    this.posting = true;
    this.postError = null;
    this.requestUpdate();
    try {
      await api.post(`${this.base}/comments`, { text: this.text, mentions: this.mentions.map((m) => m.id) }, { 'Idempotency-Key': this.postKey });
      this.text = '';
      this.mentions = [];
      this.postKey = uuid();
      await this.load();
    } catch (error) {
      this.postError = error;
    }
    this.posting = false;
    this.requestUpdate();
  }

  async toggleFollow() {
    try {
      const following = this.data?.following;
      const followers = following ? await api.delete(`${this.base}/follow`) : await api.post(`${this.base}/follow`);
      this.data = { ...this.data, followers, following: !following };
      notify(t(following ? 'chatter.unfollowed' : 'chatter.followed'), 'success');
    } catch (error) {
      notify(errorText(error), 'error');
    }
    this.requestUpdate();
  }

  startEdit(c) {
    this.editing = { id: c.id, text: c.text, version: c.version, mentions: c.mentions.map((m) => m.id), busy: false, error: null };
    this.requestUpdate();
  }

  async saveEdit() {
    const e = this.editing;
    if (!e || e.busy) return;
    e.busy = true;
    e.error = null;
    this.requestUpdate();
    try {
      await api.patch(`${this.base}/comments/${e.id}`, { text: e.text, mentions: e.mentions, version: e.version });
      this.editing = null;
      await this.load();
    } catch (error) {
      e.busy = false;
      e.error = error;
      if (error.status === 409) this.load();
    }
    this.requestUpdate();
  }

  // Deleting asks first (af-confirm-dialog): { comment, busy, error } while the question is open.
  async deleteComment() {
    const q = this.deleting;
    if (!q || q.busy) return;
    q.busy = true;
    q.error = null;
    this.requestUpdate();
    try {
      await request('DELETE', `${this.base}/comments/${q.comment.id}`, { query: { version: q.comment.version } });
      this.deleting = null;
      await this.load();
    } catch (error) {
      q.busy = false;
      q.error = error;
      if (error.status === 409 || error.status === 404) {
        this.deleting = null;
        this.load();
      }
    }
    this.requestUpdate();
  }

  deleteDialog() {
    const q = this.deleting;
    if (!q) return '';
    return html`<af-confirm-dialog .heading=${t('chatter.deleteTitle')} .message=${t('chatter.deleteQuestion')}
      .action=${t('chatter.delete')} .danger=${true} .busy=${q.busy} .error=${q.error}
      @confirm=${() => this.deleteComment()} @dismiss=${() => { this.deleting = null; this.requestUpdate(); }}></af-confirm-dialog>`;
  }

  async attach(event) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (!files.length || this.uploading) return;
    this.uploading = true;
    this.attachError = null;
    this.requestUpdate();
    for (const file of files) {
      try {
        const ref = await request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name) } });
        await api.post(`${this.base}/attachments`, { fileId: ref.id }, { 'Idempotency-Key': uuid() });
      } catch (error) {
        this.attachError = error;
        break;
      }
    }
    this.uploading = false;
    await this.load();
  }

  async detach(a) {
    try {
      await api.delete(`${this.base}/attachments/${a.file.id}`);
      await this.load();
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  view() {
    if (this.error) {
      return html`<aside class="chatter card card-pad" data-test="chatter">
        <div class="alert alert-error" role="alert" data-test="chatter-error">${errorText(this.error)}</div></aside>`;
    }
    const d = this.data;
    if (!d) return html`<aside class="chatter card card-pad" data-test="chatter"><span class="spinner"></span> ${t('common.loading')}</aside>`;
    const followers = d.followers ?? [];
    return html`
      <aside class="chatter card" data-test="chatter" aria-label="${t('chatter.title')}">
        <div class="chatter-head">
          <h2 class="section-title chatter-title">${t('chatter.title')}</h2>
          <div class="chatter-follow">
            <span class="muted small" data-test="follower-count" title="${followers.map((f) => f.name).join(', ')}">
              ${t('chatter.followers', { count: followers.length })}</span>
            <button type="button" class="btn btn-small ${d.following ? 'btn-secondary' : 'btn-primary'}" data-test="follow-toggle"
              aria-pressed="${d.following ? 'true' : 'false'}" @click=${() => this.toggleFollow()}>
              ${d.following ? t('chatter.following') : t('chatter.follow')}</button>
          </div>
        </div>
        ${tabBar([
          { id: 'comments', label: t('chatter.comments', { count: d.comments.length }), testId: 'chatter-tab-comments' },
          { id: 'files', label: t('chatter.files', { count: d.attachments.length }), testId: 'chatter-tab-files' },
          { id: 'history', label: t('history.tab'), testId: 'chatter-tab-history' },
        ], this.tab, (tab) => { this.tab = tab; this.requestUpdate(); }, t('chatter.title'))}
        ${this.deleteDialog()}
        <div class="chatter-body" role="tabpanel">
          ${this.tab === 'comments' ? this.commentsPanel(d) : this.tab === 'files' ? this.filesPanel(d)
            : html`<af-history-timeline data-key="history" .path=${`${this.base}/history`}></af-history-timeline>`}
        </div>
      </aside>`;
  }

  commentsPanel(d) {
    return html`
      <form class="chatter-composer" @submit=${(e) => this.post(e)}>
        <label class="visually-hidden" for="chatter-text">${t('chatter.write')}</label>
        <textarea id="chatter-text" class="input chatter-input" rows="3" maxlength="4000" data-test="comment-input"
          placeholder="${t('chatter.placeholder')}" .value=${this.text}
          @input=${(e) => { this.text = e.target.value; }}></textarea>
        <af-user-picker .testId=${'comment-mention'} .value=${this.mentions} .label=${t('chatter.mention')}
          .search=${(q) => this.searchMentionable(q)} @people-change=${(e) => { e.stopPropagation(); this.mentionsChanged(e.detail); }}></af-user-picker>
        ${this.postError ? html`<div class="alert alert-error" role="alert" data-test="comment-error">${problemText(this.postError)}</div>` : ''}
        <div class="chatter-actions">
          <button type="submit" class="btn btn-primary btn-small" data-test="comment-post" ?disabled=${this.posting}>
            ${this.posting ? t('chatter.posting') : t('chatter.post')}</button>
        </div>
      </form>
      ${d.comments.length === 0 ? html`<p class="muted small" data-test="comments-empty">${t('chatter.noComments')}</p>` : html`
        <ol class="chatter-list">${d.comments.map((c) => this.comment(c))}</ol>`}`;
  }

  comment(c) {
    const e = this.editing?.id === c.id ? this.editing : null;
    return html`
      <li class="chatter-comment" data-test="comment" data-key="${c.id}">
        ${avatar({ name: c.authorName }, 'avatar-sm')}
        <div class="chatter-comment-body">
          <div class="chatter-comment-head">
            <strong data-test="comment-author">${c.authorName}</strong>
            <time class="muted small" datetime="${c.createdAt}">${formatDateTime(c.createdAt)}</time>
            ${c.editedAt ? html`<span class="muted small">${t('chatter.edited')}</span>` : ''}
          </div>
          ${e ? html`
            <textarea class="input chatter-input" rows="3" maxlength="4000" data-test="comment-edit-input" .value=${e.text}
              @input=${(ev) => { e.text = ev.target.value; }}></textarea>
            ${e.error ? html`<div class="alert alert-error" role="alert">${problemText(e.error)}</div>` : ''}
            <div class="chatter-actions">
              <button type="button" class="btn btn-secondary btn-small" data-test="comment-cancel"
                @click=${() => { this.editing = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
              <button type="button" class="btn btn-primary btn-small" data-test="comment-save" ?disabled=${e.busy}
                @click=${() => this.saveEdit()}>${t('common.save')}</button>
            </div>` : html`
            <p class="chatter-text" data-test="comment-text">${c.text}</p>
            ${c.mentions.length ? html`<div class="chatter-mentions muted small">${t('chatter.mentioned')}
              ${c.mentions.map((m) => html`<span class="record-chip" data-test="comment-mention-name">@${m.name}</span>`)}</div>` : ''}
            ${c.mine ? html`<div class="chatter-own">
              <button type="button" class="btn-link small" data-test="comment-edit" @click=${() => this.startEdit(c)}>${t('chatter.edit')}</button>
              <button type="button" class="btn-link small danger-link" data-test="comment-delete" @click=${() => { this.deleting = { comment: c, busy: false, error: null }; this.requestUpdate(); }}>${t('chatter.delete')}</button>
            </div>` : ''}`}
        </div>
      </li>`;
  }

  filesPanel(d) {
    return html`
      <div class="chatter-attach">
        <label class="btn btn-secondary btn-small ${this.uploading ? 'is-busy' : ''}">
          ${icon('plus')}<span>${this.uploading ? t('chatter.uploading') : t('chatter.attach')}</span>
          <input type="file" class="visually-hidden" multiple data-test="attach-input" ?disabled=${this.uploading} @change=${(e) => this.attach(e)}>
        </label>
        ${this.camera ? html`<label class="btn btn-secondary btn-small ${this.uploading ? 'is-busy' : ''}">
          ${icon('camera')}<span>${t('chatter.takePhoto')}</span>
          <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-test="attach-photo" ?disabled=${this.uploading} @change=${(e) => this.attach(e)}>
        </label>` : ''}
        <span class="muted small">${t('chatter.attachHint')}</span>
      </div>
      ${this.attachError ? html`<div class="alert alert-error" role="alert" data-test="attach-error">${problemText(this.attachError)}</div>` : ''}
      ${d.attachments.length === 0 ? html`<p class="muted small" data-test="attachments-empty">${t('chatter.noFiles')}</p>` : html`
        <ul class="chatter-files">
          ${d.attachments.map((a) => html`
            <li class="chatter-file" data-test="attachment" data-key="${a.file.id}">
              <a href="${`/api/v1/files/${a.file.id}`}" data-test="attachment-link" download="${a.file.name}">${a.file.name}</a>
              <span class="muted small">${sizeText(a.file.size)} · ${a.attachedBy.name} · ${formatDateTime(a.attachedAt)}</span>
              ${a.attachedBy.id === getUser()?.id ? html`
                <button type="button" class="btn btn-icon" data-test="attachment-remove" aria-label="${t('chatter.removeFile', { name: a.file.name })}"
                  @click=${() => this.detach(a)}>${icon('close')}</button>` : ''}
            </li>`)}
        </ul>`}`;
  }
}

// A refused form names its fields' problems ("Janet cannot see this record…"), not only "check the form".
function problemText(error) {
  return error?.fields?.length ? error.fields.map((f) => fieldErrorText(f)).join(' ') : errorText(error);
}

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

AfRecordChatter.define('af-record-chatter');
