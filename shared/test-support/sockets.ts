// Socket values for unit tests (defaults: an established TCP4 connection owned by pid 100); tests give only what
// differs, so a field added to the model is added here once.
import { socketKey, type RawSocket, type Socket } from '../model/socket';

/** The endpoints every test value defaults to: a TCP4 client at 127.0.0.1:40000 connected to 127.0.0.1:8080. */
export const TUPLE = {
  proto: 'tcp',
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 40000,
  remoteAddress: '127.0.0.1',
  remotePort: 8080,
} as const;

/** A raw socket (what a collector returns) with sensible defaults. */
export function rawSocket(p: Partial<RawSocket> = {}): RawSocket {
  const pid = p.pid === undefined ? 100 : p.pid;
  const process = p.process === undefined ? 'app' : p.process;
  const user = p.user === undefined ? 'root' : p.user;
  return {
    ...TUPLE,
    state: 'ESTABLISHED',
    pid,
    process,
    user,
    uid: 0,
    inode: 1,
    recvQueue: 0,
    sendQueue: 0,
    metrics: null,
    owners: pid === null ? [] : [{ pid, process, user }],
    cookie: null,
    kernelStateSince: null,
    kernelStateSinceExact: false,
    ...p,
  };
}

/** A socket as core's table holds it; `key` follows socketKey unless given, ages are observed at 0. */
export function sock(p: Partial<Socket> = {}): Socket {
  const raw = rawSocket(p);
  return {
    ...raw,
    key: p.key ?? socketKey(raw),
    firstSeen: p.firstSeen ?? 0,
    stateSince: p.stateSince === undefined ? 0 : p.stateSince,
    stateSinceSource: p.stateSinceSource ?? 'observed',
    stateSinceExact: p.stateSinceExact ?? false,
    sentBytesPerSec: p.sentBytesPerSec ?? null,
    receivedBytesPerSec: p.receivedBytesPerSec ?? null,
  };
}
