// A TCP dump split in two halves (one received on the dump thread) against the whole dump and against `ss`, on
// real loopback connections of this process and one socket that is bound and nothing else.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DumpThread } from '../../ffi/dump-thread';
import { bind, close, ErrnoError, getsockname, recv, sendto, socket, socketpair } from '../../ffi/libc';
import { chooseSplit, FIRST_SHARE, inFirstHalf, lowestBoundPort, splitsUnconnected } from './dump-split';
import type { KernelSocket } from './kernel-socket';
import { SockDiagClient } from './netlink-sockdiag';
import { ssLines } from '../../../test-support/child-fixtures';
import { ROOT } from '../../../test-support/net-fixtures';
import { LE } from './netlink';

const PAIRS = 400;
const open: (net.Server | net.Socket)[] = [];
let port = 0;
let boundFd = -1;
let boundPort = 0;

/**
 * A TCP socket bound to 127.0.0.1, neither listening nor connected: on the first free port of `ports` (0: an
 * ephemeral one).
 */
function bindOnly(ports: Iterable<number> = [0]): { fd: number; port: number } {
  const fd = socket(2, 1 | 0o2000000, 0); // AF_INET, SOCK_STREAM | SOCK_CLOEXEC
  const addr = new Uint8Array(16); // sockaddr_in: family, port (network order), 127.0.0.1
  const view = new DataView(addr.buffer);
  view.setUint16(0, 2, true);
  addr.set([127, 0, 0, 1], 4);
  for (const p of ports) {
    view.setUint16(2, p, false);
    try {
      bind(fd, addr);
      getsockname(fd, addr);
      return { fd, port: view.getUint16(2, false) };
    } catch (e) {
      if (!(e instanceof ErrnoError && e.code === 'EADDRINUSE')) throw e;
    }
  }
  close(fd);
  throw new Error('no free port to bind');
}

/**
 * Listens on 127.0.0.1 at the first port below the ephemeral range that no TCP socket has at either end (not even
 * one left in TIME_WAIT by an earlier run: `mine` would count it); returns the port.
 */
async function listenBelowEphemeral(server: net.Server): Promise<number> {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const used = new Set(
    execFileSync('ss', ['-tanH'])
      .toString()
      .split('\n')
      .flatMap((line) => line.trim().split(/\s+/).slice(3, 5))
      .map((end) => Number(end.slice(end.lastIndexOf(':') + 1))),
  );
  for (const p of portsDown(low - 1)) {
    if (used.has(p)) continue;
    const ok = await new Promise<boolean>((resolve, reject) => {
      const failed = (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(false) : reject(e));
      server.once('error', failed);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', failed);
        resolve(true);
      });
    });
    if (ok) return p;
  }
  throw new Error('no free port below the ephemeral range');
}

/** Ports from `from` down to 1024, but 2024 (the machine's own service). */
function* portsDown(from: number): Generator<number> {
  for (let p = from; p >= 1024; p--) if (p !== 2024) yield p;
}

/** A pause between dumps while the dump thread comes up: a worker's start and koffi's load, slow on a busy machine. */
const threadStart = () => new Promise((resolve) => setTimeout(resolve, 25));

/** This test's sockets in a dump: its connections (either end on `port`) and the bound-only one. */
const mine = (rows: readonly KernelSocket[]) =>
  rows.filter(
    (r) =>
      r.localPort === port || (r.remotePort === port && r.remoteAddress === '127.0.0.1') || r.localPort === boundPort,
  );
/**
 * The split of this test's own sockets: what the collector would choose were they the whole table. The machine's
 * other sockets fall in the half their ports give (thousands left in TIME_WAIT on one port by a test before, say,
 * would leave no port that splits the whole table near its share).
 */
const ownSplit = (rows: readonly KernelSocket[], start: number, end: number) => {
  const ours = mine(rows.slice(start, end));
  return chooseSplit(ours, 0, ours.length);
};
const key = (r: KernelSocket) => `${r.state} ${r.localAddress}:${r.localPort} ${r.remoteAddress}:${r.remotePort}`;

