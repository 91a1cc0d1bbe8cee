// Pure decoding of NETLINK_SOCK_DIAG dump replies (nlmsghdr + inet_diag_msg + rtattr tcp_info) into KernelSocket rows.
import { formatIPv6 } from '../../../../shared/logic/address';
import type { Proto, SocketState, TcpMetrics } from '../../../../shared/model/socket';
import { ipv4Text } from './ipv4-text';
import { deriveKernelAge } from './kernel-age';
import type { KernelSocket } from './kernel-socket';
import { LE, NLA_TYPE_MASK, nlAlign, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, RTA_HDRLEN } from './netlink';
import { FP_ID_WORDS, type DumpMemo } from './sockdiag-memo';
import { LINUX_TCP_LISTEN, tcpStateFromLinux, udpStateFromLinux } from './tcp-states';

export const SOCK_DIAG_BY_FAMILY = 20;
/**
 * The older TCP dump request (struct inet_diag_req, NETLINK_INET_DIAG = NETLINK_SOCK_DIAG): the kernel answers it
 * for every family at once (AF_UNSPEC), in one walk of its TCP table, with replies of this same type.
 */
export const TCPDIAG_GETSOCK = 18;
/** inet_diag_msg: family, state, timer, retrans; sockid (48) at 4; expires, rqueue, wqueue, uid, inode. */
export const INET_DIAG_MSG_LEN = 72;
/** rtattr type carrying struct tcp_info. */
export const INET_DIAG_INFO = 2;
export const AF_INET = 2;
export const AF_INET6 = 10;

/** Outcome of decoding one receive buffer: keep reading, the dump is complete, or it failed. */
export type DecodeStatus =
  | { readonly kind: 'more' }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly errno: number | null; readonly message: string };

/** When a dump was taken and the sysctl its FIN_WAIT_2 timers count from: what turns timers into ages. */
export interface DumpClock {
  /** When the dump request was sent (ms since epoch): the kernel's "ms since" and "ms left" are relative to it. */
  readonly takenAt: number;
  /** net.ipv4.tcp_fin_timeout (ms), what an orphaned FIN_WAIT_2 socket's timer was armed with; null if unknown. */
  readonly finTimeoutMs: number | null;
}

const MORE: DecodeStatus = { kind: 'more' };
const DONE: DecodeStatus = { kind: 'done' };

const TWO_32 = 4294967296;

function fail(message: string, errno: number | null = null): DecodeStatus {
  return { kind: 'error', errno, message };
}

/**
 * Decodes the first `length` bytes of `buf` (one or more netlink messages, as one recv returns them) and appends
 * every socket to `out`. Messages whose sequence number is not `seq` (stale replies of an aborted dump) are
 * skipped. Never throws on malformed input: truncation or impossible lengths give an `error` status.
 * With a `memo` (begun by the caller for this dump), a socket equal in every decoded field to one of the previous
 * dump is pushed as that same object, compared straight from `buf`. With a `clock`, a socket decoded anew gets its
 * kernel age (see kernel-age.ts); a kept object keeps the age it got then, because timers and "ms since" fields
 * change on every dump and are deliberately not part of the comparison.
 */
export function decodeSockDiag(
  buf: Uint8Array,
  length: number,
  proto: Proto,
  seq: number,
  out: KernelSocket[],
  memo: DumpMemo | null = null,
  clock: DumpClock | null = null,
): DecodeStatus {
  if (length < 0 || length > buf.length) return fail(`length ${length} outside the ${buf.length}-byte buffer`);
  const dv = new DataView(buf.buffer, buf.byteOffset, length);
  let off = 0;
  while (off < length) {
    if (length - off < NLMSG_HDRLEN) return fail(`truncated netlink header at byte ${off}`);
    const len = dv.getUint32(off, LE);
    if (len < NLMSG_HDRLEN) return fail(`netlink message length ${len} < ${NLMSG_HDRLEN} at byte ${off}`);
    if (len > length - off) return fail(`netlink message length ${len} runs past the buffer at byte ${off}`);
    const type = dv.getUint16(off + 4, LE);
    if (dv.getUint32(off + 8, LE) === seq) {
      if (type === SOCK_DIAG_BY_FAMILY || type === TCPDIAG_GETSOCK) {
        const bad = decodeInetDiag(buf, dv, off + NLMSG_HDRLEN, off + len, proto, out, memo, clock);
        if (bad) return bad;
      } else if (type === NLMSG_DONE) {
        // A dump that failed part-way reports the negative errno in NLMSG_DONE's payload.
        const code = len >= NLMSG_HDRLEN + 4 ? dv.getInt32(off + NLMSG_HDRLEN, LE) : 0;
        return code < 0 ? fail(`netlink dump failed (errno ${-code})`, -code) : DONE;
      } else if (type === NLMSG_ERROR) {
        if (len < NLMSG_HDRLEN + 4) return fail(`truncated NLMSG_ERROR at byte ${off}`);
        const code = -dv.getInt32(off + NLMSG_HDRLEN, LE);
        // errno 0 is an acknowledgement, not a failure.
        if (code !== 0) return fail(`netlink request failed (errno ${code})`, code);
      }
    }
    off += (len + 3) & ~3;
  }
  return MORE;
}

