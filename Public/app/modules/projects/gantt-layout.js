// The Gantt chart's geometry, pure (no DOM, no fetch), so a test can import it: days ↔ x for a zoom (day, week, month),
// the rows in their order (phase → its tasks → their subtasks, then tasks of no phase), each bar's box, the time axis'
// ticks and the path of a finish-to-start arrow. Days are `YYYY-MM-DD` calendar days (the company's), counted in UTC so
// no time zone or daylight-saving change can move them.

export const ZOOMS = { day: 32, week: 12, month: 4 };
export const ROW_HEIGHT = 32;
export const BAR_HEIGHT = 18;
export const HEADER_HEIGHT = 44;
const DAY_MS = 86400000;

// Days since 1970-01-01 of a `YYYY-MM-DD` day; null for anything else.
export function dayNumber(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS) : null;
}

export function dayText(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day, days) {
  const n = dayNumber(day);
  return n == null ? null : dayText(n + days);
}

// An instant moved by whole days on the device's calendar: 09:00 stays 09:00 across a daylight-saving change.
export function shiftInstant(iso, days) {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  date.setDate(date.getDate() + days);
  return date.toISOString();
}

// The scale of a chart from `start` to `end` (days, inclusive) at a zoom: x(day) is the left edge of that day.
// A few days of margin each side keep the first and last bars off the edges.
export function makeScale(start, end, zoom = 'week', margin = 2) {
  const dayWidth = ZOOMS[zoom] ?? ZOOMS.week;
  const first = (dayNumber(start) ?? dayNumber(end) ?? 0) - margin;
  const last = Math.max((dayNumber(end) ?? first) + margin, first + 1);
  return {
    zoom,
    dayWidth,
    first,
    last,
    width: (last - first + 1) * dayWidth,
    x: (day) => ((dayNumber(day) ?? first) - first) * dayWidth,
    dayAt: (x) => dayText(first + Math.floor(x / dayWidth)),
  };
}

// The widest range anything on the chart needs: the project's dates, every bar, every milestone, today.
export function chartRange(gantt) {
  const days = [gantt.startsOn, gantt.endsOn, gantt.today];
  for (const b of gantt.bars ?? []) days.push(b.startsOn, b.endsOn);
  for (const m of gantt.milestones ?? []) days.push(m.dueOn);
  const numbers = days.map(dayNumber).filter((n) => n != null);
  if (!numbers.length) return { start: gantt.today, end: gantt.today };
  return { start: dayText(Math.min(...numbers)), end: dayText(Math.max(...numbers)) };
}

// Ticks of the time axis: days (a label each day, weekends marked), weeks (Mondays) or months (the 1st), plus the month
// band above. Labels are numbers; the caller localises month names through `monthLabel(year, monthIndex)`.
export function ticks(scale, monthLabel = (y, m) => `${y}-${String(m + 1).padStart(2, '0')}`) {
  const minor = [];
  const major = [];
  for (let n = scale.first; n <= scale.last; n++) {
    const date = new Date(n * DAY_MS);
    const dom = date.getUTCDate();
    const dow = date.getUTCDay(); // 0 Sunday
    const x = (n - scale.first) * scale.dayWidth;
    if (dom === 1 || n === scale.first) major.push({ x, label: monthLabel(date.getUTCFullYear(), date.getUTCMonth()) });
    if (scale.zoom === 'day') minor.push({ x, label: String(dom), weekend: dow === 0 || dow === 6 });
    else if (scale.zoom === 'week' && dow === 1) minor.push({ x, label: String(dom), weekend: false });
    else if (scale.zoom === 'month' && (dom === 1 || dom === 15)) minor.push({ x, label: String(dom), weekend: false });
  }
  // The first month's label gives way when the next month begins within a few days (they would overlap).
  if (major.length > 1 && major[1].x - major[0].x < 72) major[0].label = '';
  return { minor, major };
}

