// The libc /proc reader against node:fs on this very process: same pids, same fds, same socket inodes.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryCallsAvailable } from '../../ffi/libc';
import { fsProcFdSource, LibcProcFdSource } from './proc-fd-source';

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
});
