// data-test: crm-reports, reports-from, reports-to, reports-apply, reports-error, report-funnel, report-sources, source-row
//            (data-source), sources-total, sources-chart, report-activity, activity-row (data-owner-id), activity-week (data-week),
//            activity-total, activity-chart, report-idle, idle-days, idle-total, idle-row (data-owner-id), idle-link, report-outcomes,
//            outcome-won, outcome-lost, outcome-rate, reason-row, reasons-chart, outcome-owner-row (data-owner-id)
//            (the funnel's: funnel-chart.js; the charts' bars: crm-charts.js)
// CRM reports (报表), #/crm/reports, for a period (from/to in the URL; default the last twelve weeks up to today):
// the funnel and its conversion; new customers and leads by source; done visits and follow-ups per rep and week;
// customers not followed up for N days by owner (each links to the customer list filtered by notFollowedSince);
// wins and losses with the win rate, the lost reasons and each owner's figures. Every figure is within the reader's scopes.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { formatMoney, formatPercent, formatDecimal, todayIn } from '../../core/format.js';
import { funnelChart } from './funnel-chart.js';
import { barChart, columnChart } from './crm-charts.js';

const WEEKS = 12;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

// YYYY-MM-DD `days` before (negative: after) a calendar day, computed in UTC so no time zone moves it.
export function dayBefore(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function sourceLabel(source) {
  if (!source) return t('crm.reports.noSource');
  return has(`partners.source.${source}`) ? t(`partners.source.${source}`) : source;
}

export class AfCrmReports extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    const user = getUser();
    this.today = todayIn(user?.timeZone ?? user?.tenant?.timeZone);
    this.data = {};
    this.errors = {};
    this.days = '30';
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  period() {
    const to = DAY.test(this.query?.to ?? '') ? this.query.to : this.today;
    const from = DAY.test(this.query?.from ?? '') ? this.query.from : dayBefore(to, WEEKS * 7 - 1);
    return { from, to };
  }

  async load() {
    const seq = ++this.seq;
    const period = this.period();
    this.days = /^\d+$/.test(this.query?.days ?? '') ? this.query.days : this.days;
    const parts = {
      funnel: () => api.get('/crm/funnel', period),
      sources: () => api.get('/crm/reports/sources', period),
      activity: () => api.get('/crm/reports/activity', period),
      idle: () => api.get('/crm/reports/idle-customers', { days: this.days }),
      outcomes: () => api.get('/crm/reports/outcomes', period),
    };
    // Each section loads and fails on its own: one refused report does not blank the others.
    await Promise.all(Object.entries(parts).map(async ([name, get]) => {
      try {
        const value = await get();
        if (seq !== this.seq) return;
        this.data[name] = value;
        delete this.errors[name];
      } catch (error) {
        if (seq !== this.seq) return;
        this.errors[name] = error;
      }
      this.requestUpdate();
    }));
  }

  apply(event) {
    event.preventDefault();
    const form = event.target.closest('form');
    const from = form.querySelector('[data-test="reports-from"]').value;
    const to = form.querySelector('[data-test="reports-to"]').value;
    navigate('/crm/reports', { ...(this.query ?? {}), from, to });
  }

  idleDays(event) {
    event.preventDefault();
    const value = event.target.closest('form').querySelector('[data-test="idle-days"]').value.trim();
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 365) return;
    navigate('/crm/reports', { ...(this.query ?? {}), days: value });
  }

  section(name, title, body) {
    const error = this.errors[name];
    const data = this.data[name];
    return html`<section class="card card-pad report-section" data-test="report-${name}" data-key="${name}">
      <h2 class="section-title">${title}</h2>
      ${error ? html`<div class="alert alert-error" role="alert" data-test="reports-error">${errorText(error)}</div>`
        : data ? body(data) : html`<span class="spinner"></span>`}
    </section>`;
  }

  sources(d) {
    const rows = d.rows ?? [];
    const series = [{ name: t('crm.reports.newCustomers') }, { name: t('crm.reports.newLeads') }];
    return html`<div class="report-split">
      <div class="table-scroll"><table class="table crm-report-table">
        <thead><tr><th scope="col">${t('partners.source')}</th><th scope="col" class="num">${t('crm.reports.newCustomers')}</th>
          <th scope="col" class="num">${t('crm.reports.newLeads')}</th><th scope="col" class="num">${t('crm.reports.convertedLeads')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-test="source-row" data-source="${r.source}" data-key="${r.source || '-'}">
          <th scope="row">${sourceLabel(r.source)}</th><td class="num">${r.customers}</td><td class="num">${r.leads}</td><td class="num">${r.convertedLeads}</td></tr>`)}</tbody>
        <tfoot><tr data-test="sources-total"><th scope="row">${t('crm.reports.total')}</th><td class="num">${d.totals?.customers ?? 0}</td>
          <td class="num">${d.totals?.leads ?? 0}</td><td class="num">${d.totals?.convertedLeads ?? 0}</td></tr></tfoot>
      </table></div>
      ${rows.length ? barChart({ title: t('crm.reports.sources'), series, testId: 'sources-chart',
        rows: rows.map((r) => ({ label: sourceLabel(r.source), values: [r.customers, r.leads] })) }) : html`<p class="muted">${t('crm.reports.nothing')}</p>`}
    </div>`;
  }

  activity(d) {
    const weeks = d.weeks ?? [];
    const rows = d.rows ?? [];
    const short = (w) => w.replace(/^\d{4}-/, '');
    const totals = weeks.map((w, i) => rows.reduce((sum, r) => {
      const cell = r.weeks?.[i] ?? {};
      return { visits: sum.visits + (cell.visits ?? 0), followUps: sum.followUps + (cell.followUps ?? 0) };
    }, { visits: 0, followUps: 0 }));
    const series = [{ name: t('crm.reports.visits') }, { name: t('crm.reports.followUps') }];
    return html`
      ${weeks.length ? columnChart({ title: t('crm.reports.activity'), series, testId: 'activity-chart',
        columns: weeks.map((w, i) => ({ label: short(w), values: [totals[i].visits, totals[i].followUps] })) }) : ''}
      <p class="muted small">${t('crm.reports.cellHint')}</p>
      <div class="table-scroll"><table class="table crm-report-table activity-table">
        <thead><tr><th scope="col">${t('partners.owner')}</th>
          ${weeks.map((w) => html`<th scope="col" class="num" title="${w}">${short(w)}</th>`)}
          <th scope="col" class="num">${t('crm.reports.total')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-test="activity-row" data-owner-id="${r.ownerId ?? ''}" data-key="${r.ownerId ?? '-'}">
          <th scope="row">${r.ownerName ?? t('crm.reports.noOwner')}</th>
          ${(r.weeks ?? []).map((c) => html`<td class="num" data-test="activity-week" data-week="${c.week}">${c.visits} / ${c.followUps}</td>`)}
          <td class="num"><strong>${r.visits} / ${r.followUps}</strong></td></tr>`)}</tbody>
        <tfoot><tr data-test="activity-total"><th scope="row">${t('crm.reports.total')}</th>
          ${totals.map((c) => html`<td class="num">${c.visits} / ${c.followUps}</td>`)}
          <td class="num"><strong>${d.totals?.visits ?? 0} / ${d.totals?.followUps ?? 0}</strong></td></tr></tfoot>
      </table></div>`;
  }

  idle(d) {
    const link = href('/customers', { notFollowedSince: d.since });
    return html`
      <form class="report-inline-form" @submit=${(e) => this.idleDays(e)}>
        <label class="field"><span class="field-label">${t('crm.reports.idleDays')}</span>
          <span class="input-with-suffix"><input class="input" type="number" min="1" max="365" inputmode="numeric" data-test="idle-days" .value=${this.days}>
          <span class="muted">${t('crm.contract.days')}</span></span></label>
        <button type="submit" class="btn btn-secondary">${t('crm.reports.show')}</button>
      </form>
      <p><a href="${link}" data-test="idle-link">${t('crm.reports.idleTotal', { count: d.total, since: d.since })}</a>
        <strong class="report-figure" data-test="idle-total">${d.total}</strong></p>
      ${(d.rows ?? []).length ? html`<div class="table-scroll"><table class="table crm-report-table">
        <thead><tr><th scope="col">${t('partners.owner')}</th><th scope="col" class="num">${t('crm.reports.customers')}</th></tr></thead>
        <tbody>${d.rows.map((r) => html`<tr data-test="idle-row" data-owner-id="${r.ownerId ?? ''}" data-key="${r.ownerId ?? '-'}">
          <th scope="row">${r.ownerName ?? t('crm.reports.noOwner')}</th>
          <td class="num"><a href="${link}">${r.count}</a></td></tr>`)}</tbody>
      </table></div>` : ''}`;
  }

  outcomes(d) {
    const money = (v) => formatMoney(v, d.currency);
    const reasons = d.reasons ?? [];
    return html`
      <div class="report-figures">
        <div class="figure"><span class="muted small">${t('crm.reports.won')}</span><strong data-test="outcome-won">${d.won?.count ?? 0}</strong>
          <span class="small">${money(d.won?.amount)}</span></div>
        <div class="figure"><span class="muted small">${t('crm.reports.lost')}</span><strong data-test="outcome-lost">${d.lost?.count ?? 0}</strong>
          <span class="small">${money(d.lost?.amount)}</span></div>
        <div class="figure"><span class="muted small">${t('crm.reports.winRate')}</span><strong data-test="outcome-rate">${formatPercent(d.winRate ?? '0')}</strong></div>
      </div>
      <h3 class="report-subtitle">${t('crm.reports.reasons')}</h3>
      ${reasons.length ? html`<div class="report-split">
        <div class="table-scroll"><table class="table crm-report-table">
          <thead><tr><th scope="col">${t('crm.opportunity.lostReason')}</th><th scope="col" class="num">${t('crm.reports.count')}</th>
            <th scope="col" class="num">${t('crm.contract.amount')}</th></tr></thead>
          <tbody>${reasons.map((r, i) => html`<tr data-test="reason-row" data-key="${i}"><th scope="row">${r.reason || t('crm.reports.noReason')}</th>
            <td class="num">${r.count}</td><td class="num">${money(r.amount)}</td></tr>`)}</tbody>
        </table></div>
        ${barChart({ title: t('crm.reports.reasons'), series: [{ name: t('crm.reports.count') }], testId: 'reasons-chart',
          rows: reasons.map((r) => ({ label: r.reason || t('crm.reports.noReason'), values: [r.count] })) })}
      </div>` : html`<p class="muted">${t('crm.reports.nothing')}</p>`}
      <h3 class="report-subtitle">${t('crm.reports.byOwner')}</h3>
      ${(d.byOwner ?? []).length ? html`<div class="table-scroll"><table class="table crm-report-table">
        <thead><tr><th scope="col">${t('partners.owner')}</th><th scope="col" class="num">${t('crm.reports.won')}</th>
          <th scope="col" class="num">${t('crm.reports.lost')}</th><th scope="col" class="num">${t('crm.reports.wonAmount')}</th>
          <th scope="col" class="num">${t('crm.reports.lostAmount')}</th><th scope="col" class="num">${t('crm.reports.winRate')}</th></tr></thead>
        <tbody>${d.byOwner.map((o) => html`<tr data-test="outcome-owner-row" data-owner-id="${o.ownerId ?? ''}" data-key="${o.ownerId ?? '-'}">
          <th scope="row">${o.ownerName ?? t('crm.reports.noOwner')}</th><td class="num">${o.won}</td><td class="num">${o.lost}</td>
          <td class="num">${money(o.wonAmount)}</td><td class="num">${money(o.lostAmount)}</td><td class="num">${formatPercent(o.winRate)}</td></tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('crm.reports.nothing')}</p>`}`;
  }

  view() {
    const { from, to } = this.period();
    return html`<div class="crm-reports" data-test="crm-reports">
      <div class="page-header">
        <h1 class="page-title">${t('nav.crm_reports')}</h1>
        <form class="report-period" @submit=${(e) => this.apply(e)}>
          <label class="field"><span class="field-label">${t('crm.reports.from')}</span>
            <input class="input" type="date" data-test="reports-from" .value=${from} max="${to}"></label>
          <label class="field"><span class="field-label">${t('crm.reports.to')}</span>
            <input class="input" type="date" data-test="reports-to" .value=${to}></label>
          <button type="submit" class="btn btn-primary" data-test="reports-apply">${t('crm.reports.show')}</button>
        </form>
      </div>
      <div class="report-grid">
        ${this.section('funnel', t('crm.reports.funnel'), (f) => html`${funnelChart(f)}${this.conversion(f)}`)}
        ${this.section('sources', t('crm.reports.sources'), (d) => this.sources(d))}
        ${this.section('activity', t('crm.reports.activity'), (d) => this.activity(d))}
        ${this.section('idle', t('crm.reports.idle'), (d) => this.idle(d))}
        ${this.section('outcomes', t('crm.reports.outcomes'), (d) => this.outcomes(d))}
      </div>
    </div>`;
  }

  // The funnel's figures as a table too: reached, now in the stage, conversion from the stage before.
  conversion(f) {
    return html`<div class="table-scroll"><table class="table crm-report-table">
      <thead><tr><th scope="col">${t('crm.opportunity.stage')}</th><th scope="col" class="num">${t('crm.reports.reached')}</th>
        <th scope="col" class="num">${t('crm.reports.count')}</th><th scope="col" class="num">${t('crm.contract.amount')}</th>
        <th scope="col" class="num">${t('crm.reports.conversion')}</th></tr></thead>
      <tbody>${(f.stages ?? []).map((s) => html`<tr data-test="funnel-row" data-key="${s.stageId}" data-kind="${s.kind}">
        <th scope="row">${s.name}</th><td class="num">${formatDecimal(String(s.reached ?? ''))}</td><td class="num">${s.count}</td>
        <td class="num">${formatMoney(s.amount, f.currency)}</td><td class="num">${s.conversion != null ? formatPercent(s.conversion) : ''}</td></tr>`)}</tbody>
    </table></div>`;
  }
}
AfCrmReports.define('af-crm-reports');
