// Destroy multicast decoding against messages laid out byte by byte as the kernel sends them (measured on 6.18:
// inet_diag_msg, INET_DIAG_PROTOCOL u8, then for TCP a 280-byte tcp_info).
import { describe, expect, it } from 'vitest';
import { decodeDestroyDatagram } from './closed-socket-decode';
import { parseNetlinkDrops } from './closed-socket-listener';
import {
  concat,
  corruptions,
  inetDiagMsg,
  nlmsg,
  rtattr,
  tcpInfo,
  V6_LOOPBACK,
  type DiagSpec,
} from './sockdiag-test-bytes';

const AT = 1_800_000_000_000;
const LOOP = [127, 0, 0, 1];
const tcp = (spec: Partial<DiagSpec> = {}, info = tcpInfo(280, { sent: 1000, received: 1001, acked: 1002 })) =>
  nlmsg(
    20,
    concat(
      inetDiagMsg({
        family: 2,
        state: 7,
        sport: 43358,
        dport: 39403,
        src: LOOP,
        dst: LOOP,
        uid: 0,
        inode: 0,
        ...spec,
      }).bytes(),
      rtattr(10, Uint8Array.of(6)),
      rtattr(2, info),
    ),
    0,
  );

describe('decodeDestroyDatagram', () => {
  it('decodes a TCP destroy event: tuple, cookie, final CLOSED state and payload counters', () => {
    const msg = tcp(
      { cookie: 148, cookieHigh: 0 },
      tcpInfo(280, { sent: 1000, bytesRetrans: 0, received: 1001, acked: 1002, rttUs: 84 }),
    );
    const { events, undecodable } = decodeDestroyDatagram(msg, msg.length, AT);
    expect(undecodable).toBe(0);
    expect(events).toEqual([
      {
        proto: 'tcp',
        family: 4,
        state: 'CLOSED',
        localAddress: '127.0.0.1',
        localPort: 43358,
        remoteAddress: '127.0.0.1',
        remotePort: 39403,
        cookie: '148',
        closedAt: AT,
        lastState: null,
        tracedPid: null,
        tcp: {
          rttMs: 0.084,
          retransmits: 3,
          bytesSent: 1000,
          bytesReceived: null,
          kernelBytesReceived: 1001,
          bytesAcked: 1002,
        },
      },
    ]);
  });

  it('counts payload sent once: tcpi_bytes_sent minus tcpi_bytes_retrans', () => {
    const msg = tcp({}, tcpInfo(280, { sent: 1400, bytesRetrans: 400, received: 0 }));
    expect(decodeDestroyDatagram(msg, msg.length, AT).events[0].tcp).toMatchObject({
      bytesSent: 1000,
      bytesReceived: 0,
      kernelBytesReceived: 0,
    });
  });

  it('gives null sent bytes for a tcp_info from before Linux 4.19 (no bytes_sent / bytes_retrans)', () => {
    const msg = tcp({}, tcpInfo(192, { received: 5, acked: 7 }));
    expect(decodeDestroyDatagram(msg, msg.length, AT).events[0].tcp).toMatchObject({
      bytesSent: null,
      kernelBytesReceived: 5,
      bytesAcked: 7,
    });
  });

  it('keeps no counters for a socket without a peer (listener, or aborted: the kernel zeroed them)', () => {
    const msg = tcp({ src: [0, 0, 0, 0], dport: 0 }, tcpInfo(280, { sent: 0, received: 0, acked: 0 }));
    expect(decodeDestroyDatagram(msg, msg.length, AT).events[0]).toMatchObject({
      localAddress: '0.0.0.0',
      remotePort: 0,
      tcp: null,
    });
  });

  it('decodes UDP (protocol attribute 17, no tcp_info) in both families and states', () => {
    const unconn = nlmsg(
      20,
      concat(
        inetDiagMsg({ family: 2, state: 7, sport: 47774, dport: 0, src: LOOP, dst: [] }).bytes(),
        rtattr(10, Uint8Array.of(17)),
      ),
    );
    const conn = nlmsg(
      20,
      concat(
        inetDiagMsg({ family: 10, state: 1, sport: 54487, dport: 53, src: V6_LOOPBACK, dst: V6_LOOPBACK }).bytes(),
        rtattr(10, Uint8Array.of(17)),
      ),
    );
    const both = concat(unconn, conn);
    const { events } = decodeDestroyDatagram(both, both.length, AT);
    expect(events.map((e) => [e.proto, e.family, e.state, e.localAddress, e.remoteAddress, e.tcp])).toEqual([
      ['udp', 4, 'UNCONN', '127.0.0.1', '0.0.0.0', null],
      ['udp', 6, 'ESTABLISHED', '::1', '::1', null],
    ]);
  });

  it('infers TCP from a tcp_info when the protocol attribute is missing, and skips what it cannot place', () => {
    const noProto = nlmsg(
      20,
      concat(
        inetDiagMsg({ family: 2, state: 7, sport: 1, dport: 2, src: LOOP, dst: LOOP }).bytes(),
        rtattr(2, tcpInfo(280)),
      ),
    );
    expect(decodeDestroyDatagram(noProto, noProto.length, AT).events[0].proto).toBe('tcp');
    const bare = nlmsg(20, inetDiagMsg({ family: 2, state: 7, sport: 1, dport: 2, src: LOOP, dst: LOOP }).bytes());
    const sctp = nlmsg(
      20,
      concat(
        inetDiagMsg({ family: 2, state: 7, sport: 1, dport: 2, src: LOOP, dst: LOOP }).bytes(),
        rtattr(10, Uint8Array.of(132)),
      ),
    );
    const other = nlmsg(3, new Uint8Array(4));
    const all = concat(bare, sctp, other);
    expect(decodeDestroyDatagram(all, all.length, AT)).toEqual({ events: [], undecodable: 3 });
  });

  it('never throws on truncated or corrupted datagrams', () => {
    const good = tcp();
    for (let n = 0; n <= good.length; n++) expect(() => decodeDestroyDatagram(good, n, AT)).not.toThrow();
    for (const c of corruptions(good, 11)) expect(() => decodeDestroyDatagram(c, c.length, AT)).not.toThrow();
    expect(decodeDestroyDatagram(good, good.length + 1, AT).undecodable).toBe(1);
  });
});

describe('parseNetlinkDrops', () => {
  const TEXT = [
    'sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode',
    '00000000927a77d2 0   0          00000000 0        0        0     2        0        4       ',
    '0000000051bcf0c5 4   18844      0000000f 199680   0        0     2        1844     43996   ',
    '0000000051bcf0c6 0   18844      00000000 0        0        0     2        7        43997   ',
  ].join('\n');

  it('reads the Drops column of our sock_diag socket (Eth 4) by port id', () => {
    expect(parseNetlinkDrops(TEXT, 18844)).toBe(1844);
    expect(parseNetlinkDrops(TEXT, 1)).toBeNull();
    expect(parseNetlinkDrops('garbage', 18844)).toBeNull();
  });
});
