// Colours and number/time formats shared by the charts: CSS variables, so light and dark themes both apply.
import type { CSSProperties } from 'react';

/** Palette size defined in charts.css (`--chart-0` ... `--chart-11`). */
const PALETTE = 12;
/** Fixed colour slots per state, so a state keeps its colour when others come and go. */
const SLOTS: Readonly<Record<string, number>> = {
  LISTEN: 0,
  SYN_SENT: 1,
  SYN_RECEIVED: 2,
  ESTABLISHED: 3,
  FIN_WAIT_1: 4,
  FIN_WAIT_2: 5,
  CLOSE_WAIT: 6,
  CLOSING: 7,
  LAST_ACK: 8,
  TIME_WAIT: 9,
  CLOSED: 10,
  'udp:UNCONN': 11,
  'udp:ESTABLISHED': 1,
};

/** The colour of a state key. */
export function stateColor(key: string): string {
  return `var(--chart-${SLOTS[key] ?? 10})`;
}

/** A colour that stays with a key across polls (transition kinds come and go and change rank). */
export function keyColor(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return `var(--chart-${h % PALETTE})`;
}

/** Axis and grid strokes that follow the theme. */
export const AXIS = 'var(--fg-muted)';
export const GRID = 'var(--border)';

/** Tooltip box: theme colours, set through React (CSSOM), which the CSP allows. */
export const TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--bg)',
  border: '1px solid var(--border)',
  borderRadius: 4,
  fontSize: 12,
  color: 'var(--fg)',
};

/** Plot-area margin of every chart (px). */
export const CHART_MARGIN = { top: 4, right: 8, bottom: 0, left: 0 } as const;

/** The dashed grid behind every chart. */
export const GRID_PROPS = { stroke: GRID, strokeDasharray: '3 3' } as const;

/** Formats a chart time: seconds matter for short windows, not for long ones. */
export function timeFormatter(language: string, withSeconds: boolean): (t: number) => string {
  const f = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hour12: false,
  });
  return (t) => f.format(t);
}

/** Formats a value exactly enough: whole numbers stay whole, means keep one decimal. */
export function numberFormatter(language: string): (n: number) => string {
  const f = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return (n) => f.format(n);
}
