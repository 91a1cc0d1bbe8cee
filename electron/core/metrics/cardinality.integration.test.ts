// Cardinality with real sockets: 5,000 TIME_WAIT sockets towards 5,000 distinct remote endpoints keep a scrape
// under the documented series bound, with top N + "other" summing to what ss counts.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/net-fixtures';
import { METRICS, seriesBound } from './metric-catalog';
import type { MetricsServer } from './metrics-server';
import { startCoreMetrics } from './run-exporter';
import { parseSamples, samplesOf } from './test-support/exposition';
import { request } from './test-support/http-get';
import { TIME_WAIT_MAKER, startScenario, stopScenarios } from './test-support/scenario-children';
import { startTestCore } from './test-support/test-core';

const ENDPOINTS = 5000;
const TOP_N = 10;
let tc: Awaited<ReturnType<typeof startTestCore>>;
let server: MetricsServer;

beforeAll(async () => {
  tc = await startTestCore(500);
  server = await startCoreMetrics(tc.core, { listen: '127.0.0.1:0', topN: TOP_N, log: () => {} });
});

afterAll(async () => {
  await server?.close();
  stopScenarios();
  tc?.dispose();
});

describe('series bound', () => {
  it(`stays under ${seriesBound(TOP_N)} series with ${ENDPOINTS} distinct TIME_WAIT remote endpoints`, async () => {
    // The child's server closes first, so its side of each connection waits in TIME_WAIT, remote = a client port.
    const maker = await startScenario<{ port: number }>('ni-tw-maker', TIME_WAIT_MAKER(ENDPOINTS), 60_000);
    const port = maker.ready.port;
    const ssRemotes = (): Set<string> =>
      new Set(
        execFileSync('ss', ['-tanH', 'state', 'time-wait', 'sport', '=', `:${port}`], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => l.trim().split(/\s+/).at(-1) ?? ''),
      );
    // The kernel may recycle the odd 4-tuple out of TIME_WAIT (a client port reused by the next connect): nearly all.
    const distinct = ssRemotes().size;
    expect(distinct).toBeGreaterThanOrEqual(ENDPOINTS * 0.99);
    const samples = await waitFor(async () => {
      const s = parseSamples((await request(server.url)).body);
      const tw = samplesOf(s, METRICS.sockets.name, { state: 'TIME_WAIT' }).reduce((t, x) => t + x.value, 0);
      return tw >= distinct ? s : undefined;
    }, 20_000);
    expect(samples.length).toBeLessThanOrEqual(seriesBound(TOP_N));
    const byRemote = samplesOf(samples, METRICS.timeWait.name);
    expect(byRemote).toHaveLength(TOP_N + 1);
    expect(byRemote.filter((x) => x.labels.remote === 'other')).toHaveLength(1);
    // The top N plus "other" account for every TIME_WAIT socket of the same scrape.
    const total = samplesOf(samples, METRICS.sockets.name, { state: 'TIME_WAIT' }).reduce((t, x) => t + x.value, 0);
    expect(byRemote.reduce((t, x) => t + x.value, 0)).toBe(total);
    // Every labelled metric stays within its own bound too.
    for (const m of Object.values(METRICS)) {
      const names = m.type === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name];
      const count = names.reduce((t, n) => t + samplesOf(samples, n).length, 0);
      expect(count, m.name).toBeLessThanOrEqual(m.bound(TOP_N));
    }
    console.log(
      `cardinality: ${samples.length} series at ${total} TIME_WAIT sockets (${ENDPOINTS} distinct remotes from ni-tw-maker), bound ${seriesBound(TOP_N)}`,
    );
  }, 90_000);
});
