// The collector process under supervision: real refreshes, and a real crash (SIGKILL) followed by a restart.
import type { SocketDelta } from '../../../shared/model/snapshot';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, listen, portOf, waitFor } from '../../test-support/net-fixtures';
import { SocketMonitor } from '../socket-monitor';
import { CollectorHost, forkWorker } from './host';

const WORKER = path.join(ROOT, 'out', 'node', 'collector-worker.cjs');
const hosts: CollectorHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

function monitor(onDelta: (d: SocketDelta) => void = () => {}) {
  const events: string[] = [];
  let m: SocketMonitor | null = null;
  // Wired as app-core wires it: host events land in the monitor's status.
  const host = new CollectorHost({
    spawn: forkWorker(WORKER),
    backoffMs: 50,
    onEvent: (e) => {
      events.push(e.kind);
      m?.noteError('COLLECTOR_FAILED', e.message);
    },
  });
  hosts.push(host);
  m = new SocketMonitor({ host, intervalMs: 250, elevated: true, onDelta, onStatus: () => {} });
  return { host, m, events };
}

describe('collector host', () => {
  it('answers a full table first, then deltas, across the process boundary', async () => {
    const server = await listen();
    const port = portOf(server);
    const { host, m } = monitor();
    const first = await host.request('full');
    expect(first.kind).toBe('full');
    const again = await host.request('tick');
    expect(again.kind).toBe('tick');
    if (again.kind === 'tick') expect(again.stats.socketCount).toBeGreaterThan(0);
    const snap = await m.snapshot();
    expect(snap.sockets.some((s) => s.localPort === port && s.state === 'LISTEN' && s.pid === process.pid)).toBe(true);
    server.close();
  });

  it('restarts a collector that was killed, reports it, and keeps firstSeen of surviving sockets', async () => {
    const server = await listen();
    const port = portOf(server);
    const { host, m, events } = monitor();
    const before = await m.snapshot();
    const mine = before.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    expect(mine).toBeDefined();
    const pid = host.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    await waitFor(() => (events.includes('restarted') ? true : undefined));
    expect(host.restarts).toBe(1);
    expect(host.pid).not.toBe(pid);
    await m.refresh();
    const after = await m.snapshot();
    const same = after.sockets.find((s) => s.key === mine?.key);
    expect(same?.firstSeen).toBe(mine?.firstSeen);
    const status = m.status();
    expect(status.restarts).toBe(1);
    expect(status.errors.some((e) => e.code === 'COLLECTOR_FAILED' && /exited unexpectedly/.test(e.message))).toBe(
      true,
    );
    server.close();
  });
});

describe('collector host replacement', () => {
  it('replaces the collector process before the next request without counting a crash', async () => {
    const server = await listen();
    const port = portOf(server);
    const deltas: SocketDelta[] = [];
    const { host, m, events } = monitor((d) => deltas.push(d));
    const first = await m.snapshot();
    const mine = first.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    expect(mine).toBeDefined();
    const before = host.pid;
    deltas.length = 0;
    host.replace();
    await m.refresh();
    expect(host.pid).not.toBe(before);
    // The new process sent its whole table and core diffed it: our listener is not "new" again.
    expect(deltas.some((d) => d.added.some((s) => s.key === mine?.key))).toBe(false);
    const after = await m.snapshot();
    expect(after.sockets.find((s) => s.key === mine?.key)?.firstSeen).toBe(mine?.firstSeen);
    server.close();
    expect(host.restarts).toBe(0);
    expect(events).toEqual([]);
    expect(m.status().errors).toEqual([]);
    expect((await m.snapshot()).sockets.length).toBeGreaterThan(0);
  });
});
