// data-test: task-import, import-file, import-project (the picker's input), import-template, import-busy, import-error,
//            import-preview, import-encoding, import-separator, import-header-row, import-rows, import-ready, import-already,
//            import-problem-count, mapping-row (data-header), mapping-select (data-header), sample-table, sample-row (data-row),
//            import-problem (data-row, data-field), import-send, import-result, import-created, import-unchanged, import-list-link
// Tasks from a file (导入任务), #/tasks/import (?project=<id> from a project's Tasks tab): a CSV or XLSX file is uploaded
// (POST /files, the raw bytes: the server detects UTF-8 / GB18030, the separator and the header row), then previewed
// (POST /projects/tasks/import/preview, which writes nothing): how it was read, a task field or "ignore" per column —
// a change previews again with the whole mapping —, the first rows, the counts and every problem by row number. Import
// (all rows or none) is offered only without problems; a second run of the same file creates nothing and says so.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { href } from '../../core/router.js';
import { uuid } from '../../core/uuid.js';
import '../../components/af-search-picker.js';
import { searchProjects } from './project-format.js';
import { XLSX_TYPE, isWorkbook } from '../crm/af-lead-import.js';

// The template's English headers, one per task field, and a sample row.
export const TEMPLATE_HEADERS = ['Key', 'Title', 'Description', 'Assignee', 'Start date', 'Due date', 'Priority', 'Status', 'Labels',
  'Estimated hours', 'Milestone', 'Phase'];
const TEMPLATE_ROW = ['T-1', 'Write the site survey', 'Walk the site with the customer', '', '2026-12-14', '2026-12-18', 'high', '', 'survey, site', '6', '', ''];