// The rows in order: each phase (by position) with its tasks, each task followed by its subtasks (to any depth), then
// the tasks of no phase (under a "no phase" header only when the project has phases). Within a level, tasks go by
// start day (undated last), then title. A subtask whose parent is not on the chart stands at the top level.
export function buildRows(bars, phases = []) {
  const byId = new Map(bars.map((b) => [b.id, b]));
  const children = new Map();
  const top = [];
  for (const b of bars) {
    if (b.parentId && byId.has(b.parentId) && b.parentId !== b.id) {
      if (!children.has(b.parentId)) children.set(b.parentId, []);
      children.get(b.parentId).push(b);
    } else {
      top.push(b);
    }
  }
  const order = (a, b) => {
    const sa = dayNumber(a.startsOn ?? a.endsOn);
    const sb = dayNumber(b.startsOn ?? b.endsOn);
    if (sa !== sb) return sa == null ? 1 : sb == null ? -1 : sa - sb;
    return String(a.title).localeCompare(String(b.title));
  };
  const rows = [];
  const seen = new Set();
  const walk = (bar, depth) => {
    if (seen.has(bar.id)) return;
    seen.add(bar.id);
    rows.push({ kind: 'task', id: bar.id, depth, bar });
    for (const child of (children.get(bar.id) ?? []).sort(order)) walk(child, depth + 1);
  };
  const phaseIds = new Set(phases.map((p) => p.id));
  for (const phase of [...phases].sort((a, b) => a.position - b.position)) {
    rows.push({ kind: 'phase', id: phase.id, depth: 0, phase });
    for (const bar of top.filter((b) => b.phaseId === phase.id).sort(order)) walk(bar, 1);
  }
  const loose = top.filter((b) => !b.phaseId || !phaseIds.has(b.phaseId)).sort(order);
  if (loose.length && phases.length) rows.push({ kind: 'phase', id: 'none', depth: 0, phase: null });
  for (const bar of loose) walk(bar, phases.length ? 1 : 0);
  rows.forEach((row, index) => { row.index = index; row.y = index * ROW_HEIGHT; });
  return rows;
}

// A bar's box: from the left edge of its start day to the right edge of its end day. Undated bars have no box.
export function barBox(bar, scale, row) {
  const start = dayNumber(bar.startsOn ?? bar.endsOn);
  const end = dayNumber(bar.endsOn ?? bar.startsOn);
  if (start == null || end == null) return null;
  const x = (start - scale.first) * scale.dayWidth;
  const width = Math.max(end - start + 1, 1) * scale.dayWidth;
  const y = (row?.y ?? 0) + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  return { x, y, width, height: BAR_HEIGHT };
}

// A finish-to-start arrow from the predecessor's end to the successor's start: right out of the predecessor, down (or
// up) to the successor's row and right into its start; when the successor starts before the predecessor ends, the path
// goes back between the rows first. Answers an SVG path ("M… H… V…").
export function arrowPath(from, to, gap = 8) {
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  const tx = to.x;
  const ty = to.y + to.height / 2;
  if (tx - sx >= gap * 2) {
    const mid = sx + gap;
    return `M${sx} ${sy} H${mid} V${ty} H${tx}`;
  }
  const between = ty > sy ? to.y - (ROW_HEIGHT - BAR_HEIGHT) / 2 : from.y - (ROW_HEIGHT - BAR_HEIGHT) / 2;
  return `M${sx} ${sy} H${sx + gap} V${between} H${tx - gap} V${ty} H${tx}`;
}

// Everything the chart draws, in one pass: rows, bar boxes (by id), arrows (predecessor and successor both dated),
// milestone diamonds, the today line's x and the axis.
// `minWidth` (the space the chart has) stretches the axis past the last day so the chart fills it.
export function layout(gantt, zoom = 'week', monthLabel, minWidth = 0) {
  const range = chartRange(gantt);
  let scale = makeScale(range.start, range.end, zoom);
  if (scale.width < minWidth) scale = makeScale(range.start, dayText(scale.last - 2 + Math.ceil((minWidth - scale.width) / scale.dayWidth)), zoom);
  const rows = buildRows(gantt.bars ?? [], gantt.phases ?? []);
  const boxes = new Map();
  for (const row of rows) {
    if (row.kind !== 'task') continue;
    const box = barBox(row.bar, scale, row);
    if (box) boxes.set(row.id, box);
  }
  const arrows = [];
  for (const link of gantt.links ?? []) {
    const from = boxes.get(link.from);
    const to = boxes.get(link.to);
    if (from && to) arrows.push({ from: link.from, to: link.to, d: arrowPath(from, to) });
  }
  const height = rows.length * ROW_HEIGHT;
  const milestones = (gantt.milestones ?? []).filter((m) => dayNumber(m.dueOn) != null)
    .map((m) => ({ milestone: m, x: scale.x(m.dueOn) + scale.dayWidth / 2 }));
  return {
    scale,
    rows,
    boxes,
    arrows,
    milestones,
    height,
    today: dayNumber(gantt.today) != null ? scale.x(gantt.today) + scale.dayWidth / 2 : null,
    axis: ticks(scale, monthLabel),
  };
}

// Whole days a drag of `dx` pixels moves by.
export function daysFor(dx, scale) {
  return Math.round(dx / scale.dayWidth);
}
