// Who is on the other end of a Unix socket: SO_PEERCRED (Linux) and getpeereid (macOS), through koffi.
// Kept apart from libc.ts so the privileged helper loads only the one call it needs to decide whom it serves.
import koffi from 'koffi';
import { ErrnoError } from './libc';
import { lazyLibrary } from './native-library';

/** Credentials the kernel recorded for a Unix socket's peer when it connected (not what the peer claims). */
export interface PeerCred {
  /** Peer's pid (Linux only; null on macOS, where getpeereid does not give it). */
  readonly pid: number | null;
  readonly uid: number;
  readonly gid: number;
}

/** SOL_SOCKET and SO_PEERCRED on Linux (asm-generic values; x86, arm and arm64 share them). */
const SOL_SOCKET = 1;
const SO_PEERCRED = 17;
/** sizeof(struct ucred): pid_t pid, uid_t uid, gid_t gid, 4 bytes each. */
const UCRED_SIZE = 12;

const linuxLib = lazyLibrary('libc.so.6', {
  getsockopt: 'int getsockopt(int fd, int level, int name, _Out_ void *value, _Inout_ void *len)',
});
const darwinLib = lazyLibrary('/usr/lib/libSystem.B.dylib', {
  getpeereid: 'int getpeereid(int fd, _Out_ void *uid, _Out_ void *gid)',
});

function linux(fd: number): PeerCred {
  // Native-endian words, as the kernel writes them.
  const cred = new Uint32Array(UCRED_SIZE / 4);
  const len = new Uint32Array([UCRED_SIZE]);
  const r = linuxLib().getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, len);
  if (r === -1) throw new ErrnoError('getsockopt', koffi.errno());
  if (len[0] !== UCRED_SIZE) throw new Error(`getsockopt(SO_PEERCRED) returned ${len[0]} bytes`);
  return { pid: cred[0] ?? 0, uid: cred[1] ?? -1, gid: cred[2] ?? -1 };
}

function darwin(fd: number): PeerCred {
  const uid = new Uint32Array(1);
  const gid = new Uint32Array(1);
  if (darwinLib().getpeereid(fd, uid, gid) === -1) throw new ErrnoError('getpeereid', koffi.errno());
  return { pid: null, uid: uid[0] ?? -1, gid: gid[0] ?? -1 };
}

/** The peer of connected Unix socket `fd`, as the kernel saw it at connect(); throws on other OSes or errors. */
export function peerCred(fd: number): PeerCred {
  if (process.platform === 'linux') return linux(fd);
  if (process.platform === 'darwin') return darwin(fd);
  throw new Error(`peer credentials are not available on ${process.platform}`);
}
