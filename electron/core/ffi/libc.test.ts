// libc bindings: real calls that succeed, and failures that carry errno number and name.
import { describe, expect, it } from 'vitest';
import { close, errnoName, ErrnoError, geteuid, recv, socket } from './libc';

describe('libc', () => {
  it('geteuid agrees with process.geteuid', () => {
    expect(geteuid()).toBe(process.geteuid?.());
  });

  it('names errno values', () => {
    expect(errnoName(1)).toBe('EPERM');
    expect(errnoName(13)).toBe('EACCES');
    expect(errnoName(93)).toBe('EPROTONOSUPPORT');
    expect(errnoName(9999)).toBe('E9999');
  });

  it('throws ErrnoError with number and name on -1', () => {
    let caught: unknown;
    try {
      close(-1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ErrnoError);
    expect(caught).toMatchObject({ errno: 9, code: 'EBADF', syscall: 'close' });
    expect(() => recv(-1, new Uint8Array(4), 0)).toThrow(/EBADF/);
    // An unknown protocol family.
    expect(() => socket(9999, 2, 0)).toThrow(ErrnoError);
  });

  it('opens and closes a socket', () => {
    const fd = socket(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */, 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    // No second close to provoke EBADF: the fd number may already belong to another thread's file.
    close(fd);
  });
});
