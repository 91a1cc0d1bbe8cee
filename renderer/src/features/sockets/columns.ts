// The socket table's columns: ids, header keys, sort keys; one list drives header, rows and sorting.
import type { HostNameLookup } from '../../../../shared/logic/filter';
import { socketService, type ServiceTable } from '../../../../shared/logic/services';
import { SOCKET_TABLE_FIELDS, type SocketTableField } from '../../../../shared/logic/socket-fields';
import { ownerLabel } from '../../../../shared/logic/socket-owners';
import type { Socket } from '../../../../shared/model/socket';
import { SOCKET_STATES } from '../../../../shared/model/socket';

/** The socket fields the grid shows first: the family has no column, the proto column shows it (`tcp6`). */
const SOCKET_COLUMNS = SOCKET_TABLE_FIELDS.filter((f): f is Exclude<SocketTableField, 'family'> => f !== 'family');

/** Every column, in display order. */
export const COLUMN_IDS = [...SOCKET_COLUMNS, 'service', 'age', 'rtt', 'sentRate', 'receivedRate', 'bytes'] as const;

/** A column of the socket table. */
export type ColumnId = (typeof COLUMN_IDS)[number];

/** Columns whose values are numbers: right-aligned, tabular figures. */
export const NUMERIC_COLUMNS: ReadonlySet<ColumnId> = new Set([
  'localPort',
  'remotePort',
  'pid',
  'age',
  'rtt',
  'sentRate',
  'receivedRate',
  'bytes',
]);

/** A column's width: fixed px, or at least `min` px and `fr` of the width left. */
type ColumnWidth = number | { readonly min: number; readonly fr: number };

const COLUMN_WIDTHS: Readonly<Record<ColumnId, ColumnWidth>> = {
  proto: 60,
  localAddress: { min: 130, fr: 1.3 },
  localPort: 96,
  remoteAddress: { min: 130, fr: 1.3 },
  remotePort: 110,
  state: 112,
  pid: 72,
  process: { min: 110, fr: 1 },
  user: 80,
  service: 100,
  age: 84,
  rtt: 80,
  sentRate: 96,
  receivedRate: 96,
  bytes: 190,
};

/** The rows' `grid-template-columns` (the grid sets it as `--socket-columns`; header and rows read it). */
export const GRID_TEMPLATE = COLUMN_IDS.map((c) => {
  const w = COLUMN_WIDTHS[c];
  return typeof w === 'number' ? `${w}px` : `minmax(${w.min}px, ${w.fr}fr)`;
}).join(' ');

/** The grid's font size (px, `.grid`) and a cell's padding on both sides together (`.cell`). */
const FONT_PX = 12;
const CELL_PADDING_PX = 16;
/**
 * An upper bound on a character's advance in the grid's monospace fonts, in em: SF Mono, Menlo and DejaVu Sans Mono
 * advance 0.60, Cascadia Mono 0.59, Consolas 0.55.
 */
const MAX_ADVANCE_EM = 0.62;

/**
 * How many characters a column always shows whole, at its narrowest: a cell whose text is no longer needs no clip
 * (see `cellClass`). The first column also holds a change mark's glyph (1.2 em less 4 px), so it counts one less.
 */
export const COLUMN_FIT: Readonly<Record<ColumnId, number>> = Object.fromEntries(
  COLUMN_IDS.map((c, i) => {
    const w = COLUMN_WIDTHS[c];
    const px = (typeof w === 'number' ? w : w.min) - CELL_PADDING_PX - (i === 0 ? 1.2 * FONT_PX - 4 : 0);
    return [c, Math.floor(px / (MAX_ADVANCE_EM * FONT_PX))];
  }),
) as Record<ColumnId, number>;

/** The i18n key of a column's header (the rate columns' strings live with the traffic strings). */
export function columnLabelKey(column: ColumnId): string {
  return column === 'sentRate' || column === 'receivedRate' ? `traffic.columns.${column}` : `columns.${column}`;
}

/** The i18n key of what a column means, for headers whose meaning a word cannot carry; null for the rest. */
export function columnHelpKey(column: ColumnId): string | null {
  return column === 'sentRate' || column === 'receivedRate' ? `traffic.columnHelp.${column}` : null;
}

const STATE_ORDER = new Map<string, number>(SOCKET_STATES.map((s, i) => [s, i]));

/** Sorts IPv4 numerically (zero-padded octets) ahead of IPv6, instead of as plain text. */
export function addressSortKey(address: string): string {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!v4) return `6${address}`;
  return `4${v4
    .slice(1)
    .map((o) => o.padStart(3, '0'))
    .join('.')}`;
}

/** The value a column sorts by; nulls sort as -1 / '' so they gather at one end. */
export function sortValue(
  column: ColumnId,
  s: Socket,
  services: ServiceTable,
  names?: HostNameLookup,
): number | string {
  switch (column) {
    case 'proto':
      return `${s.proto}${s.family}`;
    case 'localAddress':
      return addressSortKey(s.localAddress);
    case 'localPort':
      return s.localPort;
    case 'remoteAddress': {
      // The column shows names where they are known: sort by what it shows.
      const name = names?.(s.remoteAddress);
      return name === undefined ? addressSortKey(s.remoteAddress) : `n${name.toLowerCase()}`;
    }
    case 'remotePort':
      return s.remotePort;
    case 'state':
      return STATE_ORDER.get(s.state) ?? -1;
    case 'pid':
      return s.pid ?? -1;
    case 'process':
      return ownerLabel(s).toLowerCase();
    case 'user':
      return s.user ?? '';
    case 'service':
      return socketService(services, s) ?? '';
    case 'age':
      // Oldest first when ascending by age means the smallest stateSince last: negate.
      return -(s.stateSince ?? Number.MAX_SAFE_INTEGER);
    case 'rtt':
      return s.metrics?.rttMs ?? -1;
    case 'sentRate':
      return s.sentBytesPerSec ?? -1;
    case 'receivedRate':
      return s.receivedBytesPerSec ?? -1;
    case 'bytes':
      return (s.metrics?.bytesSent ?? 0) + (s.metrics?.bytesReceived ?? 0);
  }
}
