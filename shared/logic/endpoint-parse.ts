// Endpoint text as users type it (`127.0.0.1:8080`, `[::1]:443`) into address family, address and port (pure).
import type { Connection } from '../model/actions';
import { keyedError } from './input-error';
import { parseIPv4Bytes, parseIPv6Bytes } from './ip-parse';
import { parsePort } from './socket-query';
import { isUnspecifiedAddress } from './close-refusal';

/** One side of a connection: IP family, address text as given, port (1..65535). */
export interface Endpoint {
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
}

/**
 * Parses `addr:port` (IPv4) or `[addr]:port` (IPv6). `field` names the argument in error messages (e.g. `local`).
 * Throws INVALID_INPUT (keyed `input.endpointFormat`, `input.endpointAddress`, or a port error).
 */
export function parseEndpoint(text: string, field: string): Endpoint {
  const t = text.trim();
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(t);
  const plain = bracketed ? null : /^([^:[\]]*):([^:]*)$/.exec(t);
  const m = bracketed ?? plain;
  if (!m || m[1] === '' || m[2] === '') throw keyedError('input.endpointFormat', { field, value: text });
  const family = bracketed ? 6 : 4;
  const valid = family === 6 ? parseIPv6Bytes(m[1]) : parseIPv4Bytes(m[1]);
  if (!valid) throw keyedError('input.endpointAddress', { field, value: m[1] });
  return { family, address: m[1], port: parsePort(m[2], field) };
}

/**
 * The TCP connection between `local` and `remote` endpoint texts; both must be of one IP family.
 * Throws INVALID_INPUT (keyed) on bad text or mixed families.
 */
export function parseConnection(local: string, remote: string): Connection {
  const l = parseEndpoint(local, 'local');
  const r = parseEndpoint(remote, 'remote');
  if (l.family !== r.family) throw keyedError('input.endpointFamilies', { local, remote });
  // A wildcard peer is how a listener or an unbound socket shows: there is no connection to it.
  if (isUnspecifiedAddress(r.family, r.address))
    throw keyedError('input.endpointNoPeer', { field: 'remote', value: remote });
  return {
    family: l.family,
    localAddress: l.address,
    localPort: l.port,
    remoteAddress: r.address,
    remotePort: r.port,
  };
}
