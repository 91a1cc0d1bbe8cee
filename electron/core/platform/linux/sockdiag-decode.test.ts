// sock_diag decoding against buffers built byte by byte from the documented layouts, including broken ones.
import { describe, expect, it } from 'vitest';
import type { KernelSocket } from './kernel-socket';
import { cookieText, decodeSockDiag, type DecodeStatus, type DumpClock } from './sockdiag-decode';
import {
  Bytes,
  concat,
  corruptions,
  DONE,
  inetDiagMsg,
  LE,
  nlmsg,
  rtattr,
  SEQ,
  tcpInfo,
  V6_LOOPBACK,
  V6_MAPPED,
  type DiagSpec,
} from './sockdiag-test-bytes';

function decode(
  buf: Uint8Array,
  proto: 'tcp' | 'udp' = 'tcp',
  clock: DumpClock | null = null,
): { status: DecodeStatus; out: KernelSocket[] } {
  const out: KernelSocket[] = [];
  const status = decodeSockDiag(buf, buf.length, proto, SEQ, out, null, clock);
  return { status, out };
}

const CLOCK: DumpClock = { takenAt: 1_800_000_000_000, finTimeoutMs: 30_000 };
const LOOP = [127, 0, 0, 1];
/** An IPv4 TCP socket from 127.0.0.1:`sport` to 127.0.0.1:`dport` in kernel state number `state`. */
const loopback = (state: number, sport: number, dport: number, more: Partial<DiagSpec> = {}): Bytes =>
  inetDiagMsg({ family: 2, state, sport, dport, src: LOOP, dst: LOOP, ...more });

