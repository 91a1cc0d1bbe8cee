// The Linux collector against real loopback sockets in known states, cross-checked with `ss`, via netlink and procfs.
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSocket } from '../../../../shared/model/socket';
import type { RawSnapshot } from '../../../../shared/model/snapshot';
import { createLinuxCollector } from './collector';
import { OwnerMap } from './owner-map';
import { LibcProcFdSource } from './proc-fd-source';
import { userName } from './proc-info';

const COMM = readFileSync('/proc/self/comm', 'utf8').trim();
const EUID = process.geteuid?.() ?? -1;

interface Scenario {
  port4: number;
  port6: number | null;
  /** Why IPv6 sockets could not be made, or null. */
  noV6: string | null;
  est: net.Socket;
  tw: { localPort: number };
  cw: net.Socket;
  est6: net.Socket | null;
  udp4: dgram.Socket;
  udp4c: dgram.Socket;
  udp6: dgram.Socket | null;
  udp6c: dgram.Socket | null;
}

const cleanup: Array<() => void> = [];
let sc: Scenario;

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      cleanup.push(() => server.close());
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function connect(port: number, host: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, host);
    cleanup.push(() => c.destroy());
    c.once('error', reject);
    c.once('connect', () => resolve(c));
  });
}

function bindUdp(type: 'udp4' | 'udp6', host: string, peer?: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const u = dgram.createSocket(type);
    cleanup.push(() => u.close());
    u.once('error', reject);
    u.bind(0, host, () => {
      if (peer === undefined) resolve(u);
      else u.connect(peer, host, () => resolve(u));
    });
  });
}

/** Server-side sockets by the client's port, so each case can find its accepted peer. */
function acceptor(server: net.Server): (clientPort: number) => Promise<net.Socket> {
  const accepted = new Map<number, net.Socket>();
  const waiting = new Map<number, (s: net.Socket) => void>();
  server.on('connection', (s) => {
    cleanup.push(() => s.destroy());
    const port = s.remotePort ?? -1;
    accepted.set(port, s);
    waiting.get(port)?.(s);
  });
  return (port) =>
    new Promise((resolve) =>
      accepted.has(port) ? resolve(accepted.get(port) as net.Socket) : waiting.set(port, resolve),
    );
}

beforeAll(async () => {
  // allowHalfOpen: an accepted socket that receives FIN stays in CLOSE_WAIT until we end it (we never do for cw).
  const server4 = net.createServer({ allowHalfOpen: true });
  const port4 = await listen(server4, '127.0.0.1');
  const accepted4 = acceptor(server4);

  const est = await connect(port4, '127.0.0.1');
  await accepted4(est.localPort ?? -1);

  // TIME_WAIT: the client closes first; the server answers with its own FIN; the client ends in TIME_WAIT.
  const twClient = await connect(port4, '127.0.0.1');
  const twPort = twClient.localPort ?? -1;
  const twServer = await accepted4(twPort);
  twServer.on('end', () => twServer.end());
  const twDone = Promise.all([
    new Promise((r) => twClient.once('close', r)),
    new Promise((r) => twServer.once('close', r)),
  ]);
  twClient.end();
  twClient.resume();
  twServer.resume();
  await twDone;

  // CLOSE_WAIT on the server side: the client half-closes, the server never does.
  const cw = await connect(port4, '127.0.0.1');
  const cwServer = await accepted4(cw.localPort ?? -1);
  const cwEnded = new Promise((r) => cwServer.once('end', r));
  cwServer.resume();
  cw.end();
  await cwEnded;

  let port6: number | null = null;
  let est6: net.Socket | null = null;
  let noV6: string | null = null;
  let udp6: dgram.Socket | null = null;
  let udp6c: dgram.Socket | null = null;
  try {
    const server6 = net.createServer();
    port6 = await listen(server6, '::1');
    const accepted6 = acceptor(server6);
    est6 = await connect(port6, '::1');
    await accepted6(est6.localPort ?? -1);
    udp6 = await bindUdp('udp6', '::1');
    udp6c = await bindUdp('udp6', '::1', udp6.address().port);
  } catch (e) {
    noV6 = `IPv6 loopback unusable on this kernel/host (${(e as Error).message})`;
    port6 = null;
  }
  const udp4 = await bindUdp('udp4', '127.0.0.1');
  const udp4c = await bindUdp('udp4', '127.0.0.1', udp4.address().port);
  sc = { port4, port6, noV6, est, tw: { localPort: twPort }, cw, est6, udp4, udp4c, udp6, udp6c };
});

afterAll(() => {
  for (const f of cleanup.reverse()) f();
});

function find(
  snap: RawSnapshot,
  proto: 'tcp' | 'udp',
  local: string,
  localPort: number,
  remotePort?: number,
): RawSocket[] {
  return snap.sockets.filter(
    (s) =>
      s.proto === proto &&
      s.localAddress === local &&
      s.localPort === localPort &&
      (remotePort === undefined || s.remotePort === remotePort),
  );
}

