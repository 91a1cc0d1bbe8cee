// The collector the launcher forks for `serve` before the CLI bundle loads (bin/early-collector.cjs) is the one
// core's host then uses: its ready message, said before anyone listened, is not lost.
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTOR_WORKER } from '../paths';
import { takeEarlyCollector } from './early-collector';
import { CollectorHost, forkWorker } from './host';

const launcher = createRequire(__filename)(path.resolve(__dirname, '..', '..', '..', 'bin', 'early-collector.cjs')) as {
  startEarlyCollector(modulePath: string): void;
  KEY: symbol;
};
const slot = globalThis as unknown as Record<symbol, { child: { pid: number; exitCode: number | null } } | undefined>;

const hosts: CollectorHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

describe('a collector forked early by the launcher', () => {
  it('is the process the host then uses, and answers its first table', async () => {
    launcher.startEarlyCollector(COLLECTOR_WORKER);
    const early = slot[launcher.KEY];
    expect(early?.child.pid).toBeGreaterThan(0);
    // Its ready message comes before the host listens.
    await new Promise((r) => setTimeout(r, 500));
    const host = new CollectorHost({ spawn: forkWorker(COLLECTOR_WORKER) });
    hosts.push(host);
    const full = await host.request('full');
    expect(full.kind).toBe('full');
    expect(host.pid).toBe(early?.child.pid);
    expect(slot[launcher.KEY]).toBeUndefined();
  });

  it('is killed, not used, by a host of another collector module, which forks its own', async () => {
    launcher.startEarlyCollector(COLLECTOR_WORKER);
    const early = slot[launcher.KEY];
    expect(takeEarlyCollector(`${COLLECTOR_WORKER}.other`)).toBeNull();
    await expect
      .poll(() => early?.child.exitCode !== null || (early.child as { signalCode?: unknown }).signalCode !== null, {
        timeout: 5_000,
      })
      .toBe(true);
    expect(slot[launcher.KEY]).toBeUndefined();
  });
});
