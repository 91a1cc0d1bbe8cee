// A listener shared by a parent and two forked workers belongs to all three, parent first, as `ss -p` lists them.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSharedListener, stopAll } from '../../../test-support/child-fixtures';
import { createLinuxCollector } from './collector';

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
});