function one(list: RawSocket[], what: string): RawSocket {
  expect(list, what).toHaveLength(1);
  return list[0];
}

const SS_STATES: Readonly<Record<string, string>> = {
  ESTAB: 'ESTABLISHED',
  LISTEN: 'LISTEN',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECEIVED',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  'LAST-ACK': 'LAST_ACK',
  'TIME-WAIT': 'TIME_WAIT',
  UNCONN: 'CLOSED',
  CLOSE: 'CLOSED',
};

/** `127.0.0.1:80` / `[::1]:80` -> [address, port]. */
function splitEndpoint(text: string): [string, number] {
  const i = text.lastIndexOf(':');
  return [
    text
      .slice(0, i)
      .replace(/^\[|\]$/g, '')
      .replace(/%.*$/, ''),
    Number(text.slice(i + 1)),
  ];
}

/** TCP sockets that `ss -tanH` shows touching `ports`, as "local lport remote rport" -> our state name. */
function ssStates(ports: ReadonlySet<number>): Map<string, string> | string {
  // ss filters by port itself, so a machine with many sockets does not flood the pipe.
  const filter = [...ports].map((p) => `sport = :${p} or dport = :${p}`).join(' or ');
  let text: string;
  try {
    text = execFileSync('ss', ['-tanH', filter], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    // Only a missing ss is a reason to skip; any other failure is a failure.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'ss (iproute2) is not installed';
    throw e;
  }
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [la, lp] = splitEndpoint(f[3]);
    const [ra, rp] = splitEndpoint(f[4]);
    if (!ports.has(lp) && !ports.has(rp)) continue;
    out.set(
      `${la} ${lp} ${ra} ${rp === 0 || Number.isNaN(rp) ? 0 : rp}`,
      SS_STATES[f[0]] ?? `unknown ss state ${f[0]}`,
    );
  }
  return out;
}

