// macOS libproc bindings through koffi (proc_listpids, proc_pidinfo, proc_pidfdinfo, proc_pidpath) and getpwuid.
// Not runnable on the Linux CI machines: only the pure decoders in platform/darwin are tested there.
import koffi from 'koffi';
import { ErrnoError } from './libc';
import { lazyLibrary } from './native-library';

/** proc_listpids type: every process (sys/proc_info.h). */
export const PROC_ALL_PIDS = 1;
/** proc_pidinfo flavors (sys/proc_info.h). */
export const PROC_PIDLISTFDS = 1;
export const PROC_PIDTBSDINFO = 3;
/** proc_pidfdinfo flavor: struct socket_fdinfo. */
export const PROC_PIDFDSOCKETINFO = 3;
/** PROC_PIDPATHINFO_MAXSIZE (4 * MAXPATHLEN). */
const PATH_MAX_SIZE = 4096;

/** libSystem (which exports libproc and getpwuid), loaded on first use. */
const lib = lazyLibrary('/usr/lib/libSystem.B.dylib', {
  proc_listpids: 'int proc_listpids(uint32_t type, uint32_t typeinfo, _Out_ void *buffer, int size)',
  proc_pidinfo: 'int proc_pidinfo(int pid, int flavor, uint64_t arg, _Out_ void *buffer, int size)',
  proc_pidfdinfo: 'int proc_pidfdinfo(int pid, int fd, int flavor, _Out_ void *buffer, int size)',
  proc_pidpath: 'int proc_pidpath(int pid, _Out_ void *buffer, uint32_t size)',
  getpwuid: 'void *getpwuid(uint32_t uid)',
});

/** Every pid on the system (proc_listpids(PROC_ALL_PIDS)); the kernel fills an array of int32. */
export function listPids(): Int32Array {
  const needed = lib().proc_listpids(PROC_ALL_PIDS, 0, null, 0);
  if (needed <= 0) throw new ErrnoError('proc_listpids', koffi.errno());
  // Processes started between the two calls would not fit: leave room for them.
  const buf = Buffer.alloc(needed + 1024);
  const got = lib().proc_listpids(PROC_ALL_PIDS, 0, buf, buf.length);
  if (got <= 0) throw new ErrnoError('proc_listpids', koffi.errno());
  return new Int32Array(buf.buffer, buf.byteOffset, Math.floor(got / 4));
}

/**
 * proc_pidinfo(pid, flavor) into `buf`; returns the byte count written. Throws ErrnoError (EPERM for another
 * user's process without root, ESRCH once it exited) when the kernel writes nothing.
 */
export function pidInfo(pid: number, flavor: number, buf: Uint8Array): number {
  const n = lib().proc_pidinfo(pid, flavor, 0, buf, buf.length);
  if (n <= 0) throw new ErrnoError('proc_pidinfo', koffi.errno());
  return n;
}

/** Bytes proc_pidinfo(PROC_PIDLISTFDS) needs for `pid` right now (it answers with a NULL buffer). */
export function fdListSize(pid: number): number {
  const n = lib().proc_pidinfo(pid, PROC_PIDLISTFDS, 0, null, 0);
  if (n <= 0) throw new ErrnoError('proc_pidinfo', koffi.errno());
  return n;
}

/** proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO) into `buf`; returns the byte count, 0 when the fd is gone. */
export function socketFdInfo(pid: number, fd: number, buf: Uint8Array): number {
  const n = lib().proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO, buf, buf.length);
  return n > 0 ? n : 0;
}

const pathBuf = Buffer.alloc(PATH_MAX_SIZE);

/** Executable path of `pid` (proc_pidpath), or null when it cannot be read. */
export function pidPath(pid: number): string | null {
  const n = lib().proc_pidpath(pid, pathBuf, pathBuf.length);
  return n > 0 ? pathBuf.toString('utf8', 0, n) : null;
}

/** Login name of `uid` (getpwuid's pw_name, the first member of struct passwd), or null when it has none. */
export function userNameOf(uid: number): string | null {
  const pw = lib().getpwuid(uid);
  if (pw === null) return null;
  return koffi.decode(pw, 'const char *') as string | null;
}
