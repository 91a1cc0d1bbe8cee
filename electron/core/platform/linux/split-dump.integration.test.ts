// A TCP dump split in two halves (one received on the dump thread) against the whole dump and against `ss`, on
// real loopback connections of this process and one socket that is bound and nothing else.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DumpThread } from '../../ffi/dump-thread';
import { bind, close, getsockname, socket } from '../../ffi/libc';
import { FIRST_SHARE, inFirstHalf } from './dump-split';
import type { KernelSocket } from './kernel-socket';
import { SockDiagClient } from './netlink-sockdiag';
import { ssLines } from '../../../test-support/child-fixtures';

const PAIRS = 400;
const open: (net.Server | net.Socket)[] = [];
let port = 0;
let boundFd = -1;
let boundPort = 0;

/** A TCP socket bound to 127.0.0.1 and an ephemeral port, neither listening nor connected. */
function bindOnly(): { fd: number; port: number } {
  const fd = socket(2, 1 | 0o2000000, 0); // AF_INET, SOCK_STREAM | SOCK_CLOEXEC
  const addr = new Uint8Array(16); // sockaddr_in: family, port (network order), 127.0.0.1
  new DataView(addr.buffer).setUint16(0, 2, true);
  addr.set([127, 0, 0, 1], 4);
  bind(fd, addr);
  getsockname(fd, addr);
  return { fd, port: new DataView(addr.buffer).getUint16(2, false) };
}

/** This test's sockets in a dump: its connections (either end on `port`) and the bound-only one. */
const mine = (rows: readonly KernelSocket[]) =>
  rows.filter(
    (r) =>
      r.localPort === port || (r.remotePort === port && r.remoteAddress === '127.0.0.1') || r.localPort === boundPort,
  );
const key = (r: KernelSocket) => `${r.state} ${r.localAddress}:${r.localPort} ${r.remoteAddress}:${r.remotePort}`;

describe.skipIf(process.platform !== 'linux')('split sock_diag dumps', () => {
  beforeAll(async () => {
    const server = net.createServer((s) => open.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push(server);
    port = (server.address() as net.AddressInfo).port;
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
    ({ fd: boundFd, port: boundPort } = bindOnly());
  });
  afterAll(() => {
    open.forEach((o) => ('destroy' in o ? o.destroy() : o.close()));
    if (boundFd >= 0) close(boundFd);
  });

  it('lists every socket once, in halves the filter chose, as the whole dump and ss do', (ctx) => {
    const client = new SockDiagClient({ splitMinSockets: 2 * PAIRS });
    try {
      const whole: KernelSocket[] = [];
      client.dump('tcp', null, whole);
      expect(client.splitStats().splitDumps).toBe(0);
      const split: KernelSocket[] = [];
      client.dump('tcp', null, split);
      const ss = ssLines(execFileSync('ss', ['-tanH', `( sport = :${port} or dport = :${port} )`]).toString(), port);
      const stats = client.splitStats();
      expect(stats).toMatchObject({ splitDumps: 1, off: null });
      const last = stats.lastSplit;
      if (!last) throw new Error('no split recorded');

      // Both halves hold their share, and the first `first` rows are exactly the first half's.
      expect(last.total).toBe(split.length);
      expect(last.first / last.total).toBeGreaterThan(FIRST_SHARE - 0.2);
      expect(last.first / last.total).toBeLessThan(FIRST_SHARE + 0.2);
      const firstHalf = split.map((r) => inFirstHalf(r, last.split));
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
      // Both halves ask for bound-only sockets, each through its own port filter: the one socket shows once.
      expect(bound.map((r) => r.state)).toEqual(['CLOSED']);
    } finally {
      client.close();
    }
  });

  it('keeps unchanged sockets from one split dump to the next', () => {
    const client = new SockDiagClient({ splitMinSockets: 2 * PAIRS });
    try {
      for (let i = 0; i < 2; i++) client.dump('tcp', null, []);
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

  it('dumps whole, and says why, when the dump thread cannot come up', () => {
    const client = new SockDiagClient({
      splitMinSockets: 2 * PAIRS,
      dumpThread: () => DumpThread.start('/nonexistent/koffi.node'),
    });
    try {
      for (let i = 0; i < 3; i++) {
        const rows: KernelSocket[] = [];
        client.dump('tcp', null, rows);
        expect(mine(rows).length).toBe(2 * PAIRS + 2);
      }
      expect(client.splitStats()).toMatchObject({
        splitDumps: 0,
        off: 'no second socket or thread for split dumps: the thread could not load koffi',
      });
    } finally {
      client.close();
    }
  });
});

describe.skipIf(process.platform !== 'linux')('DumpThread', () => {
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
