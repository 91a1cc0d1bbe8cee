// Field-level changes of sockets for the browser-mode wire: a changed socket crosses as its key and the fields that
// differ from the version the receiver has (a byte counter, a state), not as the whole object again.
import type { Socket } from '../../model/socket';
import { SOCKET_TABLE_FIELDS } from '../socket-fields';

/** Every field of a socket, in the order change sets number them. */
export const SOCKET_FIELDS = [
  ...SOCKET_TABLE_FIELDS,
  'uid',
  'inode',
  'recvQueue',
  'sendQueue',
  'metrics',
  'owners',
  'cookie',
  'kernelStateSince',
  'kernelStateSinceExact',
  'key',
  'firstSeen',
  'stateSince',
  'stateSinceSource',
  'stateSinceExact',
  'sentBytesPerSec',
  'receivedBytesPerSec',
] as const satisfies readonly (keyof Socket)[];

/** Changed sockets: `sets[i]` is [field index, value, field index, value, ...] for the socket `keys[i]`. */
export interface WireChanges {
  readonly keys: readonly string[];
  readonly sets: readonly (readonly unknown[])[];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // metrics and owners: small plain values, compared by content.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` that differ from `prev` (every field when there is no `prev`). */
export function changeSet(prev: Socket | undefined, next: Socket): unknown[] {
  const set: unknown[] = [];
  for (let f = 0; f < SOCKET_FIELDS.length; f++) {
    const name = SOCKET_FIELDS[f];
    if (!prev || !sameValue(prev[name], next[name])) set.push(f, next[name]);
  }
  return set;
}

/** A copy of `s` written out field by field: a plain object of one shape, whose fields can then be assigned. */
function copy(s: Socket): { -readonly [K in keyof Socket]: Socket[K] } {
  return {
    proto: s.proto,
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress,
    remotePort: s.remotePort,
    state: s.state,
    pid: s.pid,
    process: s.process,
    user: s.user,
    uid: s.uid,
    inode: s.inode,
    recvQueue: s.recvQueue,
    sendQueue: s.sendQueue,
    metrics: s.metrics,
    owners: s.owners,
    cookie: s.cookie,
    kernelStateSince: s.kernelStateSince,
    kernelStateSinceExact: s.kernelStateSinceExact,
    key: s.key,
    firstSeen: s.firstSeen,
    stateSince: s.stateSince,
    stateSinceSource: s.stateSinceSource,
    stateSinceExact: s.stateSinceExact,
    sentBytesPerSec: s.sentBytesPerSec,
    receivedBytesPerSec: s.receivedBytesPerSec,
  };
}

/** `prev` with the fields of a checked change set (see checkChanges) applied. */
export function applyChangeSet(prev: Socket, set: readonly unknown[]): Socket {
  const next = copy(prev);
  const target = next as Record<(typeof SOCKET_FIELDS)[number], unknown>;
  for (let i = 0; i + 1 < set.length; i += 2) target[SOCKET_FIELDS[set[i] as number]] = set[i + 1];
  return next;
}
