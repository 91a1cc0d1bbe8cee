// The state tracer as root against real loopback connections: exact transition counts, failed connects with the
// caller's pid, and a tracefs instance that is gone after close and after kill -9 of the process that owned it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProbe } from '../../../test-support/probe-bundle';
import { StateTracer } from './state-tracer';
import type { TcpTransition } from './tcp-transitions';
import { ensureTracefs } from '../../../test-support/tracefs-mount';

const isRoot = process.geteuid?.() === 0;

const mounted = ensureTracefs('state tracer test');
const tracefs = mounted.path;
const skip = tracefs === null;
if (skip) console.log(`state tracer tests skipped: ${isRoot ? 'tracefs could not be mounted' : 'they need root'}`);

let tracer: StateTracer;
const seen: TcpTransition[] = [];
const failed: ReturnType<StateTracer['drain']>['failedConnects'] = [];

beforeAll(() => {
  if (skip) return;
  const t = StateTracer.open({ name: `netinspect-test-${process.pid}` });
  if ('unavailable' in t) throw new Error(`tracer unavailable: ${JSON.stringify(t.unavailable)}`);
  tracer = t;
});

afterAll(() => {
  tracer?.close();
  mounted.release();
});

async function drainUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) {
    const d = tracer.drain();
    seen.push(...d.transitions);
    failed.push(...d.failedConnects);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = (list: readonly TcpTransition[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const t of list) out[`${t.from}->${t.to}`] = (out[`${t.from}->${t.to}`] ?? 0) + 1;
  return out;
};

describe.skipIf(skip)('state tracer (root, private tracefs instance)', () => {
  it('counts the transitions of 50 short connections exactly', async () => {
    const server = net.createServer({ allowHalfOpen: true }, (c) => {
      c.resume();
      c.on('end', () => c.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    // All 50 connected before any closes, so no socket's kernel address can be reused by another meanwhile.
    const clients = await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<net.Socket>((r) => {
            const c = net.connect(port, '127.0.0.1', () => r(c));
          }),
      ),
    );
    await Promise.all(
      clients.map(
        (c) =>
          new Promise((r) => {
            c.resume();
            c.on('close', r);
            c.end();
          }),
      ),
    );
    await new Promise<void>((r) => server.close(() => r()));
    const ours = (t: TcpTransition): boolean => t.localPort === port || t.remotePort === port;
    await drainUntil(() => seen.filter(ours).filter((t) => t.to === 'CLOSED').length >= 101);
    const mine = seen.filter(ours);
    const client = mine.filter((t) => t.remotePort === port);
    const accepted = mine.filter((t) => t.localPort === port && t.remotePort !== 0);
    const listener = mine.filter((t) => t.localPort === port && t.remotePort === 0);
    // Measured on Linux 6.18: the client's hand-over to a timewait socket is traced as FIN_WAIT_2 -> CLOSE (the
    // timewait socket itself is not a full socket and has no tracepoint); an accepted socket starts as a clone of
    // the listener, so its first step is LISTEN -> SYN_RECV; request sockets (NEW_SYN_RECV) are not traced.
    expect(count(client)).toEqual({
      'CLOSED->SYN_SENT': 50,
      'SYN_SENT->ESTABLISHED': 50,
      'ESTABLISHED->FIN_WAIT_1': 50,
      'FIN_WAIT_1->FIN_WAIT_2': 50,
      'FIN_WAIT_2->CLOSED': 50,
    });
    expect(count(accepted)).toEqual({
      'LISTEN->SYN_RECEIVED': 50,
      'SYN_RECEIVED->ESTABLISHED': 50,
      'ESTABLISHED->CLOSE_WAIT': 50,
      'CLOSE_WAIT->LAST_ACK': 50,
      'LAST_ACK->CLOSED': 50,
    });
    expect(count(listener)).toEqual({ 'CLOSED->LISTEN': 1, 'LISTEN->CLOSED': 1 });
    // connect() runs in this process: the CLOSE -> SYN_SENT steps carry its pid (the source port is still 0).
    const starts = client.filter((t) => t.to === 'SYN_SENT');
    expect(new Set(starts.map((t) => t.pid))).toEqual(new Set([process.pid]));
    expect(new Set(starts.map((t) => t.localPort))).toEqual(new Set([0]));
    // Each client socket keeps one kernel address from SYN_SENT to CLOSE.
    const bySk = new Map<string, string[]>();
    for (const t of client) bySk.set(t.skaddr, [...(bySk.get(t.skaddr) ?? []), t.to]);
    expect(bySk.size).toBe(50);
    for (const steps of bySk.values())
      expect(steps).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED']);
    for (let i = 1; i < mine.length; i++) expect(mine[i].at).toBeGreaterThanOrEqual(mine[i - 1].at);
    expect(Math.abs(mine[0].at - Date.now())).toBeLessThan(60_000);
    expect(tracer.lost()).toEqual({ events: 0, exact: true });
  });

  it('reports 40 connects to a closed port as 40 failed connects of this pid to that destination', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    for (let i = 0; i < 40; i++) {
      await new Promise<void>((resolve) => net.connect(port, '127.0.0.1').on('error', () => resolve()));
    }
    const to = (): typeof failed => failed.filter((f) => f.remotePort === port);
    await drainUntil(() => to().length >= 40);
    expect(to()).toHaveLength(40);
    for (const f of to()) expect(f).toMatchObject({ pid: process.pid, remoteAddress: '127.0.0.1', family: 4 });
    expect(to()[0].comm).toBe(readFileSync('/proc/self/comm', 'utf8').trim());
  });

  it('removes its instance on close, and only its own', () => {
    const other = StateTracer.open({ name: `netinspect-test-other-${process.pid}` });
    if ('unavailable' in other) throw new Error(JSON.stringify(other.unavailable));
    expect(existsSync(other.instancePath)).toBe(true);
    other.close();
    expect(existsSync(other.instancePath)).toBe(false);
    expect(existsSync(tracer.instancePath)).toBe(true);
  });

  it('after kill -9 of its owner, the instance stops tracing and the next start removes it', async () => {
    const probe = await buildProbe('kernel-probe');
    const child = spawn(process.execPath, [probe, 'hold-tracer'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`probe exited ${code}: ${out}`)));
    });
    const { instance } = JSON.parse(line) as { instance: string };
    expect(instance).toMatch(new RegExp(`/instances/netinspect-${child.pid}$`));
    expect(readFileSync(`${instance}/tracing_on`, 'utf8').trim()).toBe('1');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(instance)).toBe(true);
    // disable_on_free: the dead process's free_buffer descriptor closed, which stopped its tracing.
    expect(readFileSync(`${instance}/tracing_on`, 'utf8').trim()).toBe('0');
    const next = StateTracer.open({ name: `netinspect-test-next-${process.pid}` });
    if ('unavailable' in next) throw new Error(JSON.stringify(next.unavailable));
    next.close();
    expect(existsSync(instance)).toBe(false);
  }, 60_000);
});
