// data-test: opportunity-board, board-column (data-stage-id, data-kind), board-column-total, board-card (data-id), board-card-name,
//            board-card-move (the phone's "Move to…" menu), board-error (the lost reason's dialog: af-confirm-dialog.js)
// The opportunities as a kanban board (看板) by stage: a column per stage in funnel order (open ones, then won, then lost),
// each card with its name, customer and amount. On a desktop a card is dragged to another column; on a phone each card
// has a "Move to…" menu instead. Moving posts POST /crm/opportunities/{id}/move {version, stageId}; the lost stage first
// asks for the reason. A stale version (someone moved it meanwhile) shows the server's refusal and the board as it is now.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { getUser } from '../../core/store.js';
import { formatMoney } from '../../core/format.js';
import '../../components/af-confirm-dialog.js';
import { loadStages } from './opportunity-format.js';

const PHONE = '(max-width: 719.98px)';
const LIMIT = 200;

// Adds decimal strings for a column's total (cents, so 0.1 + 0.2 stays exact).
function total(items) {
  const cents = items.reduce((sum, o) => sum + Math.round(Number(o.amount ?? 0) * 100), 0);
  return (cents / 100).toFixed(2);
}

export class AfOpportunityBoard extends AfElement {
  constructor() {
    super();
    this.stages = null;
    this.items = [];
    this.error = null;
    this.moving = null; // { opportunity, stage } waiting for a lost reason
    this.busy = false;
    this.dialogError = null;
    this.dragged = null;
  }

  connected() {
    this.media = matchMedia(PHONE);
    this.onMedia = () => this.requestUpdate();
    this.media.addEventListener('change', this.onMedia);
    this.reload();
  }

  disconnected() {
    this.media.removeEventListener('change', this.onMedia);
  }

  async load() {
    try {
      const [stages, page] = await Promise.all([loadStages(), api.get('/crm/opportunities', { limit: LIMIT, sort: 'expectedCloseDate' })]);
      this.stages = stages;
      this.items = page.items ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  ask(opportunity, stageId) {
    const stage = this.stages.find((s) => s.id === stageId);
    if (!stage || stage.id === opportunity.stageId) return;
    if (stage.kind === 'lost') {
      this.moving = { opportunity, stage };
      this.dialogError = null;
      this.requestUpdate();
      return;
    }
    this.move(opportunity, stage);
  }

  async move(opportunity, stage, lostReason) {
    this.busy = true;
    this.requestUpdate();
    try {
      const body = { version: opportunity.version, stageId: stage.id, ...(lostReason ? { lostReason } : {}) };
      const moved = await api.post(`/crm/opportunities/${encodeURIComponent(opportunity.id)}/move`, body);
      this.items = this.items.map((o) => (o.id === moved.id ? moved : o));
      this.moving = null;
      notify(t('crm.opportunity.moved', { name: moved.name, stage: moved.stageName }), 'success');
      this.dispatchEvent(new CustomEvent('moved', { detail: moved, bubbles: true }));
    } catch (error) {
      if (this.moving) this.dialogError = error;
      else notify(errorText(error), 'error');
      if (error.status === 409) this.reload();
    }
    this.busy = false;
    this.requestUpdate();
  }

  drop(event, stage) {
    event.preventDefault();
    event.currentTarget.classList.remove('is-drop-target');
    const id = event.dataTransfer?.getData('text/plain') || this.dragged;
    const opportunity = this.items.find((o) => o.id === id);
    if (opportunity) this.ask(opportunity, stage.id);
  }

  card(o) {
    const phone = this.media.matches;
    return html`<li class="board-card" data-test="board-card" data-id="${o.id}" data-key="${o.id}" draggable="${phone ? 'false' : 'true'}"
      @dragstart=${(e) => { this.dragged = o.id; e.dataTransfer.setData('text/plain', o.id); e.dataTransfer.effectAllowed = 'move'; }}>
      <a class="board-card-name" data-test="board-card-name" href="${href(`/crm/opportunities/${o.id}`)}">${o.name}</a>
      <div class="muted small">${o.customerName}</div>
      <div class="board-card-amount">${formatMoney(o.amount, o.currency)}</div>
      ${phone && o.state === 'open' ? html`<select class="input select board-card-move" data-test="board-card-move" aria-label="${t('crm.opportunity.moveTo')}"
        ?disabled=${this.busy} @change=${(e) => { const id = e.target.value; e.target.value = ''; this.ask(o, id); }}>
        <option value="">${t('crm.opportunity.moveTo')}</option>
        ${this.stages.filter((s) => s.id !== o.stageId).map((s) => html`<option value="${s.id}" data-key="${s.id}">${s.name}</option>`)}
      </select>` : ''}
    </li>`;
  }

  column(stage) {
    const items = this.items.filter((o) => o.stageId === stage.id);
    return html`<section class="board-column board-${stage.kind}" data-test="board-column" data-stage-id="${stage.id}" data-kind="${stage.kind}" data-key="${stage.id}"
      @dragover=${(e) => { e.preventDefault(); e.currentTarget.classList.add('is-drop-target'); }}
      @dragleave=${(e) => e.currentTarget.classList.remove('is-drop-target')}
      @drop=${(e) => this.drop(e, stage)}>
      <header class="board-column-head">
        <strong>${stage.name}</strong> <span class="muted small">${stage.probability}% · ${items.length}</span>
        <div class="small" data-test="board-column-total">${formatMoney(total(items), this.items[0]?.currency ?? getUser()?.tenant?.currency)}</div>
      </header>
      <ul class="board-cards">${items.map((o) => this.card(o))}</ul>
    </section>`;
  }

  dialog() {
    const m = this.moving;
    if (!m) return '';
    return html`<af-confirm-dialog data-key="lost" .heading=${t('crm.opportunity.lostTitle', { name: m.opportunity.name })}
      .message=${t('crm.opportunity.lostMessage')} .action=${t('crm.opportunity.markLost')} .danger=${true}
      .noteLabel=${t('crm.opportunity.lostReason')} .busy=${this.busy} .error=${this.dialogError}
      @confirm=${(e) => this.move(m.opportunity, m.stage, e.detail.note)}
      @dismiss=${() => { this.moving = null; this.requestUpdate(); }}></af-confirm-dialog>`;
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="board-error">${errorText(this.error)}</div>`;
    if (!this.stages) return html`<p><span class="spinner"></span> ${t('common.loading')}</p>`;
    return html`
      <div class="opportunity-board" data-test="opportunity-board">${this.stages.map((s) => this.column(s))}</div>
      ${this.dialog()}`;
  }
}
AfOpportunityBoard.define('af-opportunity-board');
