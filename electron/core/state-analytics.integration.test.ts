// Scenarios on loopback with real processes, through core and a forked collector: CLOSE_WAIT, TIME_WAIT, watches.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { Alert } from '../../shared/model/alerts';
import type { Diagnosis, Finding } from '../../shared/model/finding';
import type { StatsSeries, StatsTransitions } from '../../shared/model/history';
import { ROOT, connect, listen, portOf, waitFor } from '../test-support/net-fixtures';
import { createCore, type Core } from './app-core';
import type { Client } from './client';
import { forkWorker } from './collector/host';
import { frozenSockets } from '../test-support/frozen-worker';

const WORKER = path.join(ROOT, 'out', 'node', 'collector-worker.cjs');
const TICK_MS = 250;
let core: Core;
let dir: string;
const events: { event: EventName; payload: unknown; at: number }[] = [];
const client: Client = { id: 'scenario', send: (event, payload) => events.push({ event, payload, at: Date.now() }) };
const children: ChildProcess[] = [];

async function call<T>(channel: string, request: unknown = {}): Promise<T> {
  const r = await core.handle(channel, request, client);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}
/** What `ss -tanH <filter>` counts, the reference the findings must match. */
const ssCount = (filter: string): number =>
  execFileSync('sh', ['-c', `ss -tanH ${filter}`], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '').length;
const finding = (d: Diagnosis, id: string): Finding | undefined => d.findings.find((f) => f.id === id);

