// data-test: project-documents, doc-row (data-name, data-version), doc-name, doc-link, doc-version, doc-note, doc-by,
//            doc-versions-toggle (aria-expanded), doc-versions, doc-version-row (data-version), doc-version-link, doc-upload,
//            doc-form, doc-file, doc-target (select: a new document or a new version of one), doc-name-input, doc-note-input,
//            doc-hint, doc-save, doc-cancel, doc-error, docs-empty
// A project's documents (项目文档), GET …/documents: by name, each with its latest version's file (a download link, as the
// chatter links attachments), version number, note, who uploaded it and when; "Versions" opens the older ones, each with
// its link. "Upload" (members and managers; not viewers) takes a file (POST /files, raw bytes with X-File-Name), an
// optional name (the file's by default) and a note, then POST …/documents: a name already used — typed, or chosen as
// "New version of …" — makes that document's next version. A table on a desk; cards on a phone (responsive-table).
import { AfElement } from '../../core/element.js';
import { loadLatest } from '../../components/list-helpers.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { formatDateTime } from '../../core/format.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { fieldErrors } from './project-format.js';
import { canWriteProject } from './af-project-log.js';

const NEW = '';

export class AfProjectDocuments extends AfElement {
  static properties = ['project'];

  constructor() {
    super();
    this.open = new Set(); // names whose older versions are shown
    this.form = null; // { file, target, name, note, errors, busy, error }
    this.key = uuid();
  }

  connected() {
    this.reload();
  }

  changed(name) {
    if (name === 'project' && this.project?.id !== this.loadedFor) this.reload();
  }

  base() {
    return `/projects/projects/${encodeURIComponent(this.project.id)}/documents`;
  }

  // The newest answer wins when loads overlap (a project switched while one was on its way).
  async load() {
    if (!this.project) return;
    this.loadedFor = this.project.id;
    await loadLatest(this, async () => (await api.get(this.base())) ?? []);
  }

  get docs() { return this.state?.data ?? null; }

  get loadError() { return this.state?.error ?? null; }

  startUpload(target = NEW) {
    this.form = { file: null, target, name: '', note: '', errors: {}, busy: false, error: null };
    this.requestUpdate();
    queueMicrotask(() => this.querySelector('[data-test="doc-form"]')?.scrollIntoView({ block: 'nearest' }));
  }

  // The document a new upload would add a version to: the one chosen, or the one whose name is typed (any case).
  existing(f) {
    if (f.target) return (this.docs ?? []).find((d) => d.name === f.target) ?? null;
    const name = (f.name.trim() || f.file?.name || '').toLowerCase();
    return name ? (this.docs ?? []).find((d) => d.name.toLowerCase() === name) ?? null : null;
  }

  async save(event) {
    event.preventDefault();
    const f = this.form;
    if (!f || f.busy) return;
    f.errors = {};
    f.error = null;
    if (!f.file) f.errors.fileId = { code: 'field.required' };
    if (Object.keys(f.errors).length) {
      this.requestUpdate();
      return;
    }
    f.busy = true;
    this.requestUpdate();
    try {
      f.ref ??= await request('POST', '/files', { raw: f.file, headers: { 'X-File-Name': encodeURIComponent(f.file.name) } });
      const doc = this.existing(f);
      const body = { fileId: f.ref.id };
      const name = doc ? doc.name : f.name.trim();
      if (name) body.name = name;
      if (f.note.trim()) body.note = f.note.trim();
      await api.post(this.base(), body, { 'Idempotency-Key': this.key });
      this.key = uuid();
      this.form = null;
      await this.load();
    } catch (error) {
      f.busy = false;
      f.errors = fieldErrors(error);
      if (!Object.keys(f.errors).length) f.error = error;
    }
    this.requestUpdate();
  }

