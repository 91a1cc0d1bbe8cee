// Which sockets a close may reset (pure): connections only; never a listener, an unconnected socket or our own.
import type { AppError } from '../model/errors';
import { connectionSchema, type Connection } from '../model/actions';
import type { SocketState } from '../model/socket';
import { formatEndpoint } from './endpoint';
import { keyedError } from './input-error';
import { parseAddressBytes } from './ip-parse';

/** i18n key of a close refusal; its message names the endpoints. */
export type CloseRefusalKey =
  'actions.closeRefusedListening' | 'actions.closeRefusedUnconnected' | 'actions.closeRefusedOwn';

/** The socket the OS found for the endpoints asked, as the close looks at it. */
export interface FoundSocket extends Connection {
  readonly state: SocketState;
  /** Held by one of netinspect's own processes (the app, its collector, browser mode's server, the helper). */
  readonly own: boolean;
}

/** True for 0.0.0.0, :: and ::ffff:0.0.0.0 in any spelling. */
export function isUnspecifiedAddress(family: 4 | 6, address: string): boolean {
  const bytes = parseAddressBytes(family, address);
  if (!bytes) return false;
  const v4mapped =
    family === 6 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return bytes.subarray(v4mapped ? 12 : 0).every((b) => b === 0);
}

/**
 * Why closing `s` is refused, or null when it is a connection that may be reset. A listener would stop a server
 * accepting (and SOCK_DESTROY takes one as readily as a connection); a socket without a peer is no connection;
 * netinspect's own connections carry the window, the browser tab or the helper.
 */
export function closeRefusal(s: FoundSocket): CloseRefusalKey | null {
  if (s.state === 'LISTEN') return 'actions.closeRefusedListening';
  if (s.state === 'CLOSED' || s.remotePort === 0 || isUnspecifiedAddress(s.family, s.remoteAddress)) {
    return 'actions.closeRefusedUnconnected';
  }
  if (s.own) return 'actions.closeRefusedOwn';
  return null;
}

/** The REFUSED error for `key`, naming the socket's endpoints. */
export function closeRefusalError(key: CloseRefusalKey, s: Connection): AppError {
  return keyedError(
    key,
    { local: formatEndpoint(s.localAddress, s.localPort), remote: formatEndpoint(s.remoteAddress, s.remotePort) },
    'REFUSED',
  );
}

function sameAddress(family: 4 | 6, a: string, b: string): boolean {
  const x = parseAddressBytes(family, a);
  const y = parseAddressBytes(family, b);
  return x !== null && y !== null && x.every((v, i) => v === y[i]);
}

/**
 * True when `found` has exactly the endpoints `asked` names. The kernel's exact lookup falls back to the listener
 * of the local port when no connection matches, so what it found must be compared, not trusted.
 */
export function sameEndpoints(asked: Connection, found: Connection): boolean {
  return (
    asked.family === found.family &&
    asked.localPort === found.localPort &&
    asked.remotePort === found.remotePort &&
    sameAddress(asked.family, asked.localAddress, found.localAddress) &&
    sameAddress(asked.family, asked.remoteAddress, found.remoteAddress)
  );
}

/**
 * Throws the keyed INVALID_INPUT core answers for a request the contract's connectionSchema refuses (port 0, an
 * unspecified remote address ...): doors that call the platform directly (the CLI) get the same rule.
 */
export function checkConnection(c: Connection): void {
  const parsed = connectionSchema.safeParse(c);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  throw keyedError('input.field', {
    field: issue?.path.join('.') || 'connection',
    detail: issue?.message ?? 'invalid',
  });
}
