// data-test: <testId>-province, <testId>-city, <testId>-district (default testId: division)
// China's administrative divisions as three cascading selects, province → city → district, from GET /partners/divisions
// (fetched once per page load and kept in memory; api.get keeps the answer on the device too, so the picker works
// offline once it has been opened online). `value` = { provinceCode, cityCode, districtCode } (empty strings for none);
// a choice is reported as a `pick` event with the three codes (a lower level is emptied when a higher one changes).
// City names 「市辖区」/「县」 are placeholders of the statistics bureau but real codes: they are offered as they are.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText } from '../core/i18n.js';
import { api } from '../core/api.js';

let divisions = null;

export function loadDivisions() {
  divisions ??= api.get('/partners/divisions').catch((error) => {
    divisions = null;
    throw error;
  });
  return divisions;
}

export class AfDivisionPicker extends AfElement {
  static properties = ['value', 'testId', 'invalid', 'label'];

  constructor() {
    super();
    this.tree = null;
    this.error = null;
  }

  async connected() {
    try {
      this.tree = await loadDivisions();
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  pick(level, code) {
    const v = this.value ?? {};
    const next = level === 'province' ? { provinceCode: code, cityCode: '', districtCode: '' }
      : level === 'city' ? { provinceCode: v.provinceCode ?? '', cityCode: code, districtCode: '' }
        : { provinceCode: v.provinceCode ?? '', cityCode: v.cityCode ?? '', districtCode: code };
    this.dispatchEvent(new CustomEvent('pick', { detail: next, bubbles: true }));
  }

  select(level, label, nodes, current, enabled) {
    const id = `${this.testId ?? 'division'}-${level}`;
    return html`<select class="input select ${this.invalid ? 'is-invalid' : ''}" data-test="${id}" aria-label="${label}"
      aria-invalid="${this.invalid ? 'true' : 'false'}" ?disabled=${!enabled} .value=${current ?? ''}
      @change=${(e) => { e.stopPropagation(); this.pick(level, e.target.value); }}>
      <option value="">${label}</option>
      ${(nodes ?? []).map((n) => html`<option value="${n.code}" data-key="${n.code}">${n.name}</option>`)}
    </select>`;
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>`;
    if (!this.tree) return html`<span class="muted"><span class="spinner"></span> ${t('common.loading')}</span>`;
    const v = this.value ?? {};
    const province = this.tree.find((p) => p.code === v.provinceCode);
    const city = province?.children?.find((c) => c.code === v.cityCode);
    return html`<div class="division-picker" role="group" aria-label="${this.label ?? t('division.label')}">
      ${this.select('province', t('division.province'), this.tree, v.provinceCode, true)}
      ${this.select('city', t('division.city'), province?.children, v.cityCode, Boolean(province))}
      ${this.select('district', t('division.district'), city?.children, v.districtCode, Boolean(city?.children?.length))}
    </div>`;
  }
}
AfDivisionPicker.define('af-division-picker');

// The picker as a record form's field (record-form.js): the three codes in form.values, errors under `division`.
export function divisionField(form, testId) {
  const v = form.values;
  return html`
    <div class="field field-wide">
      <span class="field-label">${t('division.label')}</span>
      <af-division-picker .testId=${testId} data-field-input="division" .invalid=${Boolean(form.errors.division)}
        .value=${{ provinceCode: v.provinceCode, cityCode: v.cityCode, districtCode: v.districtCode }}
        @pick=${(e) => { form.values = { ...form.values, ...e.detail }; form.input('division', ''); form.requestUpdate(); }}></af-division-picker>
      ${form.fieldError('division')}
    </div>`;
}
