// Pure decoding of sock_diag destroy multicasts (one message per freed TCP/UDP socket) into ClosedSocket events.
import type { Proto, SocketTuple } from '../../../../shared/model/socket';
import { formatIPv6 } from '../../../../shared/logic/address';
import { ipv4Text } from './ipv4-text';
import { eachAttr, eachMessage, LE, NLMSG_HDRLEN } from './netlink';
import {
  AF_INET,
  AF_INET6,
  cookieText,
  INET_DIAG_INFO,
  INET_DIAG_MSG_LEN,
  SOCK_DIAG_BY_FAMILY,
} from './sockdiag-decode';
import { tcpStateFromLinux, udpStateFromLinux } from './tcp-states';

/** rtattr carrying the socket's protocol (u8), which destroy messages always add. */
export const INET_DIAG_PROTOCOL = 10;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

/** The final tcp_info of a closed TCP connection, in payload terms. */
export interface ClosedTcpInfo {
  /** Smoothed RTT (ms). */
  readonly rttMs: number | null;
  /** tcpi_total_retrans: segments retransmitted over the connection's life. */
  readonly retransmits: number | null;
  /**
   * Payload bytes this side sent (bytes): tcpi_bytes_sent (every transmission of data, never SYN or FIN) minus
   * tcpi_bytes_retrans. Null before Linux 4.19, which has neither.
   */
  readonly bytesSent: number | null;
  /**
   * Payload bytes this side received (bytes), exact; null while it cannot be told whether kernelBytesReceived
   * holds the peer's FIN (then the payload is kernelBytesReceived or one less).
   */
  readonly bytesReceived: number | null;
  /**
   * tcpi_bytes_received as the kernel counts it: the payload, plus 1 when this socket itself processed the peer's
   * FIN (a passive close, or an active close whose socket was still open). Not when it had already been handed to
   * a timewait socket (an orphan in FIN_WAIT_2), nor after a reset.
   */
  readonly kernelBytesReceived: number | null;
  /** tcpi_bytes_acked: payload acknowledged, plus 1 for our SYN when this side connected and 1 for our FIN. */
  readonly bytesAcked: number | null;
}

/** One socket the kernel freed, as its destroy message describes it. */
export interface ClosedSocket extends SocketTuple {
  /** idiag_cookie (exact decimal): the same value the dumps showed for this socket. */
  readonly cookie: string;
  /** When the listener received the message (ms since epoch), within a few ms of the socket being freed. */
  readonly closedAt: number;
  /**
   * The state before CLOSE when it is known (from the state trace), else null. The message itself always says
   * CLOSED for TCP (`state`): the kernel frees a TCP socket only after tcp_done().
   */
  readonly lastState: SocketTuple['state'] | null;
  /**
   * The process the trace last saw act on this socket through a system call (connect(), close(), shutdown()), or
   * null (tracing off, or no such step seen). Destroy messages carry no owner: uid and inode are 0 in them.
   */
  readonly tracedPid: number | null;
  /**
   * Final counters, or null for UDP and for a TCP socket without a peer (remote port 0): a listener, a socket that
   * never connected, or one that was aborted (SO_LINGER 0): tcp_disconnect() zeroes the peer and every counter
   * before the socket is freed, so nothing about the connection survives.
   */
  readonly tcp: ClosedTcpInfo | null;
}

/** What one datagram held: events, plus messages that were not destroy events or could not be read. */
export interface DestroyDecode {
  readonly events: ClosedSocket[];
  readonly undecodable: number;
}

const TWO_32 = 4294967296;

/** tcp_info offsets (include/uapi/linux/tcp.h); see sockdiag-decode.ts for the layout before them. */
const TCPI_RTT = 68;
const TCPI_TOTAL_RETRANS = 100;
const TCPI_BYTES_ACKED = 120;
const TCPI_BYTES_RECEIVED = 128;
const TCPI_BYTES_SENT = 200;
const TCPI_BYTES_RETRANS = 208;

/**
 * Decodes the `length` bytes at `buf` (one multicast datagram: normally a single netlink message) received at
 * `closedAt`. Never throws: anything malformed is counted in `undecodable`.
 */
