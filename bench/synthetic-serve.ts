// Browser mode over a synthetic table, for bench/renderer.bench.mjs: the real core and server, a scripted collector
// of SYNTH_SOCKETS sockets (default 50,000) in which SYNTH_CHANGES of them (default 1,000) move bytes every tick.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/app-core';
import type { SpawnWorker, WorkerHandle } from '../electron/core/collector/host';
import type { FullResult, TickResult, TickStats, WorkerRequest } from '../electron/core/collector/protocol';
import { startServer } from '../electron/server/serve';
import { NO_KERNEL_EVENTS } from '../shared/model/kernel-events';
import type { Socket } from '../shared/model/socket';
import { sock } from '../shared/test-support/sockets';

const N = Number(process.env.SYNTH_SOCKETS ?? 50_000);
const CHANGES = Number(process.env.SYNTH_CHANGES ?? 1_000);
const STATES = ['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'LISTEN'] as const;

function table(now: number): Socket[] {
  const out: Socket[] = [];
  for (let i = 0; i < N; i++) {
    const state = STATES[i % STATES.length];
    out.push(
      sock({
        localAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        localPort: 1024 + (i % 60000),
        remoteAddress: `192.168.${(i >> 8) & 255}.${i & 255}`,
        remotePort: state === 'LISTEN' ? 0 : [443, 80, 5432, 6379, 8080][i % 5],
        state,
        pid: 1000 + (i % 300),
        process: `app${i % 300}`,
        inode: i + 1,
        cookie: String(100000 + i),
        metrics:
          state === 'LISTEN'
            ? null
            : { rttMs: (i % 50) / 10, retransmits: i % 3, bytesSent: i * 10, bytesReceived: i * 7 },
        firstSeen: now - (i % 3600) * 1000,
        stateSince: now - (i % 600) * 1000,
        sentBytesPerSec: 0,
        receivedBytesPerSec: 0,
      }),
    );
  }
  return out;
}

function stats(takenAt: number, ms: number): TickStats {
  return {
    takenAt,
    source: 'netlink',
    fallbackReason: null,
    ownerVisibility: 'all',
    hiddenOwners: 0,
    durationMs: ms,
    socketCount: N,
    kernelSources: [],
  };
}

/** A collector "process" in this one that answers with the synthetic table and moves CHANGES sockets per tick. */
const synthetic: SpawnWorker = () => {
  const rows = table(Date.now());
  let tick = 0;
  let onMessage: (m: unknown) => void = () => undefined;
  const answer = (r: WorkerRequest): FullResult | TickResult => {
    const now = Date.now();
    if (r.op === 'full')
      return { kind: 'full', sockets: rows, processes: [], stats: stats(now, 1), events: NO_KERNEL_EVENTS };
    tick++;
    const changed: Socket[] = [];
    for (let k = 0; k < CHANGES; k++) {
      const i = (tick * CHANGES + k * 37) % N;
      const s = rows[i];
      if (s.metrics === null) continue;
      const bytesSent = (s.metrics.bytesSent ?? 0) + 1000 + k;
      rows[i] = { ...s, metrics: { ...s.metrics, bytesSent }, sentBytesPerSec: 1000 + k };
      changed.push(rows[i]);
    }
    return {
      kind: 'tick',
      added: [],
      removed: [],
      changed,
      processes: [],
      stats: stats(now, 1),
      events: NO_KERNEL_EVENTS,
    };
  };
  const handle: WorkerHandle = {
    pid: process.pid,
    send: (m) =>
      setImmediate(() => onMessage({ id: (m as WorkerRequest).id, ok: true, value: answer(m as WorkerRequest) })),
    onMessage: (l) => {
      onMessage = l;
      setImmediate(() => l({ ready: true, pid: process.pid }));
    },
    onExit: () => undefined,
    kill: () => undefined,
  };
  return handle;
};

async function main(): Promise<void> {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-synth-'));
  const core = createCore({ configDir, host: 'browser', collector: synthetic, tableService: false, background: false });
  const server = await startServer({
    core,
    rendererDir: process.env.BENCH_RENDERER_DIR ?? path.join(__dirname, '..', 'renderer'),
    port: 0,
    log: () => undefined,
  });
  process.stdout.write(`${server.url}\n`);
  const stop = (): void => {
    void server.close().finally(() => {
      core.dispose();
      fs.rmSync(configDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
