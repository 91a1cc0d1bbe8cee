// Byte builders for sock_diag tests: netlink messages laid out by hand from the documented structs.
export const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
export const SEQ = 77;

/** A growable byte writer in host order for netlink fields, with explicit big-endian helpers for ports. */
export class Bytes {
  private readonly parts: number[] = [];
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff];
    this.parts.push(...(LE ? b : b.reverse()));
    return this;
  }
  be16(v: number): this {
    this.parts.push((v >>> 8) & 0xff, v & 0xff);
    return this;
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.parts.push(...(LE ? b : b.reverse()));
    return this;
  }
  i32(v: number): this {
    return this.u32(v >>> 0);
  }
  u64(v: number): this {
    const lo = v % 4294967296;
    const hi = Math.floor(v / 4294967296);
    return LE ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.parts.push(bytes[i]);
    return this;
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function nlmsg(type: number, payload: Uint8Array, seq = SEQ): Uint8Array {
  const b = new Bytes()
    .u32(16 + payload.length)
    .u16(type)
    .u16(0x2)
    .u32(seq)
    .u32(0)
    .raw(payload);
  while (b.length % 4 !== 0) b.u8(0);
  return b.bytes();
}

/** The chunks one after another in a new buffer. */
export function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export interface DiagSpec {
  family: 2 | 10;
  state: number;
  sport: number;
  dport: number;
  src: number[];
  dst: number[];
  rqueue?: number;
  wqueue?: number;
  uid?: number;
  inode?: number;
  /** Low word of the socket cookie (what tells two sockets on the same tuple apart). */
  cookie?: number;
  /** High word of the socket cookie (0x5678 unless set). */
  cookieHigh?: number;
  /** idiag_timer, idiag_retrans, idiag_expires (ms). */
  timer?: number;
  retrans?: number;
  expires?: number;
}

export function inetDiagMsg(s: DiagSpec): Bytes {
  const addr = (a: number[]): number[] => [...a, ...new Array<number>(16 - a.length).fill(0)];
  return new Bytes()
    .u8(s.family)
    .u8(s.state)
    .u8(s.timer ?? 0)
    .u8(s.retrans ?? 0)
    .be16(s.sport)
    .be16(s.dport)
    .raw(addr(s.src))
    .raw(addr(s.dst))
    .u32(0) // interface
    .u32(s.cookie ?? 0x1234)
    .u32(s.cookieHigh ?? 0x5678) // cookie
    .u32(s.expires ?? 0)
    .u32(s.rqueue ?? 0)
    .u32(s.wqueue ?? 0)
    .u32(s.uid ?? 1000)
    .u32(s.inode ?? 4242);
}

export function rtattr(type: number, payload: Uint8Array): Uint8Array {
  const b = new Bytes()
    .u16(4 + payload.length)
    .u16(type)
    .raw(payload);
  while (b.length % 4 !== 0) b.u8(0);
  return b.bytes();
}

/** Values of the tcp_info fields we read, including the "ms since" times that tick on idle sockets. */
export interface TcpInfoSpec {
  rttUs?: number;
  retrans?: number;
  acked?: number;
  received?: number;
  sent?: number;
  bytesRetrans?: number;
  lastDataSent?: number;
  lastDataRecv?: number;
  lastAckRecv?: number;
}

/** A struct tcp_info of `len` bytes with the fields we read set (only those that fit). */
export function tcpInfo(len: number, f: TcpInfoSpec = {}): Uint8Array {
  const b = new Bytes().zeros(44).u32(f.lastDataSent ?? 0); // tcpi_last_data_sent at 44
  b.u32(0); // tcpi_last_ack_sent at 48: never filled in
  b.u32(f.lastDataRecv ?? 0).u32(f.lastAckRecv ?? 0); // tcpi_last_data_recv at 52, tcpi_last_ack_recv at 56
  b.zeros(68 - 60).u32(f.rttUs ?? 1500); // tcpi_rtt = 1500 us
  b.zeros(100 - 72).u32(f.retrans ?? 3); // tcpi_total_retrans
  b.zeros(120 - 104).u64(f.acked ?? 5_000_000_000); // tcpi_bytes_acked (> 2^32)
  b.u64(f.received ?? 777); // tcpi_bytes_received at 128
  b.zeros(200 - 136).u64(f.sent ?? 5_000_000_123); // tcpi_bytes_sent
  b.u64(f.bytesRetrans ?? 0); // tcpi_bytes_retrans at 208
  b.zeros(Math.max(0, len - b.length));
  return b.bytes().subarray(0, len);
}

export const V6_LOOPBACK = [...new Array<number>(15).fill(0), 1];
export const V6_MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1];
export const DONE = nlmsg(3, new Bytes().i32(0).bytes());

/**
 * `rounds` copies of `buf`, each with 4 bytes overwritten by a fixed-seed generator: the same corruptions on every
 * run, so a decoder that throws on one fails the same way again.
 */
export function corruptions(buf: Uint8Array, seed: number, rounds = 2000): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let round = 0; round < rounds; round++) {
    const c = buf.slice();
    for (let k = 0; k < 4; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      c[seed % c.length] = seed >>> 8;
    }
    out.push(c);
  }
  return out;
}
