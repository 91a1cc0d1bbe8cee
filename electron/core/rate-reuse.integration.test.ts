// A 4-tuple reused by a new connection between two refreshes, on real loopback sockets: a child sends 2 MB on a
// connection, resets it right after a refresh and connects again from the same local port (SO_REUSEADDR, which
// libuv sets on every TCP bind) before the next one. The table must see a new connection (new cookie, no rate
// yet), never a negative or giant rate, and the child's traffic must total exactly what it sent on both.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessTrafficList } from '../../shared/model/processes';
import type { SocketDelta } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';
import { waitFor } from '../test-support/net-fixtures';
import { spawnSink, stopTrafficChildren } from '../test-support/traffic-fixtures';
import { createCore, type Core } from './app-core';
import type { Client } from './client';

/**
 * An address of its own in 127/8, both ends: an explicit bind to a port is refused while any other connection on the
 * machine shares that local address and port (connect() lets ephemeral ports be shared across destinations).
 */
const HOST = '127.0.93.1';
const FIRST = 2_000_000;
const SECOND = 1_000;
/** A rate no loopback connection reaches between two 1 s refreshes (bytes/s). */
const ABSURD = 1e11;

/** Sends FIRST bytes; on "reuse" resets and reconnects from the same port and sends SECOND; on "end" closes. */
const REUSER = `
const net = require('node:net');
const [host, port] = process.argv.slice(1);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const a = net.connect({ host, port: Number(port), localAddress: host }, () => a.write(Buffer.alloc(${FIRST}), () => say({ localPort: a.localPort })));
a.on('error', () => {});
let b = null;
process.stdin.on('data', (d) => {
  for (const cmd of String(d).split('\\n').filter(Boolean)) {
    if (cmd === 'reuse') {
      const localPort = a.localPort;
      // The port is free once the reset socket's descriptor is closed, which libuv does on a later turn.
      a.once('close', () => {
        b = net.connect({ host, port: Number(port), localAddress: host, localPort }, () =>
          b.write(Buffer.alloc(${SECOND}), () => say({ reused: b.localPort })));
        b.on('error', (e) => say({ error: e.message }));
      });
      a.resetAndDestroy();
    }
    if (cmd === 'end') b.end(() => setTimeout(() => process.exit(0), 200));
  }
});`;

const linux = process.platform === 'linux';
if (!linux) console.warn('tuple reuse test skipped: Linux only (sock_diag cookies and tcp_info)');

let core: Core;
const deltas: SocketDelta[] = [];
let ticks = 0;
const client: Client = {
  id: 'reuse-test',
  send: (event, payload) => {
    if (event === 'sockets:delta') deltas.push(payload as SocketDelta);
    if (event === 'collector:status') ticks++;
  },
};
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!linux) return;
  core = createCore({
    configDir: null,
    host: 'cli',
    collector: 'in-process',
    kernelEvents: true,
    settings: { refreshIntervalMs: 1000 },
    version: 'test',
    locale: 'en',
  });
  const r = await core.handle('sockets:subscribe', {}, client);
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  stopTrafficChildren();
  core?.dispose();
});

/** Every version of the sockets with this local port that the deltas carried, in order. */
function versions(localPort: number): Socket[] {
  return deltas.flatMap((d) => [...d.added, ...d.changed].filter((s) => s.localPort === localPort));
}

describe.runIf(linux)('a reused 4-tuple', () => {
  it('is a new connection with a new cookie and no rate, never a negative or absurd one, and bytes add up', async () => {
    const sink = await spawnSink(HOST);
    const child = spawn(process.execPath, ['-e', REUSER, HOST, String(sink.port)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const said: Record<string, number | string>[] = [];
    child.stdout?.on('data', (d: Buffer) => {
      for (const l of String(d).split('\n').filter(Boolean)) said.push(JSON.parse(l) as Record<string, number>);
    });
    const localPort = await waitFor(() => said.find((m) => 'localPort' in m)?.localPort as number | undefined);
    const first = await waitFor(() =>
      versions(localPort).find((s) => s.metrics?.bytesSent === FIRST && s.pid === child.pid),
    );
    // Right after a refresh, so the reset and the new connection both fall between it and the next one.
    const at = ticks;
    await waitFor(() => (ticks > at ? true : undefined), 5_000);
    child.stdin?.write('reuse\n');
    await waitFor(() => said.find((m) => 'reused' in m || 'error' in m));
    expect(said.find((m) => 'error' in m)).toBeUndefined();
    const second = await waitFor(() =>
      versions(localPort).find((s) => s.key === first.key && s.cookie !== first.cookie),
    );

    // The delta that carried the new connection removed the old one under the same key and added it afresh.
    const swap = deltas.find((d) => d.added.some((s) => s === second));
    expect(swap?.removed).toContain(first.key);
    expect(second.cookie).not.toBeNull();
    expect(second.sentBytesPerSec).toBeNull();
    expect(second.metrics?.bytesSent).toBe(SECOND);
    // And it followed a refresh that still showed the first connection: the reuse fell between two refreshes.
    const before = deltas.slice(0, deltas.indexOf(swap as SocketDelta));
    expect(before.some((d) => d.removed.includes(first.key))).toBe(false);

    child.stdin?.write('end\n');
    await new Promise((r) => child.once('exit', r));
    const rates = deltas
      .flatMap((d) => [...d.added, ...d.changed])
      .flatMap((s) => [s.sentBytesPerSec, s.receivedBytesPerSec]);
    for (const r of rates) {
      if (r === null) continue;
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(ABSURD);
    }
    // Both connections' bytes, once each, from the first's reset counters and the second's final ones.
    const traffic = await waitFor(async () => {
      const t = await core.call('processes:traffic', {});
      const row = t.processes.find((p) => p.pid === child.pid);
      return row?.status === 'exited' || row?.status === 'idle' ? t : undefined;
    });
    const row = (traffic as ProcessTrafficList).processes.find((p) => p.pid === child.pid);
    expect(row?.sentBytes).toBe(FIRST + SECOND);
    expect((traffic as ProcessTrafficList).processes.find((p) => p.pid === sink.pid)?.receivedBytes).toBe(
      FIRST + SECOND,
    );
  }, 40_000);
});
