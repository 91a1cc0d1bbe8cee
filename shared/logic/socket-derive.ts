// What the diff derives about a socket from its previous version: whether a tuple now names a new connection, when
// it entered its state (and by which clock), and its payload byte rates over the last refresh.
import type { RawSocket, Socket } from '../model/socket';

/**
 * True when `next` is another connection than `prev` on the same 4-tuple (the tuple was reused between two
 * refreshes): the kernel's cookie differs, or, where there is no cookie (/proc/net, Windows), both have an inode and
 * they differ (TIME_WAIT keeps the cookie but drops the inode to 0, so 0 never counts), or a byte counter went
 * backwards.
 */
export function isReused(prev: RawSocket, next: RawSocket): boolean {
  if (prev.cookie !== null && next.cookie !== null) return prev.cookie !== next.cookie;
  if (prev.inode && next.inode && prev.inode !== next.inode && prev.state !== 'LISTEN') return true;
  const a = prev.metrics;
  const b = next.metrics;
  return (
    a !== null &&
    b !== null &&
    ((a.bytesSent !== null && b.bytesSent !== null && b.bytesSent < a.bytesSent) ||
      (a.bytesReceived !== null && b.bytesReceived !== null && b.bytesReceived < a.bytesReceived))
  );
}

/** Bytes per second between two counter readings `dtMs` apart; null when either is unknown or dt is not positive. */
export function rate(before: number | null, after: number | null, dtMs: number): number | null {
  if (before === null || after === null || !(dtMs > 0) || after < before) return null;
  return ((after - before) * 1000) / dtMs;
}

/** What the diff adds to a raw socket: identity and the history it keeps about it. */
interface SocketHistory {
  readonly key: string;
  readonly firstSeen: number;
  readonly stateSince: number | null;
  readonly stateSinceSource: Socket['stateSinceSource'];
  readonly stateSinceExact: boolean;
  readonly sentBytesPerSec: number | null;
  readonly receivedBytesPerSec: number | null;
}

/**
 * `r` with `h`, written out field by field. Never `{ ...r, key, ... }`: V8 (Node 20) gives every object spread
 * from a 19-field socket and then extended an out-of-object property store of its own, about 0.8 kB and several
 * µs each; at 40,000 sockets that was most of a cold snapshot's time and memory.
 */
export function withHistory(r: RawSocket, h: SocketHistory): Socket {
  return {
    proto: r.proto,
    family: r.family,
    localAddress: r.localAddress,
    localPort: r.localPort,
    remoteAddress: r.remoteAddress,
    remotePort: r.remotePort,
    state: r.state,
    pid: r.pid,
    process: r.process,
    user: r.user,
    uid: r.uid,
    inode: r.inode,
    recvQueue: r.recvQueue,
    sendQueue: r.sendQueue,
    metrics: r.metrics,
    owners: r.owners,
    cookie: r.cookie,
    kernelStateSince: r.kernelStateSince,
    kernelStateSinceExact: r.kernelStateSinceExact,
    key: h.key,
    firstSeen: h.firstSeen,
    stateSince: h.stateSince,
    stateSinceSource: h.stateSinceSource,
    stateSinceExact: h.stateSinceExact,
    sentBytesPerSec: h.sentBytesPerSec,
    receivedBytesPerSec: h.receivedBytesPerSec,
  };
}

/** A socket seen for the first time (or a reused tuple): ages from its kernel clock if any, no rates yet. */
export function firstSight(r: RawSocket, key: string, now: number): Socket {
  const kernel = r.kernelStateSince;
  return withHistory(r, {
    key,
    firstSeen: now,
    stateSince: kernel ?? now,
    stateSinceSource: kernel === null ? 'observed' : 'kernel',
    stateSinceExact: kernel !== null && r.kernelStateSinceExact,
    sentBytesPerSec: null,
    receivedBytesPerSec: null,
  });
}

/** The next version of a known socket `old` (same connection), `dtMs` after its previous refresh. */
export function nextVersion(old: Socket, r: RawSocket, now: number, dtMs: number): Socket {
  const sameState = old.state === r.state;
  // A kernel clock beats a lower bound; once the state changes, the old age means nothing.
  const kernel = r.kernelStateSince;
  const keepAge = sameState && (old.stateSinceSource !== 'observed' || kernel === null);
  const a = old.metrics;
  const b = r.metrics;
  return withHistory(r, {
    key: old.key,
    firstSeen: old.firstSeen,
    stateSince: keepAge ? old.stateSince : (kernel ?? now),
    stateSinceSource: keepAge ? old.stateSinceSource : kernel === null ? 'observed' : 'kernel',
    // Seen entering the state between two refreshes is not exact either: it happened since the previous one.
    stateSinceExact: keepAge ? old.stateSinceExact : kernel !== null && r.kernelStateSinceExact,
    sentBytesPerSec: rate(a?.bytesSent ?? null, b?.bytesSent ?? null, dtMs),
    receivedBytesPerSec: rate(a?.bytesReceived ?? null, b?.bytesReceived ?? null, dtMs),
  });
}

/** True when the socket moved bytes over the last refresh (its rates must fall to 0 when it stops). */
export function isActive(s: Socket): boolean {
  return (s.sentBytesPerSec ?? 0) > 0 || (s.receivedBytesPerSec ?? 0) > 0;
}

/** The same socket after a refresh in which it moved no bytes. */
export function idle(s: Socket): Socket {
  return withHistory(s, {
    key: s.key,
    firstSeen: s.firstSeen,
    stateSince: s.stateSince,
    stateSinceSource: s.stateSinceSource,
    stateSinceExact: s.stateSinceExact,
    sentBytesPerSec: s.sentBytesPerSec === null ? null : 0,
    receivedBytesPerSec: s.receivedBytesPerSec === null ? null : 0,
  });
}
