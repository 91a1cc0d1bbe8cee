// Pure SOCK_DESTROY wire format: the request naming one TCP 4-tuple, the ACK's errno, and errno -> app error.
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { keyedError } from '../../../../shared/logic/input-error';
import { parseAddressBytes } from '../../../../shared/logic/ip-parse';
import type { AppError } from '../../../../shared/model/errors';
import type { Connection } from '../../../../shared/model/actions';
import {
  eachMessage,
  LE,
  NLM_F_ACK,
  NLM_F_REQUEST,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
  writeNlmsghdr,
  type Malformed,
} from './netlink';
import { AF_INET, AF_INET6 } from './sockdiag-decode';

/** nlmsg_type of a destroy request (linux/sock_diag.h); SOCK_DIAG_BY_FAMILY is 20. */
export const SOCK_DESTROY = 21;
export const IPPROTO_TCP = 6;
/** nlmsghdr (16) + inet_diag_req_v2 (56). */
export const SOCK_DESTROY_REQUEST_LEN = NLMSG_HDRLEN + 56;

/** Linux errno values the destroy path meets (asm-generic/errno*.h; the same on every Linux CPU). */
export const LINUX_EPERM = 1;
export const LINUX_ENOENT = 2;
export const LINUX_EACCES = 13;
export const LINUX_EOPNOTSUPP = 95;
/** The cookie named no longer belongs to the socket at those endpoints (sock_diag_check_cookie). */
export const LINUX_ESTALE = 116;

/** Which socket at the endpoints a request means: a state bit mask (1 << Linux state) and its 8-byte cookie. */
export interface SocketMatch {
  readonly states: number;
  /** idiag_cookie as the kernel sent it; null for INET_DIAG_NOCOOKIE (any socket at those endpoints). */
  readonly cookie: Uint8Array | null;
}

/** Every state, any cookie: what a request without a looked-up socket means. */
export const ANY_SOCKET: SocketMatch = { states: 0xffffffff, cookie: null };

/**
 * The SOCK_DESTROY request for `c`: nlmsghdr (len 72, type 21, flags REQUEST|ACK, `seq`, pid 0) then
 * inet_diag_req_v2 (family, IPPROTO_TCP, ext 0, pad 0, states) whose inet_diag_sockid names the socket as the
 * kernel looks it up: sport/src = local, dport/dst = remote, interface 0 (any), and the cookie of `match` (all
 * 0xff, INET_DIAG_NOCOOKIE, without one). Throws INVALID_INPUT (keyed) when an address is not of `c.family`.
 */
export function encodeSockDestroy(c: Connection, seq: number, match: SocketMatch = ANY_SOCKET): Uint8Array {
  return encodeInetDiagRequest(c, seq, SOCK_DESTROY, NLM_F_REQUEST | NLM_F_ACK, match);
}

/** nlmsghdr + inet_diag_req_v2 for TCP socket `c` (see encodeSockDestroy for the layout). */
export function encodeInetDiagRequest(
  c: Connection,
  seq: number,
  type: number,
  flags: number,
  match: SocketMatch,
): Uint8Array {
  const local = parseAddressBytes(c.family, c.localAddress);
  if (!local) throw addressError('local', c.localAddress, c.family);
  const remote = parseAddressBytes(c.family, c.remoteAddress);
  if (!remote) throw addressError('remote', c.remoteAddress, c.family);
  const out = new Uint8Array(SOCK_DESTROY_REQUEST_LEN);
  const v = new DataView(out.buffer);
  writeNlmsghdr(v, SOCK_DESTROY_REQUEST_LEN, type, flags, seq);
  out[16] = c.family === 4 ? AF_INET : AF_INET6;
  out[17] = IPPROTO_TCP;
  v.setUint32(20, match.states >>> 0, LE);
  v.setUint16(24, c.localPort, false);
  v.setUint16(26, c.remotePort, false);
  out.set(local, 28);
  out.set(remote, 44);
  if (match.cookie) out.set(match.cookie.subarray(0, 8), 64);
  else out.fill(0xff, 64, 72);
  return out;
}

function addressError(field: string, value: string, family: 4 | 6): AppError {
  return keyedError('input.addressFamily', { field, value, family });
}

/** What one received buffer says about our request: its ACK's errno (0 = done), nothing yet, or garbage. */
export type AckStatus = { readonly kind: 'ack'; readonly errno: number } | { readonly kind: 'none' } | Malformed;

/**
 * Finds the NLMSG_ERROR answering `seq` in the first `length` bytes of `buf`. Its payload starts with the negated
 * errno (s32), then echoes our request; only the errno matters. Other messages (stale sequence numbers) are skipped.
 */
export function decodeAck(buf: Uint8Array, length: number, seq: number): AckStatus {
  if (length < 0 || length > buf.length) return { kind: 'malformed', message: `length ${length} out of range` };
  const v = new DataView(buf.buffer, buf.byteOffset, length);
  const ack = eachMessage<AckStatus>(v, length, (type, s, off, len) => {
    if (type !== NLMSG_ERROR || s !== seq >>> 0) return undefined;
    if (len < NLMSG_HDRLEN + 4) return { kind: 'malformed', message: `truncated NLMSG_ERROR at byte ${off}` };
    return { kind: 'ack', errno: -v.getInt32(off + NLMSG_HDRLEN, LE) | 0 };
  });
  return ack ?? { kind: 'none' };
}

/**
 * The app error for a non-zero ACK errno: EPERM/EACCES -> NEEDS_ELEVATION (CAP_NET_ADMIN is checked after the
 * lookup), EOPNOTSUPP -> NOT_SUPPORTED (kernel without CONFIG_INET_DIAG_DESTROY), ENOENT and ESTALE -> ESRCH (no such
 * socket), anything else INTERNAL with its errno name.
 */
export function destroyError(errno: number, errnoName: string, c: Connection): AppError {
  const local = formatEndpoint(c.localAddress, c.localPort);
  const remote = formatEndpoint(c.remoteAddress, c.remotePort);
  switch (errno) {
    case LINUX_EPERM:
    case LINUX_EACCES:
      return keyedError('actions.closeNeedsElevation', {}, 'NEEDS_ELEVATION');
    case LINUX_EOPNOTSUPP:
      return keyedError('actions.closeNoKernelSupport', {}, 'NOT_SUPPORTED');
    case LINUX_ENOENT:
    case LINUX_ESTALE:
      // ESTALE: the socket found a moment ago was replaced at those endpoints; the one the user meant is gone.
      return keyedError('actions.closeNotFound', { local, remote }, 'ESRCH');
    default:
      return keyedError('actions.closeFailed', { local, remote, reason: `${errnoName} (errno ${errno})` }, 'INTERNAL');
  }
}