  form_() {
    const f = this.form;
    const err = (name) => (f.errors?.[name] ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(f.errors[name])}</span>` : '');
    const doc = this.existing(f);
    return html`<form class="pj-doc-form" data-test="doc-form" novalidate @submit=${(ev) => this.save(ev)}>
      <label class="field pj-doc-form-wide"><span class="field-label">${t('projects.doc.file')}</span>
        <input class="input" type="file" data-test="doc-file" @change=${(ev) => { f.file = ev.target.files?.[0] ?? null; f.ref = null; this.requestUpdate(); }}>
        ${err('fileId')}</label>
      ${this.docs?.length ? html`<label class="field"><span class="field-label">${t('projects.doc.target')}</span>
        <select class="input" data-test="doc-target" .value=${f.target} @change=${(ev) => { f.target = ev.target.value; this.requestUpdate(); }}>
          <option value="${NEW}" ?selected=${!f.target}>${t('projects.doc.newDocument')}</option>
          ${this.docs.map((d) => html`<option value="${d.name}" ?selected=${f.target === d.name}>${t('projects.doc.newVersionOf', { name: d.name })}</option>`)}
        </select></label>` : ''}
      ${f.target ? '' : html`<label class="field"><span class="field-label">${t('projects.doc.name')}</span>
        <input class="input" maxlength="200" data-test="doc-name-input" placeholder="${f.file?.name ?? t('projects.doc.namePlaceholder')}" .value=${f.name}
          @input=${(ev) => { f.name = ev.target.value; this.requestUpdate(); }}>${err('name')}</label>`}
      <label class="field pj-doc-form-wide"><span class="field-label">${t('projects.doc.note')}</span>
        <input class="input" maxlength="200" data-test="doc-note-input" .value=${f.note} @input=${(ev) => { f.note = ev.target.value; }}>${err('note')}</label>
      ${doc ? html`<p class="muted small pj-doc-form-wide" data-test="doc-hint">${t('projects.doc.addsVersion', { name: doc.name, version: doc.versions[0].version + 1 })}</p>` : ''}
      <div class="form-actions pj-doc-form-wide">
        <button type="button" class="btn btn-ghost" data-test="doc-cancel" @click=${() => { this.form = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
        <button type="submit" class="btn btn-primary" data-test="doc-save" ?disabled=${f.busy}>${f.busy ? t('chatter.uploading') : t('projects.doc.upload')}</button>
      </div>
      ${f.error ? html`<div class="alert alert-error pj-doc-form-wide" role="alert" data-test="doc-error">${errorText(f.error)}</div>` : ''}
    </form>`;
  }

  fileLink(v, testId) {
    return html`<a class="pj-doc-link" href="${`/api/v1/files/${v.file.id}`}" data-test="${testId}" download="${v.file.name}">${v.file.name}</a>`;
  }

  rows(d, write) {
    const [latest, ...older] = d.versions;
    const open = this.open.has(d.name);
    const toggle = () => { if (open) this.open.delete(d.name); else this.open.add(d.name); this.requestUpdate(); };
    return html`<tr data-test="doc-row" data-name="${d.name}" data-version="${latest.version}" data-key="${d.name}">
        <td class="cell-title"><span class="pj-doc-name" data-test="doc-name">${d.name}</span></td>
        <td data-label="${t('projects.doc.latest')}">${this.fileLink(latest, 'doc-link')}
          <span class="badge badge-info pj-doc-version" data-test="doc-version">${t('projects.doc.version', { version: latest.version })}</span></td>
        <td data-label="${t('projects.doc.note')}" class="pj-doc-note" data-test="doc-note">${latest.note ?? ''}</td>
        <td data-label="${t('projects.doc.uploaded')}" class="muted small" data-test="doc-by">${latest.uploadedByName ?? ''} · ${formatDateTime(latest.at)}</td>
        <td class="pj-doc-actions">
          ${older.length ? html`<button type="button" class="btn btn-ghost btn-small" data-test="doc-versions-toggle" aria-expanded="${open ? 'true' : 'false'}"
            @click=${toggle}>${t('projects.doc.versions', { count: d.versions.length })}<span class="pj-caret ${open ? 'is-open' : ''}">${icon('chevron')}</span></button>` : ''}
          ${write ? html`<button type="button" class="btn btn-ghost btn-small" data-test="doc-new-version" @click=${() => this.startUpload(d.name)}>${t('projects.doc.addVersion')}</button>` : ''}
        </td>
      </tr>
      ${open && older.length ? html`<tr class="detail-row pj-doc-older" data-key="${d.name}-older"><td colspan="5">
        <ul class="pj-doc-versions" data-test="doc-versions">${d.versions.map((v) => html`<li data-test="doc-version-row" data-version="${v.version}" data-key="${v.version}">
          <span class="badge ${v === latest ? 'badge-info' : 'badge-inactive'} pj-doc-version">${t('projects.doc.version', { version: v.version })}</span>
          ${this.fileLink(v, 'doc-version-link')}
          ${v.note ? html`<span class="pj-doc-note">${v.note}</span>` : ''}
          <span class="muted small">${v.uploadedByName ?? ''} · ${formatDateTime(v.at)}</span>
        </li>`)}</ul></td></tr>` : ''}`;
  }

  view() {
    const p = this.project;
    if (!p) return '';
    const write = canWriteProject(p);
    const docs = this.docs;
    return html`<section class="card card-pad" data-test="project-documents">
      <div class="pj-section-head">
        <h2 class="section-title">${t('projects.doc.heading')}</h2>
        ${write && !this.form ? html`<button type="button" class="btn btn-primary btn-small" data-test="doc-upload" @click=${() => this.startUpload()}>
          ${icon('plus')}<span>${t('projects.doc.upload')}</span></button>` : ''}
      </div>
      ${write && this.form ? this.form_() : ''}
      ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="doc-error">${errorText(this.loadError)}</div>`
        : !docs ? html`<p><span class="spinner"></span> ${t('common.loading')}</p>`
        : !docs.length ? html`<p class="muted small" data-test="docs-empty">${t('projects.doc.none')}</p>`
        : html`<table class="table responsive-table pj-doc-table">
          <thead><tr><th scope="col">${t('projects.doc.name')}</th><th scope="col">${t('projects.doc.latest')}</th><th scope="col">${t('projects.doc.note')}</th>
            <th scope="col">${t('projects.doc.uploaded')}</th><th scope="col"><span class="visually-hidden">${t('projects.doc.versionsHeading')}</span></th></tr></thead>
          <tbody>${docs.map((d) => this.rows(d, write))}</tbody>
        </table>`}
    </section>`;
  }
}
AfProjectDocuments.define('af-project-documents');