export function decodeDestroyDatagram(buf: Uint8Array, length: number, closedAt: number): DestroyDecode {
  const events: ClosedSocket[] = [];
  let undecodable = 0;
  if (length > buf.length) return { events, undecodable: 1 };
  const dv = new DataView(buf.buffer, buf.byteOffset, length);
  const bad = eachMessage(dv, length, (type, _seq, off, len) => {
    const e = type === SOCK_DIAG_BY_FAMILY ? decodeOne(buf, dv, off + NLMSG_HDRLEN, off + len, closedAt) : null;
    if (e) events.push(e);
    else undecodable++;
    return undefined;
  });
  return { events, undecodable: bad ? undecodable + 1 : undecodable };
}

function decodeOne(buf: Uint8Array, dv: DataView, start: number, end: number, closedAt: number): ClosedSocket | null {
  if (end - start < INET_DIAG_MSG_LEN) return null;
  const af = buf[start];
  if (af !== AF_INET && af !== AF_INET6) return null;
  let protocol = -1;
  let info = -1;
  let infoLen = 0;
  const bad = eachAttr(dv, start + INET_DIAG_MSG_LEN, end, (type, a, len) => {
    if (type === INET_DIAG_PROTOCOL && len >= 1) protocol = buf[a];
    else if (type === INET_DIAG_INFO) {
      info = a;
      infoLen = len;
    }
  });
  if (bad >= 0) return null;
  // Only TCP has a tcp_info here; without the protocol attribute, that is the one safe inference.
  if (protocol < 0 && info >= 0) protocol = IPPROTO_TCP;
  const proto: Proto | null = protocol === IPPROTO_TCP ? 'tcp' : protocol === IPPROTO_UDP ? 'udp' : null;
  if (proto === null) return null;
  const linuxState = buf[start + 1];
  const state = proto === 'tcp' ? tcpStateFromLinux(linuxState) : udpStateFromLinux(linuxState);
  if (state === null) return null;
  const v4 = af === AF_INET;
  const remotePort = (buf[start + 6] << 8) | buf[start + 7];
  return {
    proto,
    family: v4 ? 4 : 6,
    state,
    localAddress: v4 ? ipv4Text(buf, start + 8) : formatIPv6(buf, start + 8),
    localPort: (buf[start + 4] << 8) | buf[start + 5],
    remoteAddress: v4 ? ipv4Text(buf, start + 24) : formatIPv6(buf, start + 24),
    remotePort,
    cookie: cookieText(dv.getUint32(start + 44, LE), dv.getUint32(start + 48, LE)),
    closedAt,
    lastState: null,
    tracedPid: null,
    tcp: proto === 'tcp' && info >= 0 && remotePort !== 0 ? finalTcpInfo(dv, info, infoLen) : null,
  };
}

function finalTcpInfo(dv: DataView, p: number, n: number): ClosedTcpInfo {
  const u32 = (f: number): number | null => (n >= f + 4 ? dv.getUint32(p + f, LE) : null);
  const u64 = (f: number): number | null =>
    n >= f + 8
      ? LE
        ? dv.getUint32(p + f, true) + dv.getUint32(p + f + 4, true) * TWO_32
        : dv.getUint32(p + f, false) * TWO_32 + dv.getUint32(p + f + 4, false)
      : null;
  const rtt = u32(TCPI_RTT);
  const sent = u64(TCPI_BYTES_SENT);
  const retrans = u64(TCPI_BYTES_RETRANS);
  const received = u64(TCPI_BYTES_RECEIVED);
  return {
    rttMs: rtt === null ? null : rtt / 1000,
    retransmits: u32(TCPI_TOTAL_RETRANS),
    bytesSent: sent === null || retrans === null ? null : sent - retrans,
    // Nothing received means no FIN either: the one case this message settles alone.
    bytesReceived: received === 0 ? 0 : null,
    kernelBytesReceived: received,
    bytesAcked: u64(TCPI_BYTES_ACKED),
  };
}
