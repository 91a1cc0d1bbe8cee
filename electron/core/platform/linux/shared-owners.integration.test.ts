// A listener shared by a parent and two forked workers belongs to all three, parent first, as `ss -p` lists them,
// also when the parent hands it to workers that already run.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSharedListener, stopAll } from '../../../test-support/child-fixtures';
import { createLinuxCollector } from './collector';
import { OwnerMap } from './owner-map';
import { openFdCount } from './proc-fd-source';

afterAll(stopAll);

describe.runIf(process.platform === 'linux')('shared sockets', () => {
  it('lists every owner of a listener inherited by workers, the parent first', async () => {
    const shared = await spawnSharedListener(2);
    const collector = createLinuxCollector();
    try {
      const listener = collector
        .snapshot()
        .sockets.find((s) => s.state === 'LISTEN' && s.localPort === shared.port && s.localAddress === '127.0.0.1');
      expect(listener?.owners.map((o) => o.pid)).toEqual([shared.parent, ...[...shared.workers].sort((a, b) => a - b)]);
      expect(listener?.pid).toBe(shared.parent);
      expect(listener?.owners.every((o) => o.process === 'node')).toBe(true);
      // ss -p names the same three processes.
      const ss = execFileSync('ss', ['-tlnpH', `sport = :${shared.port}`], { encoding: 'utf8' });
      const ssPids = [...ss.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
      expect(ssPids).toEqual([shared.parent, ...shared.workers].sort((a, b) => a - b));
    } finally {
      collector.close();
    }
  });

  // The fd directory's size counts open fds from Linux 6.2 on: without it, the socket reaching running workers shows
  // at the next whole scan instead, which only a socket without an owner starts.
  const noCounts = openFdCount(process.pid) === null ? 'the kernel does not count open fds in /proc/<pid>/fd' : null;
  if (noCounts) console.log(`shared sockets: the hand-over to running workers is skipped: ${noCounts}`);
  it.skipIf(noCounts !== null)(
    'adds workers that receive the listener while they run, at the next refresh, reading only their fds',
    async () => {
      const shared = await spawnSharedListener(2, { later: true });
      const collector = createLinuxCollector();
      const listenerOf = () =>
        collector
          .snapshot()
          .sockets.find((s) => s.state === 'LISTEN' && s.localPort === shared.port && s.localAddress === '127.0.0.1');
      try {
        const before = listenerOf();
        expect(before?.owners.map((o) => o.pid)).toEqual([shared.parent]);
        // The map alone, on this one socket: no other socket of this machine can start a whole scan here.
        const inode = before?.inode ?? 0;
        const map = new OwnerMap();
        expect(map.refresh([inode]).shared.has(inode)).toBe(false);
        await shared.handOver();
        const r = map.refresh([inode]);
        expect(map.stats().lastScan).toBe('changed');
        expect(r.owners.get(inode)).toBe(Math.min(shared.parent, ...shared.workers));
        expect(r.shared.get(inode)).toEqual([shared.parent, ...shared.workers].sort((a, b) => a - b));
        expect(listenerOf()?.owners.map((o) => o.pid)).toEqual([
          shared.parent,
          ...[...shared.workers].sort((a, b) => a - b),
        ]);
      } finally {
        collector.close();
      }
    },
  );
});
