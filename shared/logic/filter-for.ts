// Filter text that narrows a table to one aspect of a row: the socket table's filter (filter.ts) and the Connections
// log's (connections/closed-filter.ts) read the same `pid:`, `:port` and address tokens.

/** What a filter to a row's process, local port or remote host needs of the row (a socket or a closed connection). */
export interface FilterableRow {
  readonly pid: number | null;
  readonly localPort: number;
  readonly remoteAddress: string;
}

/** The aspect of a row to filter to. */
export type FilterAspect = 'process' | 'port' | 'remoteHost';

/** The filter text for `what` of `row`; empty for the process of a row whose owner is not known. */
export function filterFor(row: FilterableRow, what: FilterAspect): string {
  switch (what) {
    case 'process':
      return row.pid === null ? '' : `pid:${row.pid}`;
    case 'port':
      return `:${row.localPort}`;
    case 'remoteHost':
      return row.remoteAddress;
  }
}
