// Decoding of libproc buffers against byte layouts derived here, field by field, from XNU bsd/sys/proc_info.h
// with C's LP64 alignment rules: an independent check of the offsets socket-fdinfo.ts hard-codes. No Mac needed.
import { describe, expect, it } from 'vitest';
import {
  decodeBsdInfo,
  decodeSocketFdInfo,
  PROC_BSDINFO_SIZE,
  SOCKET_FDINFO_SIZE,
  socketFds,
  type FdInfoDecode,
} from './socket-fdinfo';

type Field = readonly [name: string, size: number, align: number];

/** Offsets of `fields` laid out as a C struct, and its size (padded to its largest alignment). */
function layout(fields: readonly Field[]): { off: Record<string, number>; size: number; align: number } {
  const off: Record<string, number> = {};
  let at = 0;
  let maxAlign = 1;
  for (const [name, size, align] of fields) {
    at = Math.ceil(at / align) * align;
    off[name] = at;
    at += size;
    maxAlign = Math.max(maxAlign, align);
  }
  return { off, size: Math.ceil(at / maxAlign) * maxAlign, align: maxAlign };
}

const u32: Field = ['', 4, 4];
const u64: Field = ['', 8, 8];
const i16: Field = ['', 2, 2];
const f = (name: string, t: Field): Field => [name, t[1], t[2]];

const procFileinfo = layout([f('openflags', u32), f('status', u32), f('offset', u64), f('type', u32), f('guard', u32)]);
// prettier-ignore
const vinfoStat = layout([
  f('dev', u32), f('mode', i16), f('nlink', i16), f('ino', u64), f('uid', u32), f('gid', u32),
  ...['atime', 'atimensec', 'mtime', 'mtimensec', 'ctime', 'ctimensec', 'birth', 'birthnsec', 'size', 'blocks'].map(
    (n) => f(n, u64),
  ),
  f('blksize', u32), f('flags', u32), f('gen', u32), f('rdev', u32), ['qspare', 16, 8],
]);
// prettier-ignore
const sockbufInfo = layout([
  f('cc', u32), f('hiwat', u32), f('mbcnt', u32), f('mbmax', u32), f('lowat', u32), f('flags', i16), f('timeo', i16),
]);
// prettier-ignore
const inSockinfo = layout([
  f('fport', u32), f('lport', u32), f('gencnt', u64), f('flags', u32), f('flow', u32),
  ['vflag', 1, 1], ['ttl', 1, 1], f('rfu', u32), ['faddr', 16, 4], ['laddr', 16, 4],
  ['v4', 1, 1], ['v6', 12, 4],
]);
// prettier-ignore
const tcpSockinfo = layout([
  ['ini', inSockinfo.size, inSockinfo.align], f('state', u32), ['timer', 16, 4], f('mss', u32), f('flags', u32),
  f('rfu', u32), f('tp', u64),
]);
// un_sockinfo: two u64 handles and two 255-byte (SOCK_MAXADDRLEN) address unions: the largest union member.
const unSockinfo = layout([f('so', u64), f('pcb', u64), ['addr', 255, 1], ['caddr', 255, 1]]);
// prettier-ignore
const socketInfo = layout([
  ['stat', vinfoStat.size, 8], f('so', u64), f('pcb', u64), f('type', u32), f('protocol', u32), f('family', u32),
  ...['options', 'linger', 'state', 'qlen', 'incqlen', 'qlimit', 'timeo', 'error'].map((n) => f(n, i16)),
  f('oobmark', u32), ['rcv', sockbufInfo.size, 4], ['snd', sockbufInfo.size, 4], f('kind', u32), f('rfu', u32),
  ['proto', Math.max(unSockinfo.size, tcpSockinfo.size), 8],
]);
const socketFdinfo = layout([
  ['pfi', procFileinfo.size, 8],
  ['psi', socketInfo.size, 8],
]);

const PSI = socketFdinfo.off.psi;
const PROTO = PSI + socketInfo.off.proto;

interface Sock {
  family: number;
  kind: number;
  protocol: number;
  vflag: number;
  laddr: readonly number[];
  faddr: readonly number[];
  lport: number;
  fport: number;
  tcpState?: number;
  rcv?: number;
  snd?: number;
  qlen?: number;
  qlimit?: number;
  so?: bigint;
}

