// `netinspect list --json` names every owner of a listener a parent shares with two forked workers, parent first,
// beside `pid` (the first owner), as `ss -p` lists the same three processes.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSharedListener, stopAll } from '../test-support/child-fixtures';
import { runCli } from '../test-support/net-fixtures';

afterAll(stopAll);

describe.runIf(process.platform === 'linux')('list --json owners', () => {
  it('lists parent and workers as owners [{pid, process, user}], the parent first', async () => {
    const shared = await spawnSharedListener(2);
    const r = await runCli(['list', '--json', '--port', String(shared.port), '--state', 'LISTEN']);
    expect(r.code).toBe(0);
    const sockets = (
      JSON.parse(r.stdout) as {
        sockets: { localPort: number; pid: number | null; owners: { pid: number; process: string; user: string }[] }[];
      }
    ).sockets.filter((s) => s.localPort === shared.port);
    expect(sockets).toHaveLength(1);
    const user = os.userInfo().username;
    const workers = [...shared.workers].sort((a, b) => a - b);
    expect(sockets[0].pid).toBe(shared.parent);
    expect(sockets[0].owners).toEqual([
      { pid: shared.parent, process: 'node', user },
      ...workers.map((pid) => ({ pid, process: 'node', user })),
    ]);
    const ss = execFileSync('ss', ['-tlnpH', `sport = :${shared.port}`], { encoding: 'utf8' });
    const ssPids = [...ss.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(ssPids).toEqual([shared.parent, ...workers].sort((a, b) => a - b));
  });
});
