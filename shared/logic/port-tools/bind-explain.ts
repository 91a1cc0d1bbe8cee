// Turns a bind attempt's errno and the sockets on the port into an outcome and plain-words explanation lines.
import type { Evidence } from '../../model/finding';
import type { Socket } from '../../model/socket';
import type { BindOutcome } from '../../model/tools';
import { formatEndpoint } from '../endpoint';

/** Ports below this need privileges to bind on Unix (unless ip_unprivileged_port_start says otherwise). */
export const PRIVILEGED_PORT_LIMIT = 1024;

/** What the bind test learned. */
export interface BindFacts {
  readonly port: number;
  readonly host: string;
  readonly proto: 'tcp' | 'udp';
  readonly reuseAddr: boolean;
  /** errno name of the failed bind, or null when it succeeded. */
  readonly errno: string | null;
  /** Sockets of this protocol whose local port is `port`. */
  readonly holders: readonly Socket[];
  /** Whether `host` is an address of this machine (or a wildcard). */
  readonly addressLocal: boolean;
  /** The ephemeral port range, to tell "address not available" apart when the port lies inside it. */
  readonly ephemeral: { readonly low: number; readonly high: number };
  /** A Windows excluded range holding the port, or null. */
  readonly excludedRange: { readonly start: number; readonly end: number } | null;
}

const line = (key: string, params: Record<string, string | number> = {}): Evidence => ({ key, params });

function holderLines(holders: readonly Socket[]): Evidence[] {
  return holders.slice(0, 10).map((s) =>
    s.pid === null
      ? line('tools.bind.holderNoOwner', { endpoint: formatEndpoint(s.localAddress, s.localPort), state: s.state })
      : line('tools.bind.holder', {
          endpoint: formatEndpoint(s.localAddress, s.localPort),
          state: s.state,
          pid: s.pid,
          process: s.process ?? '?',
        }),
  );
}

/** The outcome and its explanation; the first line is the verdict, the rest are evidence and advice. */
export function explainBind(f: BindFacts): { outcome: BindOutcome; explanation: Evidence[] } {
  const p = { port: f.port, host: f.host, proto: f.proto.toUpperCase() };
  const timeWait = f.holders.filter((s) => s.state === 'TIME_WAIT');
  const live = f.holders.filter((s) => s.state !== 'TIME_WAIT');
  if (f.errno === null) {
    const out = [line('tools.bind.free', p)];
    if (timeWait.length > 0)
      out.push(
        line(f.reuseAddr ? 'tools.bind.freeDespiteTimeWait' : 'tools.bind.timeWaitNote', { ...p, n: timeWait.length }),
      );
    return { outcome: 'free', explanation: out };
  }
  if (f.excludedRange) {
    return {
      outcome: 'excluded-range',
      explanation: [line('tools.bind.excluded', { ...p, start: f.excludedRange.start, end: f.excludedRange.end })],
    };
  }
  switch (f.errno) {
    case 'EADDRINUSE':
      if (live.length === 0 && timeWait.length > 0) {
        return {
          outcome: 'time-wait',
          explanation: [
            line('tools.bind.timeWaitOnly', { ...p, n: timeWait.length }),
            ...holderLines(timeWait.slice(0, 3)),
            line('tools.bind.timeWaitAdvice', p),
          ],
        };
      }
      return {
        outcome: 'in-use',
        explanation: [
          line(live.length > 0 ? 'tools.bind.inUse' : 'tools.bind.inUseUnseen', p),
          ...holderLines(live.length > 0 ? live : f.holders),
          line('tools.bind.inUseAdvice', p),
        ],
      };
    case 'EADDRNOTAVAIL':
      if (!f.addressLocal) return { outcome: 'not-local', explanation: [line('tools.bind.notLocal', p)] };
      return {
        outcome: 'ephemeral-exhausted',
        explanation: [line('tools.bind.notAvailable', { ...p, low: f.ephemeral.low, high: f.ephemeral.high })],
      };
    case 'EACCES':
    case 'EPERM':
      if (f.port < PRIVILEGED_PORT_LIMIT)
        return { outcome: 'privileged', explanation: [line('tools.bind.privileged', p)] };
      return { outcome: 'other', explanation: [line('tools.bind.denied', { ...p, errno: f.errno })] };
    case 'EINVAL':
    case 'EAFNOSUPPORT':
      return { outcome: 'invalid-address', explanation: [line('tools.bind.invalidAddress', { ...p, errno: f.errno })] };
    default:
      return { outcome: 'other', explanation: [line('tools.bind.other', { ...p, errno: f.errno })] };
  }
}
