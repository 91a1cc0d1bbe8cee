// The socket table as ticks change it, with the groups the gauges expose kept up to date incrementally: a scrape
// at 40,000 sockets reads a few maps instead of walking and re-grouping the whole table.
import { formatEndpoint } from '../../../shared/logic/endpoint';
import { ephemeralSize } from '../../../shared/logic/diagnosis/rule-input';
import { SERIES_COUNT, seriesOf } from '../../../shared/logic/history/series-index';
import type { EphemeralRange } from '../../../shared/model/finding';
import { SOCKET_STATES, type ProcessInfo, type Socket } from '../../../shared/model/socket';
import { processName } from './label-values';
import { stateAge, type MetricsTick, type NumberSource } from './metrics-source';

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

/** Series index per proto+family, then per state: no string is built per socket. */
const SERIES_INDEX = new Map<string, Int16Array>(
  (['tcp', 'udp'] as const).flatMap((proto) =>
    ([4, 6] as const).map((family) => [
      `${proto}${family}`,
      Int16Array.from(SOCKET_STATES, (state) => seriesOf(proto, family, state)),
    ]),
  ),
);
const STATE_INDEX = new Map<string, number>(SOCKET_STATES.map((s, i) => [s, i]));

function bump(map: Map<string, number>, key: string, by: number): void {
  const v = (map.get(key) ?? 0) + by;
  if (v > 0) map.set(key, v);
  else map.delete(key);
}

/** The live table and its groups. Groups over few sockets (CLOSE_WAIT, listeners) are summed at scrape time. */
export class LiveTable {
  private readonly sockets = new Map<string, Socket>();
  /** Socket count per series (SERIES_IDS order). */
  readonly counts = new Int32Array(SERIES_COUNT);
  /** TIME_WAIT sockets per remote endpoint. */
  readonly timeWait = new Map<string, number>();
  /** SYN_RECEIVED sockets per local port. */
  readonly synReceived = new Map<string, number>();
  /** Ephemeral-port holders per local address and remote endpoint (empty until the range is known). */
  readonly ephemeral = new Map<string, EphemeralGroup>();
  private readonly closeWait = new Set<Socket>();
  private readonly listeners = new Set<Socket>();
  private range: EphemeralRange | null = null;

  get size(): number {
    return this.sockets.size;
  }

  /** Folds one tick; a baseline replaces the whole table. */
  apply(tick: MetricsTick): void {
    if (tick.baseline) this.clear();
    for (const s of tick.updated) {
      const old = this.sockets.get(s.key);
      if (old === s) continue;
      if (old) this.count(old, -1);
      this.count(s, 1);
      this.sockets.set(s.key, s);
    }
    for (const key of tick.removed) {
      const old = this.sockets.get(key);
      if (!old) continue;
      this.count(old, -1);
      this.sockets.delete(key);
    }
  }

  /** Sets the ephemeral range the groups are counted against; a new range regroups the table once. */
  setEphemeralRange(range: EphemeralRange | null): void {
    const r = this.range;
    if (r === range || (r && range && r.low === range.low && r.high === range.high && r.excluded === range.excluded))
      return;
    this.range = range;
    this.ephemeral.clear();
    if (range) for (const s of this.sockets.values()) this.countEphemeral(s, 1);
  }

  /** Ports of the range that can be handed out, or null when the range is unknown. */
  get ephemeralPorts(): number | null {
    return this.range ? ephemeralSize(this.range) : null;
  }

  /** CLOSE_WAIT per process name, ages measured at `now` (ms since epoch). */
  closeWaitGroups(processes: ReadonlyMap<number, ProcessInfo>, now: number): Map<string, CloseWaitGroup> {
    const groups = new Map<string, CloseWaitGroup>();
    for (const s of this.closeWait) {
      const name = processName(s, processes);
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
    return groups;
  }

  /** Accept queues per listening address and port, where the OS reports them (not Windows or macOS). */
  listenGroups(): Map<string, ListenGroup> {
    const groups = new Map<string, ListenGroup>();
    for (const s of this.listeners) {
      if (s.recvQueue === null || s.sendQueue === null) continue;
      const key = `${s.localAddress} ${s.localPort}`;
      const g = groups.get(key);
      if (g) {
        g.queued += s.recvQueue;
        g.backlog += s.sendQueue;
      } else groups.set(key, { address: s.localAddress, port: s.localPort, queued: s.recvQueue, backlog: s.sendQueue });
    }
    return groups;
  }

  private clear(): void {
    this.sockets.clear();
    this.counts.fill(0);
    this.timeWait.clear();
    this.synReceived.clear();
    this.ephemeral.clear();
    this.closeWait.clear();
    this.listeners.clear();
  }

  private count(s: Socket, by: 1 | -1): void {
    const i = SERIES_INDEX.get(`${s.proto}${s.family}`)?.[STATE_INDEX.get(s.state) ?? -1] ?? -1;
    if (i >= 0) this.counts[i] = (this.counts[i] ?? 0) + by;
    if (s.proto !== 'tcp') return;
    const set = s.state === 'CLOSE_WAIT' ? this.closeWait : s.state === 'LISTEN' ? this.listeners : null;
    if (set) {
      if (by > 0) set.add(s);
      else set.delete(s);
    }
    if (s.state === 'TIME_WAIT') bump(this.timeWait, formatEndpoint(s.remoteAddress, s.remotePort), by);
    else if (s.state === 'SYN_RECEIVED') bump(this.synReceived, String(s.localPort), by);
    this.countEphemeral(s, by);
  }

  /** As the ephemeral-port rule counts: every non-listening TCP socket on a port of the range spends one. */
  private countEphemeral(s: Socket, by: number): void {
    const r = this.range;
    if (!r || s.proto !== 'tcp' || s.state === 'LISTEN' || s.remotePort === 0) return;
    if (s.localPort < r.low || s.localPort > r.high) return;
    const remote = formatEndpoint(s.remoteAddress, s.remotePort);
    const key = `${s.localAddress} ${remote}`;
    const g = this.ephemeral.get(key);
    if (g) {
      g.count += by;
      if (g.count <= 0) this.ephemeral.delete(key);
    } else if (by > 0) this.ephemeral.set(key, { localAddress: s.localAddress, remote, count: by });
  }
}
