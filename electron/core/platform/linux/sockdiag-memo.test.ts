// Identity reuse across sock_diag dumps: unchanged sockets keep their object, any decoded change gives a new one.
import { describe, expect, it } from 'vitest';
import type { KernelSocket } from './kernel-socket';
import { decodeSockDiag, type DumpClock } from './sockdiag-decode';
import { DumpMemo } from './sockdiag-memo';
import { concat, DONE, inetDiagMsg, nlmsg, rtattr, SEQ, tcpInfo, type TcpInfoSpec } from './sockdiag-test-bytes';

interface Sock {
  port: number;
  state?: number;
  rqueue?: number;
  wqueue?: number;
  uid?: number;
  inode?: number;
  cookie?: number;
  timer?: number;
  expires?: number;
  info?: TcpInfoSpec;
}

/** One dump's bytes: a netlink message per socket, each with a tcp_info, then NLMSG_DONE. */
function dump(socks: readonly Sock[]): Uint8Array {
  const msgs = socks.map((s) =>
    nlmsg(
      20,
      concat(
        inetDiagMsg({
          family: 2,
          state: s.state ?? 1,
          sport: s.port,
          dport: 40000,
          src: [127, 0, 0, 1],
          dst: [127, 0, 0, 1],
          rqueue: s.rqueue,
          wqueue: s.wqueue,
          uid: s.uid,
          inode: s.inode ?? s.port,
          cookie: s.cookie ?? s.port,
          timer: s.timer,
          expires: s.expires,
        }).bytes(),
        rtattr(2, tcpInfo(232, s.info)),
      ),
    ),
  );
  return concat(...msgs, DONE);
}

/** Decodes `bytes` as one dump through `memo`, split into `chunks` receive buffers as recv would return them. */
function run(memo: DumpMemo, bytes: Uint8Array, clock: DumpClock | null = null): KernelSocket[] {
  const out: KernelSocket[] = [];
  memo.begin();
  expect(decodeSockDiag(bytes, bytes.length, 'tcp', SEQ, out, memo, clock).kind).toBe('done');
  memo.commit();
  return out;
}

const many = (n: number, from = 1000): Sock[] => Array.from({ length: n }, (_, i) => ({ port: from + i }));

