// Closes one TCP connection through netlink SOCK_DESTROY, as `ss -K` does; never touches the owning process.
import {
  checkConnection,
  closeRefusal,
  closeRefusalError,
  sameEndpoints,
} from '../../../../shared/logic/close-refusal';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { keyedError } from '../../../../shared/logic/input-error';
import type { Connection } from '../../../../shared/model/actions';
import { close, ErrnoError, errnoName, errnoValue, recv, sendto } from '../../ffi/libc';
import { NETLINK_SOCK_DIAG, openNetlink } from '../../ffi/netlink-socket';
import { ownHolderOf } from './own-sockets';
import { decodeAck, destroyError, encodeSockDestroy } from './sock-destroy-encode';
import { decodeLookupReply, encodeSockLookup, type LookedUpSocket } from './sock-lookup-encode';
import { tcpStateFromLinux } from './tcp-states';

const RECV_TIMEOUT_S = 5;

/**
 * Destroys the TCP connection whose local and remote endpoints are those of `c` (the peer gets a RST; on loopback
 * both ends see the connection reset), and nothing else. First an exact sock_diag lookup names the socket at those
 * endpoints; the kernel answers with the listener of the local port when no connection matches, so its endpoints
 * are compared (ESRCH when they differ). A listener, an unconnected socket, or one held by a process of `ownRoots`'
 * trees is REFUSED. The destroy then names that socket by its state bit and cookie, so a socket that took its place
 * in between is left alone (ESTALE -> ESRCH). Other errors as destroyError says, INVALID_INPUT for bad addresses.
 */
export function sockDestroy(c: Connection, ownRoots: readonly number[]): void {
  checkConnection(c);
  const fd = openNetlink(NETLINK_SOCK_DIAG, RECV_TIMEOUT_S);
  try {
    const found = lookup(fd, c);
    const state = tcpStateFromLinux(found.linuxState);
    if (state === null) {
      const reason = `TCP state ${found.linuxState} is unknown to netinspect`;
      const params = {
        local: formatEndpoint(c.localAddress, c.localPort),
        remote: formatEndpoint(c.remoteAddress, c.remotePort),
        reason,
      };
      throw keyedError('actions.closeFailed', params, 'INTERNAL');
    }
    const own = ownHolderOf(found.inode, ownRoots) !== null;
    const refused = closeRefusal({ ...found, state, own });
    if (refused) throw closeRefusalError(refused, found);
    const seq = nextSeq();
    sendto(fd, encodeSockDestroy(c, seq, { states: 1 << found.linuxState, cookie: found.cookie }), 0, null);
    const errno = awaitAck(fd, seq);
    if (errno !== 0) throw destroyError(errno, errnoName(errno), c);
  } finally {
    close(fd);
  }
}

let seqBase = ((Date.now() & 0xffffff) << 4) >>> 0;
function nextSeq(): number {
  seqBase = (seqBase + 1) >>> 0;
  return seqBase;
}

/** The socket at exactly `c`'s endpoints; ESRCH when there is none (or only the local port's listener). */
function lookup(fd: number, c: Connection): LookedUpSocket {
  const seq = nextSeq();
  sendto(fd, encodeSockLookup(c, seq), 0, null);
  const rx = new Uint8Array(8192);
  for (;;) {
    const n = receive(fd, rx);
    const status = decodeLookupReply(rx, n, seq);
    if (status.kind === 'found') {
      if (!sameEndpoints(c, status.socket)) throw destroyError(2, 'ENOENT', c);
      return status.socket;
    }
    if (status.kind === 'error') throw destroyError(status.errno, errnoName(status.errno), c);
    if (status.kind === 'malformed') throw new Error(`sock_diag lookup reply: ${status.message}`);
    if (n === 0) throw new Error('sock_diag: the kernel closed the socket without an answer');
  }
}

function receive(fd: number, rx: Uint8Array): number {
  const eintr = errnoValue('EINTR');
  for (;;) {
    try {
      return recv(fd, rx, 0);
    } catch (e) {
      if (!(e instanceof ErrnoError && e.errno === eintr)) throw e;
    }
  }
}

function awaitAck(fd: number, seq: number): number {
  // The ACK echoes the 72-byte request after the errno; extended-ACK attributes may follow.
  const rx = new Uint8Array(8192);
  for (;;) {
    const n = receive(fd, rx);
    const status = decodeAck(rx, n, seq);
    if (status.kind === 'ack') return status.errno;
    if (status.kind === 'malformed') throw new Error(`SOCK_DESTROY reply: ${status.message}`);
    if (n === 0) throw new Error('SOCK_DESTROY: the kernel closed the socket without an answer');
  }
}
