// Scrape cost on a synthetic 40,000-socket table fed through the metrics source interface (no kernel involved):
// the baseline, the diagnosis rules, the registry update + exposition, and a whole HTTP scrape; run by
// bench/metrics.bench.mjs.
import { startMetricsServer } from '../electron/core/metrics/metrics-server';
import { MetricsRegistry } from '../electron/core/metrics/metrics-registry';
import { NOW, SyntheticSource, baselineOf, viewOf } from '../electron/core/metrics/test-support/synthetic';
import { request } from '../electron/core/metrics/test-support/http-get';
import { sock } from '../shared/test-support/sockets';
import { runDiagnosis } from '../shared/logic/diagnosis/run-diagnosis';
import { DEFAULT_THRESHOLDS } from '../shared/model/alerts';
import type { Socket } from '../shared/model/socket';

const RUNS = 20;
const ephemeral = { low: 32768, high: 60999, excluded: 0, source: 'ip_local_port_range' as const };

/** 40,000 sockets shaped like the bench holders plus the groups the gauges care about. */
function table(): Socket[] {
  const out: Socket[] = [];
  const metrics = (i: number) => ({ rttMs: 0.05, retransmits: i % 7, bytesSent: i * 10, bytesReceived: i * 20 });
  for (let i = 0; i < 14_000; i++) {
    const process = `app${i % 40}`;
    out.push(
      sock({
        localPort: 33000 + (i % 20000),
        remotePort: 8000 + (i % 5),
        pid: 1000 + (i % 40),
        process,
        metrics: metrics(i),
        inode: i + 1,
      }),
    );
    out.push(
      sock({
        localPort: 8000 + (i % 5),
        remotePort: 33000 + (i % 20000),
        remoteAddress: `127.0.${(i >> 8) & 255}.${i & 255}`,
        pid: 2000,
        process: 'server',
        metrics: metrics(i),
        inode: 100000 + i,
      }),
    );
  }
  for (let i = 0; i < 10_000; i++) {
    out.push(
      sock({
        state: 'TIME_WAIT',
        pid: null,
        process: null,
        inode: 0,
        localPort: 40000 + (i % 20000),
        remoteAddress: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
        remotePort: 443,
        stateSince: NOW - 30_000,
      }),
    );
  }
  for (let i = 0; i < 1_900; i++) {
    out.push(
      sock({
        state: 'CLOSE_WAIT',
        pid: 3000 + (i % 60),
        process: `leaky${i % 60}`,
        localPort: 9000,
        remotePort: 40000 + i,
        stateSince: NOW - (i % 600) * 1000,
      }),
    );
  }
  for (let i = 0; i < 100; i++) {
    out.push(
      sock({
        state: 'LISTEN',
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        localPort: 7000 + i,
        recvQueue: i % 9,
        sendQueue: 128,
        inode: 500000 + i,
      }),
    );
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  const sockets = table();
  const diagnose = () => ({
    takenAt: NOW,
    findings: runDiagnosis({
      sockets,
      now: NOW,
      ephemeral,
      thresholds: DEFAULT_THRESHOLDS,
      maxTimeWaitBuckets: 262144,
      failedConnects: [],
      transitions: 'observed',
    }),
    ephemeralRange: ephemeral,
    kernel: [],
  });
  const diag: number[] = [];
  const reg: number[] = [];
  const registry = new MetricsRegistry({ topN: 10 });
  let t0 = process.hrtime.bigint();
  registry.onTick(baselineOf(sockets));
  const baseline = ms(t0);
  let bytes = 0;
  const d = diagnose();
  for (let i = 0; i < RUNS; i++) {
    t0 = process.hrtime.bigint();
    diagnose();
    diag.push(ms(t0));
    t0 = process.hrtime.bigint();
    registry.update(viewOf({ diagnosis: d }));
    bytes = (await registry.metrics()).length;
    reg.push(ms(t0));
  }
  // A whole scrape over HTTP; the diagnosis is one computed earlier, as core's source does between scrapes.
  const source = new SyntheticSource(sockets, async () => viewOf({ diagnosis: d }));
  const server = await startMetricsServer({ listen: '127.0.0.1:0', source, log: () => {} });
  const http: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await request(server.url);
    http.push(ms(t0));
  }
  await server.close();
  console.log(`synthetic table through the source interface: ${sockets.length} sockets, ${bytes} bytes of exposition`);
  console.log(`  baseline (whole table in)  ${baseline.toFixed(1).padStart(6)} ms (once, at start or resync)`);
  console.log(
    `  diagnosis rules            ${median(diag).toFixed(1).padStart(6)} ms (median of ${RUNS}; between scrapes)`,
  );
  console.log(`  registry update + text     ${median(reg).toFixed(1).padStart(6)} ms`);
  console.log(
    `  HTTP scrape (both, local)  ${median(http).toFixed(1).padStart(6)} ms (max ${Math.max(...http).toFixed(1)})`,
  );
}

void main();
