// What netinspect learns from the kernel, end to end with real sockets and the real CLI and server: ages on the first
// run, every closed connection with its bytes and owner, churn from the kernel's closes, every traced transition,
// failed connects, a trace instance that never outlives netinspect, and the unprivileged case. The old-sockets
// fixture starts first; the other proofs run while it ages, and the ages are read last.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosedConnection, ClosedLog } from '../../shared/model/connections';
import type { Diagnosis } from '../../shared/model/finding';
import type { StatsSeries } from '../../shared/model/history';
import type { CollectorStatus } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';
import { startAgedSockets, type AgedSockets, type LaterSockets } from '../test-support/aged-sockets';
import { runBurstClient, startBurstServer } from '../test-support/closed-burst';
import { spawnCli, type CliStream } from '../test-support/cli-stream';
import { runCli, waitFor } from '../test-support/net-fixtures';
import { AS_NOBODY, createNetns, netnsUnavailable } from '../test-support/netns';
import { startServed, type Served } from '../test-support/served-rpc';
import { ensureTracefs } from '../test-support/tracefs-mount';

const isRoot = process.geteuid?.() === 0;
// As root, the trace names owners and counts transitions: tracefs is mounted here if it is absent.
const tracefs = ensureTracefs('kernel truth test');
const traced = tracefs.path !== null;
const noNetns = netnsUnavailable();
const noNobody = !isRoot
  ? 'running a server as nobody needs root'
  : spawnSync('setpriv', ['-V']).error
    ? 'no setpriv'
    : null;
if (noNobody) console.log(`kernel truth: the unprivileged server is skipped: ${noNobody}`);
if (noNetns) console.log(`kernel truth: closed connections in a namespace of their own are skipped: ${noNetns}`);
if (!traced)
  console.log(`kernel truth: the traced proofs are skipped: ${isRoot ? 'tracefs cannot be mounted' : 'not root'}`);

/** The leak's FINs go out at the start; the second batch (a fresh CLOSE_WAIT, a TIME_WAIT) this much later (ms). */
const LATER_MS = 40_000;
/** Everything is read this long after the second batch (ms): the fresh CLOSE_WAIT is 30 s old, the leak 70 s. */
const READ_AFTER_MS = 30_000;
let aged: AgedSockets;

beforeAll(async () => {
  aged = await startAgedSockets(LATER_MS);
});

