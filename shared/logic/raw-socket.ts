// The one mapping from what an OS's socket table reports (tuple, kernel facts, owners) to the RawSocket model.
import type { RawSocket, SocketTuple } from '../model/socket';

/** What a kernel reports about a socket beyond its tuple: inode, queues, counters, cookie and state clock. */
export type KernelFacts = Pick<
  RawSocket,
  'inode' | 'recvQueue' | 'sendQueue' | 'metrics' | 'cookie' | 'kernelStateSince' | 'kernelStateSinceExact'
>;

/** Who holds a socket: the first owner's pid, name and user, the socket's uid, and every owner (parent first). */
export type SocketOwnership = Pick<RawSocket, 'pid' | 'process' | 'user' | 'uid' | 'owners'>;

/**
 * A table that reports none of the kernel facts: no inode, queues, byte counters, cookie or state clock. Rates are
 * then unknown (the UI says why: shared/logic/traffic/rate-gap.ts) and ages observed (first seen by polling).
 */
export const NO_KERNEL_FACTS: KernelFacts = {
  inode: null,
  recvQueue: null,
  sendQueue: null,
  metrics: null,
  cookie: null,
  kernelStateSince: null,
  kernelStateSinceExact: false,
};

/**
 * The RawSocket of tuple `t` with kernel facts `k` and owners `o`, written out field by field in the schema's
 * order: every collector's sockets then share one object shape, and no spread costs an out-of-object property store
 * per socket (see withHistory in socket-derive.ts).
 */
export function rawSocket(t: SocketTuple, k: KernelFacts, o: SocketOwnership): RawSocket {
  return {
    proto: t.proto,
    family: t.family,
    localAddress: t.localAddress,
    localPort: t.localPort,
    remoteAddress: t.remoteAddress,
    remotePort: t.remotePort,
    state: t.state,
    pid: o.pid,
    process: o.process,
    user: o.user,
    uid: o.uid,
    inode: k.inode,
    recvQueue: k.recvQueue,
    sendQueue: k.sendQueue,
    metrics: k.metrics,
    owners: o.owners,
    cookie: k.cookie,
    kernelStateSince: k.kernelStateSince,
    kernelStateSinceExact: k.kernelStateSinceExact,
  };
}