/** A socket_fdinfo as the kernel fills it; IPv4 addresses go in the last 4 bytes of in4in6_addr. */
function fdinfo(s: Sock): Uint8Array {
  const buf = new Uint8Array(socketFdinfo.size);
  const dv = new DataView(buf.buffer);
  dv.setInt32(PSI + socketInfo.off.family, s.family, true);
  dv.setInt32(PSI + socketInfo.off.kind, s.kind, true);
  dv.setInt32(PSI + socketInfo.off.protocol, s.protocol, true);
  dv.setBigUint64(PSI + socketInfo.off.so, s.so ?? 0xffffff8012345678n, true);
  dv.setUint32(PSI + socketInfo.off.rcv + sockbufInfo.off.cc, s.rcv ?? 0, true);
  dv.setUint32(PSI + socketInfo.off.snd + sockbufInfo.off.cc, s.snd ?? 0, true);
  dv.setInt16(PSI + socketInfo.off.qlen, s.qlen ?? 0, true);
  dv.setInt16(PSI + socketInfo.off.qlimit, s.qlimit ?? 0, true);
  // Ports: an int holding the u16 in network order (inp_lport widened), read on a little-endian Mac.
  dv.setInt32(PROTO + inSockinfo.off.lport, ((s.lport & 0xff) << 8) | (s.lport >> 8), true);
  dv.setInt32(PROTO + inSockinfo.off.fport, ((s.fport & 0xff) << 8) | (s.fport >> 8), true);
  buf[PROTO + inSockinfo.off.vflag] = s.vflag;
  const put = (at: number, a: readonly number[]) => buf.set(a, a.length === 4 ? at + 12 : at);
  put(PROTO + inSockinfo.off.laddr, s.laddr);
  put(PROTO + inSockinfo.off.faddr, s.faddr);
  if (s.tcpState !== undefined) dv.setInt32(PROTO + tcpSockinfo.off.state, s.tcpState, true);
  return buf;
}

function row(d: FdInfoDecode) {
  if (!d.ok) throw new Error(d.message);
  return d.row;
}

const V6_LOOP = [...new Array<number>(15).fill(0), 1];
const tcp4 = { family: 2, kind: 2, protocol: 6, vflag: 1 } as const;

describe('struct layout (from the header)', () => {
  it('gives the sizes libproc documents: socket_fdinfo 792, in_sockinfo 80, proc_bsdinfo 136', () => {
    expect(vinfoStat.size).toBe(136);
    expect(inSockinfo.size).toBe(80);
    expect(tcpSockinfo.off.state).toBe(80);
    expect(socketInfo.off.proto).toBe(240);
    expect(socketFdinfo.size).toBe(SOCKET_FDINFO_SIZE);
    expect(PROC_BSDINFO_SIZE).toBe(136);
  });
});

