// ProcessTrafficView: a listener shared by a master and its workers is on every holder's row, bytes go to the
// owner once, the hidden-owners row counts its sockets, and a process that stopped holding sockets is idle or exited.
import { describe, expect, it } from 'vitest';
import type { Socket } from '../../model/socket';
import { sock } from '../../test-support/sockets';
import { ProcessTrafficView } from './process-traffic';
import { processInfo as info, sharedListener, worker } from '../../test-support/processes';

const listener = sharedListener({ process: 'nginx' });
const conn = (sent: number, over: Partial<Socket> = {}) =>
  sock({
    key: 'c',
    pid: 11,
    process: 'nginx',
    localPort: 80,
    remoteAddress: '203.0.113.9',
    remotePort: 50000,
    owners: [worker],
    metrics: { rttMs: 1, retransmits: 0, bytesSent: sent, bytesReceived: 0 },
    ...over,
  });
const processes = new Map([
  [10, info(10, 'nginx')],
  [11, info(11, 'nginx')],
]);
const hiddenKey = (n: number) => (n === 1 ? 'owners.hiddenOne' : 'owners.hiddenMany');

describe('ProcessTrafficView', () => {
  it('lists a shared listener on master and worker, credits bytes once, and counts hidden sockets', () => {
    const v = new ProcessTrafficView();
    const hidden = [1, 2].map((i) => sock({ key: `h${i}`, pid: null, process: null, owners: [], localPort: 9000 + i }));
    const t0 = [listener, conn(0), ...hidden];
    const table = new Map(t0.map((s) => [s.key, s]));
    v.apply({ added: t0, changed: [], removed: [], takenAt: 0, table, processes }, []);
    const next = conn(5000);
    table.set('c', next);
    v.apply({ added: [], changed: [next], removed: [], takenAt: 1000, table, processes }, []);
    const list = v.list(table, () => true, hiddenKey, 'kernel');
    const row = (pid: number | null) => list.processes.find((p) => p.pid === pid);
    expect(row(10)).toMatchObject({ status: 'live', listening: [{ proto: 'tcp', port: 80 }], connections: 0 });
    expect(row(11)).toMatchObject({ status: 'live', listening: [{ proto: 'tcp', port: 80 }], connections: 1 });
    expect(row(11)?.sentBytes).toBe(5000);
    expect(row(11)?.sentBytesPerSec).toBe(5000);
    expect(row(10)?.sentBytes).toBe(0);
    expect(list.hidden).toEqual({ sockets: 2, reasonKey: 'owners.hiddenMany' });
    expect(list.destinations[0]).toMatchObject({ address: '203.0.113.9', sentBytes: 5000, connections: 1 });
  });

  it('keeps a process that stopped holding sockets, idle while it runs, exited once gone, with its totals', () => {
    const v = new ProcessTrafficView();
    const table = new Map([['c', conn(0)]]);
    v.apply({ added: [conn(0)], changed: [], removed: [], takenAt: 0, table, processes }, []);
    table.set('c', conn(700));
    v.apply({ added: [], changed: [conn(700)], removed: [], takenAt: 1000, table, processes }, []);
    table.clear();
    v.apply({ added: [], changed: [], removed: ['c'], takenAt: 2000, table, processes }, []);
    expect(v.list(table, () => true, hiddenKey, 'kernel').processes[0]).toMatchObject({
      pid: 11,
      status: 'idle',
      sentBytes: 700,
      goneAt: 2000,
    });
    expect(v.list(table, () => false, hiddenKey, 'kernel').processes[0].status).toBe('exited');
  });
});