describe.skipIf(process.platform !== 'linux')('split sock_diag dumps', () => {
  beforeAll(async () => {
    // The listener and its 400 accepted ends are half this test's sockets, all on one port. Below the ephemeral
    // range, that port is below every client's, so a split right above it is exactly the share. On an ephemeral
    // port it could fall mid-way among the clients' (between their 40th and 60th percentile), leaving no split
    // within reach of the share: the dumps then stayed whole, and every test here waited out its 20 s (CI failed so).
    const server = net.createServer((s) => open.push(s));
    port = await listenBelowEphemeral(server);
    open.push(server);
    await Promise.all(
      Array.from(
        { length: PAIRS },
        () =>
          new Promise<void>((resolve, reject) => {
            const c = net.connect(port, '127.0.0.1', resolve);
            c.once('error', reject);
            open.push(c);
          }),
      ),
    );
    // Above the default ephemeral range, so above any split of this table's ports: in the second half.
    ({ fd: boundFd, port: boundPort } = bindOnly(Array.from({ length: 4000 }, (_, i) => 61001 + i)));
  });
  afterAll(() => {
    open.forEach((o) => ('destroy' in o ? o.destroy() : o.close()));
    if (boundFd >= 0) close(boundFd);
  });

  it('lists every socket once, in halves the filter chose, as the whole dump and ss do', async (ctx) => {
    const client = new SockDiagClient({ splitMinSockets: 2 * PAIRS, chooseSplit: ownSplit });
    try {
      // The first dump is whole and starts the thread; dumps stay whole until it is up.
      let whole: KernelSocket[] = [];
      let split: KernelSocket[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && client.splitStats().splitDumps === 0;) {
        whole = split;
        split = [];
        client.dump('tcp', null, split);
        if (client.splitStats().splitDumps === 0) await threadStart();
      }
      expect(whole.length).toBeGreaterThan(0);
      const ss = ssLines(execFileSync('ss', ['-tanH', `( sport = :${port} or dport = :${port} )`]).toString(), port);
      const stats = client.splitStats();
      expect(stats).toMatchObject({ splitDumps: 1, off: null });
      const last = stats.lastSplit;
      if (!last) throw new Error('no split recorded');

      // This test's sockets are split near the share, and the first `first` rows are exactly the first half's.
      expect(last.total).toBe(split.length);
      const ours = mine(split);
      const oursFirst = ours.filter((r) => inFirstHalf(r, last.split, last.unconnected)).length;
      expect(oursFirst / ours.length).toBeGreaterThan(FIRST_SHARE - 0.2);
      expect(oursFirst / ours.length).toBeLessThan(FIRST_SHARE + 0.2);
      // With no bound-inactive socket among the first half's ports (ours is above them), the second half took
      // every socket with no remote port.
      if (lowestBoundPort(whole, 0, whole.length) === boundPort) expect(last.unconnected).toBe(true);
      expect(last.unconnected).toBe(splitsUnconnected('tcp', last.split, lowestBoundPort(whole, 0, whole.length)));
      const firstHalf = split.map((r) => inFirstHalf(r, last.split, last.unconnected));
      expect(firstHalf.indexOf(false)).toBe(last.first);
      expect(firstHalf.lastIndexOf(true)).toBe(last.first - 1);

      // This test's sockets (in one half or both, as the whole table's ports fell): each once, as in the whole dump.
      const cookies = mine(split).map((r) => r.cookie);
      expect(new Set(cookies).size).toBe(cookies.length);
      expect(cookies.length).toBe(2 * PAIRS + 2);
      expect(mine(split).map(key).sort()).toEqual(mine(whole).map(key).sort());

      // ss shows the connections and the listener (it does not list a bound-only socket).
      const connections = mine(split).filter((r) => r.localPort !== boundPort);
      expect(connections.length).toBe(ss.length);
      expect(connections.filter((r) => r.state === 'ESTABLISHED').length).toBe(
        ss.filter((l) => l.startsWith('ESTAB')).length,
      );

      const bound = split.filter((r) => r.localPort === boundPort);
      if (whole.filter((r) => r.localPort === boundPort).length === 0) {
        ctx.skip(true, 'this kernel lists no bound-only TCP sockets (TCP_BOUND_INACTIVE is Linux 6.6 on)');
      }
      // The one socket shows once.
      expect(bound.map((r) => r.state)).toEqual(['CLOSED']);
    } finally {
      client.close();
    }
  });

  it("splits by local port alone while a bound-inactive socket has one of the first half's ports", async (ctx) => {
    const client = new SockDiagClient({ splitMinSockets: 2 * PAIRS, chooseSplit: ownSplit });
    let low: { fd: number; port: number } | null = null;
    try {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && client.splitStats().splitDumps === 0;) {
        client.dump('tcp', null, []);
        await threadStart();
      }
      const first = client.splitStats().lastSplit;
      if (!first) throw new Error('no split recorded');
      low = bindOnly(portsDown(first.split.below - 1));
      /** Two dumps: the first sees the table as it is now, the second is split as that one decides. */
      const twice = () => {
        const seen: KernelSocket[] = [];
        client.dump('tcp', null, seen);
        const rows: KernelSocket[] = [];
        client.dump('tcp', null, rows);
        const last = client.splitStats().lastSplit;
        if (!last) throw new Error('no split recorded');
        return { seen, rows, last };
      };
      const withLow = twice();
      if (withLow.seen.filter((r) => r.localPort === low?.port).length === 0) {
        ctx.skip(true, 'this kernel lists no bound-only TCP sockets (TCP_BOUND_INACTIVE is Linux 6.6 on)');
      }
      expect(withLow.last.split.below).toBeGreaterThan(low.port);
      expect(withLow.last.unconnected).toBe(false);
      // Each half walked the bound ports for its own: the low one is in the first half, once, and every row
      // is in the half its local port gives.
      const lowRows = withLow.rows.flatMap((r, i) => (r.localPort === low?.port ? [i] : []));
      expect(lowRows).toHaveLength(1);
      expect(lowRows[0]).toBeLessThan(withLow.last.first);
      const byPort = withLow.rows.map((r) => inFirstHalf(r, withLow.last.split, false));
      expect(byPort.indexOf(false)).toBe(withLow.last.first);
      expect(byPort.lastIndexOf(true)).toBe(withLow.last.first - 1);
      expect(mine(withLow.rows)).toHaveLength(2 * PAIRS + 2);

      // Once it is closed, the unconnected go to the second half again.
      close(low.fd);
      low = null;
      const after = twice();
      const lowest = lowestBoundPort(after.seen, 0, after.seen.length);
      expect(after.last.unconnected).toBe(splitsUnconnected('tcp', after.last.split, lowest));
      if (lowest === boundPort) expect(after.last.unconnected).toBe(true);
      expect(mine(after.rows)).toHaveLength(2 * PAIRS + 2);
    } finally {
      if (low) close(low.fd);
      client.close();
    }
  });

  it('keeps unchanged sockets from one split dump to the next', async () => {
    const client = new SockDiagClient({ splitMinSockets: 2 * PAIRS, chooseSplit: ownSplit });
    try {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && client.splitStats().splitDumps === 0;) {
        client.dump('tcp', null, []);
        await threadStart();
      }
      const rows: KernelSocket[] = [];
      const origins = client.dump('tcp', null, rows);
      expect(client.splitStats().splitDumps).toBe(2);
      if (!origins) throw new Error('no origins');
      const kept = mine(rows).filter((r) => origins[rows.indexOf(r)] >= 0).length;
      // Idle connections keep their objects (a socket with bytes in flight may not).
      expect(kept).toBeGreaterThan(mine(rows).length * 0.9);
    } finally {
      client.close();
    }
  });

  /** Dumps until splitting is off (the thread fails in the background), for up to 20 s; each has every socket. */
  async function dumpUntilOff(client: SockDiagClient): Promise<void> {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && client.splitStats().off === null;) {
      const rows: KernelSocket[] = [];
      client.dump('tcp', null, rows);
      expect(mine(rows).length).toBe(2 * PAIRS + 2);
      await threadStart();
    }
  }

  it('dumps whole, and says why, when the dump thread cannot come up', async () => {
    const client = new SockDiagClient({
      splitMinSockets: 2 * PAIRS,
      chooseSplit: ownSplit,
      dumpThread: () => DumpThread.start('/nonexistent/koffi.node'),
    });
    try {
      await dumpUntilOff(client);
      expect(client.splitStats()).toMatchObject({
        splitDumps: 0,
        off: 'dumps are not split: the dump thread could not load koffi',
      });
    } finally {
      client.close();
    }
  });

  it('dumps the table whole when the second half fails, and splits no more', async () => {
    const client = new SockDiagClient({
      splitMinSockets: 2 * PAIRS,
      chooseSplit: ownSplit,
      dumpThread: () => DumpThread.start(path.join(ROOT, 'electron', 'test-support', 'throwing-koffi.cjs')),
    });
    try {
      await dumpUntilOff(client);
      expect(client.splitStats()).toMatchObject({
        splitDumps: 1,
        off: 'dumps are not split: the second half of a split dump failed (the dump thread failed)',
      });
      const rows: KernelSocket[] = [];
      client.dump('tcp', null, rows);
      expect(mine(rows).length).toBe(2 * PAIRS + 2);
      expect(client.splitStats().splitDumps).toBe(1);
    } finally {
      client.close();
    }
  });
});