describe('decodeSocketFdInfo', () => {
  // prettier-ignore
  it('decodes an established IPv4 TCP socket with its queues', () => {
    const b = fdinfo({ ...tcp4, laddr: [127, 0, 0, 1], faddr: [10, 0, 0, 9], lport: 8080, fport: 50123, tcpState: 4, rcv: 10, snd: 20 });
    expect(row(decodeSocketFdInfo(b, b.length))).toEqual({
      proto: 'tcp',
      family: 4,
      state: 'ESTABLISHED',
      localAddress: '127.0.0.1',
      localPort: 8080,
      remoteAddress: '10.0.0.9',
      remotePort: 50123,
      recvQueue: 10,
      sendQueue: 20,
      socketId: 'ffffff8012345678',
    });
  });

  // prettier-ignore
  it('reports a listener accept queue and backlog as its queues', () => {
    const b = fdinfo({ ...tcp4, laddr: [0, 0, 0, 0], faddr: [0, 0, 0, 0], lport: 22, fport: 0, tcpState: 1, qlen: 3, qlimit: 128 });
    expect(row(decodeSocketFdInfo(b, b.length))).toMatchObject({ state: 'LISTEN', recvQueue: 3, sendQueue: 128 });
  });

  // prettier-ignore
  it('decodes IPv6 TCP in CLOSE_WAIT (TSI_S__CLOSE_WAIT = 5)', () => {
    const b = fdinfo({ family: 30, kind: 2, protocol: 6, vflag: 2, laddr: V6_LOOP, faddr: V6_LOOP, lport: 443, fport: 60000, tcpState: 5 });
    expect(row(decodeSocketFdInfo(b, b.length))).toMatchObject({
      family: 6, state: 'CLOSE_WAIT', localAddress: '::1', localPort: 443, remoteAddress: '::1', remotePort: 60000,
    });
  });

  // prettier-ignore
  it('writes an IPv4 peer of a dual-stack IPv6 socket as a mapped address', () => {
    const b = fdinfo({ family: 30, kind: 2, protocol: 6, vflag: 1, laddr: [127, 0, 0, 1], faddr: [127, 0, 0, 1], lport: 1, fport: 2, tcpState: 4 });
    expect(row(decodeSocketFdInfo(b, b.length))).toMatchObject({ family: 6, localAddress: '::ffff:127.0.0.1' });
  });

  it('decodes UDP as UNCONN, or ESTABLISHED once connected', () => {
    const udp = { family: 2, kind: 1, protocol: 17, vflag: 1, laddr: [0, 0, 0, 0], faddr: [0, 0, 0, 0], lport: 53 };
    const b = fdinfo({ ...udp, fport: 0 });
    expect(row(decodeSocketFdInfo(b, b.length))).toMatchObject({ proto: 'udp', state: 'UNCONN', localPort: 53 });
    const c = fdinfo({ ...udp, faddr: [8, 8, 8, 8], fport: 53 });
    expect(row(decodeSocketFdInfo(c, c.length))).toMatchObject({ state: 'ESTABLISHED', remoteAddress: '8.8.8.8' });
  });

  it('returns no row for Unix sockets, raw IP sockets and unknown TCP states', () => {
    const unix = fdinfo({ ...tcp4, family: 1, laddr: [], faddr: [], lport: 0, fport: 0 });
    expect(row(decodeSocketFdInfo(unix, unix.length))).toBeNull();
    const raw = fdinfo({ ...tcp4, kind: 1, protocol: 1, laddr: [], faddr: [], lport: 0, fport: 0 });
    expect(row(decodeSocketFdInfo(raw, raw.length))).toBeNull();
    const odd = fdinfo({ ...tcp4, laddr: [], faddr: [], lport: 0, fport: 0, tcpState: 11 });
    expect(row(decodeSocketFdInfo(odd, odd.length))).toBeNull();
  });

  it('reports a truncated buffer instead of reading past it', () => {
    const b = fdinfo({ ...tcp4, laddr: [], faddr: [], lport: 0, fport: 0, tcpState: 4 });
    expect(decodeSocketFdInfo(b, 791).ok).toBe(false);
    expect(decodeSocketFdInfo(b.subarray(0, 100), 792).ok).toBe(false);
  });
});

describe('socketFds', () => {
  it('keeps the fds of type PROX_FDTYPE_SOCKET (2) from an array of proc_fdinfo', () => {
    const b = new Uint8Array(8 * 4 + 3);
    const dv = new DataView(b.buffer);
    [
      [0, 1],
      [3, 2],
      [4, 6],
      [7, 2],
    ].forEach(([fd, type], i) => {
      dv.setInt32(i * 8, fd, true);
      dv.setUint32(i * 8 + 4, type, true);
    });
    expect(socketFds(b, b.length)).toEqual([3, 7]);
    expect(socketFds(b, 16)).toEqual([3]);
  });
});

describe('decodeBsdInfo', () => {
  // prettier-ignore
  const bsd = layout([
    ...['flags', 'status', 'xstatus', 'pid', 'ppid', 'uid', 'gid', 'ruid', 'rgid', 'svuid', 'svgid', 'rfu'].map((n) => f(n, u32)),
    ['comm', 16, 1], ['name', 32, 1],
    ...['nfiles', 'pgid', 'pjobc', 'tdev', 'tpgid', 'nice'].map((n) => f(n, u32)),
    f('sec', u64), f('usec', u64),
  ]);

  function info(comm: string, name: string): Uint8Array {
    const b = new Uint8Array(bsd.size);
    const dv = new DataView(b.buffer);
    dv.setUint32(bsd.off.pid, 321, true);
    dv.setUint32(bsd.off.uid, 501, true);
    b.set(new TextEncoder().encode(comm), bsd.off.comm);
    b.set(new TextEncoder().encode(name), bsd.off.name);
    dv.setBigUint64(bsd.off.sec, 1_700_000_000n, true);
    dv.setBigUint64(bsd.off.usec, 250_000n, true);
    return b;
  }

  it('reads pid, uid, the long name over comm, and the start time in ms', () => {
    expect(bsd.size).toBe(PROC_BSDINFO_SIZE);
    expect(decodeBsdInfo(info('Google Chrome H', 'Google Chrome Helper'), bsd.size)).toEqual({
      pid: 321,
      uid: 501,
      name: 'Google Chrome Helper',
      startTime: 1_700_000_000_250,
    });
    expect(decodeBsdInfo(info('sshd', ''), bsd.size)?.name).toBe('sshd');
  });

  it('returns null when truncated', () => {
    expect(decodeBsdInfo(info('a', ''), 135)).toBeNull();
  });
});
