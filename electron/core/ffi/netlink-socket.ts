// Opening a netlink socket the way every netinspect netlink client does: raw, close-on-exec, with a receive timeout
// so a kernel that never answers becomes EAGAIN instead of a hang.
import { close, setsockopt, socket } from './libc';

export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;
export const NETLINK_SOCK_DIAG = 4;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
/** SO_RCVTIMEO on x86-64 and arm64 (asm-generic). */
const SO_RCVTIMEO = 20;
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A netlink socket of `protocol` (NETLINK_SOCK_DIAG, NETLINK_ROUTE ...); with `recvTimeoutS`, recv() gives up
 * after that many seconds. Throws ErrnoError (EPROTONOSUPPORT without the family, EACCES in a sandbox ...).
 */
export function openNetlink(protocol: number, recvTimeoutS: number | null = null): number {
  const fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  if (recvTimeoutS === null) return fd;
  try {
    const tv = new DataView(new ArrayBuffer(16)); // struct timeval { long tv_sec; long tv_usec; }
    tv.setBigInt64(0, BigInt(recvTimeoutS), LE);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new Uint8Array(tv.buffer));
  } catch (e) {
    close(fd);
    throw e;
  }
  return fd;
}
