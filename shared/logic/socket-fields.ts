// The socket fields every table of sockets starts with, in one order: the text and CSV tables, the report's rows,
// the Connections log, the grid's columns and the wire's field numbers all follow it.
import type { RawSocket } from '../model/socket';

/** A socket's endpoints (the fields of endpointsShape), in table order. */
export const ENDPOINT_FIELDS = [
  'proto',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
] as const satisfies readonly (keyof RawSocket)[];

/** What every table of sockets shows first: endpoints, state, owner (`list --csv`; the report's CSV adds more). */
export const SOCKET_TABLE_FIELDS = [
  ...ENDPOINT_FIELDS,
  'state',
  'pid',
  'process',
  'user',
] as const satisfies readonly (keyof RawSocket)[];

/** One of SOCKET_TABLE_FIELDS. */
export type SocketTableField = (typeof SOCKET_TABLE_FIELDS)[number];

/** The `fields` of `from` as a new object, keyed in the order of `fields` (the order JSON output keeps). */
export function pickFields<T, K extends keyof T>(from: T, fields: readonly K[]): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const f of fields) out[f] = from[f];
  return out as Pick<T, K>;
}
