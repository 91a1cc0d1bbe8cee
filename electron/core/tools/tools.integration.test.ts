// Port tools through the real `netinspect serve` contract: who owns a port, bind test and scan, on real loopback sockets.
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rpc } from '../../test-support/ws-rpc';
import { closeAll, connect, listen, portOf, runCli, waitFor, type Opened } from '../../test-support/net-fixtures';
import { startServed, type Served } from '../../test-support/served-rpc';

interface WhoValue {
  sockets: { family: number; state: string; pid: number | null; localAddress: string }[];
}
interface BindValue {
  outcome: string;
  errno: string | null;
  holders: { state: string; pid: number | null }[];
  explanation: { key: string }[];
}

/** A port that was free a moment ago (bound and released by us). */
async function freePort(): Promise<number> {
  const s = await listen();
  const port = portOf(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('port tools over the contract', () => {
  let served: Served;
  let rpc: Rpc;
  const open: Opened = [];

  beforeAll(async () => {
    served = await startServed();
    rpc = served.rpc;
  });

  afterAll(async () => {
    closeAll(open);
    await served?.stop();
  });

  it('who-owns-port finds a listener of this process on IPv4 and on IPv6', async () => {
    const v4 = await listen('127.0.0.1');
    open.push(v4);
    const r4 = await rpc.call('tools:who', { port: portOf(v4) });
    expect(r4.ok).toBe(true);
    const s4 = (r4.value as WhoValue).sockets;
    expect(s4).toContainEqual(
      expect.objectContaining({ family: 4, state: 'LISTEN', pid: process.pid, localAddress: '127.0.0.1' }),
    );

    const v6 = await listen('::1');
    open.push(v6);
    const r6 = await rpc.call('tools:who', { port: portOf(v6), proto: 'tcp' });
    const s6 = (r6.value as WhoValue).sockets;
    expect(s6).toContainEqual(
      expect.objectContaining({ family: 6, state: 'LISTEN', pid: process.pid, localAddress: '::1' }),
    );
    expect(s6.every((s) => s.family === 6)).toBe(true);
  });

  it('CLI who names the listener and exits 0; a free port exits 1', async () => {
    const server = await listen('::1');
    open.push(server);
    const r = await runCli(['who', String(portOf(server)), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sockets).toContainEqual(expect.objectContaining({ pid: process.pid, family: 6 }));
    expect((await runCli(['who', String(await freePort())])).code).toBe(1);
  });

  it('bind test explains a port held by a listener of this process', async () => {
    const server = await listen('127.0.0.1');
    open.push(server);
    const r = await rpc.call('tools:bind-test', { port: portOf(server), host: '127.0.0.1' });
    const v = r.value as BindValue;
    expect(v.outcome).toBe('in-use');
    expect(v.errno).toBe('EADDRINUSE');
    expect(v.holders).toContainEqual(expect.objectContaining({ state: 'LISTEN', pid: process.pid }));
    expect(v.explanation[0].key).toBe('tools.bind.inUse');
  });

  it('bind test says a free port is free', async () => {
    const r = await rpc.call('tools:bind-test', { port: await freePort(), host: '127.0.0.1', proto: 'tcp' });
    expect((r.value as BindValue).outcome).toBe('free');
    const u = await rpc.call('tools:bind-test', { port: await freePort(), host: '127.0.0.1', proto: 'udp' });
    expect((u.value as BindValue).outcome).toBe('free');
  });

  it('bind test explains a port held only in TIME_WAIT, and that SO_REUSEADDR binds past it', async () => {
    const server = await listen('127.0.0.1');
    const port = portOf(server);
    const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
    const client = await connect(port);
    client.on('error', () => {});
    // The side that closes first keeps TIME_WAIT: close the server's end, then the listener.
    (await accepted).destroy();
    await new Promise((r) => client.once('close', r));
    await new Promise<void>((r) => server.close(() => r()));
    const r = await waitFor(async () => {
      const x = (await rpc.call('tools:bind-test', { port, host: '127.0.0.1', reuseAddr: false })).value as BindValue;
      return x.holders.length > 0 ? x : undefined;
    });
    expect(r.outcome).toBe('time-wait');
    expect(r.errno).toBe('EADDRINUSE');
    expect(r.holders.every((h) => h.state === 'TIME_WAIT' && h.pid === null)).toBe(true);
    const withReuse = (await rpc.call('tools:bind-test', { port, host: '127.0.0.1', reuseAddr: true }))
      .value as BindValue;
    expect(withReuse.outcome).toBe('free');
    expect(withReuse.explanation.map((e) => e.key)).toContain('tools.bind.freeDespiteTimeWait');
  });

  it('bind test explains an address that is not local (binding fails here; nothing is sent)', async () => {
    const r = await rpc.call('tools:bind-test', { port: 5555, host: '192.0.2.1' });
    expect((r.value as BindValue).outcome).toBe('not-local');
    expect((r.value as BindValue).errno).toBe('EADDRNOTAVAIL');
    const cli = await runCli(['bind-test', '5555', '--host', '192.0.2.1']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('not an address of this machine');
  });

  it('scan of 127.0.0.1 finds the ports this test opened and reports the others closed, in bounded time', async () => {
    const servers = await Promise.all([listen(), listen(), listen()]);
    open.push(...servers);
    const openPorts = servers.map(portOf);
    const closedPorts = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const ports = [...openPorts, ...closedPorts].join(',');
    const started = Date.now();
    const s = await rpc.call('tools:scan', { host: '127.0.0.1', ports, concurrency: 8, timeoutMs: 1000 });
    expect(s.ok).toBe(true);
    const scanId = (s.value as { scanId: string }).scanId;
    const results = await waitFor(() => {
      const mine = rpc.events
        .filter((e) => e.event === 'scan:progress')
        .map((e) => e.payload as { scanId: string; finished: boolean; results: { port: number; status: string }[] })
        .filter((p) => p.scanId === scanId);
      return mine.some((p) => p.finished) ? mine.flatMap((p) => p.results) : undefined;
    });
    expect(Date.now() - started).toBeLessThan(5000);
    const status = new Map(results.map((r) => [r.port, r.status]));
    for (const p of openPorts) expect(status.get(p), `port ${p}`).toBe('open');
    for (const p of closedPorts) expect(status.get(p), `port ${p}`).toBe('closed');
    expect(results).toHaveLength(openPorts.length + closedPorts.length);
  });

  it('refuses what it cannot express: a reversed range, too many ports, concurrency over the cap', async () => {
    const reversed = await rpc.call('tools:scan', { host: '127.0.0.1', ports: '90-80' });
    expect(reversed.error?.key).toBe('input.rangeReversed');
    const many = await rpc.call('tools:scan', { host: '127.0.0.1', ports: '1-65535' });
    expect(many.error?.key).toBe('tools.input.tooManyPorts');
    const wide = await rpc.call('tools:scan', { host: '127.0.0.1', ports: '80', concurrency: 5000 });
    expect(wide.ok).toBe(false);
    const cli = await runCli(['scan', '127.0.0.1', '--ports', '0']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  });
});
