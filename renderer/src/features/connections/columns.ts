// The Connections log's columns, in display order: one list drives the header and the rows.

/** Every column of the log. */
export const CLOSED_COLUMNS = [
  'closedAt',
  'proto',
  'local',
  'remote',
  'finalState',
  'duration',
  'sent',
  'received',
  'rtt',
  'retransmits',
  'owner',
  'failed',
] as const;

/** A column of the log. */
export type ClosedColumn = (typeof CLOSED_COLUMNS)[number];

/** Columns of numbers: right-aligned, tabular figures. */
export const NUMERIC_CLOSED_COLUMNS: ReadonlySet<ClosedColumn> = new Set([
  'duration',
  'sent',
  'received',
  'rtt',
  'retransmits',
]);
