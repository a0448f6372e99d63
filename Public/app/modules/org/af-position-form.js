// data-test: position-form, position-form-name, position-form-code, position-form-save, position-form-cancel,
//            position-form-error, position-form-stale, field-error (data-field name | code)
// Add a position (POST /org/positions {name, code?}) or rename / recode one (PATCH /org/positions/{id}
// with the version read; only what changed is sent). A name or code another current position has
// answers 422 org.position.name_taken / code_taken, shown at the field.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfRecordForm } from '../../components/record-form.js';

export class AfPositionForm extends AfRecordForm {
  static prefix = 'position';
  static fieldMap = { name: 'name', code: 'code' };

  path() {
    return '/org/positions';
  }

  fill(p) {
    return { name: p?.name ?? '', code: p?.code ?? '' };
  }

  localErrors() {
    return this.values.name.trim() ? {} : { name: { code: 'field.required' } };
  }

  body() {
    const name = this.values.name.trim();
    const code = this.values.code.trim();
    const p = this.record;
    if (!p) return code ? { name, code } : { name };
    const body = { version: p.version };
    if (name !== p.name) body.name = name;
    if (code !== (p.code ?? '')) body.code = code;
    return Object.keys(body).length > 1 ? body : null;
  }

  view() {
    const title = this.record ? t('org.position.editTitle', { name: this.record.name }) : t('org.position.addTitle');
    return html`
      <form class="dept-form" novalidate data-test="position-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h3 class="dept-form-title">${title}</h3>
        ${this.alerts()}
        <div class="dept-form-grid">
          ${this.textField('name', t('org.position.name'), { required: true })}
          ${this.textField('code', t('org.position.code'), { maxlength: 30 })}
        </div>
        ${this.actions(t('org.position.add'))}
      </form>`;
  }
}
AfPositionForm.define('af-position-form');