/** A server that accepts and never closes, even after the peer closed: its sockets sit in CLOSE_WAIT. */
function startLeakyServer(): Promise<{ child: ChildProcess; port: number }> {
  const src = `const net=require('net');const kept=[];
    const s=net.createServer({allowHalfOpen:true},(c)=>{kept.push(c);c.on('error',()=>{});});
    s.listen(0,'127.0.0.1',()=>process.stdout.write(s.address().port+'\\n'));`;
  const child = spawn(process.execPath, ['-e', src], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve) =>
    child.stdout?.once('data', (d: Buffer) => resolve({ child, port: Number(String(d)) })),
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-analytics-'));
  core = createCore({
    configDir: dir,
    host: 'browser',
    // Frozen: a part of core that changed a socket in place would throw (the table service relies on it).
    collector: frozenSockets(forkWorker(WORKER)),
    version: 'test',
    locale: 'en',
  });
  await call('settings:set', { refreshIntervalMs: TICK_MS });
  await call('sockets:subscribe');
  await call('events:subscribe', { events: ['alert:raised', 'alert:cleared'] });
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  core.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('state analytics scenarios', () => {
  it('names the server that leaves sockets in CLOSE_WAIT, with ss count, and the age grows', async () => {
    const { child, port } = await startLeakyServer();
    const clients = await Promise.all(Array.from({ length: 7 }, () => connect(port)));
    for (const c of clients) c.destroy();
    const id = `close-wait:pid:${child.pid}`;
    const first = await waitFor(async () => {
      const f = finding(await call<Diagnosis>('diagnosis:findings'), id);
      return f && f.titleParams.count === ssCount(`state close-wait sport = :${port}`) && f.titleParams.count === 7
        ? f
        : undefined;
    });
    expect(first.titleParams).toMatchObject({ pid: String(child.pid), process: 'node', count: 7 });
    expect(first.rule).toBe('close-wait');
    // The age is whole seconds: wait until it has grown by two.
    const later = await waitFor(async () => {
      const f = finding(await call<Diagnosis>('diagnosis:findings'), id);
      return f && Number(f.titleParams.oldestS) >= Number(first.titleParams.oldestS) + 2 ? f : undefined;
    });
    expect(Number(later.titleParams.oldestS)).toBeGreaterThanOrEqual(Number(first.titleParams.oldestS) + 2);
    expect(later.titleParams.count).toBe(ssCount(`state close-wait sport = :${port}`));
  });

  it('groups TIME_WAIT from a connect-and-close loop on the remote endpoint, with ss count', async () => {
    const server = await listen();
    const port = portOf(server);
    // A connection to an earlier listener on this same port (another test's, within the last minute) may still be in
    // TIME_WAIT: the finding counts it too, as the kernel does.
    const before = ssCount(`state time-wait dst 127.0.0.1:${port}`);
    for (let i = 0; i < 120; i++) {
      // The client closes first (end), so the TIME_WAIT lands on the client side of each 4-tuple.
      const s = await connect(port);
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
      });
    }
    const id = `time-wait:remote:127.0.0.1:${port}`;
    const f = await waitFor(async () => {
      const x = finding(await call<Diagnosis>('diagnosis:findings'), id);
      return x && x.titleParams.count === ssCount(`state time-wait dst 127.0.0.1:${port}`) ? x : undefined;
    });
    expect(f.titleParams.count).toBe(before + 120);
    expect(f.titleKey).toBe('diagnosis.timeWait.clientTitle');
    expect(f.evidence.map((e) => e.key)).toContain('diagnosis.evidence.closedFirst.client');
    // The same churn is in the history every front door reads.
    const t = await call<StatsTransitions>('stats:transitions', { window: '60s' });
    expect(t.byRemote.find((g) => g.group === `127.0.0.1:${port}`)?.total ?? 0).toBeGreaterThan(0);
    expect(t.total.some((x) => x.to === 'TIME_WAIT')).toBe(true);
    const s = await call<StatsSeries>('stats:series', { window: '60s' });
    expect(s.points.length).toBeGreaterThan(0);
    expect(s.points.length).toBeLessThanOrEqual(300);
    server.close();
  });

  it('raises port-down within two ticks of the listener stopping and clears it when it returns', async () => {
    let server: net.Server = await listen();
    const port = portOf(server);
    await call('watch:add', { port });
    await new Promise((r) => setTimeout(r, TICK_MS * 3));
    expect(events.some((e) => e.event === 'alert:raised' && (e.payload as Alert).id === `port-down:${port}`)).toBe(
      false,
    );
    await new Promise<void>((r) => server.close(() => r()));
    const closedAt = events.length;
    const raised = await waitFor(() =>
      events.slice(closedAt).find((e) => e.event === 'alert:raised' && (e.payload as Alert).id === `port-down:${port}`),
    );
    const ticksBefore = events
      .slice(closedAt)
      .filter((e) => e.event === 'collector:status' && e.at <= raised.at).length;
    expect(ticksBefore).toBeLessThanOrEqual(2);
    expect((await call<{ active: Alert[] }>('watch:list')).active.map((a) => a.id)).toContain(`port-down:${port}`);
    server = net.createServer();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    const cleared = await waitFor(() =>
      events.find((e) => e.event === 'alert:cleared' && (e.payload as Alert).id === `port-down:${port}`),
    );
    expect(String((cleared.payload as Alert).clearParams?.owner)).toMatch(new RegExp(`^${process.pid}/`));
    const log = await call<{ entries: Alert[] }>('alert:log');
    expect(log.entries.filter((a) => a.id === `port-down:${port}`)).toHaveLength(2);
    await call('watch:remove', { port });
    server.close();
  });

  it('changed no socket in place through all of the above: every refresh and view worked on frozen sockets', async () => {
    const snap = await call<{ sockets: object[] }>('sockets:snapshot');
    expect(snap.sockets.length).toBeGreaterThan(0);
    expect(snap.sockets.every((s) => Object.isFrozen(s))).toBe(true);
    // The views that read the table once more, then the refreshes' own record of failures.
    await call('diagnosis:findings');
    await call('processes:traffic', {});
    await call('stats:series', { window: '60s' });
    await call('stats:transitions', { window: '60s' });
    await new Promise((r) => setTimeout(r, TICK_MS * 2));
    const statuses = events.filter((e) => e.event === 'collector:status');
    expect(statuses.length).toBeGreaterThan(10);
    expect((statuses.at(-1)?.payload as { errors: unknown[] }).errors).toEqual([]);
  });
});
