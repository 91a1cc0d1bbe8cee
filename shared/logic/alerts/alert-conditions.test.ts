// The conditions of one tick, from one walk of the table: TIME_WAIT and CLOSE_WAIT counts, ephemeral port usage.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../model/alerts';
import type { Socket } from '../../model/socket';
import { sock } from '../../test-support/sockets';
import { evaluateConditions, listenerOwners, type ConditionInput } from './alert-conditions';

const T0 = 1_700_000_000_000;
/** A 100-port ephemeral range and small thresholds, so each condition is easy to reach. */
const at = (sockets: Socket[]): ConditionInput => ({
  sockets,
  now: T0,
  watchedPorts: [],
  thresholds: { ...DEFAULT_THRESHOLDS, timeWaitCount: 10, closeWaitCount: 5, closeWaitAgeMs: 3_600_000 },
  newConnectionsPerSec: 0,
  ephemeral: { low: 40000, high: 40099, excluded: 0, source: 'default' },
});
const many = (n: number, over: (i: number) => Partial<Socket>): Socket[] =>
  Array.from({ length: n }, (_, i) => sock({ stateSince: T0, ...over(i) }));
const kinds = (sockets: Socket[]) =>
  evaluateConditions(at(sockets))
    .map((c) => `${c.kind} ${c.params.count ?? ''}`.trim())
    .sort();

describe('evaluateConditions', () => {
  it('counts TCP TIME_WAIT only, and raises at the threshold', () => {
    const tw = (n: number) => many(n, (i) => ({ state: 'TIME_WAIT', localPort: 20000 + i }));
    const udp = many(5, (i) => ({ proto: 'udp', state: 'TIME_WAIT', localPort: 21000 + i }));
    expect(kinds([...tw(9), ...udp])).toEqual([]);
    expect(kinds([...tw(10), ...udp])).toEqual(['time-wait-count 10']);
  });

  it('counts CLOSE_WAIT per process', () => {
    const cw = (pid: number, n: number) =>
      many(n, (i) => ({ state: 'CLOSE_WAIT', pid, process: `p${pid}`, localPort: 20000 + pid * 100 + i }));
    expect(kinds([...cw(1, 5), ...cw(2, 4)])).toEqual(['close-wait-count 5']);
  });

  it('finds ephemeral usage from TIME_WAIT and live sockets alike, leaving out listeners, unconnected and other ports', () => {
    // 55 of the 100 ports towards one endpoint: 30 established, 25 in TIME_WAIT.
    const to = (n: number, state: Socket['state'], from = 40000) =>
      many(n, (i) => ({ state, localPort: from + i, remoteAddress: '10.0.0.5', remotePort: 5432 }));
    const noise = [
      ...many(30, (i) => ({ state: 'LISTEN', localPort: 40060 + i, remoteAddress: '0.0.0.0', remotePort: 0 })),
      ...many(30, (i) => ({ state: 'ESTABLISHED', localPort: 30000 + i, remoteAddress: '10.0.0.5', remotePort: 5432 })),
    ];
    const got = evaluateConditions(at([...to(30, 'ESTABLISHED'), ...to(25, 'TIME_WAIT', 40030), ...noise]));
    expect(got.filter((c) => c.kind === 'ephemeral-usage').map((c) => [c.severity, c.params.count])).toEqual([
      ['warning', 55],
    ]);
    expect(kinds([...to(30, 'ESTABLISHED'), ...to(19, 'TIME_WAIT', 40030), ...noise])).toEqual(['time-wait-count 19']);
  });
});

describe('listenerOwners', () => {
  it('names who listens on each watched port, and nothing when none is watched', () => {
    const l = sock({
      state: 'LISTEN',
      localPort: 8080,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      pid: 7,
      process: 'web',
    });
    expect(listenerOwners([l], [])).toEqual(new Map());
    expect(listenerOwners([l], [8080, 9090])).toEqual(
      new Map([
        [8080, ['7/web']],
        [9090, []],
      ]),
    );
  });
});