describe('decodeSockDiag', () => {
  it('decodes an IPv4 TCP connection with a full tcp_info', () => {
    const msg = concat(
      inetDiagMsg({
        family: 2,
        state: 1,
        sport: 8080,
        dport: 51000,
        src: [127, 0, 0, 1],
        dst: [127, 0, 0, 2],
        rqueue: 10,
        wqueue: 20,
        uid: 1000,
        inode: 99,
      }).bytes(),
      rtattr(1, new Uint8Array(8)), // INET_DIAG_MEMINFO: ignored
      rtattr(2, tcpInfo(232)),
    );
    const { status, out } = decode(concat(nlmsg(20, msg), DONE));
    expect(status.kind).toBe('done');
    expect(out).toEqual([
      {
        proto: 'tcp',
        family: 4,
        state: 'ESTABLISHED',
        localAddress: '127.0.0.1',
        localPort: 8080,
        remoteAddress: '127.0.0.2',
        remotePort: 51000,
        uid: 1000,
        inode: 99,
        recvQueue: 10,
        sendQueue: 20,
        metrics: { rttMs: 1.5, retransmits: 3, bytesSent: 5_000_000_123, bytesReceived: 777 },
        // cookie[0] = 0x1234, cookie[1] = 0x5678: 0x5678_0000_1234.
        cookie: '95073396068916',
        kernelStateSince: null,
        kernelStateSinceExact: false,
      },
    ]);
  });

  it('decodes IPv6 addresses in RFC 5952 form, mapped IPv4 included', () => {
    const a = inetDiagMsg({
      family: 10,
      state: 10,
      sport: 443,
      dport: 0,
      src: V6_LOOPBACK,
      dst: [],
      rqueue: 1,
      wqueue: 128,
    });
    const b = inetDiagMsg({
      family: 10,
      state: 8,
      sport: 443,
      dport: 40000,
      src: V6_MAPPED,
      dst: [0xfe, 0x80, ...new Array<number>(13).fill(0), 1],
    });
    const { status, out } = decode(concat(nlmsg(20, concat(a.bytes(), rtattr(2, tcpInfo(232)))), nlmsg(20, b.bytes())));
    expect(status.kind).toBe('more');
    expect(out.map((s) => [s.localAddress, s.remoteAddress, s.state, s.family])).toEqual([
      ['::1', '::', 'LISTEN', 6],
      ['::ffff:127.0.0.1', 'fe80::1', 'CLOSE_WAIT', 6],
    ]);
    // Listener: queues are accept queue / backlog, and tcp_info gives no connection metrics.
    expect(out[0]).toMatchObject({ recvQueue: 1, sendQueue: 128, metrics: null });
    expect(out[1].metrics).toBeNull();
  });

  it('gives null for tcp_info fields beyond a short attribute, and falls back to bytes_acked', () => {
    const cases: ReadonlyArray<readonly [number, object]> = [
      [60, { rttMs: null, retransmits: null, bytesSent: null, bytesReceived: null }],
      [72, { rttMs: 1.5, retransmits: null, bytesSent: null, bytesReceived: null }],
      [104, { rttMs: 1.5, retransmits: 3, bytesSent: null, bytesReceived: null }],
      [128, { rttMs: 1.5, retransmits: 3, bytesSent: 5_000_000_000, bytesReceived: null }],
      [136, { rttMs: 1.5, retransmits: 3, bytesSent: 5_000_000_000, bytesReceived: 777 }],
      [207, { rttMs: 1.5, retransmits: 3, bytesSent: 5_000_000_000, bytesReceived: 777 }],
      [208, { rttMs: 1.5, retransmits: 3, bytesSent: 5_000_000_123, bytesReceived: 777 }],
    ];
    for (const [len, metrics] of cases) {
      const msg = concat(
        inetDiagMsg({ family: 2, state: 1, sport: 1, dport: 2, src: [10, 0, 0, 1], dst: [10, 0, 0, 2] }).bytes(),
        rtattr(2, tcpInfo(len)),
      );
      const { status, out } = decode(nlmsg(20, msg));
      expect(status.kind, `tcp_info of ${len} bytes`).toBe('more');
      expect(out[0].metrics, `tcp_info of ${len} bytes`).toEqual(metrics);
    }
  });

  it('decodes TIME_WAIT and request sockets without attributes (inode 0, no metrics)', () => {
    const tw = loopback(6, 5000, 80, { uid: 0, inode: 0 });
    const rq = loopback(12, 80, 5001, { uid: 0, inode: 0 });
    const { out } = decode(concat(nlmsg(20, tw.bytes()), nlmsg(20, rq.bytes()), DONE));
    expect(out.map((s) => [s.state, s.inode, s.metrics])).toEqual([
      ['TIME_WAIT', 0, null],
      ['SYN_RECEIVED', 0, null],
    ]);
  });

  it('decodes UDP with its two states and no metrics even if a tcp_info-typed attribute appears', () => {
    const unconn = inetDiagMsg({ family: 2, state: 7, sport: 53, dport: 0, src: [127, 0, 0, 53], dst: [] });
    const conn = inetDiagMsg({ family: 10, state: 1, sport: 4000, dport: 53, src: V6_LOOPBACK, dst: V6_LOOPBACK });
    const { status, out } = decode(
      concat(nlmsg(20, concat(unconn.bytes(), rtattr(2, tcpInfo(232)))), nlmsg(20, conn.bytes()), DONE),
      'udp',
    );
    expect(status.kind).toBe('done');
    expect(
      out.map((s) => [s.proto, s.state, s.localAddress, s.localPort, s.remoteAddress, s.remotePort, s.metrics]),
    ).toEqual([
      ['udp', 'UNCONN', '127.0.0.53', 53, '0.0.0.0', 0, null],
      ['udp', 'ESTABLISHED', '::1', 4000, '::1', 53, null],
    ]);
  });

  it('leaves out sockets whose state number it does not know', () => {
    const odd = inetDiagMsg({ family: 2, state: 42, sport: 1, dport: 2, src: [1, 2, 3, 4], dst: [] });
    const udpListen = inetDiagMsg({ family: 2, state: 10, sport: 1, dport: 2, src: [1, 2, 3, 4], dst: [] });
    expect(decode(nlmsg(20, odd.bytes())).out).toEqual([]);
    expect(decode(nlmsg(20, udpListen.bytes()), 'udp').out).toEqual([]);
  });

  it('decodes many messages in one buffer and stops at NLMSG_DONE', () => {
    const msgs: Uint8Array[] = [];
    for (let i = 0; i < 500; i++) {
      msgs.push(nlmsg(20, concat(loopback(1, 10000 + i, 80, { inode: i + 1 }).bytes(), rtattr(2, tcpInfo(232)))));
    }
    const after = nlmsg(20, inetDiagMsg({ family: 2, state: 1, sport: 1, dport: 1, src: [], dst: [] }).bytes());
    const { status, out } = decode(concat(...msgs, DONE, after));
    expect(status.kind).toBe('done');
    expect(out).toHaveLength(500);
    expect(out[499]).toMatchObject({ localPort: 10499, inode: 500 });
  });

  it('skips messages of another sequence number (a stale dump), including its NLMSG_DONE', () => {
    const stale = nlmsg(
      20,
      inetDiagMsg({ family: 2, state: 1, sport: 1, dport: 1, src: [], dst: [] }).bytes(),
      SEQ - 1,
    );
    const staleDone = nlmsg(3, new Bytes().i32(0).bytes(), SEQ - 1);
    const ours = nlmsg(20, inetDiagMsg({ family: 2, state: 10, sport: 22, dport: 0, src: [], dst: [] }).bytes());
    const { status, out } = decode(concat(stale, staleDone, ours, DONE));
    expect(status.kind).toBe('done');
    expect(out.map((s) => s.localPort)).toEqual([22]);
  });

  it('reports NLMSG_ERROR with its errno, and treats errno 0 as an acknowledgement', () => {
    const err = nlmsg(2, new Bytes().i32(-2).zeros(16).bytes());
    expect(decode(err).status).toEqual({ kind: 'error', errno: 2, message: expect.stringContaining('errno 2') });
    const ack = nlmsg(2, new Bytes().i32(0).zeros(16).bytes());
    expect(decode(concat(ack, DONE)).status.kind).toBe('done');
  });

  it('reports a dump that NLMSG_DONE marks as failed', () => {
    expect(decode(nlmsg(3, new Bytes().i32(-16).bytes())).status).toMatchObject({ kind: 'error', errno: 16 });
    // A DONE without payload is a plain end.
    expect(decode(nlmsg(3, new Uint8Array(0))).status.kind).toBe('done');
  });

  describe('malformed input gives an error, never a throw or a loop', () => {
    const good = nlmsg(20, concat(loopback(1, 1, 2).bytes(), rtattr(2, tcpInfo(232))));
    const withLen = (b: Uint8Array, len: number): Uint8Array => {
      const c = b.slice();
      new DataView(c.buffer).setUint32(0, len, LE);
      return c;
    };
    /** A message with no addresses and no attributes. */
    const bare = inetDiagMsg({ family: 2, state: 1, sport: 1, dport: 1, src: [], dst: [] }).bytes();
    const cases: ReadonlyArray<readonly [string, Uint8Array]> = [
      ['short header', good.subarray(0, 10)],
      ['nlmsg_len 0 (would loop forever)', withLen(good, 0)],
      ['nlmsg_len < 16', withLen(good, 15)],
      ['nlmsg_len past the buffer', withLen(good, good.length + 4)],
      ['nlmsg_len 2^32-1', withLen(good, 0xffffffff)],
      ['short inet_diag_msg', nlmsg(20, new Uint8Array(40))],
      ['header only, cut message', good.subarray(0, 60)],
      [
        'bad family',
        nlmsg(
          20,
          bare.map((v, i) => (i === 0 ? 7 : v)),
        ),
      ],
      ['rtattr length 0', nlmsg(20, concat(bare, new Bytes().u16(0).u16(2).zeros(8).bytes()))],
      ['rtattr past the message', nlmsg(20, concat(bare, new Bytes().u16(400).u16(2).zeros(8).bytes()))],
      ['truncated NLMSG_ERROR', nlmsg(2, new Uint8Array(0))],
      ['good message then garbage tail', concat(good, new Uint8Array([1, 2, 3, 4, 5]))],
    ];
    it.each(cases)('%s', (_name, buf) => {
      const { status } = decode(buf);
      expect(status.kind).toBe('error');
    });

    it('rejects a length beyond the buffer', () => {
      expect(decodeSockDiag(good, good.length + 1, 'tcp', SEQ, []).kind).toBe('error');
    });

    it('survives every truncation and random corruption of a valid buffer', () => {
      const full = concat(good, good, DONE);
      for (let n = 0; n <= full.length; n++) expect(() => decodeSockDiag(full, n, 'tcp', SEQ, [])).not.toThrow();
      for (const c of corruptions(full, 7)) expect(() => decodeSockDiag(c, c.length, 'tcp', SEQ, [])).not.toThrow();
    });
  });

  it('reads the cookie as an exact 64-bit decimal, beyond 2^53 too', () => {
    expect(cookieText(7, 0)).toBe('7');
    expect(cookieText(0xffffffff, 0x1fffff)).toBe(String(2 ** 53 - 1));
    expect(cookieText(0xffffffff, 0xffffffff)).toBe('18446744073709551615');
    expect(cookieText(1, 0x200000)).toBe('9007199254740993'); // 2^53 + 1: a Number would round it
    const big = loopback(1, 1, 2, { cookie: 1, cookieHigh: 1 });
    expect(decode(nlmsg(20, big.bytes())).out[0].cookie).toBe('4294967297');
  });

  it('turns the timewait timer (idiag_timer 3, idiag_expires at byte 52) into a TIME_WAIT age', () => {
    const tw = loopback(6, 5000, 80, { inode: 0, timer: 3, expires: 45_000 });
    const { out } = decode(nlmsg(20, tw.bytes()), 'tcp', CLOCK);
    expect(out[0]).toMatchObject({ state: 'TIME_WAIT', kernelStateSince: CLOCK.takenAt - 15_000 });
    expect(out[0].kernelStateSinceExact).toBe(true);
    // An orphaned FIN_WAIT_2 timewait socket counts from tcp_fin_timeout (30 s in this clock), not 60 s.
    const fw2 = loopback(5, 5001, 80, { timer: 3, expires: 25_000 });
    expect(decode(nlmsg(20, fw2.bytes()), 'tcp', CLOCK).out[0].kernelStateSince).toBe(CLOCK.takenAt - 5_000);
  });

  it('takes the CLOSE_WAIT age from tcpi_last_ack_recv (byte 56), not tcpi_last_data_recv (52)', () => {
    const cw = concat(
      loopback(8, 8080, 40000).bytes(),
      rtattr(2, tcpInfo(232, { lastDataSent: 99_000, lastDataRecv: 35_000, lastAckRecv: 30_000 })),
    );
    const { out } = decode(nlmsg(20, cw), 'tcp', CLOCK);
    expect(out[0]).toMatchObject({ state: 'CLOSE_WAIT', kernelStateSince: CLOCK.takenAt - 30_000 });
    // A tcp_info cut before last_ack_recv gives no age at all.
    const short = concat(
      loopback(8, 8080, 40001).bytes(),
      rtattr(2, tcpInfo(56, { lastDataRecv: 35_000, lastAckRecv: 30_000 })),
    );
    expect(decode(nlmsg(20, short), 'tcp', CLOCK).out[0].kernelStateSince).toBeNull();
  });

  it('derives no age without a clock, for UDP, and for states without one', () => {
    const tw = loopback(6, 1, 2, { timer: 3, expires: 1 });
    expect(decode(nlmsg(20, tw.bytes())).out[0].kernelStateSince).toBeNull();
    const udp = inetDiagMsg({ family: 2, state: 7, sport: 53, dport: 0, src: LOOP, dst: [] });
    expect(decode(nlmsg(20, udp.bytes()), 'udp', CLOCK).out[0]).toMatchObject({ kernelStateSince: null });
    const syn = loopback(2, 3, 4, { timer: 1, retrans: 2 });
    expect(decode(nlmsg(20, syn.bytes()), 'tcp', CLOCK).out[0]).toMatchObject({
      state: 'SYN_SENT',
      kernelStateSince: null,
      kernelStateSinceExact: false,
    });
  });

  it('decodes at an offset into a larger buffer (a pooled receive buffer)', () => {
    const msg = concat(
      nlmsg(20, inetDiagMsg({ family: 2, state: 10, sport: 80, dport: 0, src: [0, 0, 0, 0], dst: [] }).bytes()),
      DONE,
    );
    const big = new Uint8Array(msg.length + 64);
    big.set(msg, 32);
    const out: KernelSocket[] = [];
    expect(decodeSockDiag(big.subarray(32), msg.length, 'tcp', SEQ, out).kind).toBe('done');
    expect(out[0]).toMatchObject({ localAddress: '0.0.0.0', localPort: 80, state: 'LISTEN' });
  });
});