/** Indices whose objects differ between two runs over the same ports. */
function changedAt(a: readonly KernelSocket[], b: readonly KernelSocket[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe('DumpMemo with decodeSockDiag', () => {
  it('gives the very same objects for two dumps of identical bytes', () => {
    const memo = new DumpMemo();
    const first = run(memo, dump(many(50)));
    const second = run(memo, dump(many(50)));
    expect(second).toHaveLength(50);
    expect(changedAt(first, second)).toEqual([]);
    // And it decoded them right the first time.
    expect(first[7]).toMatchObject({ localPort: 1007, inode: 1007, state: 'ESTABLISHED' });
  });

  it('ignores tcp_info fields it does not decode (last_data_recv ticks on idle sockets)', () => {
    const memo = new DumpMemo();
    const first = run(memo, dump(many(5)));
    const idle = many(5).map((s) => ({ ...s, info: { lastDataRecv: 12345 } }));
    expect(changedAt(first, run(memo, dump(idle)))).toEqual([]);
  });

  it('keeps an object, and the age it was decoded with, while only timers and "ms since" fields move', () => {
    const memo = new DumpMemo();
    const cw = (lastAckRecv: number, lastDataRecv: number): Sock => ({
      port: 1,
      state: 8,
      info: { lastAckRecv, lastDataRecv },
    });
    const tw = (expires: number): Sock => ({ port: 2, state: 6, timer: 3, expires });
    const first = run(memo, dump([cw(30_000, 35_000), tw(40_000)]), { takenAt: 100_000, finTimeoutMs: 60_000 });
    expect(first.map((s) => s.kernelStateSince)).toEqual([70_000, 80_000]);
    // One second later the kernel reports one more second since, one less left: same sockets, same objects.
    const later = run(memo, dump([cw(31_000, 36_000), tw(39_000)]), { takenAt: 101_000, finTimeoutMs: 60_000 });
    expect(changedAt(first, later)).toEqual([]);
    expect(later.map((s) => s.kernelStateSince)).toEqual([70_000, 80_000]);
    // A decoded change makes a new object, which gets its age anew.
    const changed = run(memo, dump([{ ...cw(32_000, 37_000), rqueue: 3 }, tw(38_000)]), {
      takenAt: 102_000,
      finTimeoutMs: 60_000,
    });
    expect(changedAt(later, changed)).toEqual([0]);
    expect(changed[0].kernelStateSince).toBe(70_000);
  });

  const changes: ReadonlyArray<readonly [string, Partial<Sock>, Partial<KernelSocket>]> = [
    ['state', { state: 8 }, { state: 'CLOSE_WAIT' }],
    ['receive queue', { rqueue: 5 }, { recvQueue: 5 }],
    ['send queue', { wqueue: 9 }, { sendQueue: 9 }],
    ['uid', { uid: 4242 }, { uid: 4242 }],
    ['inode', { inode: 77 }, { inode: 77 }],
    [
      'rtt',
      { info: { rttUs: 2500 } },
      { metrics: { rttMs: 2.5, retransmits: 3, bytesSent: 5e9 + 123, bytesReceived: 777 } },
    ],
    ['retransmits', { info: { retrans: 4 } }, {}],
    ['bytes acked', { info: { acked: 6e9 } }, {}],
    [
      'bytes received',
      { info: { received: 778 } },
      { metrics: { rttMs: 1.5, retransmits: 3, bytesSent: 5e9 + 123, bytesReceived: 778 } },
    ],
    ['bytes sent (high word)', { info: { sent: 5e9 + 2 ** 32 } }, {}],
  ];
  for (const [what, change, expected] of changes) {
    it(`gives a new object for the one socket whose ${what} changed`, () => {
      const memo = new DumpMemo();
      const socks = many(20);
      const first = run(memo, dump(socks));
      const next = socks.map((s, i) => (i === 11 ? { ...s, ...change } : s));
      const second = run(memo, dump(next));
      expect(changedAt(first, second)).toEqual([11]);
      expect(second[11]).toMatchObject(expected);
      // The changed socket is remembered too: a third identical dump changes nothing.
      expect(changedAt(second, run(memo, dump(next)))).toEqual([]);
    });
  }

  it('keeps the others when a socket is inserted and another removed in the middle', () => {
    const memo = new DumpMemo();
    const socks = many(40);
    const first = run(memo, dump(socks));
    const byPort = new Map(first.map((s) => [s.localPort, s]));
    const next = [...socks.slice(0, 10), { port: 9000 }, ...socks.slice(10, 25), ...socks.slice(26)];
    const second = run(memo, dump(next));
    expect(second).toHaveLength(40);
    for (const s of second) {
      if (s.localPort === 9000) expect(byPort.has(9000)).toBe(false);
      else expect(s, `port ${s.localPort}`).toBe(byPort.get(s.localPort));
    }
    // Where each kept object came from, by position in the previous dump.
    const origins = [...Array.from({ length: 10 }, (_, i) => i), -1, ...Array.from({ length: 15 }, (_, i) => 10 + i)];
    expect([...memo.lastOrigins()]).toEqual([...origins, ...Array.from({ length: 14 }, (_, i) => 26 + i)]);
  });

  it('finds its place again after a removed run longer than the lookahead, and after reordering', () => {
    const memo = new DumpMemo();
    const socks = many(200);
    const first = run(memo, dump(socks));
    const byPort = new Map(first.map((s) => [s.localPort, s]));
    // 50 removed in a row, 3 new ones together, and a block moved to the front.
    const next = [...socks.slice(150, 160), ...socks.slice(0, 20), ...many(3, 9000), ...socks.slice(70, 150)];
    const second = run(memo, dump(next));
    const reused = second.filter((s) => byPort.get(s.localPort) === s).length;
    expect(reused).toBe(next.length - 3);
  });

  it('treats a new socket on the same tuple (another cookie) as new', () => {
    const memo = new DumpMemo();
    const first = run(memo, dump([{ port: 1 }, { port: 2 }, { port: 3 }]));
    const second = run(memo, dump([{ port: 1 }, { port: 2, cookie: 99 }, { port: 3 }]));
    expect(changedAt(first, second)).toEqual([1]);
  });

  it('keeps the last complete dump as reference when one fails part-way', () => {
    const memo = new DumpMemo();
    const first = run(memo, dump(many(10)));
    memo.begin();
    decodeSockDiag(dump(many(10, 5000)), 200, 'tcp', SEQ, [], memo);
    memo.abort();
    expect(changedAt(first, run(memo, dump(many(10))))).toEqual([]);
  });

  it('keeps identity across receive buffers and grows past its initial capacity', () => {
    const memo = new DumpMemo();
    const socks = many(3000);
    const first = run(memo, dump(socks));
    const bytes = dump(socks);
    // Split between messages, as each recv returns whole messages.
    const cut = (dump([{ port: 1 }]).length - DONE.length) * 1500;
    const out: KernelSocket[] = [];
    memo.begin();
    expect(decodeSockDiag(bytes.subarray(0, cut), cut, 'tcp', SEQ, out, memo).kind).toBe('more');
    const rest = bytes.subarray(cut);
    expect(decodeSockDiag(rest, rest.length, 'tcp', SEQ, out, memo).kind).toBe('done');
    memo.commit();
    expect(out).toHaveLength(3000);
    expect(changedAt(first, out)).toEqual([]);
  });
});
