// One pass over the socket table into the groups the gauges expose (per state, per process, per endpoint, per port).
import type { EphemeralRange } from '../../../shared/model/finding';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import { formatEndpoint } from '../../../shared/logic/endpoint';
import { ephemeralSize } from '../../../shared/logic/diagnosis/rule-input';
import { SERIES_COUNT, seriesOf } from '../../../shared/logic/history/series-index';
import { UNKNOWN_PROCESS } from './metric-catalog';
import { stateAge, type NumberSource } from './metrics-source';

/** CLOSE_WAIT sockets of one process name. */
export interface CloseWaitGroup {
  count: number;
  /** Age of the oldest (s) and where that age came from. */
  oldestSeconds: number;
  source: NumberSource;
}

/** Sockets towards one remote endpoint from one local address that hold an ephemeral port. */
export interface EphemeralGroup {
  readonly localAddress: string;
  readonly remote: string;
  count: number;
}

/** The accept queue of one listening address and port (SO_REUSEPORT listeners summed). */
export interface ListenGroup {
  readonly address: string;
  readonly port: number;
  queued: number;
  backlog: number;
}

/** Everything the per-scrape gauges need, grouped. */
export interface TableAggregates {
  /** Socket count per series (SERIES_IDS order). */
  readonly counts: Int32Array;
  readonly closeWait: Map<string, CloseWaitGroup>;
  readonly timeWait: Map<string, number>;
  readonly ephemeral: Map<string, EphemeralGroup>;
  /** Ports of the ephemeral range that can be handed out, or null when the range is unknown. */
  readonly ephemeralPorts: number | null;
  readonly listen: Map<string, ListenGroup>;
  readonly synReceived: Map<string, number>;
}

/** A label-safe process name: the socket's, else its owner's from the process list, else UNKNOWN_PROCESS. */
export function processName(s: Socket, processes: ReadonlyMap<number, ProcessInfo>): string {
  const name = s.process ?? (s.pid === null ? null : (processes.get(s.pid)?.name ?? null));
  return name === null || name === '' ? UNKNOWN_PROCESS : labelText(name);
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Label values reach terminals (curl) and dashboards: control characters (terminal escapes) become `\xNN` text,
 * and overlong values are cut. The exposition format itself escapes backslashes, quotes and newlines.
 */
export function labelText(text: string): string {
  const clean = text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > 128 ? `${clean.slice(0, 127)}…` : clean;
}

/** Groups the table in one pass; `ephemeral` null leaves the ephemeral groups empty. */
export function aggregateTable(
  sockets: readonly Socket[],
  processes: ReadonlyMap<number, ProcessInfo>,
  ephemeral: EphemeralRange | null,
  now: number,
): TableAggregates {
  const out: TableAggregates = {
    counts: new Int32Array(SERIES_COUNT),
    closeWait: new Map(),
    timeWait: new Map(),
    ephemeral: new Map(),
    ephemeralPorts: ephemeral ? ephemeralSize(ephemeral) : null,
    listen: new Map(),
    synReceived: new Map(),
  };
  for (const s of sockets) {
    const i = seriesOf(s.proto, s.family, s.state);
    if (i >= 0) out.counts[i] = (out.counts[i] ?? 0) + 1;
    if (s.proto !== 'tcp') continue;
    switch (s.state) {
      case 'CLOSE_WAIT':
        addCloseWait(out.closeWait, processName(s, processes), s, now);
        break;
      case 'TIME_WAIT': {
        const remote = formatEndpoint(s.remoteAddress, s.remotePort);
        out.timeWait.set(remote, (out.timeWait.get(remote) ?? 0) + 1);
        break;
      }
      case 'LISTEN':
        addListener(out.listen, s);
        continue;
      case 'SYN_RECEIVED': {
        const port = String(s.localPort);
        out.synReceived.set(port, (out.synReceived.get(port) ?? 0) + 1);
        break;
      }
    }
    // As the ephemeral-port rule counts: every non-listening socket on a port of the range spends one.
    if (ephemeral && s.remotePort !== 0 && s.localPort >= ephemeral.low && s.localPort <= ephemeral.high) {
      const remote = formatEndpoint(s.remoteAddress, s.remotePort);
      const key = `${s.localAddress} ${remote}`;
      const g = out.ephemeral.get(key);
      if (g) g.count++;
      else out.ephemeral.set(key, { localAddress: s.localAddress, remote, count: 1 });
    }
  }
  return out;
}

function addCloseWait(groups: Map<string, CloseWaitGroup>, name: string, s: Socket, now: number): void {
  const age = stateAge(s, now);
  const g = groups.get(name);
  if (!g) groups.set(name, { count: 1, oldestSeconds: age.seconds, source: age.source });
  else {
    g.count++;
    if (age.seconds > g.oldestSeconds) {
      g.oldestSeconds = age.seconds;
      g.source = age.source;
    }
  }
}

function addListener(groups: Map<string, ListenGroup>, s: Socket): void {
  // Where the OS gives no queues (Windows, macOS) there is nothing to say about them.
  if (s.recvQueue === null || s.sendQueue === null) return;
  const key = `${s.localAddress} ${s.localPort}`;
  const g = groups.get(key);
  if (g) {
    g.queued += s.recvQueue;
    g.backlog += s.sendQueue;
  } else groups.set(key, { address: s.localAddress, port: s.localPort, queued: s.recvQueue, backlog: s.sendQueue });
}