describe.each([
  { source: 'netlink', forceProcfs: false, once: false },
  { source: 'procfs', forceProcfs: true, once: false },
  // A cold `list`'s collector: every row decoded afresh, nothing kept for a next snapshot.
  { source: 'netlink', forceProcfs: false, once: true },
])('Linux collector via $source (once: $once)', ({ source, forceProcfs, once }) => {
  let snap: RawSnapshot;
  const collector = createLinuxCollector({ forceProcfs, once });

  beforeAll(() => {
    snap = collector.snapshot();
  });
  afterAll(() => collector.close());

  function requireSource(skip: (note: string) => never): void {
    if (snap.source !== source)
      skip(`${source} not available on this kernel: ${snap.fallbackReason ?? 'unknown reason'}`);
  }

  it('reports its source', ({ skip }) => {
    requireSource(skip);
    expect(snap.source).toBe(source);
    expect(snap.fallbackReason === null).toBe(!forceProcfs);
    if (forceProcfs) expect(snap.fallbackReason).toMatch(/proc\/net/);
    expect(snap.durationMs).toBeGreaterThan(0);
  });

  it('reports the listener as LISTEN, owned by this process', ({ skip }) => {
    requireSource(skip);
    const l = one(find(snap, 'tcp', '127.0.0.1', sc.port4, 0), 'listener');
    expect(l).toMatchObject({
      state: 'LISTEN',
      family: 4,
      remoteAddress: '0.0.0.0',
      pid: process.pid,
      process: COMM,
      uid: EUID,
      user: userName(EUID),
    });
    expect(l.inode).toBeGreaterThan(0);
    // The accept backlog (node asks for 511, capped by somaxconn) only comes through sock_diag.
    if (source === 'netlink') expect(l.sendQueue).toBeGreaterThan(0);
    else expect(l.sendQueue).toBeNull();
    const me = snap.processes.find((p) => p.pid === process.pid);
    expect(me).toMatchObject({ name: COMM, exe: process.execPath, uid: EUID });
    expect(Math.abs((me?.startTime ?? 0) - (Date.now() - process.uptime() * 1000))).toBeLessThan(5000);
  });

  it('reports both ends of a connection as ESTABLISHED with owner (and tcp_info metrics via netlink)', ({ skip }) => {
    requireSource(skip);
    const port = sc.est.localPort ?? -1;
    const client = one(find(snap, 'tcp', '127.0.0.1', port, sc.port4), 'client end');
    const server = one(find(snap, 'tcp', '127.0.0.1', sc.port4, port), 'server end');
    for (const s of [client, server]) {
      expect(s).toMatchObject({ state: 'ESTABLISHED', pid: process.pid, process: COMM, remoteAddress: '127.0.0.1' });
      if (source === 'netlink') expect(s.metrics?.rttMs).toEqual(expect.any(Number));
      else expect(s.metrics).toBeNull();
    }
  });

  it('reports the active closer in TIME_WAIT without inode, owner or uid', ({ skip }) => {
    requireSource(skip);
    const tw = one(find(snap, 'tcp', '127.0.0.1', sc.tw.localPort, sc.port4), 'TIME_WAIT end');
    expect(tw).toMatchObject({
      state: 'TIME_WAIT',
      inode: 0,
      pid: null,
      process: null,
      uid: null,
      user: null,
      metrics: null,
    });
  });

  it('reports the peer that never closes in CLOSE_WAIT, the other side in FIN_WAIT_2', ({ skip }) => {
    requireSource(skip);
    const port = sc.cw.localPort ?? -1;
    expect(one(find(snap, 'tcp', '127.0.0.1', sc.port4, port), 'server end')).toMatchObject({
      state: 'CLOSE_WAIT',
      pid: process.pid,
    });
    expect(one(find(snap, 'tcp', '127.0.0.1', port, sc.port4), 'client end')).toMatchObject({
      state: 'FIN_WAIT_2',
      pid: process.pid,
    });
  });

  it('reports IPv6 sockets with ::1 addresses', ({ skip }) => {
    requireSource(skip);
    const { port6, est6 } = sc;
    if (port6 === null || !est6) return skip(sc.noV6 ?? 'IPv6 unavailable');
    const l = one(find(snap, 'tcp', '::1', port6, 0), 'v6 listener');
    expect(l).toMatchObject({ family: 6, state: 'LISTEN', remoteAddress: '::', pid: process.pid });
    const c = one(find(snap, 'tcp', '::1', est6.localPort ?? -1, port6), 'v6 client');
    expect(c).toMatchObject({ family: 6, state: 'ESTABLISHED', remoteAddress: '::1', pid: process.pid });
  });

  it('reports UDP sockets as UNCONN or, once connected, ESTABLISHED', ({ skip }) => {
    requireSource(skip);
    const port = sc.udp4.address().port;
    expect(one(find(snap, 'udp', '127.0.0.1', port), 'udp4')).toMatchObject({
      state: 'UNCONN',
      remotePort: 0,
      pid: process.pid,
      metrics: null,
    });
    expect(one(find(snap, 'udp', '127.0.0.1', sc.udp4c.address().port), 'udp4 connected')).toMatchObject({
      state: 'ESTABLISHED',
      remotePort: port,
      pid: process.pid,
    });
    const { udp6, udp6c } = sc;
    if (!udp6 || !udp6c) return skip(sc.noV6 ?? 'IPv6 unavailable');
    expect(one(find(snap, 'udp', '::1', udp6.address().port), 'udp6')).toMatchObject({
      family: 6,
      state: 'UNCONN',
      pid: process.pid,
    });
    expect(one(find(snap, 'udp', '::1', udp6c.address().port), 'udp6 connected')).toMatchObject({
      state: 'ESTABLISHED',
    });
  });

  it('agrees with `ss -tanH` on the state of every TCP socket on the test ports', ({ skip }) => {
    requireSource(skip);
    const ports = new Set([sc.port4, ...(sc.port6 === null ? [] : [sc.port6])]);
    const fresh = collector.snapshot();
    const ss = ssStates(ports);
    if (typeof ss === 'string') skip(ss);
    const ours = new Map<string, string>();
    for (const s of fresh.sockets) {
      if (s.proto !== 'tcp' || (!ports.has(s.localPort) && !ports.has(s.remotePort))) continue;
      ours.set(`${s.localAddress} ${s.localPort} ${s.remoteAddress} ${s.remotePort}`, s.state);
    }
    expect(ours.size).toBeGreaterThanOrEqual(8);
    expect(ours).toEqual(ss);
  });
});

describe('owner map steady state on real /proc', () => {
  it('reads no fd link when no socket and no fd table changed', () => {
    const collector = createLinuxCollector();
    try {
      const first = collector.snapshot();
      const ours = first.sockets.filter((s) => s.pid === process.pid).map((s) => s.inode ?? 0);
      expect(ours.length).toBeGreaterThanOrEqual(8);
      // Deterministic: a fixed set of inodes (ours) and this process alone, so other processes on this machine, whose
      // fd tables change all the time, cannot add work.
      const real = new LibcProcFdSource();
      const map = new OwnerMap({
        listPids: () => [process.pid],
        listFds: (pid) => real.listFds(pid),
        readFdLink: (pid, fd) => real.readFdLink(pid, fd),
        fdCount: (pid) => real.fdCount(pid),
        release: () => real.release(),
      });
      map.refresh(ours);
      const after1 = map.stats();
      expect(after1.readlinkCalls).toBeGreaterThan(0);
      const r = map.refresh(ours);
      expect(map.stats()).toEqual({
        readlinkCalls: after1.readlinkCalls,
        fdDirReads: after1.fdDirReads,
        lastScan: 'none',
      });
      for (const inode of ours) expect(r.owners.get(inode)).toBe(process.pid);

      // Whole collector: other processes may open sockets meanwhile, so look for one tick that scanned for none. Their
      // fds open and close all the time: a tick that re-read the fd tables that changed reads their new fds only.
      let quiet = false;
      for (let i = 0; i < 20 && !quiet; i++) {
        collector.snapshot();
        quiet = ['none', 'changed'].includes(collector.ownerStats().lastScan);
      }
      expect(quiet).toBe(true);
    } finally {
      collector.close();
    }
  });
});
