// The monitor's bookkeeping around a refresh, with a scripted collector process.
import { describe, expect, it } from 'vitest';
import type { SocketDelta } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';
import { sock as fixture } from '../../shared/test-support/sockets';
import { NO_KERNEL_EVENTS } from '../../shared/model/kernel-events';
import { scripted, stats } from '../test-support/scripted-worker';
import { CollectorHost } from './collector/host';
import { SocketMonitor } from './socket-monitor';

const sock = (port: number): Socket =>
  fixture({
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    pid: 7,
    process: 'node',
    inode: port,
    sendQueue: 128,
    key: `k${port}`,
    firstSeen: 1,
    stateSince: 1,
  });

/** A host whose collector answers every request with the whole `table`, and how many requests it got. */
function countingHost(table: Socket[]): { host: CollectorHost; requests: () => number } {
  let requests = 0;
  const host = new CollectorHost({
    spawn: () =>
      scripted(true, () => {
        requests++;
        return { kind: 'full', sockets: table, processes: [], stats, events: NO_KERNEL_EVENTS };
      }),
  });
  return { host, requests: () => requests };
}

/** How long after a listener without a `sent` signal got its first table the tick hook ran (ms). */
async function firstTickAfter(o: { intervalMs: number; answerWaitMs?: number; firstDrawMs: number }): Promise<number> {
  const { host } = countingHost([sock(4)]);
  const ticks: number[] = [];
  const m = new SocketMonitor({
    host,
    elevated: true,
    ...o,
    onDelta: () => {},
    onStatus: () => {},
    onTick: () => ticks.push(Date.now()),
  });
  const answered = await m.addListener().then(() => Date.now());
  await expect.poll(() => ticks.length, { timeout: 2_000 }).toBeGreaterThan(0);
  m.removeListener();
  m.stop();
  host.dispose();
  return ticks[0] - answered;
}

describe('SocketMonitor', () => {
  it('pushes every delta with consecutive seq even when the history hook throws, and reports that error', async () => {
    let tick = 0;
    const host = new CollectorHost({
      spawn: () =>
        scripted(true, (r) =>
          r.op === 'full'
            ? { kind: 'full', sockets: [sock(1)], processes: [], stats, events: NO_KERNEL_EVENTS }
            : {
                kind: 'tick',
                added: [sock(100 + ++tick)],
                removed: [],
                changed: [],
                processes: [],
                stats,
                events: NO_KERNEL_EVENTS,
              },
        ),
    });
    const deltas: SocketDelta[] = [];
    const m = new SocketMonitor({
      host,
      intervalMs: 1000,
      elevated: true,
      onDelta: (d) => deltas.push(d),
      onStatus: () => {},
      onTick: () => {
        throw new Error('history broke');
      },
    });
    await m.refresh();
    await m.refresh();
    await m.refresh();
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3]);
    expect(m.status().errors.map((e) => e.code)).toEqual(['INTERNAL', 'INTERNAL', 'INTERNAL']);
    expect(m.status().errors[0].message).toMatch(/history broke/);
    host.dispose();
  });

  it('gives a first table before history takes the tick, and refresh() only once it has', async () => {
    const { host, requests } = countingHost([sock(1), sock(2)]);
    const order: string[] = [];
    const m = new SocketMonitor({
      host,
      intervalMs: 60_000,
      elevated: true,
      onDelta: () => {},
      onStatus: () => {},
      onTick: (t) => order.push(`tick ${t.table.size}`),
    });
    const listening = m.addListener().then((snap) => order.push(`listener ${snap.sockets.length}`));
    const refreshed = m.refresh().then(() => order.push('refresh'));
    await Promise.all([listening, refreshed]);
    // One refresh for both, its table answered first, then the hook, then the refresh itself.
    expect(requests()).toBe(1);
    expect(order).toEqual(['listener 2', 'tick 2', 'refresh']);
    // A fresh table for `list`: answered while its tick still waits for history, which a refresh then joins.
    const fresh = await m.freshSnapshot();
    expect(fresh.sockets.length).toBe(2);
    expect(order).toHaveLength(3);
    await m.refresh();
    expect(requests()).toBe(2);
    expect(order.slice(3)).toEqual(['tick 2']);
    m.removeListener();
    m.stop();
    host.dispose();
  });

  it('starts its first background refresh at once, and a listener takes its table', async () => {
    const { host, requests } = countingHost([sock(1)]);
    const m = new SocketMonitor({ host, intervalMs: 60_000, elevated: true, onDelta: () => {}, onStatus: () => {} });
    m.setBackground(true);
    await expect.poll(requests, { timeout: 2_000 }).toBe(1);
    expect(m.status().socketCount).toBe(1);
    // A listener then gets the background's table at once; deltas follow.
    expect((await m.addListener()).sockets).toHaveLength(1);
    expect(requests()).toBe(1);
    m.removeListener();
    m.stop();
    host.dispose();
  });
  it("holds a first table's tick until the front end says the table left and had time to draw it, no longer than an interval or answerWaitMs", async () => {
    const { host } = countingHost([sock(1), sock(2)]);
    const order: string[] = [];
    const m = new SocketMonitor({
      host,
      intervalMs: 60_000,
      elevated: true,
      answerWaitMs: 2_000,
      firstDrawMs: 200,
      onDelta: () => {},
      onStatus: () => {},
      onTick: () => order.push('tick'),
    });
    let left = (): void => undefined;
    const sent = new Promise<void>((resolve) => (left = resolve));
    const snap = await m.addListener(() => sent);
    order.push(`table ${snap.sockets.length}`);
    // Turns of the event loop pass (the front end writes its table meanwhile): history still waits.
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['table 2']);
    const leftAt = Date.now();
    left();
    // The table left: history leaves the front end firstDrawMs to draw it.
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(['table 2']);
    await expect.poll(() => order, { timeout: 1_000 }).toEqual(['table 2', 'tick']);
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(190);
    m.removeListener();
    m.stop();

    // A front end with no way to say its table left (Electron's IPC) still gets the time to draw it.
    expect(await firstTickAfter({ intervalMs: 60_000, firstDrawMs: 200 })).toBeGreaterThanOrEqual(190);
    // Never longer than one refresh interval: the next refresh waits for the hook.
    expect(await firstTickAfter({ intervalMs: 100, answerWaitMs: 10_000, firstDrawMs: 5_000 })).toBeLessThan(1_000);

    // A front end that never says so holds history back no longer than answerWaitMs.
    const second = countingHost([sock(3)]);
    const ticks: number[] = [];
    const m2 = new SocketMonitor({
      host: second.host,
      intervalMs: 60_000,
      elevated: true,
      answerWaitMs: 300,
      onDelta: () => {},
      onStatus: () => {},
      onTick: () => ticks.push(Date.now()),
    });
    const asked = Date.now();
    await m2.addListener(() => new Promise<void>(() => undefined));
    await expect.poll(() => ticks.length, { timeout: 2_000 }).toBe(1);
    expect(ticks[0] - asked).toBeGreaterThanOrEqual(290);
    m2.removeListener();
    m2.stop();
    host.dispose();
    second.host.dispose();
  });
});
