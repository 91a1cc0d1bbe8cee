// Parsing and matching of socket selections (CLI flags, reports): protocol, states, port, port range, pid.
import { MAX_PID } from '../model/actions';
import { SOCKET_STATES, type Proto, type RawSocket, type SocketState } from '../model/socket';
import { keyedError } from './input-error';

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

const ALLOWED_STATES = SOCKET_STATES.join(', ');

/** Parses a port number 1..65535 given as text: digits only, so " 80" is refused rather than guessed at. */
export function parsePort(text: string, field = 'port'): number {
  if (!/^\d+$/.test(text)) throw keyedError('input.portNotNumber', { field, value: text });
  const n = Number(text);
  if (n < 1 || n > 65535) throw keyedError('input.portOutOfRange', { field, value: n });
  return n;
}

/** Parses "A-B" into an inclusive port range with 1 <= A <= B <= 65535. */
export function parsePortRange(text: string): readonly [number, number] {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!m) throw keyedError('input.rangeFormat', { field: 'port-range', value: text });
  const a = parsePort(m[1], 'port-range');
  const b = parsePort(m[2], 'port-range');
  if (a > b) throw keyedError('input.rangeReversed', { field: 'port-range', first: a, last: b });
  return [a, b];
}

/** Parses one state name: canonical (case-insensitive, `-` or `_`) or an ss/netstat alias. */
export function parseState(text: string): SocketState {
  const norm = text.trim().toUpperCase().replace(/-/g, '_');
  const state = STATE_ALIASES[norm] ?? norm;
  if ((SOCKET_STATES as readonly string[]).includes(state)) return state as SocketState;
  throw keyedError('input.stateUnknown', { field: 'state', value: text, allowed: ALLOWED_STATES });
}

/** Parses a comma-separated list of states; an empty name between commas (`LISTEN,,`) is an error, not skipped. */
export function parseStates(text: string): ReadonlySet<SocketState> {
  const parts = text.split(',');
  if (parts.every((p) => p.trim() === '')) {
    throw keyedError('input.stateMissing', { field: 'state', allowed: ALLOWED_STATES });
  }
  if (parts.some((p) => p.trim() === '')) {
    throw keyedError('limits.stateEmpty', { field: 'state', value: text, allowed: ALLOWED_STATES });
  }
  return new Set(parts.map(parseState));
}

/** Parses a protocol name. */
export function parseProto(text: string): Proto {
  const p = text.trim().toLowerCase();
  if (p === 'tcp' || p === 'udp') return p;
  throw keyedError('input.protoUnknown', { field: 'proto', value: text });
}

/** Parses a process id: a positive whole number up to MAX_PID, as the contract's pidSchema takes it. */
export function parsePid(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_PID) {
    throw keyedError('input.pidInvalid', { field: 'pid', value: text });
  }
  return Number(text);
}

/** A selection as the user typed it (`list`'s flags): each criterion absent or its text. */
export interface SocketQueryText {
  readonly proto?: string;
  readonly state?: string;
  readonly port?: string;
  readonly portRange?: string;
  readonly pid?: string;
}

/** Parses every criterion given; throws INVALID_INPUT with a one-line reason at the first one that is not valid. */
export function parseSocketQuery(f: SocketQueryText): SocketQuery {
  return {
    ...(f.proto !== undefined && { proto: parseProto(f.proto) }),
    ...(f.state !== undefined && { states: parseStates(f.state) }),
    ...(f.port !== undefined && { port: parsePort(f.port) }),
    ...(f.portRange !== undefined && { portRange: parsePortRange(f.portRange) }),
    ...(f.pid !== undefined && { pid: parsePid(f.pid) }),
  };
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
