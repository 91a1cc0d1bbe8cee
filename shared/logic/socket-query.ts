// Parsing and matching of socket selections (CLI flags, reports): protocol, states, port, port range, pid.
import { AppError } from '../model/errors';
import { SOCKET_STATES, type Proto, type RawSocket, type SocketState } from '../model/socket';

/** A validated selection of sockets; every present criterion must match. */
export interface SocketQuery {
  readonly proto?: Proto;
  readonly states?: ReadonlySet<SocketState>;
  /** Matches the local or the remote port. */
  readonly port?: number;
  /** Inclusive range matched against the local or the remote port. */
  readonly portRange?: readonly [number, number];
  readonly pid?: number;
}

/** Names `ss` and `netstat` print, so users can paste what they know. */
const STATE_ALIASES: Readonly<Record<string, SocketState>> = {
  ESTAB: 'ESTABLISHED',
  SYN_RECV: 'SYN_RECEIVED',
  SYN_RCVD: 'SYN_RECEIVED',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  LISTENING: 'LISTEN',
  CLOSE: 'CLOSED',
};

const invalid = (field: string, message: string): AppError => new AppError('INVALID_INPUT', message, { field });

/** Parses a port number 1..65535 given as text. */
export function parsePort(text: string, field = 'port'): number {
  if (!/^\d+$/.test(text.trim()))
    throw invalid(field, `Invalid ${field} "${text}": give a whole number from 1 to 65535.`);
  const n = Number(text);
  if (n < 1 || n > 65535) throw invalid(field, `Invalid ${field} ${n}: ports go from 1 to 65535.`);
  return n;
}

/** Parses "A-B" into an inclusive port range with 1 <= A <= B <= 65535. */
export function parsePortRange(text: string): readonly [number, number] {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!m) throw invalid('port-range', `Invalid port range "${text}": write it as FIRST-LAST, e.g. 8000-8100.`);
  const a = parsePort(m[1], 'port-range');
  const b = parsePort(m[2], 'port-range');
  if (a > b)
    throw invalid('port-range', `Invalid port range ${a}-${b}: the first port must not exceed the last (${b}-${a}?).`);
  return [a, b];
}

/** Parses one state name: canonical (case-insensitive, `-` or `_`) or an ss/netstat alias. */
export function parseState(text: string): SocketState {
  const norm = text.trim().toUpperCase().replace(/-/g, '_');
  const state = STATE_ALIASES[norm] ?? norm;
  if ((SOCKET_STATES as readonly string[]).includes(state)) return state as SocketState;
  throw invalid('state', `Unknown state "${text}": use one of ${SOCKET_STATES.join(', ')}.`);
}

/** Parses a comma-separated list of states. */
export function parseStates(text: string): ReadonlySet<SocketState> {
  const parts = text.split(',').filter((p) => p.trim() !== '');
  if (parts.length === 0) throw invalid('state', `No state given: use one or more of ${SOCKET_STATES.join(', ')}.`);
  return new Set(parts.map(parseState));
}

/** Parses a protocol name. */
export function parseProto(text: string): Proto {
  const p = text.trim().toLowerCase();
  if (p === 'tcp' || p === 'udp') return p;
  throw invalid('proto', `Unknown protocol "${text}": use tcp or udp.`);
}

/** Parses a process id (a positive whole number). */
export function parsePid(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 2 ** 31) {
    throw invalid('pid', `Invalid PID "${text}": give a positive whole number.`);
  }
  return Number(text);
}

/** True when `s` satisfies every criterion of `q`. */
export function matchesQuery(s: RawSocket, q: SocketQuery): boolean {
  if (q.proto && s.proto !== q.proto) return false;
  if (q.states && !q.states.has(s.state)) return false;
  if (q.port !== undefined && s.localPort !== q.port && s.remotePort !== q.port) return false;
  if (q.portRange) {
    const [a, b] = q.portRange;
    const inRange = (p: number): boolean => p >= a && p <= b;
    if (!inRange(s.localPort) && !inRange(s.remotePort)) return false;
  }
  if (q.pid !== undefined && s.pid !== q.pid) return false;
  return true;
}
