// The libc /proc reader against node:fs on this very process: same pids, same fds, same socket inodes.
import net from 'node:net';
import { closeSync, openSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryCallsAvailable } from '../../ffi/libc';
import { fdTableToReadByNumber, fsProcFdSource, LibcProcFdSource, READ_BY_NUMBER_MIN_FDS } from './proc-fd-source';

describe('LibcProcFdSource', () => {
  let server: net.Server;
  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => server.close());

  it('lists the same pids and fds as node:fs and resolves the same socket inodes', ({ skip }) => {
    if (!directoryCallsAvailable()) return skip('getdents64/readlinkat not loadable (glibc < 2.30?)');
    const libc = new LibcProcFdSource();
    try {
      const pids = libc.listPids();
      expect(pids).toContain(process.pid);
      expect(pids).toContain(1);
      const mine = libc.listFds(process.pid);
      const viaFs = fsProcFdSource.listFds(process.pid);
      if (typeof mine === 'string' || typeof viaFs === 'string') throw new Error('own fd directory unreadable');
      // Each lister holds its own directory fd while listing: compare the fds both saw.
      const common = mine.filter((fd) => viaFs.includes(fd));
      expect(common.length).toBeGreaterThan(3);
      let sockets = 0;
      for (const fd of common) {
        const inode = libc.readFdLink(process.pid, fd);
        expect(inode, `fd ${fd}`).toBe(fsProcFdSource.readFdLink(process.pid, fd));
        if (inode > 0) sockets++;
      }
      expect(sockets).toBeGreaterThan(0); // at least our listener
    } finally {
      libc.release();
    }
  });

  it('reports an exited pid as gone and its links as 0', ({ skip }) => {
    if (!directoryCallsAvailable()) return skip('getdents64/readlinkat not loadable');
    const libc = new LibcProcFdSource();
    // Above the kernel's pid_max limit (4194304), so no process can have it.
    expect(libc.listFds(4194305)).toBe('gone');
    expect(libc.readFdLink(4194305, 0)).toBe(0);
    libc.release();
  });

  it('reads every fd and link of a cold scan at once, on a second thread too, as one fd at a time does', ({ skip }) => {
    if (!directoryCallsAvailable()) return skip('getdents64/readlinkat not loadable');
    for (const parallelMinFds of [0, Number.MAX_SAFE_INTEGER]) {
      const libc = new LibcProcFdSource({ parallelMinFds });
      const scan = libc.readAll([process.pid, 4194305]).result();
      expect(scan.get(4194305)).toBe('gone');
      const mine = scan.get(process.pid);
      if (mine === undefined || typeof mine === 'string') throw new Error('own fd directory unreadable');
      const inodes = new Map(mine.fds.map((fd, i) => [fd, mine.inodes[i]]));
      let same = 0;
      for (const [fd, inode] of inodes) {
        const now = libc.readFdLink(process.pid, fd);
        if (now === inode) same++;
      }
      libc.release();
      // Our own fds may open and close meanwhile (vitest's workers): nearly all must agree, our listener among them.
      expect(same).toBeGreaterThan(inodes.size * 0.8);
      expect([...inodes.values()].filter((i) => i > 0).length).toBeGreaterThan(0);
      expect(libc.threadedScans).toBe(parallelMinFds === 0 && availableParallelism() > 1 ? 1 : 0);
    }
  });

  it('reads a big fd table by number, and finds the same fds and sockets as a listing does', ({ skip }) => {
    if (!directoryCallsAvailable()) return skip('getdents64/readlinkat not loadable');
    if (statSync('/proc/self/fd').size === 0) return skip('this kernel (before 6.2) does not count open fds in stat');
    // Enough open fds (a dense table) for a cold scan to read them by number, without a listing.
    const extra: number[] = [];
    for (let i = 0; i < READ_BY_NUMBER_MIN_FDS + 100; i++) extra.push(openSync('/dev/null', 'r'));
    try {
      const size = fdTableToReadByNumber(process.pid);
      expect(size).toBeGreaterThan(READ_BY_NUMBER_MIN_FDS);
      for (const parallelMinFds of [0, Number.MAX_SAFE_INTEGER]) {
        const libc = new LibcProcFdSource({ parallelMinFds });
        const scan = libc.readAll([process.pid]).result().get(process.pid);
        const listed = libc.listFds(process.pid);
        if (scan === undefined || typeof scan === 'string' || typeof listed === 'string')
          throw new Error('own fd directory unreadable');
        // Our numbers were tried, the unused ones dropped: what is left are fds, in order, with our /dev/null ones.
        expect(libc.readlinks).toBe(size);
        expect([...scan.fds]).toEqual([...scan.fds].sort((a, b) => a - b));
        for (const fd of extra) expect(scan.fds).toContain(fd);
        // vitest's own fds may open and close meanwhile: nearly all must agree with a listing, sockets included.
        const both = scan.fds.filter((fd) => listed.includes(fd));
        expect(both.length).toBeGreaterThan(listed.length * 0.95);
        const inodes = new Map(scan.fds.map((fd, i) => [fd, scan.inodes[i]]));
        const sockets = listed.filter((fd) => libc.readFdLink(process.pid, fd) > 0);
        expect(sockets.length).toBeGreaterThan(0); // at least our listener
        const agree = sockets.filter((fd) => inodes.get(fd) === libc.readFdLink(process.pid, fd));
        expect(agree.length).toBeGreaterThan(sockets.length * 0.8);
        for (const fd of extra) expect(inodes.get(fd)).toBe(0);
        libc.release();
      }
    } finally {
      for (const fd of extra) closeSync(fd);
    }
    // Few fds again: listed.
    expect(fdTableToReadByNumber(process.pid)).toBeNull();
  });
});
