// Builds Socket values for unit tests of history, diagnosis and alerts (defaults: an established TCP4 connection).
import { socketKey, type RawSocket, type Socket } from '../../model/socket';

/** A socket with sensible defaults; `key` follows socketKey unless given. */
export function sock(p: Partial<Socket> = {}): Socket {
  const raw: RawSocket = {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40000,
    remoteAddress: '127.0.0.1',
    remotePort: 8080,
    state: 'ESTABLISHED',
    pid: 100,
    process: 'app',
    user: 'root',
    uid: 0,
    inode: 1,
    recvQueue: 0,
    sendQueue: 0,
    metrics: null,
    ...p,
  };
  return { ...raw, key: p.key ?? socketKey(raw), firstSeen: p.firstSeen ?? 0, stateSince: p.stateSince ?? 0 };
}
