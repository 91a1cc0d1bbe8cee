// Closes one TCP connection through netlink SOCK_DESTROY, as `ss -K` does; never touches the owning process.
import type { Connection } from '../../../../shared/model/actions';
import { close, ErrnoError, errnoName, errnoValue, recv, sendto, setsockopt, socket } from '../../ffi/libc';
import { decodeAck, destroyError, encodeSockDestroy } from './sock-destroy-encode';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_SOCK_DIAG = 4;
const SOL_SOCKET = 1;
/** SO_RCVTIMEO on x86-64 and arm64 (asm-generic): a kernel that never answers becomes EAGAIN, not a hang. */
const SO_RCVTIMEO = 20;
const RECV_TIMEOUT_S = 5;
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Destroys the TCP socket whose local and remote endpoints are those of `c` (the peer gets a RST; on loopback both
 * ends see the connection reset). Throws the AppErrors of destroyError, or INVALID_INPUT for bad addresses.
 */
export function sockDestroy(c: Connection): void {
  const seq = ((Date.now() & 0xffffff) << 4) >>> 0;
  const request = encodeSockDestroy(c, seq);
  const fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  try {
    const tv = new DataView(new ArrayBuffer(16)); // struct timeval { long tv_sec; long tv_usec; }
    tv.setBigInt64(0, BigInt(RECV_TIMEOUT_S), LE);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new Uint8Array(tv.buffer));
    sendto(fd, request, 0, null);
    const errno = awaitAck(fd, seq);
    if (errno !== 0) throw destroyError(errno, errnoName(errno), c);
  } finally {
    close(fd);
  }
}

function awaitAck(fd: number, seq: number): number {
  // The ACK echoes the 72-byte request after the errno; extended-ACK attributes may follow.
  const rx = new Uint8Array(8192);
  const eintr = errnoValue('EINTR');
  for (;;) {
    let n: number;
    try {
      n = recv(fd, rx, 0);
    } catch (e) {
      if (e instanceof ErrnoError && e.errno === eintr) continue;
      throw e;
    }
    const status = decodeAck(rx, n, seq);
    if (status.kind === 'ack') return status.errno;
    if (status.kind === 'malformed') throw new Error(`SOCK_DESTROY reply: ${status.message}`);
    if (n === 0) throw new Error('SOCK_DESTROY: the kernel closed the socket without an answer');
  }
}