/** Decodes one inet_diag_msg and its attributes in [start, end); returns an error status or null. */
function decodeInetDiag(
  buf: Uint8Array,
  dv: DataView,
  start: number,
  end: number,
  proto: Proto,
  out: KernelSocket[],
  memo: DumpMemo | null,
  clock: DumpClock | null,
): DecodeStatus | null {
  if (end - start < INET_DIAG_MSG_LEN) return fail(`inet_diag_msg of ${end - start} bytes < ${INET_DIAG_MSG_LEN}`);
  const af = buf[start];
  if (af !== AF_INET && af !== AF_INET6) return fail(`unexpected address family ${af} in inet_diag_msg`);
  const linuxState = buf[start + 1];
  const state: SocketState | null = proto === 'tcp' ? tcpStateFromLinux(linuxState) : udpStateFromLinux(linuxState);
  // A state number newer than our table cannot be shown truthfully; leave that socket out rather than guess.
  if (state === null) return null;
  let info = -1;
  let infoLen = 0;
  // The walk of eachAttr written out: a callback per socket would allocate on every socket of every dump, and quiet
  // dumps allocate nothing (sockdiag-memo.ts).
  for (let a = start + INET_DIAG_MSG_LEN; a + RTA_HDRLEN <= end;) {
    const rlen = dv.getUint16(a, LE);
    if (rlen < RTA_HDRLEN || rlen > end - a) return fail(`rtattr length ${rlen} invalid at byte ${a}`);
    // Listeners carry a tcp_info too, but it describes no connection: no metrics for them.
    if (
      (dv.getUint16(a + 2, LE) & NLA_TYPE_MASK) === INET_DIAG_INFO &&
      proto === 'tcp' &&
      linuxState !== LINUX_TCP_LISTEN
    ) {
      info = a + RTA_HDRLEN;
      infoLen = rlen - RTA_HDRLEN;
    }
    a += nlAlign(rlen);
  }
  let socket: KernelSocket | null = null;
  if (memo) {
    fingerprint(dv, start, info, infoLen, memo);
    socket = memo.match();
  }
  if (!socket) {
    socket = decodeSocket(buf, dv, start, proto, state, info, infoLen, clock);
    memo?.keep(socket);
  }
  out.push(socket);
  return null;
}

function decodeSocket(
  buf: Uint8Array,
  dv: DataView,
  start: number,
  proto: Proto,
  state: SocketState,
  info: number,
  infoLen: number,
  clock: DumpClock | null,
): KernelSocket {
  const v4 = buf[start] === AF_INET;
  const inode = dv.getUint32(start + 68, LE);
  const kernelAge =
    clock === null || proto !== 'tcp'
      ? null
      : deriveKernelAge(
          {
            state,
            timer: buf[start + 2],
            expiresMs: dv.getUint32(start + 52, LE),
            inode,
            lastDataRecvMs: infoField(dv, info, infoLen, TCPI_LAST_DATA_RECV),
            lastAckRecvMs: infoField(dv, info, infoLen, TCPI_LAST_ACK_RECV),
          },
          clock.takenAt,
          clock.finTimeoutMs,
        );
  return {
    proto,
    family: v4 ? 4 : 6,
    state,
    localAddress: v4 ? ipv4Text(buf, start + 8) : formatIPv6(buf, start + 8),
    localPort: (buf[start + 4] << 8) | buf[start + 5],
    remoteAddress: v4 ? ipv4Text(buf, start + 24) : formatIPv6(buf, start + 24),
    remotePort: (buf[start + 6] << 8) | buf[start + 7],
    uid: dv.getUint32(start + 64, LE),
    inode,
    recvQueue: dv.getUint32(start + 56, LE),
    sendQueue: dv.getUint32(start + 60, LE),
    metrics: info < 0 ? null : decodeTcpInfo(dv, info, infoLen, state),
    cookie: cookieText(dv.getUint32(start + 44, LE), dv.getUint32(start + 48, LE)),
    kernelStateSince: kernelAge?.stateSince ?? null,
    kernelStateSinceExact: kernelAge?.exact ?? false,
  };
}

/**
 * idiag_cookie (u32 cookie[2] in host order, low word first) as an exact decimal string. The kernel hands cookies
 * out from a counter, so the high word is 0 in practice and the Number path (exact below 2^53) is the usual one.
 */
export function cookieText(low: number, high: number): string {
  return high < 0x200000 ? String(high * TWO_32 + low) : ((BigInt(high) << 32n) | BigInt(low)).toString();
}

