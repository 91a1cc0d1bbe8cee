// A bare socket()+bind()+close() through libc (Linux), for the bind test's "without SO_REUSEADDR" TCP case:
// Node's net always sets SO_REUSEADDR on Unix TCP sockets, which hides ports held only in TIME_WAIT.
import { bind, close, ErrnoError, setsockopt, socket } from './libc';

const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;

/** sockaddr_in / sockaddr_in6 (Linux layout: family in host order, port in network order). */
function sockaddr(family: 4 | 6, address: Uint8Array, port: number): Uint8Array {
  const buf = new Uint8Array(family === 4 ? 16 : 28);
  const view = new DataView(buf.buffer);
  view.setUint16(0, family === 4 ? AF_INET : AF_INET6, true);
  view.setUint16(2, port, false);
  buf.set(address, family === 4 ? 4 : 8);
  return buf;
}

/** True where this probe can run (Linux with glibc). */
export function bindProbeAvailable(): boolean {
  return process.platform === 'linux';
}

/**
 * Binds `address:port` (`address` as 4 or 16 bytes) and closes at once; answers null on success or the errno name.
 * Sets SO_REUSEADDR first only when asked, so the kernel's plain answer is what the user sees.
 */
export function probeBind(
  family: 4 | 6,
  proto: 'tcp' | 'udp',
  address: Uint8Array,
  port: number,
  reuseAddr: boolean,
): string | null {
  const type = (proto === 'tcp' ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC;
  let fd: number;
  try {
    fd = socket(family === 4 ? AF_INET : AF_INET6, type, 0);
  } catch (e) {
    return e instanceof ErrnoError ? e.code : 'EINVAL';
  }
  try {
    if (reuseAddr) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new Uint8Array(new Int32Array([1]).buffer));
    bind(fd, sockaddr(family, address, port));
    return null;
  } catch (e) {
    return e instanceof ErrnoError ? e.code : 'EINVAL';
  } finally {
    close(fd);
  }
}