const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export function templateText() {
  return `\ufeff${[TEMPLATE_HEADERS, TEMPLATE_ROW].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const fieldName = (field) => (field && has(`projects.import.field.${field}`) ? t(`projects.import.field.${field}`) : field ?? '');
const SEPARATORS = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export class AfTaskImport extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.file = null;        // the FileRef uploaded
    this.project = null;     // {id, label}
    this.mapping = {};       // header → field ('' ignores), the user's choices
    this.preview = null;
    this.result = null;
    this.error = null;
    this.busy = '';          // 'upload' | 'preview' | 'import'
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  disconnected() {
    if (this.templateUrl) URL.revokeObjectURL(this.templateUrl);
  }

  // The template's link is a blob made here (the template renderer lets no data: URL through an href).
  updated() {
    const link = this.querySelector('[data-test="import-template"]');
    this.templateUrl ??= URL.createObjectURL(new Blob([templateText()], { type: 'text/csv' }));
    if (link && link.getAttribute('href') !== this.templateUrl) link.setAttribute('href', this.templateUrl);
  }

  async load() {
    const id = this.query?.project;
    if (!id || this.project?.id === id) return;
    try {
      const p = await api.get(`/projects/projects/${encodeURIComponent(id)}`);
      this.project = { id: p.id, label: `${p.code} ${p.name}` };
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async choose(event) {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    this.file = null;
    this.preview = null;
    this.result = null;
    this.mapping = {};
    this.error = null;
    this.busy = 'upload';
    this.requestUpdate();
    try {
      // The bytes as they are (a GB18030 file must not be read as text here), typed by the name when the picker gives no type.
      const raw = new Blob([await chosen.arrayBuffer()], { type: isWorkbook(chosen) ? XLSX_TYPE : 'text/csv' });
      this.file = await request('POST', '/files', { raw, headers: { 'X-File-Name': encodeURIComponent(chosen.name || 'tasks.csv') } });
      this.busy = '';
      await this.runPreview();
    } catch (error) {
      this.error = error;
      this.busy = '';
      this.requestUpdate();
    }
  }

  body() {
    return {
      fileId: this.file.id,
      ...(this.project ? { projectId: this.project.id } : {}),
      ...(Object.keys(this.mapping).length ? { mapping: this.mapping } : {}),
    };
  }

  async runPreview() {
    if (!this.file) return;
    const seq = ++this.seq;
    this.busy = 'preview';
    this.error = null;
    this.requestUpdate();
    try {
      const preview = await api.post('/projects/tasks/import/preview', this.body());
      if (seq !== this.seq) return;
      this.preview = preview;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.busy = '';
    this.requestUpdate();
  }

  map(header, field) {
    this.mapping = { ...this.mapping, [header]: field };
    this.result = null;
    this.runPreview();
  }

  pickProject(item) {
    this.project = item;
    this.result = null;
    this.runPreview();
  }

  async send() {
    if (!this.canImport()) return;
    this.busy = 'import';
    this.error = null;
    this.result = null;
    this.requestUpdate();
    try {
      this.result = await api.post('/projects/tasks/import', this.body(), { 'Idempotency-Key': uuid() });
    } catch (error) {
      this.error = error;
    }
    this.busy = '';
    // What the file would do now: its rows are imported.
    await this.runPreview();
  }

  canImport() {
    const p = this.preview;
    return Boolean(this.file && p && !this.busy && !this.error && !(p.problems ?? []).length && p.rows > 0);
  }

  listHref() {
    return this.project ? href(`/projects/${this.project.id}`, { tab: 'tasks' }) : href('/tasks/list');
  }

  mappingTable(p) {
    const fields = p.fields ?? [];
    return html`<table class="table responsive-table pj-mapping-table">
      <thead><tr><th scope="col">${t('projects.import.column')}</th><th scope="col">${t('projects.import.field')}</th>
        <th scope="col">${t('projects.import.example')}</th></tr></thead>
      <tbody>${(p.columns ?? []).map((c, i) => {
        const value = this.mapping[c.header] ?? c.field ?? '';
        return html`<tr data-test="mapping-row" data-header="${c.header}" data-key="${i}">
          <td class="cell-title">${c.header || html`<span class="muted">${t('projects.import.noHeader', { n: i + 1 })}</span>`}</td>
          <td data-label="${t('projects.import.field')}"><select class="input select" data-test="mapping-select" data-header="${c.header}"
            aria-label="${t('projects.import.fieldFor', { column: c.header })}" .value=${value} ?disabled=${this.busy === 'import'}
            @change=${(e) => this.map(c.header, e.target.value)}>
            <option value="" ?selected=${value === ''}>${t('projects.import.ignore')}</option>
            ${fields.map((f) => html`<option value="${f}" data-key="${f}" ?selected=${f === value}>${fieldName(f)}</option>`)}
          </select></td>
          <td data-label="${t('projects.import.example')}" class="pj-import-example">${(p.sample ?? []).slice(0, 2).map((r) => r[i] ?? '').filter(Boolean).join(' · ')}</td>
        </tr>`;
      })}</tbody>
    </table>`;
  }

  sampleTable(p) {
    const bad = new Set((p.problems ?? []).map((x) => x.row));
    const columns = p.columns ?? [];
    return html`<div class="table-scroll"><table class="table pj-sample-table" data-test="sample-table">
      <thead><tr><th scope="col" class="num">${t('projects.import.row')}</th>
        ${columns.map((c, i) => html`<th scope="col" class="${c.field ? '' : 'muted'}" data-key="${i}">${c.header}${c.field
          ? html`<span class="pj-sample-field">${fieldName(c.field)}</span>` : html`<span class="pj-sample-field">${t('projects.import.ignored')}</span>`}</th>`)}</tr></thead>
      <tbody>${(p.sample ?? []).map((r, ri) => {
        const row = p.headerRow + ri + 1;
        return html`<tr data-test="sample-row" data-row="${row}" class="${bad.has(row) ? 'is-bad' : ''}" data-key="${ri}">
          <td class="num muted">${row}</td>${columns.map((c, i) => html`<td class="${c.field ? '' : 'muted'}" data-key="${i}">${r[i] ?? ''}</td>`)}</tr>`;
      })}</tbody>
    </table></div>`;
  }

  figures(p) {
    const problems = (p.problems ?? []).length;
    return html`<div class="report-figures pj-import-figures">
      <div class="figure"><span class="muted small">${t('projects.import.rows')}</span><strong data-test="import-rows">${p.rows}</strong></div>
      <div class="figure"><span class="muted small">${t('projects.import.ready')}</span><strong data-test="import-ready">${p.ready}</strong></div>
      <div class="figure"><span class="muted small">${t('projects.import.already')}</span><strong data-test="import-already">${p.alreadyImported}</strong></div>
      <div class="figure ${problems ? 'is-bad' : ''}"><span class="muted small">${t('projects.import.problems')}</span><strong data-test="import-problem-count">${problems}</strong></div>
    </div>`;
  }

  previewCard(p) {
    const problems = p.problems ?? [];
    const separator = p.separator == null ? '' : SEPARATORS[p.separator] ? t(`projects.import.sep.${SEPARATORS[p.separator]}`) : p.separator;
    return html`<section class="card card-pad pj-import-preview" data-test="import-preview">
      <h2 class="section-title">${t('projects.import.previewTitle')}</h2>
      <dl class="pj-import-read">
        <div><dt>${t('projects.import.encoding')}</dt><dd><span class="badge badge-info" data-test="import-encoding">${p.encoding}</span></dd></div>
        ${separator ? html`<div><dt>${t('projects.import.separator')}</dt><dd data-test="import-separator">${separator}</dd></div>` : ''}
        <div><dt>${t('projects.import.headerRow')}</dt><dd data-test="import-header-row">${p.headerRow}</dd></div>
      </dl>
      ${this.figures(p)}
      <h3 class="report-subtitle">${t('projects.import.mapping')}</h3>
      <p class="muted small">${t('projects.import.mappingHint')}</p>
      ${this.mappingTable(p)}
      ${problems.length ? html`<h3 class="report-subtitle">${t('projects.import.problemsTitle', { count: problems.length })}</h3>
        <ul class="pj-import-problems">${problems.map((x, i) => html`<li data-test="import-problem" data-row="${x.row}" data-field="${x.field ?? ''}" data-key="${i}">
          <strong>${t('projects.import.rowN', { row: x.row })}</strong>${x.field ? html` · <span class="pj-import-field">${fieldName(x.field)}</span>` : ''} — ${x.message}</li>`)}</ul>` : ''}
      <h3 class="report-subtitle">${t('projects.import.sample', { count: (p.sample ?? []).length })}</h3>
      ${this.sampleTable(p)}
    </section>`;
  }

  view() {
    const p = this.preview;
    const r = this.result;
    const ok = this.canImport();
    return html`<div class="pj-task-import" data-test="task-import">
      <div class="page-header">
        <h1 class="page-title">${t('projects.import.title')}</h1>
        <div class="page-actions">
          <a class="btn btn-secondary" href="#" download="task-import-template.csv" data-test="import-template">${t('projects.import.template')}</a>
          <a class="btn btn-ghost" href="${this.listHref()}">${t('projects.task.listTitle')}</a>
        </div>
      </div>
      <section class="card card-pad pj-import-source">
        <h2 class="section-title">${t('projects.import.sourceTitle')}</h2>
        <p class="muted small">${t('projects.import.hint')}</p>
        <div class="pj-import-choose">
          <label class="field"><span class="field-label">${t('projects.import.file')}</span>
            <input type="file" class="input" accept=".csv,text/csv,.xlsx,${XLSX_TYPE}" data-test="import-file" ?disabled=${this.busy === 'import'}
              @change=${(e) => this.choose(e)}></label>
          <div class="field"><span class="field-label">${t('projects.import.project')}</span>
            <af-search-picker .testId=${'import-project'} .value=${this.project} .search=${searchProjects} .label=${t('projects.import.project')}
              .placeholder=${t('projects.import.noProject')} @pick=${(e) => { e.stopPropagation(); this.pickProject(e.detail); }}></af-search-picker></div>
        </div>
        ${this.file ? html`<p class="small">${t('projects.import.fileChosen', { name: this.file.name })}</p>` : ''}
      </section>
      ${this.busy && this.busy !== 'import' ? html`<p class="muted" data-test="import-busy"><span class="spinner"></span> ${t(`projects.import.busy.${this.busy}`)}</p>` : ''}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="import-error">${errorText(this.error)}${(this.error.fields ?? []).map((f, i) => html`<div data-key="${i}">${f.message}</div>`)}</div>` : ''}
      ${r ? html`<div class="alert ${r.created ? 'alert-success' : r.problems?.length ? 'alert-error' : 'alert-info'}" role="status" data-test="import-result">
        <strong data-test="import-created" data-count="${r.created}">${t('projects.import.created', { count: r.created })}</strong>
        <span data-test="import-unchanged" data-count="${r.unchanged}">${t('projects.import.unchanged', { count: r.unchanged })}</span>
        <a href="${this.listHref()}" data-test="import-list-link">${t('projects.import.openList')}</a>
      </div>` : ''}
      ${p ? this.previewCard(p) : ''}
      ${p ? html`<div class="form-actions pj-import-actions">
        <button type="button" class="btn btn-primary" data-test="import-send" ?disabled=${!ok} @click=${() => this.send()}>${this.busy === 'import'
          ? t('projects.import.importing') : t('projects.import.send', { count: p.ready })}</button>
        ${!ok && (p.problems ?? []).length ? html`<span class="muted small">${t('projects.import.fixFirst')}</span>` : ''}
      </div>` : ''}
    </div>`;
  }
}
AfTaskImport.define('af-task-import');