/** Every word `decodeSocket` and `decodeTcpInfo` read, into the memo's reserved slot (see FP_WORDS). */
function fingerprint(dv: DataView, start: number, info: number, infoLen: number, memo: DumpMemo): void {
  const base = memo.reserve();
  const w = memo.words;
  for (let k = 0; k < FP_ID_WORDS; k++) w[base + k] = dv.getUint32(start + 4 + 4 * k, LE);
  let i = base + FP_ID_WORDS;
  w[i++] = dv.getUint8(start + 1);
  for (let p = start + 56; p < start + 72; p += 4) w[i++] = dv.getUint32(p, LE); // rqueue, wqueue, uid, inode
  w[i++] = info < 0 ? 0 : infoLen + 1;
  w[i++] = infoWord(dv, info, infoLen, TCPI_RTT);
  w[i++] = infoWord(dv, info, infoLen, TCPI_TOTAL_RETRANS);
  for (const field of U64_FIELDS) {
    w[i++] = infoWord(dv, info, infoLen, field);
    w[i++] = infoWord(dv, info, infoLen, field + 4);
  }
}

/** One u32 of tcp_info, 0 when absent (the length word tells absent from zero). */
function infoWord(dv: DataView, info: number, infoLen: number, field: number): number {
  return info >= 0 && infoLen >= field + 4 ? dv.getUint32(info + field, LE) : 0;
}

/**
 * Offsets in struct tcp_info (include/uapi/linux/tcp.h): after 8 bytes of u8 fields come u32 rto, ato, snd_mss,
 * rcv_mss (8..23), unacked, sacked, lost, retrans, fackets (24..43), then the times: last_data_sent 44,
 * last_ack_sent 48 (never filled in: "Not remembered, sorry"), last_data_recv 52, last_ack_recv 56 (ms since).
 */
const TCPI_LAST_DATA_RECV = 52;
const TCPI_LAST_ACK_RECV = 56;
const TCPI_RTT = 68;
const TCPI_TOTAL_RETRANS = 100;
const TCPI_BYTES_ACKED = 120;
const TCPI_BYTES_RECEIVED = 128;
const TCPI_BYTES_SENT = 200;
/** Not in the fingerprint: it changes only with bytes_sent (a retransmission is a transmission too). */
const TCPI_BYTES_RETRANS = 208;
const U64_FIELDS = [TCPI_BYTES_ACKED, TCPI_BYTES_RECEIVED, TCPI_BYTES_SENT] as const;
/** States in which this socket has processed the peer's FIN, which tcpi_bytes_received counts as one byte. */
const FIN_RECEIVED: ReadonlySet<string> = new Set(['CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

/** One u32 of tcp_info, or null when there is no tcp_info or it ends before the field. */
function infoField(dv: DataView, info: number, infoLen: number, field: number): number | null {
  return info >= 0 && infoLen >= field + 4 ? dv.getUint32(info + field, LE) : null;
}

/**
 * Reads the tcp_info fields we show, as payload bytes (what the applications wrote and read), the same way the
 * closed-connection events count them: sent = tcpi_bytes_sent (data transmissions, never SYN or FIN) minus
 * tcpi_bytes_retrans; received = tcpi_bytes_received minus the peer's FIN once this socket has processed it.
 * A field that ends beyond `n` bytes (older kernel) is null.
 */
function decodeTcpInfo(dv: DataView, p: number, n: number, state: string): TcpMetrics {
  const acked = n >= TCPI_BYTES_ACKED + 8 ? u64(dv, p + TCPI_BYTES_ACKED) : null;
  const sent = n >= TCPI_BYTES_SENT + 8 ? u64(dv, p + TCPI_BYTES_SENT) : null;
  const retrans = n >= TCPI_BYTES_RETRANS + 8 ? u64(dv, p + TCPI_BYTES_RETRANS) : 0;
  const received = n >= TCPI_BYTES_RECEIVED + 8 ? u64(dv, p + TCPI_BYTES_RECEIVED) : null;
  return {
    rttMs: n >= TCPI_RTT + 4 ? dv.getUint32(p + TCPI_RTT, LE) / 1000 : null,
    retransmits: n >= TCPI_TOTAL_RETRANS + 4 ? dv.getUint32(p + TCPI_TOTAL_RETRANS, LE) : null,
    // tcpi_bytes_sent exists since Linux 4.19; before it, bytes acked is the closest measure of bytes sent.
    bytesSent: sent === null ? acked : Math.max(0, sent - retrans),
    bytesReceived: received === null ? null : Math.max(0, received - (FIN_RECEIVED.has(state) ? 1 : 0)),
  };
}

/** u64 as a number: exact below 2^53 bytes, which no connection reaches. */
function u64(dv: DataView, p: number): number {
  return LE
    ? dv.getUint32(p, true) + dv.getUint32(p + 4, true) * TWO_32
    : dv.getUint32(p, false) * TWO_32 + dv.getUint32(p + 4, false);
}
