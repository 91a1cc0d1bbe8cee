// ioctl(2) and read-write open(2) through koffi, for /dev/net/tun; errors carry errno like the rest of libc.ts.
import koffi from 'koffi';
import { ErrnoError } from './libc';
import { lazyLibrary } from './native-library';

/** libc.so.6's ioctl, open and close, loaded on first use. */
const lib = lazyLibrary('libc.so.6', {
  // ioctl is variadic in C: koffi wants each extra argument as a type name then its value.
  ioctl: 'int ioctl(int fd, unsigned long request, ...)',
  // open(2) is variadic too; the mode only matters with O_CREAT, which is never passed here.
  open: 'int open(const char *path, int flags, ...)',
  close: 'int close(int fd)',
});

/** O_RDWR | O_CLOEXEC (the same values on every Linux CPU). */
export const O_RDWR_CLOEXEC = 0o2 | 0o2000000;

/** open(2) of an existing file; returns the fd or throws ErrnoError (ENOENT, EACCES ...). */
export function openRw(path: string): number {
  const fd = lib().open(path, O_RDWR_CLOEXEC);
  if (fd === -1) throw new ErrnoError(`open ${path}`, koffi.errno());
  return fd;
}

/** ioctl(fd, request, buf): the kernel reads and may write `buf` in place. */
export function ioctlBuffer(fd: number, request: number, buf: Uint8Array, name: string): number {
  const r = lib().ioctl(fd, request, 'void *', buf);
  if (r === -1) throw new ErrnoError(name, koffi.errno());
  return r;
}

/** ioctl(fd, request, value) for requests that take the value itself (TUNSETOWNER, TUNSETPERSIST ...). */
export function ioctlValue(fd: number, request: number, value: number, name: string): number {
  const r = lib().ioctl(fd, request, 'unsigned long', value);
  if (r === -1) throw new ErrnoError(name, koffi.errno());
  return r;
}

/** close(2), ignoring failure: the fd is gone either way and a tun fd has nothing left to flush. */
export function closeQuietly(fd: number): void {
  lib().close(fd);
}