afterAll(() => {
  aged?.child.kill('SIGKILL');
  tracefs.release();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Makes connections one at a time until `follow` printed `lines` lines: then its kernel source is on. */
async function untilPrinted(follow: CliStream, lines: number, connect: () => Promise<unknown>): Promise<void> {
  for (let i = 0; follow.lines.length < lines; i++) {
    if (i === 40) throw new Error(`closed --follow printed nothing: ${follow.stderr()}`);
    await connect();
    await sleep(250);
  }
}
/**
 * Closed connections matching `match` as `connections:closed` hands them out, read after the newest id seen each
 * time: on a machine where others churn thousands of connections a second, the bounded log moves on fast.
 */
async function collectClosed(
  s: Served,
  match: (e: ClosedConnection) => boolean,
  want: number,
  start: () => Promise<unknown>,
): Promise<ClosedConnection[]> {
  let afterId = (await s.call<ClosedLog>('connections:closed', { limit: 1 })).entries[0]?.id ?? -1;
  await start();
  const got: ClosedConnection[] = [];
  await waitFor(async () => {
    const log = await s.call<ClosedLog>('connections:closed', { afterId, limit: 10_000 });
    if (log.entries.length > 0) afterId = log.entries[0].id;
    got.push(...log.entries.filter(match));
    return got.length >= want ? true : undefined;
  }, 30_000);
  return got;
}
/** Resets TCP sent in the namespace `enter` runs commands in so far (Tcp OutRsts in /proc/net/snmp). */
function resetsSent(enter: readonly string[]): number {
  const [cmd, ...args] = [...enter, 'cat', '/proc/net/snmp'];
  const tcp = execFileSync(cmd, args, { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('Tcp:'))
    .map((l) => l.split(/\s+/));
  const at = tcp[0]?.indexOf('OutRsts') ?? -1;
  const n = at > 0 ? Number(tcp[1]?.[at]) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error('no Tcp OutRsts in /proc/net/snmp');
  return n;
}
const countsOf = (list: readonly { from: string; to: string; count: number }[]): Record<string, number> =>
  Object.fromEntries(list.map((t) => [`${t.from}->${t.to}`, t.count]));

describe.skipIf(noNetns !== null).each([
  ['root', false],
  ['nobody', true],
] as const)('300 connections closed between two refreshes, with netinspect run as %s', (who, asNobody) => {
  it('are all in `closed --json` with their ports and payload bytes, and churn counts every one', async () => {
    // A namespace of their own: the counts below are these connections' only, whatever else this machine runs.
    const ns = createNetns(`closed-${who}`);
    const server = await startBurstServer(ns.enter);
    try {
      const as = asNobody ? ns.enterAsNobody : ns.enter;
      const stats = spawnCli(['stats', '--window', '60s', '--json', '--interval', '500ms', '--ticks', '20'], as);
      const follow = spawnCli(['closed', '--follow', '--json', '--filter', `:${server.port}`], as);
      // Single connections first, until `closed` prints both ends of one: then its kernel source is on (and that
      // of `stats`, which started before it).
      await untilPrinted(follow, 2, () => runBurstClient(server.port, 1, 1000, ns.enter));
      // `stats` buckets its closes by the second of the refresh that saw them, and on a busy machine that refresh
      // may come well after `closed` printed: the burst starts at a whole second, 2 s or more after the warm-up.
      await sleep(2_000);
      await sleep(1_000 - (Date.now() % 1000) + 10);
      const warmUp = follow.lines.length;
      const resetsBefore = resetsSent(ns.enter);
      const burstAt = Date.now();
      const client = await runBurstClient(server.port, 300, 1000, ns.enter);
      console.log(`300 connections (netinspect as ${who}) opened and closed in ${client.ms} ms`);
      await waitFor(() => (follow.lines.length >= warmUp + 600 ? true : undefined), 20_000);
      follow.child.kill('SIGINT');
      expect((await follow.exited).code, follow.stderr()).toBe(0);
      const resets = resetsSent(ns.enter) - resetsBefore;
      // The burst's closes only: in the namespace's loopback the kernel may give a burst connection the client port
      // of a warm-up one (its TIME_WAIT reused), and the warm-up's entries would then match it too.
      const entries = follow.lines.slice(warmUp).map((l) => JSON.parse(l) as ClosedConnection);
      const ours = new Set(client.ports);
      const clientSide = entries.filter((e) => ours.has(e.localPort) && e.remotePort === server.port);
      const serverSide = entries.filter((e) => e.localPort === server.port && ours.has(e.remotePort));
      expect(clientSide).toHaveLength(300);
      expect(serverSide).toHaveLength(300);
      expect(new Set(clientSide.map((e) => e.localPort))).toEqual(ours);
      const serverClosedAt = new Map(serverSide.map((e) => [e.remotePort, e.closedAt]));
      let unseen = 0;
      for (const e of clientSide) {
        expect(e).toMatchObject({ bytesSent: 1000, bytesReceived: 0, closedAtSource: 'kernel' });
        // The client closed first: its socket lives on as the kernel's timewait socket, in TIME_WAIT once the
        // server's FIN came. On a loaded machine the server may close after the refresh that logs the client: the
        // timewait socket was still in FIN_WAIT_2 then, and the log says so rather than guess what follows.
        // On a loaded machine the kernel may also kill a timewait socket within milliseconds: an ACK of it that
        // reaches the server's port after the server's end has gone draws a reset from the listener (seen with the
        // tcp_send_reset tracepoint: state LISTEN, reason TCP_FLAGS), and a reset ends a TIME_WAIT (RFC 1337, with
        // tcp_rfc1337 at its default 0). No refresh saw that connection after its close. Traced, the log says the
        // state the trace saw it close from, FIN_WAIT_2 (every active close hands over to its timewait socket from
        // there), though the server closed first; untraced, the last state a refresh saw it in (ESTABLISHED or
        // FIN_WAIT_1), or CLOSED when none saw it. Each costs one reset sent in the namespace.
        const seenAsTimewait =
          e.finalState === 'TIME_WAIT' ||
          (e.finalState === 'FIN_WAIT_2' && (serverClosedAt.get(e.localPort) ?? -Infinity) >= e.closedAt);
        // Where that state comes from: the kernel's table for a timewait socket it showed (and for CLOSED, the state
        // it freed the socket in), the trace for the state it saw, a refresh for the state it last showed.
        const expectedSource =
          e.finalState === 'TIME_WAIT'
            ? 'kernel'
            : !asNobody && traced
              ? 'trace'
              : ['FIN_WAIT_2', 'CLOSED'].includes(e.finalState)
                ? 'kernel'
                : 'observed';
        expect(e.finalStateSource, JSON.stringify(e)).toBe(expectedSource);
        // An opening is never after the close (a row first seen after it is the timewait socket, not the opening).
        if (e.openedAt !== null) expect(e.openedAt, JSON.stringify(e)).toBeLessThanOrEqual(e.closedAt);
        if (!seenAsTimewait) {
          const allowed = !asNobody && traced ? ['FIN_WAIT_2'] : ['CLOSED', 'ESTABLISHED', 'FIN_WAIT_1'];
          expect(allowed, JSON.stringify(e)).toContain(e.finalState);
          unseen++;
        }
      }
      if (unseen > 0) console.log(`${unseen} timewait sockets reset before a refresh saw them (${resets} resets sent)`);
      expect(unseen).toBeLessThanOrEqual(resets);
      expect(clientSide.filter((e) => e.finalState === 'TIME_WAIT').length).toBeGreaterThan(0);
      for (const e of serverSide)
        expect(e).toMatchObject({ bytesSent: 0, bytesReceived: 1000, closedAtSource: 'kernel' });
      if (!asNobody && traced) {
        // No refresh saw these sockets: the trace names who connected, and who closed the server's ends.
        expect(new Set(clientSide.map((e) => e.pid))).toEqual(new Set([client.pid]));
        expect(new Set(serverSide.map((e) => e.pid))).toEqual(new Set([server.pid]));
        expect(new Set(serverSide.map((e) => `${e.finalState} ${e.finalStateSource}`))).toEqual(
          new Set(['LAST_ACK trace']),
        );
      }
      expect((await stats.exited).code, stats.stderr()).toBe(0);
      const { series } = JSON.parse(stats.lines.join('\n')) as { series: StatsSeries };
      const since = Math.floor(burstAt / 1000) * 1000;
      // Both ends of each connection are sockets of this host: 300 connections are 600 closes.
      expect(series.points.filter((p) => p.t >= since).reduce((n, p) => n + p.closed, 0)).toBe(600);
      expect(series.transitions).toBe(asNobody || !traced ? 'observed' : 'trace');
    } finally {
      server.child.kill('SIGKILL');
      ns.remove();
    }
  }, 60_000);
});

describe.skipIf(noNetns !== null || !traced)('as root, every transition traced', () => {
  const clientSteps = {
    'NEW->SYN_SENT': 50,
    'SYN_SENT->ESTABLISHED': 50,
    'ESTABLISHED->FIN_WAIT_1': 50,
    'FIN_WAIT_1->FIN_WAIT_2': 50,
    'FIN_WAIT_2->TIME_WAIT': 50,
  };
  const serverSteps = {
    'NEW->SYN_RECEIVED': 50,
    'SYN_RECEIVED->ESTABLISHED': 50,
    'ESTABLISHED->CLOSE_WAIT': 50,
    'CLOSE_WAIT->LAST_ACK': 50,
    'LAST_ACK->GONE': 50,
  };
  const expected = { ...clientSteps, ...serverSteps };

  /** 50 connections at the start of a second, in a namespace of their own, while `stats` samples there. */
  async function fiftyShort(): Promise<{ ticking: boolean; inSeconds: Record<string, number>; mode: string }> {
    const ns = createNetns('trace');
    const server = await startBurstServer(ns.enter);
    try {
      const stats = spawnCli(['stats', '--window', '60s', '--json', '--interval', '250ms', '--ticks', '20'], ns.enter);
      await sleep(1_500);
      await sleep(1_020 - (Date.now() % 1000));
      const since = Math.floor(Date.now() / 1000) * 1000;
      await runBurstClient(server.port, 50, 100, ns.enter);
      expect((await stats.exited).code, stats.stderr()).toBe(0);
      const { series } = JSON.parse(stats.lines.join('\n')) as { series: StatsSeries };
      const inSeconds: Record<string, number> = {};
      for (const p of series.points.filter((x) => x.t >= since)) {
        for (const [k, n] of Object.entries(countsOf(p.transitions))) inSeconds[k] = (inSeconds[k] ?? 0) + n;
      }
      // It sampled before the burst too: its sources were open when the burst began.
      const ticking = series.points.some((p) => p.t < since && p.samples > 0);
      return { ticking, inSeconds, mode: series.transitions };
    } finally {
      server.child.kill('SIGKILL');
      ns.remove();
    }
  }

  it('counts the transitions of 50 short connections exactly, both sides', async (ctx) => {
    // The table and the closes of the namespace are these connections' only; the trace is machine-wide, so other
    // processes' TCP changes in the same seconds can add to the counts: then the burst runs again. A count short
    // of the 50 fails at once.
    for (let attempt = 1; attempt <= 6; attempt++) {
      const r = await fiftyShort();
      if (!r.ticking) {
        console.log(`kernel truth: attempt ${attempt}: stats was not sampling yet when the burst began`);
        continue;
      }
      expect(r.mode).toBe('trace');
      for (const [k, n] of Object.entries(expected)) expect(r.inSeconds[k] ?? 0, k).toBeGreaterThanOrEqual(n);
      if (JSON.stringify(Object.entries(r.inSeconds).sort()) === JSON.stringify(Object.entries(expected).sort()))
        return;
      console.log(
        `kernel truth: attempt ${attempt} shared its seconds with other TCP activity: ${JSON.stringify(r.inSeconds)}`,
      );
    }
    // Never fewer than ours, so nothing was lost; but exactness cannot be told apart from a busy machine's churn.
    const why = 'other processes changed TCP states in the seconds of all six bursts (the trace is machine-wide)';
    console.log(`kernel truth: exact transition counts not checked: ${why}`);
    ctx.skip(true, why);
  }, 90_000);
});

describe.skipIf(!traced)('as root, through `netinspect serve` and its collector process', () => {
  let s: Served;
  const instanceOf = (pid: number) => path.join(tracefs.path ?? '', 'instances', `netinspect-${pid}`);
  const collectorPid = (): number | undefined => {
    const pid = s.cli.child.pid ?? 0;
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    return kids.find((k) => existsSync(instanceOf(k)));
  };

  beforeAll(async () => {
    s = await startServed();
    await s.call('settings:set', { refreshIntervalMs: 250 });
    await s.call('sockets:subscribe');
    await waitFor(async () =>
      (await s.call<CollectorStatus>('collector:status')).transitions === 'trace' ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    if (s && s.cli.child.exitCode === null) await s.stop();
  });

  it('40 connects to a closed port are one failed-connects finding for that destination and this pid', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const failed = await collectClosed(
      s,
      (e) => e.remotePort === port,
      40,
      async () => {
        for (let i = 0; i < 40; i++)
          await new Promise<void>((r) => net.connect(port, '127.0.0.1').on('error', () => r()));
      },
    );
    const id = `failed-connect:127.0.0.1:${port}:${process.pid}`;
    const count = async () => (await s.call<Diagnosis>('diagnosis:findings')).findings.find((f) => f.id === id);
    const f = await waitFor(async () => ((await count())?.titleParams.count === 40 ? count() : undefined), 20_000);
    expect(f).toMatchObject({
      rule: 'failed-connects',
      severity: 'warning',
      titleParams: { pid: process.pid, count: 40 },
    });
    await sleep(600);
    expect((await count())?.titleParams.count).toBe(40);
    expect(failed).toHaveLength(40);
    for (const e of failed)
      expect(e).toMatchObject({ failedConnect: true, pid: process.pid, remoteAddress: '127.0.0.1' });
  });

  it('its trace instance is removed after kill -9 of the collector (by the next one) and when serve exits', async () => {
    const first = await waitFor(collectorPid);
    process.kill(first, 'SIGKILL');
    const second = await waitFor(() => {
      const next = collectorPid();
      return next !== undefined && next !== first && !existsSync(instanceOf(first)) ? next : undefined;
    }, 20_000);
    expect(await s.stop()).toBe(0);
    await waitFor(() => (existsSync(instanceOf(second)) ? undefined : true), 5_000);
  }, 40_000);
});

describe.skipIf(!traced)('the trace instance of a CLI command', () => {
  it('is gone after `closed --follow` exits on SIGINT', async () => {
    const f = spawnCli(['closed', '--follow', '--interval', '250ms']);
    const instance = path.join(tracefs.path ?? '', 'instances', `netinspect-${f.child.pid}`);
    await waitFor(() => (existsSync(instance) ? true : undefined));
    f.child.kill('SIGINT');
    expect((await f.exited).code).toBe(0);
    expect(existsSync(instance)).toBe(false);
  });
});

describe.skipIf(noNobody !== null)('as nobody', () => {
  it('destroy events still arrive, tracing is off with its reason and action, and nothing errors', async () => {
    const s = await startServed(AS_NOBODY);
    const server = await startBurstServer();
    try {
      await s.call('sockets:subscribe');
      const status = await waitFor(async () => {
        const st = await s.call<CollectorStatus>('collector:status');
        return st.kernelSources.length > 0 ? st : undefined;
      }, 30_000);
      expect(status).toMatchObject({ elevated: false, closes: 'kernel', transitions: 'observed', errors: [] });
      expect(status.kernelSources.find((k) => k.source === 'closedSockets')).toMatchObject({ on: true, lost: 0 });
      expect(status.kernelSources.find((k) => k.source === 'stateTrace')).toMatchObject({
        on: false,
        reason: { key: 'kernelEvents.reason.notRoot' },
        action: { key: 'kernelEvents.action.elevate' },
      });
      let client = { pid: 0, ports: [] as number[], ms: 0 };
      const ours = await collectClosed(
        s,
        (x) => x.localPort === server.port || x.remotePort === server.port,
        40,
        async () => (client = await runBurstClient(server.port, 20, 1000)),
      );
      expect(
        ours
          .filter((e) => e.remotePort === server.port)
          .map((e) => e.localPort)
          .sort(),
      ).toEqual([...client.ports].sort());
      for (const e of ours) {
        expect(e.remotePort === server.port ? e.bytesSent : e.bytesReceived).toBe(1000);
        // Root's processes are hidden from nobody, and no trace runs to name them.
        expect(e.pid).toBeNull();
      }
      expect((await s.call<CollectorStatus>('collector:status')).errors).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
      expect(await s.stop()).toBe(0);
    }
    expect(s.cli.stderr()).not.toMatch(/Error|at .*\(/);
  }, 40_000);
});

describe('`netinspect closed`: bad input and a reader that goes away', () => {
  it('refuses an unknown filter key or a limit of 0 with exit 2 and one line, before sampling', async () => {
    const r = await runCli(['closed', '--follow', '--filter', 'bogus:1'], { killAfterMs: 10_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/"bogus"/);
    const limit = await runCli(['closed', '--limit', '0'], { killAfterMs: 10_000 });
    expect(limit.code).toBe(2);
    expect(limit.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ends with exit 0 and no stack trace when the pipe of --follow --json is closed', async () => {
    const server = await startBurstServer();
    const f = spawnCli(['closed', '--follow', '--json', '--interval', '250ms', '--filter', `:${server.port}`]);
    try {
      await untilPrinted(f, 1, () => runBurstClient(server.port, 1, 10));
      // The reader goes away, as `| head -n 1` does: the next write meets EPIPE.
      f.child.stdout?.destroy();
      await runBurstClient(server.port, 5, 10);
      expect((await f.exited).code).toBe(0);
      expect(f.stderr()).toBe('');
    } finally {
      f.child.kill('SIGKILL');
      server.child.kill('SIGKILL');
    }
  });
});

describe('ages on the first run of `list --json` and `diagnose --json`', () => {
  let later: LaterSockets;
  let list: { takenAt: number; sockets: Socket[] };
  let diagnosis: Diagnosis;
  let ss: { closeWait: string[]; timeWait: string[]; at: number };

  beforeAll(
    async () => {
      later = await aged.later;
      await sleep(Math.max(0, later.cwFinAt + READ_AFTER_MS - Date.now()));
      const [l, d] = await Promise.all([runCli(['list', '--json']), runCli(['diagnose', '--json'])]);
      expect(l.code, l.stderr).toBe(0);
      expect(d.code, d.stderr).toBe(0);
      list = JSON.parse(l.stdout) as typeof list;
      diagnosis = JSON.parse(d.stdout) as Diagnosis;
      // A socket dump is not atomic: while another process churns thousands of connections a second, the kernel
      // can skip a socket of a hash chain that changed between two batches (ss too). Then a second first run.
      const has = (local: number, remote: number) =>
        list.sockets.some((x) => x.proto === 'tcp' && x.localPort === local && x.remotePort === remote);
      if (!has(later.twClientPort, later.twServerPort) || !has(aged.leak.leakPort, later.cwClientPort)) {
        console.log('kernel truth: the dump missed a fixture socket under churn; running list --json once more');
        const again = await runCli(['list', '--json']);
        list = JSON.parse(again.stdout) as typeof list;
      }
      const lines = (args: string[]) =>
        execFileSync('ss', ['-tniOH', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\n');
      ss = {
        at: Date.now(),
        closeWait: lines(['state', 'close-wait', 'sport', '=', `:${aged.leak.leakPort}`]),
        timeWait: lines(['-o', 'state', 'time-wait', 'dport', '=', `:${later.twServerPort}`]),
      };
    },
    LATER_MS + READ_AFTER_MS + 30_000,
  );

  const find = (local: number, remote: number): Socket => {
    const s = list.sockets.find((x) => x.proto === 'tcp' && x.localPort === local && x.remotePort === remote);
    if (!s) throw new Error(`no socket ${local} -> ${remote} in list --json`);
    return s;
  };
  const ssLine = (lines: readonly string[], a: number, b: number): string => {
    const hit = lines.filter((l) => l.includes(`:${a} `) && l.includes(`:${b} `));
    expect(hit, `ss line for ports ${a} and ${b}`).toHaveLength(1);
    return hit[0];
  };
  const ageOf = (s: Socket): number => list.takenAt - (s.stateSince ?? Number.NaN);

  it('a CLOSE_WAIT socket made 30 s before is 30 s old, from the kernel, as ss lastack says', () => {
    const s = find(aged.leak.leakPort, later.cwClientPort);
    expect(s).toMatchObject({ state: 'CLOSE_WAIT', stateSinceSource: 'kernel', stateSinceExact: true });
    // 30 s and a little (the command's own start), measured against the fixture's clock.
    expect(Math.abs(ageOf(s) - (list.takenAt - later.cwFinAt))).toBeLessThan(2_000);
    expect(list.takenAt - later.cwFinAt).toBeGreaterThanOrEqual(READ_AFTER_MS);
    const lastAck = Number(/\blastack:(\d+)/.exec(ssLine(ss.closeWait, aged.leak.leakPort, later.cwClientPort))?.[1]);
    expect(Math.abs(ss.at - lastAck - (s.stateSince ?? 0))).toBeLessThan(2_000);
  });

  it('the leak is 70 s old; a TIME_WAIT socket’s age is 60 s minus what ss’s timer has left', () => {
    for (const port of aged.leak.clientPorts) {
      const s = find(aged.leak.leakPort, port);
      expect(s).toMatchObject({ state: 'CLOSE_WAIT', stateSinceSource: 'kernel' });
      expect(Math.abs(ageOf(s) - (list.takenAt - aged.leak.finAt))).toBeLessThan(2_000);
    }
    const tw = find(later.twClientPort, later.twServerPort);
    expect(tw).toMatchObject({ state: 'TIME_WAIT', stateSinceSource: 'kernel' });
    const timer = /timer:\(timewait,(?:(\d+)min)?(\d+(?:\.\d+)?)sec/.exec(
      ssLine(ss.timeWait, later.twClientPort, later.twServerPort),
    );
    const leftMs = (Number(timer?.[1] ?? 0) * 60 + Number(timer?.[2])) * 1000;
    expect(Math.abs(60_000 - leftMs - (ageOf(tw) + ss.at - list.takenAt))).toBeLessThan(2_000);
    expect(Math.abs(ageOf(tw) - (list.takenAt - later.twAt))).toBeLessThan(2_000);
  });

  it('diagnose calls the 70-s leak a warning on its first run', () => {
    const f = diagnosis.findings.find((x) => x.id === `close-wait:pid:${aged.pid}`);
    expect(f?.severity).toBe('warning');
    expect(f?.titleParams.count).toBe(aged.leak.clientPorts.length + 1);
    expect(diagnosis.takenAt - aged.leak.finAt).toBeGreaterThanOrEqual(LATER_MS + READ_AFTER_MS);
    expect(Math.abs(Number(f?.titleParams.oldestS) - (diagnosis.takenAt - aged.leak.finAt) / 1000)).toBeLessThanOrEqual(
      2,
    );
  });
});
