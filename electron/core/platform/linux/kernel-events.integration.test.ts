// Both kernel sources together: as root, closed connections carry the state the trace saw them close from; as
// nobody, destroy events still arrive, tracing is reported off with its reason and action, and nothing throws.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProbe } from '../../../test-support/probe-bundle';
import type { ClosedSocket } from './closed-socket-decode';
import { KernelEvents, type KernelSourceStatus } from './kernel-events';
import { ensureTracefs } from '../../../test-support/tracefs-mount';

const isRoot = process.geteuid?.() === 0;
const hasSetpriv = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v setpriv'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// As root, the trace gives each close the state it closed from: tracefs is mounted here if it is absent.
const tracefs = ensureTracefs('kernel events test');
afterAll(() => tracefs.release());
const traced = tracefs.path !== null;
if (!hasSetpriv) console.log('kernel events: the unprivileged case is skipped: setpriv (util-linux) is missing');
if (!traced)
  console.log(`kernel events: the root case is skipped: ${isRoot ? 'tracefs cannot be mounted' : 'not root'}`);

/** Runs the probe as nobody with no capabilities, the way an unprivileged user runs netinspect. */
async function runAsNobody(probe: string, n: number): Promise<{ code: number | null; out: string }> {
  const wrap = ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'];
  const child = spawn('setpriv', [...wrap, process.execPath, probe, 'sources', String(n)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('close', r));
  return { code, out };
}

describe('kernel event sources', () => {
  it.skipIf(!hasSetpriv)(
    'unprivileged: destroy events arrive, tracing is off with why and what to do',
    async () => {
      const probe = await buildProbe('kernel-probe');
      const { code, out } = await runAsNobody(probe, 20);
      expect(code, out).toBe(0);
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
        uid: number;
        port: number;
        closed: ClosedSocket[];
        status: KernelSourceStatus[];
      };
      expect(r.uid).toBe(65534);
      const [closedSockets, stateTrace] = r.status;
      expect(closedSockets).toMatchObject({
        source: 'closedSockets',
        on: true,
        reason: null,
        lost: 0,
        lostExact: true,
      });
      expect(stateTrace).toMatchObject({
        source: 'stateTrace',
        on: false,
        reason: { key: 'kernelEvents.reason.notRoot' },
        action: { key: 'kernelEvents.action.elevate' },
      });
      const clients = r.closed.filter((e) => e.remotePort === r.port);
      const servers = r.closed.filter((e) => e.localPort === r.port);
      expect(clients).toHaveLength(20);
      expect(servers).toHaveLength(20);
      for (const e of [...clients, ...servers]) expect(e.tcp).toMatchObject({ bytesSent: 100, bytesReceived: 100 });
    },
    60_000,
  );

  it.skipIf(!traced)('as root: both on, closed events know the state they closed from', async () => {
    const k = KernelEvents.open();
    try {
      expect(k.status().map((s) => [s.source, s.on])).toEqual([
        ['closedSockets', true],
        ['stateTrace', true],
      ]);
      const server = net.createServer({ allowHalfOpen: true }, (c) => {
        c.resume();
        c.on('end', () => c.end());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as net.AddressInfo).port;
      await Promise.all(
        Array.from(
          { length: 10 },
          () =>
            new Promise((r) => {
              const c = net.connect(port, '127.0.0.1', () => c.end());
              c.resume();
              c.on('close', r);
            }),
        ),
      );
      const closed: ClosedSocket[] = [];
      for (let i = 0; i < 60 && closed.length < 20; i++) {
        await new Promise((r) => setTimeout(r, 50));
        closed.push(...k.drain().closed.filter((e) => e.localPort === port || e.remotePort === port));
      }
      server.close();
      expect(closed.filter((e) => e.remotePort === port).map((e) => e.lastState)).toEqual(
        new Array(10).fill('FIN_WAIT_2'),
      );
      expect(closed.filter((e) => e.localPort === port).map((e) => e.lastState)).toEqual(
        new Array(10).fill('LAST_ACK'),
      );
      // This process connected every client and closed every server side: the trace names it on both.
      expect(new Set(closed.map((e) => e.tracedPid))).toEqual(new Set([process.pid]));
    } finally {
      k.close();
    }
    const root = tracefs.path ?? '';
    expect(readdirSync(path.join(root, 'instances')).filter((n) => n === `netinspect-${process.pid}`)).toEqual([]);
    expect(existsSync(path.join(root, 'instances', `netinspect-${process.pid}`))).toBe(false);
  });
});