/** A netlink message of `len` bytes (header included): `type`, `seq`, then `fill` bytes. */
function message(len: number, type: number, seq: number, fill: number): Uint8Array {
  const m = new Uint8Array(len).fill(fill);
  const v = new DataView(m.buffer);
  v.setUint32(0, len, LE);
  v.setUint16(4, type, LE);
  v.setUint32(8, seq, LE);
  return m;
}

describe.skipIf(process.platform !== 'linux')('DumpThread', () => {
  it('keeps every datagram of a long reply, growing its buffers, up to the one with NLMSG_DONE', () => {
    // A seqpacket socket pair keeps datagram boundaries, as netlink does: this test plays the kernel.
    const [ours, theirs] = socketpair(1, 5 | 0o2000000, 0); // AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC
    const thread = DumpThread.start();
    try {
      expect(thread.ready(5000)).toBe(true);
      const request = message(20, 20, 77, 9);
      thread.begin(ours, 77, request);
      const got = new Uint8Array(64);
      expect(recv(theirs, got, 0)).toBe(20);
      expect([...got.subarray(0, 20)]).toEqual([...request]);
      // 1,500 datagrams of 1,000 bytes: past the first 1 MiB of data and the first 1,024 datagram slots. One
      // answers another request (seq 76) with NLMSG_DONE, which must not end this one.
      for (let i = 0; i < 1500; i++)
        sendto(theirs, message(1000, i === 700 ? 3 : 20, i === 700 ? 76 : 77, i & 255), 0, null);
      sendto(theirs, message(20, 3, 77, 0), 0, null);
      expect(thread.settle(5000)).toBe(true);
      const at = thread.wait(0, 0);
      expect(at).toEqual({ published: 1501, finished: true, errno: null, failedCall: null });
      const wrong: number[] = [];
      for (let i = 0; i < 1500; i++) {
        const d = thread.datagram(i);
        if (d.length !== 1000 || d[16] !== (i & 255) || d[999] !== (i & 255)) wrong.push(i);
      }
      expect(wrong).toEqual([]);
      expect(new DataView(thread.datagram(1500).slice().buffer).getUint16(4, LE)).toBe(3);

      // The next job ends at a failing NLMSG_ERROR of its own sequence number.
      thread.begin(ours, 78, message(20, 20, 78, 0));
      recv(theirs, got, 0);
      const error = message(36, 2, 78, 0);
      new DataView(error.buffer).setInt32(16, -22, LE);
      sendto(theirs, error, 0, null);
      expect(thread.settle(5000)).toBe(true);
      expect(thread.wait(0, 0)).toEqual({ published: 1, finished: true, errno: null, failedCall: null });
      expect(thread.datagram(0).length).toBe(36);
    } finally {
      thread.stop();
      close(ours);
      close(theirs);
    }
  });

  it('reports the failing call and its errno', () => {
    const thread = DumpThread.start();
    const devNull = openSync('/dev/null', 'r');
    try {
      expect(thread.ready(5000)).toBe(true);
      // /dev/null is no socket: sendto fails with ENOTSOCK, and nothing is received.
      thread.begin(devNull, 1, new Uint8Array(16));
      expect(thread.settle(5000)).toBe(true);
      expect(thread.wait(0, 0)).toEqual({ published: 0, finished: true, errno: 88, failedCall: 'sendto' });
    } finally {
      thread.stop();
      closeSync(devNull);
    }
  });
});
