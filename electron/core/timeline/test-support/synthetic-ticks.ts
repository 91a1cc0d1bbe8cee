// Realistic synthetic ticks for tests and the bench: steady connections with moving counters, and churn (open,
// TIME_WAIT after a second, gone after 60 s) at a set rate, shaped like core's Socket model.
import type { JsonObject, RecordedProcess, RecordedSocket, RecordedTransition, TimelineTick } from '../timeline-types';

export interface SyntheticOptions {
  /** Long-lived ESTABLISHED connections (plus a few listeners). */
  readonly steady: number;
  /** Connections opened (and later closed) per second. */
  readonly churnPerSecond: number;
  /** Share of steady connections whose counters move each tick (0..1). */
  readonly activeShare?: number;
  readonly startAt?: number;
  readonly intervalMs?: number;
  /** Deterministic runs: the same seed gives the same ticks. */
  readonly seed?: number;
}

const PROCESSES = ['node', 'postgres', 'nginx', 'java', 'redis-server', 'chrome', 'python3', 'sshd'];

/** Generates consecutive ticks; `table` is one live Map changed in place, as core's monitor hands it. */
export class SyntheticTicks {
  readonly table = new Map<string, RecordedSocket>();
  private readonly born = new Map<string, number>();
  private now: number;
  private readonly interval: number;
  private rnd: () => number;
  private nextPort = 32768;
  private inode = 100_000;
  private readonly processesSent = new Set<number>();

  constructor(private readonly o: SyntheticOptions) {
    this.now = o.startAt ?? Date.UTC(2026, 11, 1, 3, 0, 0);
    this.interval = o.intervalMs ?? 1000;
    let seed = o.seed ?? 1;
    this.rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  }

  private socket(localPort: number, remote: string, remotePort: number, pid: number, state: string): RecordedSocket {
    const key = `tcp4 10.0.0.5:${localPort} ${remote}:${remotePort}`;
    return {
      proto: 'tcp',
      family: 4,
      localAddress: '10.0.0.5',
      localPort,
      remoteAddress: remote,
      remotePort,
      state,
      pid,
      process: PROCESSES[pid % PROCESSES.length],
      user: pid % 3 === 0 ? 'postgres' : 'app',
      uid: pid % 3 === 0 ? 112 : 1000,
      inode: this.inode++,
      recvQueue: 0,
      sendQueue: 0,
      metrics: { rttMs: Math.round(this.rnd() * 4000) / 1000, retransmits: 0, bytesSent: 0, bytesReceived: 0 },
      key,
      firstSeen: this.now,
      stateSince: this.now,
    };
  }

  private process(pid: number): RecordedProcess {
    const name = PROCESSES[pid % PROCESSES.length];
    return {
      pid,
      name,
      exe: `/usr/bin/${name}`,
      cmdline: `${name} --serve`,
      user: 'app',
      uid: 1000,
      startTime: 1_700_000_000_000,
    };
  }

  private port(): number {
    this.nextPort += 1 + Math.floor(this.rnd() * 3);
    if (this.nextPort > 60999) this.nextPort = 32768;
    return this.nextPort;
  }

  /** The next tick (the first one adds every steady socket). */
  next(): TimelineTick {
    const added: RecordedSocket[] = [];
    const changed: RecordedSocket[] = [];
    const removed: string[] = [];
    const closed: JsonObject[] = [];
    const transitions: RecordedTransition[] = [];
    const processes: RecordedProcess[] = [];
    const steadyPid = (i: number) => 2000 + (i % 40);
    const add = (s: RecordedSocket) => {
      if (this.table.has(s.key)) return;
      this.table.set(s.key, s);
      this.born.set(s.key, this.now);
      added.push(s);
      transitions.push({ key: s.key, from: 'NEW', to: s.state as string, source: 'observed', pid: s.pid });
      if (typeof s.pid === 'number' && !this.processesSent.has(s.pid)) {
        this.processesSent.add(s.pid);
        processes.push(this.process(s.pid));
      }
    };
    if (this.table.size === 0) {
      for (let i = 0; i < this.o.steady; i++) {
        add(this.socket(20000 + (i % 40000), `10.1.${(i >> 8) & 255}.${i & 255}`, 5432, steadyPid(i), 'ESTABLISHED'));
      }
    }
    this.now += this.interval;
    const churn = Math.round((this.o.churnPerSecond * this.interval) / 1000);
    for (const [key, s] of this.table) {
      const age = this.now - (this.born.get(key) ?? this.now);
      if (s.state === 'TIME_WAIT' && age >= 61_000) {
        this.table.delete(key);
        this.born.delete(key);
        removed.push(key);
        transitions.push({ key, from: 'TIME_WAIT', to: 'GONE', source: 'observed', pid: null });
      } else if (s.state === 'ESTABLISHED' && s.remotePort === 443 && age >= 1000) {
        const m = s.metrics as JsonObject;
        const next: RecordedSocket = {
          ...s,
          state: 'TIME_WAIT',
          pid: null,
          process: null,
          user: null,
          uid: null,
          inode: 0,
          stateSince: this.now,
        };
        this.table.set(key, next);
        changed.push(next);
        transitions.push({ key, from: 'ESTABLISHED', to: 'TIME_WAIT', source: 'trace', pid: s.pid });
        closed.push({
          key,
          localAddress: s.localAddress,
          localPort: s.localPort,
          remoteAddress: s.remoteAddress,
          remotePort: s.remotePort,
          state: 'TIME_WAIT',
          pid: s.pid,
          process: s.process,
          openedAt: s.firstSeen,
          closedAt: this.now,
          bytesSent: m.bytesSent,
          bytesReceived: m.bytesReceived,
          source: 'kernel',
        });
      } else if (s.state === 'ESTABLISHED' && this.rnd() < (this.o.activeShare ?? 0.02)) {
        const m = s.metrics as { rttMs: number; retransmits: number; bytesSent: number; bytesReceived: number };
        const next: RecordedSocket = {
          ...s,
          metrics: {
            ...m,
            rttMs: Math.round(this.rnd() * 4000) / 1000,
            bytesSent: m.bytesSent + Math.floor(this.rnd() * 9000),
            bytesReceived: m.bytesReceived + Math.floor(this.rnd() * 30000),
          },
        };
        this.table.set(key, next);
        changed.push(next);
      }
    }
    for (let i = 0; i < churn; i++) {
      const s = this.socket(
        this.port(),
        `93.184.${Math.floor(this.rnd() * 4)}.${10 + Math.floor(this.rnd() * 4)}`,
        443,
        3000 + (i % 8),
        'ESTABLISHED',
      );
      const m = s.metrics as JsonObject;
      add({
        ...s,
        metrics: {
          ...m,
          bytesSent: 300 + Math.floor(this.rnd() * 2000),
          bytesReceived: 1000 + Math.floor(this.rnd() * 60000),
        },
      });
    }
    const counts: Record<string, number> = {};
    for (const s of this.table.values())
      counts[`tcp4:${s.state as string}`] = (counts[`tcp4:${s.state as string}`] ?? 0) + 1;
    return { takenAt: this.now, added, changed, removed, processes, closed, transitions, counts, table: this.table };
  }
}

/** A copy of a table for later comparison (the generator keeps changing its own). */
export function copyTable(table: ReadonlyMap<string, RecordedSocket>): Map<string, RecordedSocket> {
  return new Map(table);
}
