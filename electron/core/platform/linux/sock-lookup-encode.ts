// Pure exact sock_diag lookup of one TCP socket by its endpoints: the request, and the one socket the kernel names.
import { formatIPv4, formatIPv6 } from '../../../../shared/logic/address';
import type { Connection } from '../../../../shared/model/actions';
import { eachMessage, LE, NLM_F_REQUEST, NLMSG_ERROR, NLMSG_HDRLEN, type Malformed } from './netlink';
import { ANY_SOCKET, encodeInetDiagRequest } from './sock-destroy-encode';
import { AF_INET, INET_DIAG_MSG_LEN, SOCK_DIAG_BY_FAMILY } from './sockdiag-decode';

/**
 * SOCK_DIAG_BY_FAMILY without NLM_F_DUMP: the kernel's exact lookup (inet_diag_find_one_icsk) of the socket at
 * `c`'s endpoints, in any state. Beware what it does when no connection matches: it falls back to the listener of
 * the local port, which is why the answer's endpoints must be compared with the question.
 */
export function encodeSockLookup(c: Connection, seq: number): Uint8Array {
  return encodeInetDiagRequest(c, seq, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, ANY_SOCKET);
}

/** The socket an exact lookup answered with. */
export interface LookedUpSocket extends Connection {
  /** Linux TCP state number (include/net/tcp_states.h). */
  readonly linuxState: number;
  /** idiag_cookie, 8 bytes as sent: names this very socket to a later SOCK_DESTROY. */
  readonly cookie: Uint8Array;
  readonly uid: number;
  /** 0 when no file refers to it (TIME_WAIT, request sockets, orphans). */
  readonly inode: number;
}

/** What one receive buffer says about the lookup with sequence `seq`. */
export type LookupStatus =
  | { readonly kind: 'found'; readonly socket: LookedUpSocket }
  | { readonly kind: 'error'; readonly errno: number }
  | { readonly kind: 'none' }
  | Malformed;

/**
 * Finds the answer to `seq` in the first `length` bytes of `buf`: one inet_diag_msg (family, state, timer,
 * retrans, sockid at 4 with the cookie at 44, uid at 64, inode at 68), or an NLMSG_ERROR with its errno (ENOENT
 * when nothing is at those endpoints). Messages of other sequence numbers are skipped.
 */
export function decodeLookupReply(buf: Uint8Array, length: number, seq: number): LookupStatus {
  if (length < 0 || length > buf.length) return { kind: 'malformed', message: `length ${length} out of range` };
  const v = new DataView(buf.buffer, buf.byteOffset, length);
  const answer = eachMessage<LookupStatus>(v, length, (type, s, off, len) => {
    if (s !== seq >>> 0) return undefined;
    const body = off + NLMSG_HDRLEN;
    if (type === NLMSG_ERROR) {
      if (len < NLMSG_HDRLEN + 4) return { kind: 'malformed', message: `truncated NLMSG_ERROR at byte ${off}` };
      return { kind: 'error', errno: -v.getInt32(body, LE) | 0 };
    }
    if (type !== SOCK_DIAG_BY_FAMILY) return undefined;
    if (len < NLMSG_HDRLEN + INET_DIAG_MSG_LEN) {
      return { kind: 'malformed', message: `inet_diag_msg of ${len - NLMSG_HDRLEN} bytes` };
    }
    return { kind: 'found', socket: decodeMessage(buf, v, body) };
  });
  return answer ?? { kind: 'none' };
}

function decodeMessage(buf: Uint8Array, v: DataView, p: number): LookedUpSocket {
  const v4 = buf[p] === AF_INET;
  const address = (at: number): string => (v4 ? formatIPv4(buf, at) : formatIPv6(buf, at));
  return {
    family: v4 ? 4 : 6,
    linuxState: buf[p + 1],
    localPort: (buf[p + 4] << 8) | buf[p + 5],
    remotePort: (buf[p + 6] << 8) | buf[p + 7],
    localAddress: address(p + 8),
    remoteAddress: address(p + 24),
    cookie: buf.slice(p + 44, p + 52),
    uid: v.getUint32(p + 64, LE),
    inode: v.getUint32(p + 68, LE),
  };
}
