// libc bindings through koffi: sockets, directory fds, links, with errno errors (ioctl.ts and peer-cred.ts bind their
// own calls, and the fd-link and reader threads load libc in their own isolates).
import koffi from 'koffi';
import { bindLibrary, lazyLibrary, onFirstUse } from './native-library';

/** A failed libc call: `errno` as the number and its symbolic name (EPERM, EACCES, EPROTONOSUPPORT ...). */
export class ErrnoError extends Error {
  readonly errno: number;
  readonly code: string;
  readonly syscall: string;
  constructor(syscall: string, errno: number) {
    const code = errnoName(errno);
    super(`${syscall} failed: ${code} (errno ${errno})`);
    this.name = 'ErrnoError';
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
  }
}

/** Symbolic name of an errno value, e.g. 13 -> EACCES; `E<n>` when koffi's table does not know it. */
export function errnoName(errno: number): string {
  if (!names) {
    names = new Map();
    for (const [name, value] of Object.entries(koffi.os.errno)) if (!names.has(value)) names.set(value, name);
  }
  return names.get(errno) ?? `E${errno}`;
}
let names: Map<number, string> | null = null;

/** Symbolic errno value by name, e.g. 'EINTR' -> 4 (from koffi's table, so it is right for this OS). */
export function errnoValue(name: string): number | undefined {
  return koffi.os.errno[name];
}

/** libc.so.6's socket calls, loaded on first use so importing this module costs nothing where no call is made. */
const lib = lazyLibrary('libc.so.6', {
  socket: 'int socket(int domain, int type, int protocol)',
  socketpair: 'int socketpair(int domain, int type, int protocol, _Out_ int *sv)',
  sendto: 'intptr_t sendto(int fd, const void *buf, size_t len, int flags, const void *addr, uint32_t addrlen)',
  recv: 'intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)',
  setsockopt: 'int setsockopt(int fd, int level, int name, const void *value, uint32_t len)',
  getsockopt: 'int getsockopt(int fd, int level, int name, _Out_ void *value, _Inout_ uint32_t *len)',
  bind: 'int bind(int fd, const void *addr, uint32_t addrlen)',
  getsockname: 'int getsockname(int fd, _Out_ void *addr, _Inout_ uint32_t *addrlen)',
  close: 'int close(int fd)',
  geteuid: 'uint32_t geteuid()',
});

/**
 * The directory calls, or null when unavailable (getdents64 needs glibc 2.30); tried once, on first use. Bound apart
 * so a missing symbol here never takes the socket calls down with it.
 */
const fsCalls = onFirstUse(() => {
  try {
    return bindLibrary('libc.so.6', {
      // open(2) is variadic (mode); a fixed third argument is how koffi's own docs declare it, and 0 is ignored.
      open: 'int open(const char *path, int flags, uint32_t mode)',
      getdents64: 'intptr_t getdents64(int fd, _Out_ void *buf, size_t len)',
      readlinkat: 'intptr_t readlinkat(int dirfd, const void *path, _Out_ void *buf, size_t len)',
    });
  } catch {
    return null;
  }
});

function fs() {
  const calls = fsCalls();
  if (!calls) throw new Error('libc directory calls (open, getdents64, readlinkat) are unavailable');
  return calls;
}

/** True when open/getdents64/readlinkat can be called (glibc 2.30+); loads them on first call. */
export function directoryCallsAvailable(): boolean {
  try {
    fs();
    return true;
  } catch {
    return false;
  }
}

/** O_* flags of open(2) for read-only directories, right for this CPU (O_DIRECTORY differs on arm and powerpc). */
export const O_RDONLY = 0;
export const O_CLOEXEC = 0o2000000;
export const O_DIRECTORY = ['arm', 'arm64', 'ppc', 'ppc64'].includes(process.arch) ? 0o40000 : 0o200000;

function check(syscall: string, r: number): number {
  if (r === -1) throw new ErrnoError(syscall, koffi.errno());
  return r;
}

/** socket(2); returns the fd. */
export function socket(domain: number, type: number, protocol: number): number {
  return check('socket', lib().socket(domain, type, protocol));
}

/** socketpair(2); returns both fds. */
export function socketpair(domain: number, type: number, protocol: number): [number, number] {
  const sv = new Int32Array(2);
  check('socketpair', lib().socketpair(domain, type, protocol, sv));
  return [sv[0], sv[1]];
}

/** sendto(2) of the whole of `data`, to `addr` (a sockaddr) or, when null, the socket's default peer. */
export function sendto(fd: number, data: Uint8Array, flags: number, addr: Uint8Array | null): number {
  return check('sendto', lib().sendto(fd, data, data.length, flags, addr, addr ? addr.length : 0));
}

/** recv(2) into `buf` (written in place, no copy); returns the byte count (or, with MSG_TRUNC, the real length). */
export function recv(fd: number, buf: Uint8Array, flags: number): number {
  return check('recv', lib().recv(fd, buf, buf.length, flags));
}

/** setsockopt(2) with a raw option value. */
export function setsockopt(fd: number, level: number, name: number, value: Uint8Array): void {
  check('setsockopt', lib().setsockopt(fd, level, name, value, value.length));
}

/** getsockopt(2) of an int-valued option (SO_RCVBUF ...). */
export function getsockoptInt(fd: number, level: number, name: number): number {
  const value = new Int32Array(1);
  const len = [4];
  check('getsockopt', lib().getsockopt(fd, level, name, value, len));
  return value[0];
}

/** bind(2) to `addr` (a sockaddr laid out by the caller, e.g. sockaddr_nl). */
export function bind(fd: number, addr: Uint8Array): void {
  check('bind', lib().bind(fd, addr, addr.length));
}

/** getsockname(2) into `addr` (written in place); returns the address length the kernel reported. */
export function getsockname(fd: number, addr: Uint8Array): number {
  const len = [addr.length];
  check('getsockname', lib().getsockname(fd, addr, len));
  return len[0];
}

/** close(2). */
export function close(fd: number): void {
  check('close', lib().close(fd));
}

/** open(2) without O_CREAT; returns the fd. */
export function open(path: string, flags: number): number {
  return check('open', fs().open(path, flags, 0));
}

/**
 * getdents64(2) into `buf` (written in place): packed `struct linux_dirent64` records (u64 ino, s64 off,
 * u16 reclen at 16, u8 type at 18, NUL-terminated name at 19); returns the byte count, 0 at the end.
 */
export function getdents64(fd: number, buf: Uint8Array): number {
  return check('getdents64', fs().getdents64(fd, buf, buf.length));
}

/**
 * readlinkat(2) of `name` (NUL-terminated bytes) relative to directory fd `dirfd`, into `buf` (in place, not
 * NUL-terminated); returns the link's byte length, at most `buf.length` (longer targets are cut).
 */
export function readlinkat(dirfd: number, name: Uint8Array, buf: Uint8Array): number {
  return check('readlinkat', fs().readlinkat(dirfd, name, buf, buf.length));
}

/** Effective uid of this process (0 when running as root). */
export function geteuid(): number {
  return lib().geteuid();
}
