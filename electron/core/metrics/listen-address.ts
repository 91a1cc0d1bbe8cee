// `--listen` text (`127.0.0.1:9469`, `[::1]:9469`, `localhost:9469`) into a bind address, and whether it is loopback.
import { keyedError } from '../../../shared/logic/input-error';
import { parseIPv4Bytes, parseIPv6Bytes } from '../../../shared/logic/ip-parse';

/** Where the exporter listens unless told otherwise: loopback only, Prometheus's registered port for netinspect. */
export const DEFAULT_LISTEN = '127.0.0.1:9469';

/** A parsed bind address. */
export interface ListenAddress {
  /** An IP literal (IPv6 without brackets). */
  readonly host: string;
  /** 0 picks any free port. */
  readonly port: number;
  readonly family: 4 | 6;
  /** True when only this machine can reach it (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104). */
  readonly loopback: boolean;
}

/**
 * Parses HOST:PORT where HOST is an IPv4 literal, `[IPv6]` or `localhost` (127.0.0.1). Host names are refused:
 * what a name resolves to can change, and the exporter must only ever listen where it was told.
 * Throws INVALID_INPUT (keyed `metrics.listenFormat` or `metrics.listenPort`).
 */
export function parseListen(text: string): ListenAddress {
  const t = text.trim();
  const m = /^\[([^\]]+)\]:([^:]*)$/.exec(t) ?? /^([^:[\]]+):([^:]*)$/.exec(t);
  if (!m) throw keyedError('metrics.listenFormat', { value: text });
  const hostText = m[1] ?? '';
  const portText = m[2] ?? '';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw keyedError('metrics.listenPort', { value: text });
  const port = Number(portText);
  const host = hostText.toLowerCase() === 'localhost' ? '127.0.0.1' : hostText;
  const bracketed = t.startsWith('[');
  const v4 = bracketed ? null : parseIPv4Bytes(host);
  const v6 = bracketed ? parseIPv6Bytes(host) : null;
  if (v4) return { host, port, family: 4, loopback: v4[0] === 127 };
  if (v6) return { host, port, family: 6, loopback: isLoopback6(v6) };
  throw keyedError('metrics.listenFormat', { value: text });
}

/** `host:port` as a URL authority (IPv6 in brackets). */
export function authority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isLoopback6(b: Uint8Array): boolean {
  const zeros = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 15) && b[15] === 1) return true;
  // An IPv4-mapped loopback address: ::ffff:127.x.y.z.
  return zeros(0, 10) && b[10] === 0xff && b[11] === 0xff && b[12] === 127;
}
