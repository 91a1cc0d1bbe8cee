// Inline SVG charts of the HTML report: state bars of the snapshot and state lines over the window (no script).
import { esc } from './html-escape';
import type { Report, StateCount } from './report-types';

/** Colours per state, readable on white and in greyscale print (darker for the states that need attention). */
const STATE_COLOURS: Readonly<Record<string, string>> = {
  LISTEN: '#2458b3',
  ESTABLISHED: '#1f7a3d',
  TIME_WAIT: '#9a6200',
  CLOSE_WAIT: '#b3261e',
  SYN_SENT: '#6b4fbb',
  SYN_RECEIVED: '#8e3a8a',
  FIN_WAIT_1: '#4a7f8c',
  FIN_WAIT_2: '#2f6f6f',
  LAST_ACK: '#7a4b2a',
  CLOSING: '#555',
  CLOSED: '#888',
  UNCONN: '#5b6575',
};
const colour = (state: string): string => STATE_COLOURS[state] ?? '#777';
/** Series drawn on the timeline at most; the rest would be unreadable lines at the bottom. */
const MAX_LINES = 8;

/** Horizontal bars, one per protocol and state, labelled with the count. */
export function stateBars(counts: readonly StateCount[], title: string): string {
  if (counts.length === 0) return '';
  const rowH = 22;
  const labelW = 150;
  const barW = 360;
  const max = Math.max(...counts.map((c) => c.count));
  const h = counts.length * rowH + 8;
  const rows = counts.map((c, i) => {
    const y = i * rowH + 4;
    const w = Math.max(1, Math.round((c.count / max) * barW));
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(`${c.proto} ${c.state}`)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${colour(c.state)}"/>` +
      `<text x="${labelW + w + 6}" y="${y + 15}">${c.count}</text>`
    );
  });
  return (
    `<svg role="img" aria-label="${esc(title)}" width="100%" viewBox="0 0 ${labelW + barW + 70} ${h}" ` +
    `xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${rows.join('')}</svg>`
  );
}

/** One line per busiest series over the window, with a y axis from 0 to the peak and a legend. */
export function stateTimeline(tl: NonNullable<Report['timeline']>, title: string): string {
  const ids = Object.keys(tl.series)
    .sort((a, b) => Math.max(...(tl.series[b] ?? [0])) - Math.max(...(tl.series[a] ?? [0])))
    .slice(0, MAX_LINES);
  if (ids.length === 0 || tl.t.length < 2) return '';
  const W = 580;
  const H = 200;
  const left = 44;
  const top = 8;
  const plotW = W - left - 8;
  const plotH = H - top - 24;
  const peak = Math.max(1, ...ids.flatMap((id) => tl.series[id] ?? []));
  const x = (i: number) => left + (i / (tl.t.length - 1)) * plotW;
  const y = (v: number) => top + plotH - (v / peak) * plotH;
  const lines = ids.map((id) => {
    const pts = (tl.series[id] ?? []).map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const state = id.split(':')[1] ?? '';
    return `<polyline fill="none" stroke-width="1.6" stroke="${colour(state)}" points="${pts}"/>`;
  });
  const axis =
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#999"/>` +
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#999"/>` +
    `<text x="${left - 4}" y="${top + 10}" text-anchor="end">${Math.round(peak)}</text>` +
    `<text x="${left - 4}" y="${top + plotH}" text-anchor="end">0</text>` +
    `<text x="${left}" y="${H - 6}">${esc(new Date(tl.t[0] ?? 0).toISOString().slice(11, 19))}</text>` +
    `<text x="${left + plotW}" y="${H - 6}" text-anchor="end">${esc(new Date(tl.t.at(-1) ?? 0).toISOString().slice(11, 19))}</text>`;
  const legend = ids
    .map((id) => `<span><i style="background:${colour(id.split(':')[1] ?? '')}"></i>${esc(id)}</span>`)
    .join('');
  return (
    `<svg role="img" aria-label="${esc(title)}" width="100%" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title>${axis}${lines.join('')}</svg><div class="legend">${legend}</div>`
  );
}
